def test_build():
    assert True
