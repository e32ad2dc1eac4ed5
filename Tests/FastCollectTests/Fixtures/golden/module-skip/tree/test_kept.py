import pytest

if False:
    pytest.skip("never", allow_module_level=True)


def skip(reason, allow_module_level=False):
    pass


skip("a function of the module's own", allow_module_level=True)


def test_kept():
    pass
