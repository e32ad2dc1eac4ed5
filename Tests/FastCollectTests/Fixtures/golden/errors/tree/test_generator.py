def test_yield_is_an_error():
    yield 1


def test_fine():
    assert True
