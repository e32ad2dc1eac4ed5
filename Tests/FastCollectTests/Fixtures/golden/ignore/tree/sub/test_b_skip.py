def test_b_skip():
    assert True
