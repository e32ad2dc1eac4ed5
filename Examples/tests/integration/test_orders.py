import pytest

ORDERS = [("apples", 2), ("pears", 1)]


class TestOrders:
    @pytest.mark.parametrize("item,count", ORDERS)
    def test_order_fits(self, inventory, item, count):
        assert count >= 0 and item in inventory

    def test_unknown_item(self, inventory):
        assert "plums" not in inventory


def test_no_orders():
    assert [] == []
