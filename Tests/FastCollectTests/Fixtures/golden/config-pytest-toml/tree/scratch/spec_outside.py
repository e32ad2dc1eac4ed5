def test_outside_testpaths():
    assert True
