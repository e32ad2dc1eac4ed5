def test_only_if_other_configs_were_used():
    assert False
