def check_nested_glob_crosses_slash():
    assert True
