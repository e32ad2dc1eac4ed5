class SpecEngine:
    def test_starts(self):
        assert True


class TestEngine:
    def test_not_a_spec_class(self):
        assert False


def test_module_function():
    assert True
