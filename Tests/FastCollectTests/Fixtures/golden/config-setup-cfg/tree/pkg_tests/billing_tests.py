def scenario_monthly_invoice():
    assert True


def test_refund():
    assert True


def testcompact():
    assert False
