def test_generated():
    assert True
