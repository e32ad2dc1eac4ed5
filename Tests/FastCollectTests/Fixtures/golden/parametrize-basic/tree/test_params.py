import pytest


@pytest.mark.parametrize("value", [1, 2, 3])
def test_positive(value):
    assert value > 0


@pytest.mark.parametrize("word", ["alpha", "beta"])
def test_words(word):
    assert word.isalpha()


class TestPairs:
    @pytest.mark.parametrize("left, right", [(1, 1), (2, 2)])
    def test_equal(self, left, right):
        assert left == right
