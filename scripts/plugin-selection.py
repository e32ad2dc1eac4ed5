#!/usr/bin/env python3
"""plugin-selection.py: on the three real suites, check that pytest with the fastcollect plugin
selects exactly what plain pytest selects, for -k/-m expressions chosen to hit few, some and
many files.

For each (suite, expression) it runs, from the suite's root with the suite's venv (see
../shared/corpus/README.md):

    python -m pytest --co -q -p no:cacheprovider [suite extras] EXPR TESTDIR -p no:fastcollect_pytest
    python -m pytest --co -q -p no:cacheprovider [suite extras] EXPR TESTDIR -p fastcollect_pytest

(the plugin from --plugin-path on PYTHONPATH, the binary from --binary) and compares the node
ID lines exactly, then the whole stdout with the durations masked. Prints a Markdown table; with
--record FILE it replaces the part of FILE between `<!-- plugin-selection:start -->` and
`<!-- plugin-selection:end -->`. Exits 1 when any node ID list differs.

    scripts/plugin-selection.py --binary .build-plugin-rel/release/fastcollect [--suite django] [--record docs/plugin.md]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SUITES = {
    "pytest": {"dir": "pytest-9.0.3", "venv": "_venv-pytest", "args": ["testing"], "extra": []},
    # Its pyproject addopts carry -v: one more -q, as the truth was made.
    "sqlalchemy": {"dir": "sqlalchemy-2.0.58", "venv": "_venv-sqlalchemy", "args": ["test"], "extra": ["-q"]},
    "django": {"dir": "django-5.2.19", "venv": "_venv-django", "args": ["tests"], "extra": []},
}

EXPRESSIONS = {
    "pytest": [
        ["-k", "test_raises"],
        ["-k", "fixture and not parametrize"],
        ["-k", "TestAssertionRewrite"],
        ["-k", "capture or junitxml"],
        ["-k", "test_collect and not Pytester"],
        ["-k", "doctest"],
        ["-m", "xfail"],
        ["-m", "filterwarnings and not skipif"],
        ["-k", "test_raises", "--deselect", "testing/python/raises.py::TestRaises"],
    ],
    "sqlalchemy": [
        ["-k", "CompileTest"],
        ["-k", "test_select and not join"],
        ["-k", "relationship"],
        ["-k", "test_insert"],
        ["-m", "backend"],
        ["-m", "sparse_backend or mypy"],
    ],
    "django": [
        ["-k", "Admin"],
        ["-k", "test_forms and not widget"],
        ["-k", "QuerySet"],
        ["-k", "migration"],
        ["-k", "Serializer or serializers"],
        ["-k", "cache"],
        ["-k", "test_get and not test_get_"],
        # Marks pytest-django makes from Django test tags (`@tag("selenium")`).
        ["-m", "selenium or screenshot"],
    ],
}

DURATION = re.compile(r" in [0-9.]+s( \(\d+:\d\d:\d\d\))?")


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[str, int, float]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return done.stdout, done.returncode, time.perf_counter() - start


def node_ids(stdout: str) -> list[str]:
    """The -q listing: the lines before the first empty line."""
    lines = stdout.split("\n")
    return lines[: lines.index("")] if "" in lines else lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--corpus", default=os.environ.get("FASTCOLLECT_CORPUS", str(Path.home() / ".cache/fastcollect-corpus")))
    parser.add_argument("--plugin-path", default=str(ROOT / "plugin"))
    parser.add_argument("--suite", action="append", choices=sorted(SUITES))
    parser.add_argument("--record", help="Markdown file whose plugin-selection section is replaced")
    options = parser.parse_args()
    corpus = Path(options.corpus)
    binary = str(Path(options.binary).resolve())
    rows = []
    failed = 0
    for suite in options.suite or list(SUITES):
        spec = SUITES[suite]
        cwd = corpus / spec["dir"]
        python = corpus / spec["venv"] / "bin" / "python"
        if not python.exists():
            print(f"{suite}: {python} missing (run ../shared/corpus/pytest-env {suite})", file=sys.stderr)
            failed += 1
            continue
        env = dict(os.environ)
        env.pop("PYTEST_ADDOPTS", None)
        env["FASTCOLLECT_BINARY"] = binary
        env["PYTHONPATH"] = options.plugin_path
        env.setdefault("COLUMNS", "80")
        base = [str(python), "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", *spec["extra"]]
        for expression in EXPRESSIONS[suite]:
            # -p no:…: a plain run must not load the plugin even if an entry point is visible.
            plain, plain_exit, plain_s = run(base + expression + spec["args"] + ["-p", "no:fastcollect_pytest"], cwd, env)
            plugged, plugged_exit, plugged_s = run(base + expression + spec["args"] + ["-p", "fastcollect_pytest"], cwd, env)
            ids_plain, ids_plugged = node_ids(plain), node_ids(plugged)
            same_ids = ids_plain == ids_plugged
            same_all = DURATION.sub(" in <T>", plain) == DURATION.sub(" in <T>", plugged) and plain_exit == plugged_exit
            if not same_ids:
                failed += 1
                missing = [i for i in ids_plain if i not in set(ids_plugged)][:5]
                extra = [i for i in ids_plugged if i not in set(ids_plain)][:5]
                print(f"  DIFF {suite} {' '.join(expression)}: missing {missing} extra {extra}", file=sys.stderr)
            summary = plain.rstrip("\n").split("\n")[-1] if plain.strip() else ""
            rows.append(
                (suite, " ".join(expression), len(ids_plain), same_ids, same_all, plain_s, plugged_s, DURATION.sub("", summary))
            )
            print(
                f"{suite:10} {' '.join(expression):45} ids={len(ids_plain):6} same_ids={same_ids} "
                f"same_output={same_all} plain={plain_s:.1f}s plugin={plugged_s:.1f}s",
                flush=True,
            )
    table = [
        "| suite | expression | node IDs | identical node IDs | identical output¹ | plain s | plugin s |",
        "|---|---|---:|---|---|---:|---:|",
    ]
    for suite, expression, count, same_ids, same_all, plain_s, plugged_s, _ in rows:
        table.append(
            f"| {suite} | `{expression}` | {count} | {'yes' if same_ids else '**no**'} | "
            f"{'yes' if same_all else 'no'} | {plain_s:.1f} | {plugged_s:.1f} |"
        )
    identical = sum(1 for row in rows if row[3])
    table.append("")
    table.append(
        f"{identical} of {len(rows)} expressions select identical node IDs (same order); "
        f"{sum(1 for row in rows if row[4])} give byte-identical stdout once durations are masked."
    )
    table.append("")
    table.append(
        "¹ whole `--co -q` stdout including the `N/M tests collected (K deselected)` line and any "
        "warnings summary, with ` in 1.23s` masked, and the same exit code."
    )
    text = "\n".join(table)
    print(text)
    if options.record:
        path = Path(options.record)
        content = path.read_text()
        start, end = "<!-- plugin-selection:start -->", "<!-- plugin-selection:end -->"
        stamp = time.strftime("%Y-%m-%d")
        block = f"{start}\nRecorded {stamp} with `scripts/plugin-selection.py`.\n\n{text}\n{end}"
        if start in content and end in content:
            content = content[: content.index(start)] + block + content[content.index(end) + len(end) :]
        else:
            content = content.rstrip("\n") + "\n\n" + block + "\n"
        path.write_text(content)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
