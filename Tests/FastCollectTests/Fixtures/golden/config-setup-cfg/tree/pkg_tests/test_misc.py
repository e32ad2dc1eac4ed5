def scenario_misc():
    assert True
