class TestRedefined:
    def test_first_body(self):
        assert False


def test_between():
    assert True


class TestRedefined:
    def test_second_body(self):
        assert True
