def test_upper():
    assert "a".upper() == "A"


def test():
    assert True


def tester():
    assert True


def Test_capitalised_function():
    assert False
