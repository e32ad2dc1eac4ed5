def test_looks_like_a_test():
    pass
