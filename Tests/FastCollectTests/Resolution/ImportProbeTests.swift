import Testing

@testable import FastCollect

/// `import name` answered from the folders of the import path: what is found imports; what is
/// not found does not, in a closed environment only.
@Suite struct ImportProbeTests {
    @Test func findsPackagesModulesAndExtensions() throws {
        let root = try TemporaryTree.make([
            "site/pkg/__init__.py": "",
            "site/pkg/sub.py": "",
            "site/namespace/part.py": "",
            "site/mod.py": "",
            "site/fast.cpython-311-x86_64-linux-gnu.so": "",
            "site/plain.so": "",
            "project/helpers.py": "",
        ])
        let cases: [(name: String, closed: Bool?, open: Bool?)] = [
            ("pkg", true, true),
            ("pkg.sub", true, true),
            ("pkg.missing", false, nil),
            ("namespace", true, true),
            ("namespace.elsewhere", nil, nil),
            ("mod", true, true),
            ("mod.attribute", nil, nil),
            ("fast", true, true),
            ("plain", true, true),
            ("sys", true, true),
            ("helpers", true, true),
            ("not_installed", false, nil),
        ]
        let closed = ImportProbe(roots: [root + "/site"], isClosed: true)
        let open = ImportProbe(roots: [root + "/site"], isClosed: false)
        for (name, whenClosed, whenOpen) in cases {
            #expect(closed.importable(name, extraRoots: [root + "/project"]) == whenClosed, "\(name), closed")
            #expect(open.importable(name, extraRoots: [root + "/project"]) == whenOpen, "\(name), open")
        }
    }
}
