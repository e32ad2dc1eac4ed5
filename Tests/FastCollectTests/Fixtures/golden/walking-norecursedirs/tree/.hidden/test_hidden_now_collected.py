def test_hidden_now_collected():
    assert True
