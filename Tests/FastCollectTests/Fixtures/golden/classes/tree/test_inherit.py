class TestBase:
    def test_base_one(self):
        assert True

    def test_overridden(self):
        assert True


class TestChild(TestBase):
    def test_child_only(self):
        assert True

    def test_overridden(self):
        assert True


class TestGrandChild(TestChild):
    def test_grandchild(self):
        assert True
