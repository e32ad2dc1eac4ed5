def test_in_venv():
    pass
