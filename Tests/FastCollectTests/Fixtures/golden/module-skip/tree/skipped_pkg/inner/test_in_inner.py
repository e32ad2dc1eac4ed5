def test_in_inner():
    pass
