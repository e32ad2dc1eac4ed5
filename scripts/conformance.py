#!/usr/bin/env python3
"""Score fastcollect against pytest's own node IDs for the real suites, and hold the ratchet.

usage: scripts/conformance.py --binary PATH [--corpus DIR] [--suite NAME ...] [--no-ratchet]

For each suite (pytest 9.0.3 `testing/`, Django 5.2.19 `tests/`, SQLAlchemy 2.0.58 `test/`,
fetched by ../shared/corpus/fetch), runs `fastcollect --collect-only -q` from the suite's root
as the truth was made, scores the output with ../shared/tools/score-collection, once on full
node IDs and once at function level (each node ID's `[parametrization]` cut off, repeats
dropped), prints the figures and fails when one falls below the floor main has reached.
For SQLAlchemy, `own_fn_recall` is the function recall over the node IDs whose class is not
one the plugin generates per database backend (`…_sqlite+pysqlite_…`, named after the SQLite
library found at run time).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))
SUITES = {
    # name: (root dir in the corpus, collect arguments, truth file)
    "pytest": ("pytest-9.0.3", ["testing"], "pytest.txt"),
    "django": ("django-5.2.19", ["tests"], "django.txt"),
    "sqlalchemy": ("sqlalchemy-2.0.58", ["-q", "test"], "sqlalchemy.txt"),
}
# The ratchet: figures main has reached. Raise them when a change improves on them; a change
# that lowers one fails CI. (full = node IDs as printed, fn = function level)
FLOORS = {
    "pytest": {"recall": 1.0, "precision": 1.0, "order": 0.9999, "fn_recall": 1.0, "fn_precision": 1.0,
               "file_recall": 1.0, "fn_order": 0.9999},
    "django": {"recall": 0.9963, "precision": 1.0, "order": 0.999, "fn_recall": 0.9963, "fn_precision": 1.0,
               "file_recall": 0.9973, "fn_order": 0.999},
    "sqlalchemy": {"recall": 0.5324, "precision": 0.9793, "order": 0.9999, "fn_recall": 0.7877, "fn_precision": 0.9998,
                   "file_recall": 0.952, "fn_order": 0.9999, "own_fn_recall": 0.9974},
}


def function_level(path, out, skip=None):
    seen = set()
    with open(path, encoding="utf-8", errors="replace") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            line = line.rstrip("\n")
            if "::" not in line:
                continue
            head, sep, rest = line.partition("::")
            rest = rest.split("[", 1)[0]
            key = head + sep + rest
            if skip and skip in key:
                continue
            if key not in seen:
                seen.add(key)
                dst.write(key + "\n")


def score(truth, candidate):
    out = subprocess.run(
        [sys.executable, os.path.join(SHARED, "tools", "score-collection"), truth, candidate, "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--corpus", default=os.environ.get("FASTCOLLECT_CORPUS", os.path.expanduser("~/.cache/fastcollect-corpus")))
    ap.add_argument("--suite", action="append")
    ap.add_argument("--no-ratchet", action="store_true")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.suite or list(SUITES):
            root, collect_args, truth_name = SUITES[name]
            truth = os.path.join(SHARED, "corpus", "truth", truth_name)
            cwd = os.path.join(args.corpus, root)
            started = time.monotonic()
            run = subprocess.run([binary, "--collect-only", "-q", *collect_args], cwd=cwd, capture_output=True, text=True)
            elapsed = time.monotonic() - started
            if run.returncode not in (0, 1, 2):
                failures.append(f"{name}: fastcollect exited {run.returncode}: {run.stderr[:500]}")
                continue
            candidate = os.path.join(tmp, name + ".txt")
            with open(candidate, "w", encoding="utf-8") as f:
                f.write(run.stdout)
            full = score(truth, candidate)
            t_fn, c_fn = os.path.join(tmp, name + ".truth-fn"), os.path.join(tmp, name + ".fn")
            function_level(truth, t_fn)
            function_level(candidate, c_fn)
            fn = score(t_fn, c_fn)
            figures = {
                "recall": full["recall"], "precision": full["precision"], "order": full["order"],
                "file_recall": full["file_recall"], "fn_recall": fn["recall"], "fn_precision": fn["precision"],
                "fn_order": fn["order"],
            }
            if name == "sqlalchemy":
                t_own = os.path.join(tmp, name + ".truth-own")
                function_level(truth, t_own, skip="_sqlite+pysqlite_")
                figures["own_fn_recall"] = score(t_own, c_fn)["recall"]
            print(f"{name:<11} " + "  ".join(f"{k} {v:.4f}" for k, v in figures.items()) + f"  ({elapsed:.2f}s, exit {run.returncode})")
            if not args.no_ratchet:
                for key, floor in FLOORS[name].items():
                    if figures[key] + 1e-9 < floor:
                        failures.append(f"{name}: {key} {figures[key]:.4f} is below the ratchet {floor:.4f}")
    for failure in failures:
        print("conformance: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
