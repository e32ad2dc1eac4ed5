def test_legacy_no_suffix():
    assert True
