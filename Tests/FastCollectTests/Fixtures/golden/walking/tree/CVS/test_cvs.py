def test_cvs():
    assert True
