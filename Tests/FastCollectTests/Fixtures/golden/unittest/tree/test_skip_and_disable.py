import unittest


@unittest.skip("not ready")
class SkippedCase(unittest.TestCase):
    def test_skipped_but_collected(self):
        pass


class DisabledCase(unittest.TestCase):
    __test__ = False

    def test_never(self):
        pass


class EnabledCase(unittest.TestCase):
    @unittest.skip("method level")
    def test_method_skip(self):
        pass

    @unittest.expectedFailure
    def test_expected_failure(self):
        self.fail()
