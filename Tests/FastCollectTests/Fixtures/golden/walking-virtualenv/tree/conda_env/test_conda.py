def test_in_conda():
    pass
