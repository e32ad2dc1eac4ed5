def test_deep_pkg():
    assert True
