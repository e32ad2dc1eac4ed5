import Testing

@testable import FastCollect

@Suite struct CollectionArgumentTests {
    private func argument(_ path: String, _ parts: [String] = [], _ param: String? = nil, _ index: Int) -> CollectionArgument {
        CollectionArgument(path: path, parts: parts, parametrization: param, originalIndex: index, text: path)
    }

    @Test func duplicatesAndContainedArgumentsGoKeepingOrder() {
        let given = [
            argument("/r/b.py", ["T"], nil, 0), argument("/r", [], nil, 1), argument("/r/b.py", [], nil, 2),
        ]
        #expect(CollectionArgument.normalize(given).map(\.originalIndex) == [1])
    }

    @Test func nodeIDsInOneFileStay() {
        let given = [argument("/r/a.py", ["test_g"], nil, 0), argument("/r/a.py", ["TestX", "test_n"], nil, 1)]
        #expect(CollectionArgument.normalize(given).map(\.originalIndex) == [0, 1])
    }

    @Test func parametrizedArgumentIsContainedInItsFunction() {
        let given = [argument("/r/a.py", ["t"], "[1]", 0), argument("/r/a.py", ["t"], nil, 1)]
        #expect(CollectionArgument.normalize(given).map(\.originalIndex) == [1])
    }

    @Test func missingPathIsAUsageError() {
        #expect(throws: CollectError.usage("file or directory not found: nope.py")) {
            try CollectionArgument.resolve("nope.py", index: 0, invocationDirectory: "/nonexistent-dir")
        }
    }

    @Test func parametrizationWithoutPartsIsAUsageError() {
        #expect(throws: CollectError.usage("path cannot contain [] parametrization: /tmp[1]")) {
            try CollectionArgument.resolve("/tmp[1]", index: 0, invocationDirectory: "/")
        }
    }
}
