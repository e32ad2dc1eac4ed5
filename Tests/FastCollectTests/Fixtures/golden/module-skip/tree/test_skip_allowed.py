import pytest


@pytest.mark.before_the_skip
def test_marked_before():
    pass


pytest.skip("not here", allow_module_level=True)


@pytest.mark.after_the_skip
def test_marked_after():
    pass
