def test_common_behaviour():
    assert True
