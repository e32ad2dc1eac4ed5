def test_venv_still_skipped():
    assert True
