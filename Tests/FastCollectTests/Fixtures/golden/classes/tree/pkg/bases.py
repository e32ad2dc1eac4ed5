class ApiChecks:
    def test_status_ok(self):
        assert True


class TestPackageBase:
    def test_in_base_module(self):
        assert True
