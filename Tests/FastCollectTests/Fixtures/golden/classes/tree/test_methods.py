class TestMethodKinds:
    @staticmethod
    def test_static():
        assert True

    @classmethod
    def test_classmethod(cls):
        assert True

    @property
    def test_property(self):
        return 1

    test_attribute = 5

    def test_regular(self):
        assert True
