import pytest


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request):
    return request.param


@pytest.fixture(params=[1, 2], ids=["one", "two"])
def size(request):
    return request.param


@pytest.fixture
def engine(backend):
    return backend


@pytest.fixture(scope="module", params=["m-a", "m-b"])
def modparam(request):
    return request.param


@pytest.fixture(autouse=True, params=[pytest.param("auto", id="au")])
def auto(request):
    return request.param
