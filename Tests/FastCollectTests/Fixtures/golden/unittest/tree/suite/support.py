import unittest


class SupportBase(unittest.TestCase):
    def test_support(self):
        pass
