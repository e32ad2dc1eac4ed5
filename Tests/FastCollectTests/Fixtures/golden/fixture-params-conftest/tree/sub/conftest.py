import pytest


@pytest.fixture(params=["mysql"])
def backend(request):
    return request.param


@pytest.fixture
def size():
    return 0
