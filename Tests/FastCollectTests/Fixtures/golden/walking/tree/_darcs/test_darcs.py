def test_darcs():
    assert True
