def test_int():
    assert True
