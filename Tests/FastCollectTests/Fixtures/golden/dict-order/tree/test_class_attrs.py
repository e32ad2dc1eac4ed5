class TestAttributes:
    test_data = [1, 2]

    def test_uses_data(self):
        assert self.test_data

    def test_beta(self):
        assert True

    test_alias = test_beta

    def test_alpha(self):
        assert True

    del test_beta

    def test_beta(self):
        assert True
