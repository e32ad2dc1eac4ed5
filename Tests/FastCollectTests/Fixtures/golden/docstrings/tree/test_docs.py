"""Module doc.

More."""
import os

class TestA:
    """Class doc."""
    x = 1

    def test_one(self):
        """  First line.

            indented
        """
        pass

    async def test_two(self):
        return "not a doc"

def test_three():
    "single"; pass

def test_four():
    x = 1
    "not doc"
