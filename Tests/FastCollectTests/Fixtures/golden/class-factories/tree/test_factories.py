import unittest

from factories import BaseManager, Checks, Manager, QuerySet, WithInit, make_case


class FoodQuerySet(QuerySet):
    def test_like_name(self):
        return self


class FoodManager(Manager.from_queryset(FoodQuerySet)):
    def test_not_collected(self):
        pass


class PlainManager(BaseManager.from_queryset(QuerySet)):
    pass


class Mixin:
    def test_from_mixin(self):
        pass


class MixedCase(Checks.with_mixin(Mixin)):
    def test_own(self):
        pass


class MadeCase(make_case(unittest.TestCase)):
    def test_made(self):
        pass


class TestFromPlainFactory(make_case(Mixin, name="Plain")):
    def test_plain(self):
        pass


class TestWithInit(WithInit.made()):
    def test_never(self):
        pass


def test_function():
    pass
