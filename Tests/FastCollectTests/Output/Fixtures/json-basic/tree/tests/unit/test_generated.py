def pytest_generate_tests(metafunc):
    if "value" in metafunc.fixturenames:
        metafunc.parametrize("value", [1, 2])


def test_value(value):
    assert value
