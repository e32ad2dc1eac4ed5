def test_no_trailing_newline():
    assert True