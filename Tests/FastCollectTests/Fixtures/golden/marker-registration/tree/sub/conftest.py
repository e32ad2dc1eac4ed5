def pytest_configure(config):
    config.addinivalue_line("markers", "late: registered when sub/ is collected")
