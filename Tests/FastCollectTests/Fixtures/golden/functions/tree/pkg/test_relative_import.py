from .common import test_common_behaviour


def test_own():
    assert True
