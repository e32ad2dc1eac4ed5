def test_web_helpers():
    assert True
