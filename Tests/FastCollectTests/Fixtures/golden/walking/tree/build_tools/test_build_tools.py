def test_build_tools():
    assert True
