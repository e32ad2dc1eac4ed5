def test_release_script():
    assert True
