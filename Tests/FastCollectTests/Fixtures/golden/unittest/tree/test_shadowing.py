import unittest


class FirstMixin:
    def test_shared(self):
        pass

    def test_first_only(self):
        pass

    test_disabled_later = None


class SecondMixin:
    def test_shared(self):
        pass

    def test_second_only(self):
        pass

    def test_disabled_later(self):
        pass

    def runTest(self):
        pass


class ShadowedBase(unittest.TestCase):
    def test_base(self):
        pass

    def test_overridden(self):
        pass


class Shadowing(FirstMixin, SecondMixin, ShadowedBase):
    def test_overridden(self):
        pass

    @property
    def test_property(self):
        return 1


class OnlyRunTestInBases(SecondMixin, unittest.TestCase):
    test_shared = None
    test_second_only = None
    test_disabled_later = None
