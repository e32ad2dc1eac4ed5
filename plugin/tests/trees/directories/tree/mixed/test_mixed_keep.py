def test_keep_mixed():
    pass
