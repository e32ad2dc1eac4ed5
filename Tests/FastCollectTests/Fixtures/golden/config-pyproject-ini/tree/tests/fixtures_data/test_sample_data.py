def test_sample_is_data_not_a_test():
    assert False
