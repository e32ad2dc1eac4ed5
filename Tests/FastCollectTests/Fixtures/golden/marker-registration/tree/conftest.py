import pytest

NAME = "computed"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: slow tests")
    config.addinivalue_line(
        "markers",
        "custom(arg): a mark taking an argument",
    )
    config.addinivalue_line(
        "markers", "joined" ": two literals in a row"
    )
    config.addinivalue_line(name="markers", line="bykeyword: keyword arguments")
    config.addinivalue_line("norecursedirs", "notamark")
    if config.getoption("verbose") > 5:
        config.addinivalue_line("markers", "conditional: registered under a condition")
