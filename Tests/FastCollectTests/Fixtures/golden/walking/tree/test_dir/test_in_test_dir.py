def test_in_test_dir():
    assert True
