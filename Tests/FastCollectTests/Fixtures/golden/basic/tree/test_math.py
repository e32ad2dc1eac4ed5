import math


def square(x):
    return x * x


def test_square(numbers):
    assert [square(n) for n in numbers] == [9, 1, 4]


def test_sqrt():
    assert math.sqrt(16) == 4


def helper_not_a_test():
    return 42


def testcompact():
    assert square(0) == 0


async def test_async_square():
    assert square(2) == 4


test_value = 3


class TestCalculator:
    factor = 2

    def test_double(self):
        assert self.factor * 2 == 4

    def helper(self):
        return self.factor

    def test_helper(self):
        assert self.helper() == 2

    async def test_async_method(self):
        assert True


class Calculator:
    def test_not_collected(self):
        assert False


class Testing:
    def testit(self):
        assert True
