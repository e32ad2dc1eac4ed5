import datetime
import decimal
import unittest
from collections import namedtuple

test_path = __file__
test_length = len


class TestPop:
    class ParentWarning(Warning):
        pass

    class ChildWarning(ParentWarning):
        pass

    class TestInner(ParentWarning):
        pass

    class CaseInside(unittest.TestCase):
        def test_inner_case(self):
            pass

    def test_a(self):
        pass


class TestPoint(namedtuple("Point", "x y")):
    def test_b(self):
        pass


class Money(decimal.Decimal):
    def test_not_collected(self):
        pass


class TestStamp(datetime.datetime):
    def test_d(self):
        pass


class Checks(unittest.TestCase):
    def test_e(self):
        pass


class TestNumber(int):
    def test_f(self):
        pass


class TestTable(dict):
    def test_g(self):
        pass
