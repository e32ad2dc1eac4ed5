def test_upper_dir():
    assert True
