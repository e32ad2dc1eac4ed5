import sys
import unittest

import pytest


@pytest.mark.slow
class TestCase(unittest.TestCase):
    def test_case(self):
        pass

    @unittest.skipIf(sys.platform == "win32", "not on windows")
    def test_skip_if_false(self):
        pass

    @unittest.skipUnless(sys.platform == "win32", "only windows")
    def test_skip_unless_false(self):
        pass
