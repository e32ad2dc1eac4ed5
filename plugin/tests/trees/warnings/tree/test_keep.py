def test_keep():
    pass


def test_other():
    pass
