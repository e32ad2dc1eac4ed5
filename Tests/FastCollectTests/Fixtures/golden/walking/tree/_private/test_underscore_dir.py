def test_underscore_dir():
    assert True
