import pytest
from ..colors import *
from .. import shapes

# An alias whose values come through a relative star import: pytest.mark.parametrize itself
# is looked up past that import, which does not export `pytest`.
cases = pytest.mark.parametrize("value", [RED, BLUE])


@cases
def test_alias_of_parametrize(value):
    pass


@pytest.mark.parametrize("value", [Circle, shapes.Square])
def test_direct(value):
    pass
