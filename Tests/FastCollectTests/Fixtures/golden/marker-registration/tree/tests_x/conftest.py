def pytest_configure(config):
    config.addinivalue_line("markers", "early: a test* folder's conftest, loaded at start-up")
