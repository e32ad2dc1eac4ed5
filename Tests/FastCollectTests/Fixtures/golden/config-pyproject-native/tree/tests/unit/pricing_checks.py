class TestPricing:
    def test_discount(self):
        assert True


class DescribeTax:
    def it_rounds(self):
        assert True
