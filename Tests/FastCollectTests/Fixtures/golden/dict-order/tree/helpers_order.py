def test_imported_first():
    assert True


def test_imported_late():
    assert True
