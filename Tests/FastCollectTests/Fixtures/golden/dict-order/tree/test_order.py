from helpers_order import test_imported_first


def test_b():
    assert True


def test_a():
    assert True


class TestZ:
    def test_z2(self):
        assert True

    def test_z1(self):
        assert True


def test_c():
    assert False


class TestA:
    def test_2(self):
        assert True

    def test_10(self):
        assert True

    def test_1(self):
        assert True

    def test_2(self):
        assert True


def test_c():
    assert True


def test_d():
    assert False


del test_d


def test_e():
    assert True


def test_d():
    assert True


test_b = test_a

from helpers_order import test_imported_late  # noqa: E402


class TestZ:
    def test_z3(self):
        assert True


def test_0():
    assert True


def _test_private():
    assert False


def test_CamelCase():
    assert True


def test_Ünïcode():
    assert True
