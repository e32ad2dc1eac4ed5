class ShouldValidate:
    def test_ok(self):
        assert True


class TestPlain:
    def test_plain(self):
        assert True


class Validation:
    def test_no(self):
        assert False
