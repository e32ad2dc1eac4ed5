def test_dist():
    assert True
