def check_valid_password():
    assert True


def login_should_reject_empty_user():
    assert True


def test_default_prefix_no_longer_applies():
    assert False


def should_not_match_either():
    assert False


class CheckSession:
    def check_expiry(self):
        assert True

    def session_should_refresh(self):
        assert True

    def test_ignored_method(self):
        assert False


class LoginSuite:
    def check_redirect(self):
        assert True


class TestOldStyle:
    def check_never(self):
        assert False


class SuiteRunner:
    def check_not_a_suite(self):
        assert False


class Checker:
    def check_prefix_class(self):
        assert True
