# Loaded only when pytest collects pkg_b: it then reorders every item of the session.
def pytest_collection_modifyitems(items):
    items.reverse()
