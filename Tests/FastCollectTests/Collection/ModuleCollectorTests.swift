import Testing

@testable import FastCollect

@Suite struct ModuleCollectorTests {
    /// pytest's IGNORED_ATTRIBUTES and nothing else, whatever the shortcut on `__`.
    @Test func ignoredAttributesAreExactlyPytests() {
        for name in ModuleCollector.ignoredAttributes {
            #expect(ModuleCollector.isIgnoredAttribute(name), "\(name)")
        }
        for name in ["", "_", "__", "test_x", "_private", "__custom__", "__init", "Test__init__", "__init__x"] {
            #expect(!ModuleCollector.isIgnoredAttribute(name), "\(name)")
        }
    }
}
