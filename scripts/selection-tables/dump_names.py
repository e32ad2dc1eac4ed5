# pytest plugin: prints, per collected item, the exact name set KeywordMatcher.from_item builds,
# and the marks (name, kwargs) MarkMatcher sees.  Run: python3 -m pytest -p dump_names --co -q
from _pytest.mark import KeywordMatcher
def pytest_collection_modifyitems(items):
    for item in items:
        names = sorted(KeywordMatcher.from_item(item)._names)
        marks = [(m.name, dict(m.kwargs)) for m in item.iter_markers()]
        print("ITEM", item.nodeid, names, marks)
