import pytest


@pytest.fixture(params=["a", "b"], scope="module")
def backend(request):
    return request.param


@pytest.fixture(params=[1, 2], scope="class")
def level(request):
    return request.param
