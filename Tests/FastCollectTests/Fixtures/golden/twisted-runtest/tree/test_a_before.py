from twisted.trial._synctest import SynchronousTestCase


# twisted.trial.unittest is not imported yet: the inherited runTest is an item.
class TestEmptyBefore(SynchronousTestCase):
    pass
