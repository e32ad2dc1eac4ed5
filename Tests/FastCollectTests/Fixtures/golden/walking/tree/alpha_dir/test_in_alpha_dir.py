def test_in_alpha_dir():
    assert True
