def test_in_package_b():
    assert True
