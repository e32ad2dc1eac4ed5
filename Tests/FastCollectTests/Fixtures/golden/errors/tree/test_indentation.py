def test_indent():
        first = 1
    second = 2
    assert first + second
