import Testing

@testable import FastCollect

/// Warnings pytest's summary shows, where the class they are about is not in the project:
/// a standard-library class imported under a test name, found in the interpreter's own
/// standard library, and located as pytest's `bestrelpath` from the invocation directory.
@Suite struct CollectionWarningTests {
    /// A tree with a virtualenv whose `home` points at a fake interpreter holding a fake
    /// standard library (`unittest` re-exports `TestSuite` from `unittest.suite`).
    private static func tree() throws -> String {
        try TemporaryTree.make([
            "pytest.ini": "[pytest]\n",
            ".venv/lib/python3.11/site-packages/README.txt": "",
            "tests/test_runner.py": """
                from unittest import TestResult, TestSuite as TestGroup
                from unittest.suite import TestSuite


                def test_plain():
                    pass

                """,
        ])
    }

    private static func standardLibrary(under root: String) throws -> String {
        let library = root + "/python/lib/python3.11"
        try TemporaryTree.write(library + "/os.py", "")
        try TemporaryTree.write(library + "/unittest/__init__.py", "from .result import TestResult\nfrom .suite import BaseTestSuite, TestSuite\n")
        try TemporaryTree.write(
            library + "/unittest/suite.py",
            "class BaseTestSuite(object):\n    def __init__(self, tests=()):\n        self._tests = []\n\n\nclass TestSuite(BaseTestSuite):\n    pass\n")
        try TemporaryTree.write(library + "/unittest/result.py", "import io\n\n\nclass TestResult(object):\n    def __init__(self):\n        pass\n")
        return library
    }

    @Test func theEnvironmentsStandardLibraryIsFound() throws {
        let root = try Self.tree()
        try TemporaryTree.write(root + "/.venv/pyvenv.cfg", "home = \(root)/python/bin\nversion = 3.11.7\n")
        #expect(SitePackages.interpreter(rootdir: root, environment: [:]).standardLibrary == nil)  // no os.py yet
        let library = try Self.standardLibrary(under: root)
        #expect(SitePackages.interpreter(rootdir: root, environment: [:]).standardLibrary == library)
        #expect(SitePackages.interpreter(rootdir: root + "/tests", environment: [:]).standardLibrary == nil)
    }

    @Test func aStandardLibraryTestClassWarnsAtItsDefinition() throws {
        let root = try Self.tree()
        let library = try Self.standardLibrary(under: root)
        let invocation = root + "/tests"
        let config = try ConfigDiscovery.discover(
            arguments: [], configFile: nil, rootdirOption: nil, invocationDirectory: invocation, overrideIni: [])
        let session = try CollectionSession(config: config, options: CollectOptions(invocationDirectory: invocation))
        session.graph.standardLibrary = library
        let result = try session.run()
        let origin = "tests/test_runner.py"
        #expect(
            result.warnings.map(\.location) == [
                "../python/lib/python3.11/unittest/result.py:4", "../python/lib/python3.11/unittest/suite.py:6",
                "../python/lib/python3.11/unittest/suite.py:6",
            ])
        #expect(
            result.warnings.map { $0.lines } == [
                [
                    "  \(library)/unittest/result.py:4: PytestCollectionWarning: cannot collect test class 'TestResult' because it has a __init__ constructor (from: \(origin))",
                    "    class TestResult(object):",
                ],
                [
                    "  \(library)/unittest/suite.py:6: PytestCollectionWarning: cannot collect test class 'TestSuite' because it has a __init__ constructor (from: \(origin))",
                    "    class TestSuite(BaseTestSuite):",
                ],
                [
                    "  \(library)/unittest/suite.py:6: PytestCollectionWarning: cannot collect test class 'TestSuite' because it has a __init__ constructor (from: \(origin))",
                    "    class TestSuite(BaseTestSuite):",
                ],
            ])
        #expect(result.warnings.first?.raised?.filename == library + "/unittest/result.py")
        #expect(result.warnings.first?.raised?.lineno == 4)
    }

    /// Without a standard library to read, nothing is said (as before): no location to give.
    @Test func withoutAStandardLibraryNoWarning() throws {
        let root = try Self.tree()
        let config = try ConfigDiscovery.discover(
            arguments: [], configFile: nil, rootdirOption: nil, invocationDirectory: root, overrideIni: [])
        let session = try CollectionSession(config: config, options: CollectOptions(invocationDirectory: root))
        session.graph.standardLibrary = nil
        let result = try session.run()
        #expect(result.warnings.isEmpty)
        #expect(result.items.count == 1)
    }
}
