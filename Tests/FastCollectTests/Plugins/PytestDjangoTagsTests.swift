import Testing

@testable import FastCollect

/// pytest-django's tag marks, on a tree whose `-m` selections real pytest-django (4.14.0, with
/// Django 5.2.19) printed. Django's `tag`, `SimpleTestCase` and `screenshot_cases` are stand-ins
/// at the paths the model recognises.
@Suite struct PytestDjangoTagsTests {
    private static let tree: [String: String] = [
        "pytest.ini": "[pytest]\nDJANGO_SETTINGS_MODULE = settings\npythonpath = .\n",
        "django/__init__.py": "",
        "django/test/__init__.py": "from django.test.testcases import SimpleTestCase\nfrom django.test.utils import tag\n",
        "django/test/testcases.py": "import unittest\n\n\nclass SimpleTestCase(unittest.TestCase):\n    pass\n",
        "django/test/utils.py": """
            def tag(*tags):
                def decorator(obj):
                    if hasattr(obj, "tags"):
                        obj.tags = obj.tags.union(tags)
                    else:
                        setattr(obj, "tags", set(tags))
                    return obj

                return decorator

            """,
        "django/test/selenium.py": """
            def screenshot_cases(method_names):
                def wrapper(func):
                    func._screenshot_cases = method_names
                    setattr(func, "tags", {"screenshot"}.union(getattr(func, "tags", set())))
                    return func

                return wrapper

            """,
        "test_tags.py": """
            from django.test import SimpleTestCase, tag
            from django.test.selenium import screenshot_cases
            import unittest


            @tag("base")
            class Base(SimpleTestCase):
                def test_base(self):
                    pass


            class Inherits(Base):
                def test_inherits(self):
                    pass


            @tag("own", "extra")
            class Adds(Base):
                @tag("method")
                def test_adds(self):
                    pass


            class Body(SimpleTestCase):
                tags = {"body"}

                def test_body(self):
                    pass


            @tag("deco")
            class BodyAndDecorator(SimpleTestCase):
                tags = {"body2"}

                @screenshot_cases(["desktop_size"])
                def test_both(self):
                    pass


            @tag("outer")
            @tag("inner")
            class Stacked(SimpleTestCase):
                def test_stacked(self):
                    pass


            @tag("plain")
            class NotDjango(unittest.TestCase):
                @tag("plainmethod")
                def test_not_django(self):
                    pass


            class ListBody(SimpleTestCase):
                tags = ["listed"]

                def test_listed(self):
                    pass

            """,
    ]

    private func selected(_ marker: String) throws -> [String] {
        let root = try TemporaryTree.make(Self.tree)
        let config = try ConfigDiscovery.discover(
            arguments: ["test_tags.py"], configFile: nil, rootdirOption: nil, invocationDirectory: root)
        var options = CollectOptions(invocationDirectory: root)
        options.arguments = ["test_tags.py"]
        options.marker = marker
        let result = try CollectionSession(config: config, options: options).run()
        #expect(result.dynamicFiles.isEmpty)
        return result.items.map { result.nodes[Int($0)].nodeID.replacingOccurrences(of: "test_tags.py::", with: "") }
    }

    @Test(arguments: [
        ("base", ["Base::test_base", "Inherits::test_base", "Inherits::test_inherits", "Adds::test_adds", "Adds::test_base"]),
        ("own and extra", ["Adds::test_adds", "Adds::test_base"]),
        ("method", ["Adds::test_adds"]),
        ("body", ["Body::test_body"]),
        ("body2 and deco and screenshot", ["BodyAndDecorator::test_both"]),
        ("outer and inner", ["Stacked::test_stacked"]),
        ("plain or plainmethod", []),
        ("listed", ["ListBody::test_listed"]),
    ])
    func tagsAreMarks(marker: String, expected: [String]) throws {
        #expect(try selected(marker) == expected)
    }

    /// A tag that is not a string literal: the module's marks cannot be known.
    @Test func unreadableTagMakesTheModuleDynamic() throws {
        let root = try TemporaryTree.make(Self.tree)
        try TemporaryTree.write(
            root + "/test_computed.py",
            "from django.test import SimpleTestCase, tag\n\nNAME = 'x'\n\n\n@tag(NAME)\nclass Computed(SimpleTestCase):\n    def test_a(self):\n        pass\n")
        let config = try ConfigDiscovery.discover(
            arguments: ["test_computed.py"], configFile: nil, rootdirOption: nil, invocationDirectory: root)
        var options = CollectOptions(invocationDirectory: root)
        options.arguments = ["test_computed.py"]
        let result = try CollectionSession(config: config, options: options).run()
        #expect(result.dynamicFiles.map(\.path) == [root + "/test_computed.py"])
        #expect(result.dynamicFiles.first?.reasons == ["@tag with tags that are not string literals"])
    }
}
