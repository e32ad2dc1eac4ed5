class SharedChecks:
    def test_shared_behaviour(self):
        assert True

    def helper(self):
        return 2


class TestImportedBase:
    def test_from_imported_base(self):
        assert True
