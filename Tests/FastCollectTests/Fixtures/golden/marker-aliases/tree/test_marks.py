import pytest
from pytest import mark

mark_alias = pytest.mark
slow = pytest.mark.slow
db_sqlite = pytest.mark.db(name="sqlite")

pytestmark = pytest.mark.smoke


@slow
def test_alias_slow():
    pass


@mark.network
def test_from_import():
    pass


@mark_alias.db(name="postgres")
def test_namespace_alias():
    pass


@db_sqlite
def test_called_alias():
    pass


@pytest.mark.skipif(False, reason="never")
@pytest.mark.xfail(reason="x")
def test_builtin_marks():
    pass


@pytest.mark.parametrize("n", [1, pytest.param(2, marks=pytest.mark.slow), pytest.param(3, marks=[slow, mark.network])])
def test_param_marks(n):
    pass


@slow
class TestSlowClass:
    pytestmark = [mark.network]

    def test_inherits(self):
        pass


class TestBase:
    pytestmark = pytest.mark.db(name="base")

    def test_base(self):
        pass


class TestChild(TestBase):
    def test_child(self):
        pass


@pytest.mark.usefixtures("tmp_path")
@pytest.mark.filterwarnings("ignore")
def test_other_builtin_marks():
    pass
