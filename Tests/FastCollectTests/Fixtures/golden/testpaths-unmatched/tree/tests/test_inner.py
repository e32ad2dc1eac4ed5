def test_inner():
    assert True
