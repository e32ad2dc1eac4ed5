def test_in_venv_named_dir():
    assert True
