import unittest


class CaseTest(unittest.TestCase):
    def test_one(self):
        self.assertTrue(True)

    def test_two(self):
        pass
