def test_a_module():
    assert True
