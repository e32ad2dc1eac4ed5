import pytest

from mypkg import util


@pytest.fixture
def number():
    return 3
