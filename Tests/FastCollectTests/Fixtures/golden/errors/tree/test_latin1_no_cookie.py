def test_latin():
    name = "café"
    assert name
