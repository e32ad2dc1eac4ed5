def test_zeta():
    assert True
