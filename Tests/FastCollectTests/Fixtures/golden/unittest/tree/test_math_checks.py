import unittest


class MathChecks(unittest.TestCase):
    def test_sub(self):
        self.assertEqual(3 - 1, 2)

    def test_add(self):
        self.assertEqual(1 + 1, 2)

    def testMultiply(self):
        self.assertEqual(2 * 3, 6)

    def check_divide(self):
        self.fail("not a unittest test name")

    def tester(self):
        pass

    test_attribute = 3


class RunTestOnly(unittest.TestCase):
    def runTest(self):
        self.assertTrue(True)


class RunTestIgnoredWhenTestsExist(unittest.TestCase):
    def runTest(self):
        self.fail("never collected")

    def test_real(self):
        pass


class TestNotATestCase:
    def test_plain_pytest_class(self):
        assert True
