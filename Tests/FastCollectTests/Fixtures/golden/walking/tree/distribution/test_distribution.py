def test_distribution():
    assert True
