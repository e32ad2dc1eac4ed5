from pytest import skip as skip_module

skip_module(reason="aliased", allow_module_level=True)


def test_aliased():
    pass
