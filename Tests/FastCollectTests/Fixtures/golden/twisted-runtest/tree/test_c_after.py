from twisted.trial._synctest import SynchronousTestCase


class TestEmptyAfter(SynchronousTestCase):
    pass
