def test_message():
    text = "never closed
    assert text
