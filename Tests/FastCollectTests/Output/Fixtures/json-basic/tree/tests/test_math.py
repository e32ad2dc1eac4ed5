import pytest

from mypkg import add
from helpers import double

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("a,b", [(1, 2), (3, 4)], ids=["small", "big"])
def test_add(a, b):
    assert add(a, b) == a + b


def test_double(number):
    assert double(number) == 6


class TestMath:
    @pytest.mark.xfail(reason="demo")
    def test_fails(self):
        assert False
