import unittest


class BaseManager:
    @classmethod
    def from_queryset(cls, queryset_class, class_name=None):
        if class_name is None:
            class_name = "%sFrom%s" % (cls.__name__, queryset_class.__name__)
        return type(
            class_name,
            (cls,),
            {
                "_queryset_class": queryset_class,
                **cls._get_queryset_methods(queryset_class),
            },
        )

    @classmethod
    def _get_queryset_methods(cls, queryset_class):
        return {
            name: value
            for name, value in vars(queryset_class).items()
            if not name.startswith("_") and not hasattr(cls, name)
        }


class QuerySet:
    def filter(self):
        return self


class Manager(BaseManager.from_queryset(QuerySet)):
    pass


class Checks(unittest.TestCase):
    def test_inherited(self):
        pass

    @classmethod
    def with_mixin(cls, mixin):
        return type("Mixed", (mixin, cls), {})


class WithInit:
    def __init__(self):
        pass

    @classmethod
    def made(cls):
        return type("Made", (cls,), {})


def make_case(base, name="Made"):
    return type(name, (base,), {"helper": None})
