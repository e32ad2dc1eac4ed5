def test_slow_skip():
    assert True
