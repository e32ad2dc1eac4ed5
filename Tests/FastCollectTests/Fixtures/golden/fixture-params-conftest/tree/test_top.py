def test_backend(backend):
    pass


def test_through_engine(engine, size):
    pass


def test_module_scoped(modparam, backend):
    pass


def test_plain():
    pass
