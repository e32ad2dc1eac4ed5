from helpers import test_shared
from helpers import check_helper as test_renamed_import
from helpers import TestSharedClass


def test_local():
    assert True
