def test_capital_file_name_is_not_matched():
    assert False
