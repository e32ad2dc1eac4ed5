def test_partial():
    pass
