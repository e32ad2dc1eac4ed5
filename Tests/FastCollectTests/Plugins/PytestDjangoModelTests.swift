import Testing

@testable import FastCollect

/// pytest-django's reordering, on a tree whose expected order real pytest-django (4.14.0, with
/// Django 5.2) printed for `pytest --co -q`.
@Suite struct PytestDjangoModelTests {
    @Test func itemsAreOrderedByDatabaseUseOneByOne() throws {
        let root = TemporaryTree.make()
        try TemporaryTree.write(root + "/pytest.ini", "[pytest]\nDJANGO_SETTINGS_MODULE = settings\npythonpath = .\n")
        try TemporaryTree.write(root + "/settings.py", "SECRET_KEY = \"x\"\nINSTALLED_APPS = []\nDATABASES = {}\n")
        try TemporaryTree.write(root + "/conftest.py", "import pytest\n\n\n@pytest.fixture\ndef uses_db(db):\n    pass\n")
        try TemporaryTree.write(
            root + "/test_order.py",
            """
            import pytest


            class TestPlain:
                def test_a(self):
                    pass

                def test_b(self, db):
                    pass

                def test_c(self, transactional_db):
                    pass


            def test_d(uses_db):
                pass


            @pytest.mark.django_db(transaction=True)
            def test_e():
                pass


            @pytest.mark.django_db
            def test_f():
                pass


            def test_g():
                pass

            """)
        let config = try ConfigDiscovery.discover(
            arguments: [], configFile: nil, rootdirOption: nil, invocationDirectory: root)
        let result = try CollectionSession(config: config, options: CollectOptions(invocationDirectory: root)).run()
        #expect(
            result.items.map { result.nodes[Int($0)].nodeID } == [
                "test_order.py::TestPlain::test_b",
                "test_order.py::test_d",
                "test_order.py::test_f",
                "test_order.py::TestPlain::test_c",
                "test_order.py::test_e",
                "test_order.py::TestPlain::test_a",
                "test_order.py::test_g",
            ])
    }
}
