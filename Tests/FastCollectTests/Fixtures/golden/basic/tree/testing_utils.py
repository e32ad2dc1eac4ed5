def test_prefix_without_underscore():
    assert False
