import Testing

@testable import FastCollect

/// `ModuleLocator` on a small package tree; every question asked twice, since the answers are
/// cached (a missing module and a relative import beyond the top package are cached too).
@Suite struct ModuleLocatorTests {
    @Test func importsResolveTheSameWhenAskedAgain() throws {
        let root = try TemporaryTree.make([
            "pkg/__init__.py": "",
            "pkg/a.py": "",
            "pkg/sub/__init__.py": "",
            "pkg/sub/b.py": "",
            "pkg/sub/inner/__init__.py": "",
            "test_top.py": "",
        ])
        let locator = ModuleLocator(searchRoots: [root])
        let inSub = root + "/pkg/sub/b.py"
        for _ in 0..<2 {
            #expect(locator.importedModule("pkg.a", level: 0, from: root + "/test_top.py")?.file == root + "/pkg/a.py")
            let parent = locator.importedModule("a", level: 2, from: inSub)
            #expect(parent?.file == root + "/pkg/a.py" && parent?.dotted == "pkg.a")
            #expect(locator.importedModule("", level: 1, from: inSub)?.file == root + "/pkg/sub/__init__.py")
            // Beyond the top-level package: no answer at all.
            #expect(locator.importedModule("x", level: 4, from: inSub) == nil)
            // Not found (and not a known module): an answer without a file.
            let missing = locator.importedModule("nowhere.mod", level: 0, from: inSub)
            #expect(missing != nil && missing?.file == nil && missing?.dotted == "nowhere.mod")
            #expect(locator.importedModule("os.path", level: 0, from: inSub).map { $0.file == nil } == true)
            let package = root + "/pkg/sub/__init__.py"
            #expect(locator.submoduleFile("b", ofPackage: package) == root + "/pkg/sub/b.py")
            #expect(locator.submoduleFile("inner", ofPackage: package) == root + "/pkg/sub/inner/__init__.py")
            #expect(locator.submoduleFile("absent", ofPackage: package) == nil)
            #expect(locator.submoduleFile("b", ofPackage: root + "/pkg/a.py") == nil)
        }
    }

    /// The same relative import from two files of different packages names different modules.
    @Test func relativeImportsAreCachedPerImportingFile() throws {
        let root = try TemporaryTree.make([
            "one/__init__.py": "", "one/util.py": "", "one/test_x.py": "",
            "two/__init__.py": "", "two/util.py": "", "two/test_y.py": "",
        ])
        let locator = ModuleLocator(searchRoots: [root])
        #expect(locator.importedModule("util", level: 1, from: root + "/one/test_x.py")?.file == root + "/one/util.py")
        #expect(locator.importedModule("util", level: 1, from: root + "/two/test_y.py")?.file == root + "/two/util.py")
    }
}
