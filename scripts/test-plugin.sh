#!/usr/bin/env bash
# test-plugin.sh [FASTCOLLECT_BINARY]: the pytest plugin against real pytest 9.0.3.
# Creates (once) a venv with pytest==9.0.3, pip-installs ./plugin into it (entry point
# fastcollect_pytest), checks that the JSON golden's node IDs are real pytest's, then runs
# scripts/test-plugin.py: plain pytest vs pytest with the plugin on the fixture trees, `--co`
# outputs compared exactly (-k/-m cases, a file with dynamic items, errors), and `fastcollect`
# without --collect-only against `python -m pytest`. Exits non-zero on any difference.
#   FASTCOLLECT_PLUGIN_VENV  where the venv lives (default .build/plugin-venv)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/fastcollect}
if [ ! -x "$bin" ]; then
  echo "test-plugin.sh: $bin not found; build it (swift build -c release --product fastcollect)" >&2
  exit 2
fi
venv=${FASTCOLLECT_PLUGIN_VENV:-.build/plugin-venv}
mkdir -p "$(dirname "$venv")"
venv=$(cd "$(dirname "$venv")" && pwd)/$(basename "$venv")
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pytest, sys; sys.exit(pytest.__version__ != "9.0.3")' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pytest==9.0.3"
fi
# Installed from a copy: building in plugin/ would leave an .egg-info there, which makes the
# entry point visible to any Python that has plugin/ on its path.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r plugin "$tmp/plugin"
rm -rf "$tmp/plugin/build" "$tmp/plugin/"*.egg-info
"$venv/bin/pip" install -q --force-reinstall --no-deps "$tmp/plugin"
"$venv/bin/python" -c 'import importlib.metadata as m; assert any(e.name == "fastcollect_pytest" for e in m.entry_points(group="pytest11"))'

# The JSON golden's items are what real pytest selects (the dynamic file aside, which pytest expands).
golden=Tests/FastCollectTests/Output/Fixtures/json-basic
cp -r "$golden/tree" "$tmp/tree"
(cd "$tmp/tree" && PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -m pytest -p no:cacheprovider -p no:fastcollect_pytest \
  --co -q -k "add or one or value" || true) | sed -n '/^$/q;p' | sed 's/\[[0-9]*\]$//' | uniq > "$tmp/pytest.txt"
python3 -c 'import json,sys; [print(i["nodeid"]) for i in json.load(open(sys.argv[1]))["items"]]' "$golden/expected.json" > "$tmp/golden.txt"
if ! diff -u "$tmp/pytest.txt" "$tmp/golden.txt"; then
  echo "test-plugin.sh: $golden/expected.json items differ from real pytest's" >&2
  exit 1
fi

"$venv/bin/python" scripts/test-plugin.py "$venv/bin/python" "$bin"
