import pytest


@pytest.fixture(params=[3, 4])
def size(request):
    return request.param


def test_override(backend, size):
    pass


def test_engine_uses_override(engine):
    pass


@pytest.mark.parametrize("backend", ["direct"])
def test_parametrize_wins(backend):
    pass


class TestInClass:
    @pytest.fixture(params=["c1", "c2"])
    def backend(self, request):
        return request.param

    def test_class_override(self, backend, size):
        pass
