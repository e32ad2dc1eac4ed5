def test_in_virtualenv():
    assert True
