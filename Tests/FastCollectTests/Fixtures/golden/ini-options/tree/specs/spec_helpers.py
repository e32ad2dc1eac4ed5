def check_helpers_not_matched():
    assert False
