def test_sub():
    assert True
