def test_in_kept_package():
    pass
