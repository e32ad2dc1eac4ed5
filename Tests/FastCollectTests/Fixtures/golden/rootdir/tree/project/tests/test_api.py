def test_get():
    assert True


def it_posts():
    assert True


def check_api():
    assert True
