def test_bom():
    assert True
