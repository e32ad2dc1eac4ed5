def test_cached_still_skipped():
    assert True
