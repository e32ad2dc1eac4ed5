def test_beta():
    pass
