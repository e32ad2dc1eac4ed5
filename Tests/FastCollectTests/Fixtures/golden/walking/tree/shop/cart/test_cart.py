def test_cart():
    assert True
