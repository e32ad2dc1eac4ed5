def test_doc():
    """Docstring that never ends.

    assert True
