def test_plain_test_py_is_not_matched():
    assert False
