from mypkg.util import core


def test_unrelated():
    assert core
