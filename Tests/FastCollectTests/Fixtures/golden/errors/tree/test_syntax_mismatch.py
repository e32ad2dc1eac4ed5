def test_bracket():
    data = {"a": [1, 2}
    assert data
