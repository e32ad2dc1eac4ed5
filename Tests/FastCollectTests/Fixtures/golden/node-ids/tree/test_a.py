class TestX:
    def test_m(self):
        assert True

    def test_n(self):
        assert True

    class TestInner:
        def test_deep(self):
            assert True


def test_f():
    assert True


def test_g():
    assert True


class TestY:
    def test_m(self):
        assert True
