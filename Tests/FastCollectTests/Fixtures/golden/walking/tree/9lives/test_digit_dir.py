def test_digit_dir():
    assert True
