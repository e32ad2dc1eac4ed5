import Testing

@testable import FastCollect

@Suite struct FilePathTests {
    @Test(arguments: [
        ("/a/b/../c", "/a/c"), ("/a/./b//c/", "/a/b/c"), ("/../a", "/a"), ("/", "/"), ("//x", "/x"),
    ])
    func normalize(_ input: String, _ expected: String) {
        #expect(FilePath.normalize(input) == expected)
    }

    @Test(arguments: [
        ("x.py", "/r", "/r/x.py"), ("../y", "/r/s", "/r/y"), ("/abs", "/r", "/abs"), (".", "/r", "/r"),
    ])
    func absolute(_ path: String, _ base: String, _ expected: String) {
        #expect(FilePath.absolute(path, base: base) == expected)
    }

    @Test func relative() {
        #expect(FilePath.relative("/r/a/b.py", to: "/r") == "a/b.py")
        #expect(FilePath.relative("/r", to: "/r") == ".")
        #expect(FilePath.relative("/rx/a", to: "/r") == nil)
        #expect(FilePath.relative("/a", to: "/") == "a")
        #expect(FilePath.relative("/r", to: "/r/a") == nil)
        #expect(FilePath.relative("/r/é/ü.py", to: "/r/é") == "ü.py")
        #expect(FilePath.relative("/r/é", to: "/r/e") == nil)
    }

    @Test func ancestorsNearestFirst() {
        #expect(FilePath.ancestors("/a/b/c") == ["/a/b", "/a", "/"])
        #expect(FilePath.ancestors("/") == [])
    }

    @Test func nameParts() {
        #expect(FilePath.basename("/a/test_x.py") == "test_x.py")
        #expect(FilePath.stem("/a/test_x.py") == "test_x")
        #expect(FilePath.stem("/a/.hidden") == ".hidden")
        #expect(FilePath.parent("/a") == "/")
        #expect(FilePath.basename("x.py") == "x.py")
        #expect(FilePath.parent("x.py") == ".")
        #expect(FilePath.basename("/") == "")
        #expect(FilePath.parent("/a/é/b") == "/a/é")
        #expect(FilePath.basename("/a/é/ß.py") == "ß.py")
        #expect(FilePath.stem("/a/b.tar.gz") == "b.tar")
        #expect(FilePath.stem("/a/noext") == "noext")
    }
}
