def test_arch():
    assert True
