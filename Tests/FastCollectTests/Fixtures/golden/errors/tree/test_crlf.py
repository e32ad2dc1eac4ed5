def test_crlf_one():
    assert True


def test_crlf_two():
    assert True
