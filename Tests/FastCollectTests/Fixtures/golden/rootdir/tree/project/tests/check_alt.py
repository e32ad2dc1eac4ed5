def check_alt_config():
    assert True


def test_alt_ignored_function():
    assert True
