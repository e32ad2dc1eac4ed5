def test_not_matched_by_spec_pattern():
    assert False
