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

    /// The interpreter's version from `pyvenv.cfg`: virtualenv's and uv's `version_info`, the
    /// standard library's `version`; a pre-release, or no environment, is not known.
    @Test func interpreterVersionComesFromPyvenvCfg() throws {
        let root = TemporaryTree.make()
        let cases: [(text: String, version: PythonVersion?)] = [
            ("home = /usr/bin\nversion = 3.11.7\n", PythonVersion(major: 3, minor: 11, micro: 7)),
            ("version_info = 3.12.1.final.0\r\nversion = 9.9.9\r\n", PythonVersion(major: 3, minor: 12, micro: 1)),
            ("version_info = 3.14.0.candidate.1\n", nil),
            ("home = /usr/bin\n", nil),
        ]
        for (index, (text, version)) in cases.enumerated() {
            let venv = root + "/venv\(index)"
            try TemporaryTree.write(venv + "/pyvenv.cfg", text)
            #expect(SitePackages.interpreter(rootdir: root, environment: ["VIRTUAL_ENV": venv]).version == version, "\(text)")
        }
        #expect(SitePackages.interpreter(rootdir: root + "/none", environment: [:]).version == nil)
    }
}
