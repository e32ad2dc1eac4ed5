def test_b_module():
    assert True
