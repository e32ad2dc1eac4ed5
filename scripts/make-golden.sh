#!/usr/bin/env bash
# Regenerates the golden outputs of Tests/FastCollectTests/Fixtures/golden from
# real pytest (pinned below), for GoldenTests.swift to compare fastcollect with.
#
#   scripts/make-golden.sh              regenerate every case
#   scripts/make-golden.sh CASE...      regenerate only these cases
#   scripts/make-golden.sh --check      change nothing; exit 1 if a file would change
#
# The venv .venv-golden (git-ignored) is created once with pytest from PyPI.
# Each run is `python -m pytest -p no:cacheprovider ARGS` in a temporary copy of
# golden/<case>/tree, with TERM=dumb, no COLUMNS, no PYTEST_ADDOPTS and
# PYTHONDONTWRITEBYTECODE=1. Stdout is normalised before it is written:
#   1. the tree's absolute path -> <ROOT>
#   2. the `platform …` line -> `platform <PLATFORM>`
#   3. a `plugins: …` line is dropped
#   4. a trailing duration ` in 0.03s` -> ` in <T>`; a `=… title …=` line
#      holding it is redrawn at width 80 (its fill depends on the duration)
#   5. in the ERRORS section, each `____ ERROR … ____` block keeps only the
#      last body line starting with `E   ` (a body without one is kept whole)
#   6. in the warnings summary, pointers into pytest's own source (`…/_pytest/…`)
#      are removed: location lines dropped, `  <path>:N: Text` -> `  Text`,
#      and the echoed pytest source line under it dropped
# scripts/make-golden.py documents each rule exactly; GoldenTests.swift applies
# the same rules to fastcollect's stdout.
set -euo pipefail

PYTEST_VERSION=9.0.3
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="$repo/.venv-golden"
python="$venv/bin/python"

if ! "$python" -c "import pytest, sys; sys.exit(pytest.__version__ != '$PYTEST_VERSION')" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$python" -m pip install --quiet --disable-pip-version-check "pytest==$PYTEST_VERSION"
fi

unset PYTEST_ADDOPTS COLUMNS LINES
exec "$python" "$here/make-golden.py" "$python" "$@"
