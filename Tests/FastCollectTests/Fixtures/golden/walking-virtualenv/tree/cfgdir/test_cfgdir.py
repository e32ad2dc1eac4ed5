def test_cfgdir():
    pass
