import pytest


def test_plain():
    pass


def test_backend(backend):
    pass


@pytest.mark.parametrize("x", [10, 20])
def test_backend_x(backend, x):
    pass


class TestLevels:
    def test_level(self, level):
        pass

    def test_both(self, backend, level):
        pass

    def test_inside(self):
        pass


def test_after(backend):
    pass
