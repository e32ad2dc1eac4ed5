def test_good_one():
    assert True


class TestGood:
    def test_method(self):
        assert True
