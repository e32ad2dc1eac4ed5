def test_alpha():
    pass
