import pytest


@pytest.fixture
def broken(:
    return 1
