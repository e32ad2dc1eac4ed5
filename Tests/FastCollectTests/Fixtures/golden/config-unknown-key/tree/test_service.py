async def test_fetch():
    assert True


def test_parse():
    assert True
