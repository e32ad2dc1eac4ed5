def test_lib():
    assert True
