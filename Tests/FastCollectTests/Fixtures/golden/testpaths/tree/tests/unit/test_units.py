def test_unit_a():
    assert True


def test_unit_b():
    assert True
