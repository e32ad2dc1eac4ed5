import sys

import pytest

import pkg.constants
from pkg import more
from pkg.constants import ALL, SIZES, Kind

if sys.platform == "win32":
    SEP = "\\"
else:
    SEP = "/"


def build(prefix):
    names = [prefix + SEP + part for part in ("a", "b")]
    return names


@pytest.mark.parametrize("name", ALL)
def test_imported_list(name):
    pass


@pytest.mark.parametrize("size", SIZES)
def test_imported_tuple(size):
    pass


@pytest.mark.parametrize("kind", list(Kind))
def test_imported_enum(kind):
    pass


@pytest.mark.parametrize("name", pkg.constants.BASE)
def test_dotted_module(name):
    pass


@pytest.mark.parametrize("name", more.DERIVED)
def test_relative_chain(name):
    pass


@pytest.mark.parametrize("path", [SEP + "x", "y" + SEP])
def test_platform_conditional(path):
    pass


@pytest.mark.parametrize("path", build("root"))
def test_helper_function(path):
    pass


class TestClassConditional:
    if sys.platform == "win32":
        drive = "c:"
    else:
        drive = "/c"

    @pytest.mark.parametrize("pattern", [f"{drive}/*.py", f"{drive}/x"])
    def test_match(self, pattern):
        pass
