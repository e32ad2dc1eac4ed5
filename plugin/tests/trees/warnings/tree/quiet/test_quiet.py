def test_quiet():
    pass
