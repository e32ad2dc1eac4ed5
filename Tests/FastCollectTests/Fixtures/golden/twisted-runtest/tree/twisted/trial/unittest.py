from twisted.trial._synctest import SynchronousTestCase


class TestCase(SynchronousTestCase):
    pass
