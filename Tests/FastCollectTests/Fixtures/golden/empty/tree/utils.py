def test_helper_in_non_test_file():
    return True
