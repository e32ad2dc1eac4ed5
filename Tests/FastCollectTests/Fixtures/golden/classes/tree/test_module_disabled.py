__test__ = False


def test_module_is_disabled():
    assert False


class TestAlsoHidden:
    def test_hidden(self):
        assert False
