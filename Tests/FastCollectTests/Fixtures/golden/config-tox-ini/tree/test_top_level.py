def test_not_in_testpaths():
    assert True
