from .bases import ApiChecks, TestPackageBase


class TestApi(ApiChecks):
    def test_payload(self):
        assert True


class TestDerived(TestPackageBase):
    pass
