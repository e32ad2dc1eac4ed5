import unittest

from base_case import AbstractBase, ServiceTestBase


class LoggingMixin:
    def test_from_mixin(self):
        pass

    def helper(self):
        return "log"


class OrderService(ServiceTestBase):
    def test_order(self):
        pass


class MixedCase(LoggingMixin, unittest.TestCase):
    def test_own(self):
        pass


class NoTests(AbstractBase):
    pass
