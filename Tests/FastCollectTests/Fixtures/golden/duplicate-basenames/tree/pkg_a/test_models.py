def test_in_package_a():
    assert True
