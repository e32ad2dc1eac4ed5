import pytest

pytest.skip("forgot the flag")


def test_never():
    pass
