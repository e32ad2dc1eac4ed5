def test_default_patterns_apply():
    assert True
