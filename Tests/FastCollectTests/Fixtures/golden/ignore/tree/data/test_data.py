def test_data():
    assert True
