def test_in_conda():
    assert True
