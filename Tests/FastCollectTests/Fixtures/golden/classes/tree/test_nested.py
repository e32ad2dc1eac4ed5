class TestOuter:
    def test_outer_first(self):
        assert True

    class TestInner:
        def test_inner(self):
            assert True

        class TestInnermost:
            def test_innermost(self):
                assert True

    class Helper:
        def test_in_non_test_class(self):
            assert False

    def test_outer_last(self):
        assert True
