def it_only_with_project_config():
    assert True


def test_always():
    assert True
