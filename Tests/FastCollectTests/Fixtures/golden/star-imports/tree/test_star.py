import pytest

import pkg
from pkg.colors import *
from pkg.shapes import *


@pytest.mark.parametrize("cls", [pkg.Square])
def test_not_rebound(cls):
    pass


@pytest.mark.parametrize("value", [pkg.Circle])
def test_rebound_by_a_later_star_import(value):
    pass


@pytest.mark.parametrize("value", [RED, BLUE, Circle])
def test_names_from_star_imports_here(value):
    pass


_private = "mine"


@pytest.mark.parametrize("value", [_private])
def test_private_names_are_not_imported(value):
    pass
