def test_collected_from_rootdir():
    assert True
