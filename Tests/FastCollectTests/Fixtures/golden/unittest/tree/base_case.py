import unittest


class ServiceTestBase(unittest.TestCase):
    service = None

    def setUp(self):
        self.service = object()

    def test_service_exists(self):
        self.assertIsNotNone(self.service)


class AbstractBase(unittest.TestCase):
    def helper(self):
        return 1
