def check_any_checks_folder():
    assert True
