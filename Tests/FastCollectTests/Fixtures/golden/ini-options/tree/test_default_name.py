def check_in_unmatched_file():
    assert True


def test_in_unmatched_file():
    assert True
