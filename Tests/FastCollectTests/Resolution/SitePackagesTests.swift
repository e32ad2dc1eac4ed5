import Testing

@testable import FastCollect

/// The Python environment's import roots: site-packages, `.pth` lines and editable installs.
@Suite struct SitePackagesTests {
    /// `pip install -e` with setuptools ≥ 64 writes a finder whose `MAPPING` names each top-level
    /// package's directory; the package is importable from that directory's parent.
    @Test func editableFinderMappingAddsThePackagesParent() throws {
        let root = TemporaryTree.make()
        let site = root + "/venv/lib/python3.11/site-packages"
        try TemporaryTree.write(root + "/venv/pyvenv.cfg", "home = /usr/bin\n")
        try TemporaryTree.write(root + "/src/mypkg/__init__.py", "")
        try TemporaryTree.write(root + "/other/renamed/__init__.py", "")
        try TemporaryTree.write(
            site + "/__editable___mypkg_1_0_finder.py",
            """
            from __future__ import annotations
            import sys

            MAPPING: dict[str, str] = {'mypkg': '\(root)/src/mypkg', 'alias': '\(root)/other/renamed', 'gone': '\(root)/missing/gone'}
            NAMESPACES: dict[str, list[str]] = {}

            """)
        try TemporaryTree.write(site + "/__editable__.mypkg-1.0.pth", "import __editable___mypkg_1_0_finder; __editable___mypkg_1_0_finder.install()\n")
        #expect(SitePackages.editableRoots(site + "/__editable___mypkg_1_0_finder.py") == [root + "/src"])
        let directories = SitePackages.directories(rootdir: root + "/project", environment: ["VIRTUAL_ENV": root + "/venv"])
        #expect(directories == [site, root + "/src"])
    }
}
