import pytest


@pytest.mark.unregistered
def test_marked():
    pass


@pytest.mark.unregistered
@pytest.mark.another_one
def test_marked_twice():
    pass
