def test_at_root():
    assert True
