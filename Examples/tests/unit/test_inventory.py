"""Unit tests of a tiny inventory, collected by fastcollect without importing them."""
import unittest

import pytest


def restock(stock, item, count):
    stock[item] = stock.get(item, 0) + count
    return stock


def test_restock_adds(inventory):
    assert restock(inventory, "pears", 2)["pears"] == 2


@pytest.mark.parametrize("count", [1, 5, 10])
def test_restock_counts(inventory, count):
    assert restock(inventory, "apples", count)["apples"] == 3 + count


class TestShelf:
    def test_empty_shelf(self):
        assert restock({}, "figs", 0) == {"figs": 0}

    @pytest.mark.slow
    def test_big_restock(self):
        assert restock({}, "figs", 10**6)["figs"] == 10**6

    def helper(self):
        return None


class StockKeepingSuite:
    def test_names_are_kept(self):
        assert "apples" in restock({}, "apples", 1)


class LegacyChecks(unittest.TestCase):
    def test_zero(self):
        self.assertEqual(restock({}, "kiwi", 0)["kiwi"], 0)

    def test_negative(self):
        self.assertEqual(restock({"kiwi": 2}, "kiwi", -1)["kiwi"], 1)
