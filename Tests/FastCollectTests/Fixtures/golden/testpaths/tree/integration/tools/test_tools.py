def test_not_matched_by_the_glob():
    assert True
