import pytest


@pytest.fixture
def numbers():
    return [3, 1, 2]


def test_in_conftest_is_not_collected():
    assert False
