from shared_checks import SharedChecks, TestImportedBase


class TestUsesShared(SharedChecks):
    def test_own(self):
        assert True


class TestUsesImportedBase(TestImportedBase):
    def test_extra(self):
        assert True
