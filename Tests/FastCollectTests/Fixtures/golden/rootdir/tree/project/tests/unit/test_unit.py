def test_unit():
    assert True


def it_is_small():
    assert True
