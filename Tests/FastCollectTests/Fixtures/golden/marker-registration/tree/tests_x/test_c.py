import pytest


@pytest.mark.early
@pytest.mark.late
def test_early():
    pass
