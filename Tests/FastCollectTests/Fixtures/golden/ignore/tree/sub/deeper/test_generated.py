def test_deeper_generated():
    assert True
