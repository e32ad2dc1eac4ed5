def test_before_error():
    assert True


def test_unclosed(:
    values = [1, 2,
    assert values
