def test_int_more():
    assert True
