def test_connect():
    assert True
