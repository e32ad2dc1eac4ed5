import pytest


@pytest.mark.parametrize("mode", ["fast", "slow"], scope="module")
def test_mode(mode):
    pass


def test_plain():
    pass


@pytest.mark.parametrize("mode", ["fast", "slow"], scope="module")
def test_mode_again(mode):
    pass


@pytest.mark.parametrize("backend", ["x", "y", "z"], indirect=True)
def test_indirect(backend):
    pass


class TestClassScoped:
    @pytest.mark.parametrize("n", [1, 2], scope="class")
    def test_n(self, n):
        pass

    def test_m(self):
        pass

    @pytest.mark.parametrize("n", [1, 2], scope="class")
    def test_n_again(self, n):
        pass
