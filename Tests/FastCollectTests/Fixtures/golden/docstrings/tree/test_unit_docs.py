"""Unittest cases and their docstrings."""
import unittest


class BaseChecks(unittest.TestCase):
    """Shared checks."""

    def test_shared(self):
        """Inherited docstring."""


class DerivedChecks(BaseChecks):
    def test_shared(self):
        pass

    def test_own(self):
        """Own.

        Second paragraph.
        """


class PlainChecks(unittest.TestCase):
    def test_plain(self):
        pass
