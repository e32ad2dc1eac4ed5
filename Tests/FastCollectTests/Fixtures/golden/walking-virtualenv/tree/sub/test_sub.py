def test_sub(value):
    assert value == 1
