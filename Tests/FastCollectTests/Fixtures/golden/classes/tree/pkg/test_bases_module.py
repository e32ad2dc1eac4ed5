from pkg.bases import TestPackageBase as TestAliasedBase


def test_after_import():
    assert True
