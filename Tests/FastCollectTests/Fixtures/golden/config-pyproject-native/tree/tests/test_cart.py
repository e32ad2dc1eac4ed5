class DescribeCart:
    def it_starts_empty(self):
        assert True

    def test_adds_item(self):
        assert True

    def should_not_run(self):
        assert False


def it_is_module_level():
    assert True


def testnounderscore():
    assert False
