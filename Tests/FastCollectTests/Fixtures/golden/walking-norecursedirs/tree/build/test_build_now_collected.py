def test_build_now_collected():
    assert True
