from helpers.models import TestModel


def test_uses_model():
    assert TestModel("x").name == "x"
