import pytest


@pytest.mark.late
@pytest.mark.slow
def test_late():
    pass
