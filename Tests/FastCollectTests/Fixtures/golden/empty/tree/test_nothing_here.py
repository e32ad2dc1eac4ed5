"""A test module that holds no tests yet."""

import os

CONSTANT = os.sep


def helper():
    return CONSTANT
