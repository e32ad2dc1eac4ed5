import unittest


class Base(unittest.TestCase):
    def helper(self):
        pass


class FooTests(Base):
    def test_one(self):
        pass


class TestPlainBase:
    def test_inherited(self):
        pass


class TestChild(TestPlainBase):
    def test_child(self):
        pass


# The classes above keep the bases they were made with; the names go.
del Base, TestPlainBase


def test_removed():
    pass


del test_removed


class TestPlainBase:
    def test_second_definition(self):
        pass


class TestLater(TestPlainBase):
    pass
