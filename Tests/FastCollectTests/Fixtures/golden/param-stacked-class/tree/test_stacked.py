import pytest

pytestmark = [pytest.mark.parametrize("mod", ["m1", "m2"])]


@pytest.mark.parametrize("x", [1, 2])
@pytest.mark.parametrize("y", ["a", "b", "c"])
def test_stacked(x, y, mod):
    pass


@pytest.mark.parametrize(("p", "q"), [(1, 2), (3, 4)], ids=["first", "second"])
@pytest.mark.parametrize(["r"], [[True], [False]])
def test_argname_forms(p, q, r, mod):
    pass


@pytest.mark.parametrize("a", [10, 20])
class TestClassLevel:
    def test_plain(self, a, mod):
        pass

    @pytest.mark.parametrize("b", [0.5])
    def test_method(self, a, b, mod):
        pass


class TestPytestmarkOnClass:
    pytestmark = pytest.mark.parametrize("c", ["x", "y"])

    def test_one(self, c, mod):
        pass

    @pytest.mark.parametrize("d", [None])
    def test_two(self, c, d, mod):
        pass


class TestPytestmarkList:
    pytestmark = [pytest.mark.slow, pytest.mark.parametrize("e, f", [(1, 2), pytest.param(3, 4, id="three-four")])]

    def test_list(self, e, f, mod):
        pass


class TestInherits(TestClassLevel):
    def test_child(self, a, mod):
        pass


@pytest.fixture
def ind(request):
    return request.param


@pytest.mark.parametrize("ind", [1, 2], indirect=True)
def test_indirect(ind, mod):
    pass
