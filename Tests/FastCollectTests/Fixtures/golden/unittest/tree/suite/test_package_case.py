from unittest import TestCase

from .support import SupportBase


class PackageCase(SupportBase):
    def test_in_package(self):
        pass


class TestMixedNaming(TestCase):
    def test_b(self):
        pass

    def test_a(self):
        pass
