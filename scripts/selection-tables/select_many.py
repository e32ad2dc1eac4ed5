"""pytest plugin: answer many -k/-m expressions from one collection, with pytest's own matchers.

Loaded by scripts/compare-selection.py --batch (`-p select_many`, this folder on PYTHONPATH).
FASTCOLLECT_SELECT_EXPRS holds a JSON list of [flag, expression, output file]; after every
other plugin has ordered the items, each expression is applied as `_pytest.mark`'s
`deselect_by_keyword` / `deselect_by_mark` apply it (KeywordMatcher.from_item,
MarkMatcher.from_markers over item.iter_markers(), Expression.compile), and the selected node
IDs are written, one a line, to that file. Filtering keeps order, so the answer is the one
`pytest --co -q -k EXPR` prints.
"""
import json
import os

import pytest
from _pytest.mark import KeywordMatcher, MarkMatcher
from _pytest.mark.expression import Expression


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items, config):
    for flag, expression, output in json.loads(os.environ["FASTCOLLECT_SELECT_EXPRS"]):
        compiled = Expression.compile(expression.lstrip() if flag == "-k" else expression)
        if flag == "-k":
            selected = [item for item in items if compiled.evaluate(KeywordMatcher.from_item(item))]
        else:
            selected = [item for item in items if compiled.evaluate(MarkMatcher.from_markers(item.iter_markers()))]
        with open(output, "w", encoding="utf-8") as f:
            f.writelines(item.nodeid + "\n" for item in selected)
