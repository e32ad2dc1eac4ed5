class TestDisabled:
    __test__ = False

    def test_hidden(self):
        assert False


class HelperChecks:
    __test__ = True

    def test_opted_in(self):
        assert True

    def helper(self):
        return 1


def check_opted_in_function():
    assert True


check_opted_in_function.__test__ = True


def test_opted_out():
    assert False


test_opted_out.__test__ = False


class TestEnabled:
    def test_visible(self):
        assert True
