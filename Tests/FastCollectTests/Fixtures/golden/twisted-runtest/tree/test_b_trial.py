from twisted.trial.unittest import SynchronousTestCase, TestCase


class FooTests(TestCase):
    def test_x(self):
        pass


class TestEmpty(SynchronousTestCase):
    pass


class TestOwnRunTest(TestCase):
    def runTest(self):
        pass
