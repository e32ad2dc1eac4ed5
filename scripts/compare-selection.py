#!/usr/bin/env python3
"""Compare fastcollect's -k/-m selections with real pytest's on a real suite.

usage: scripts/compare-selection.py --binary PATH --python VENV_PYTHON --suite pytest|django
                                    [--corpus DIR] [-k EXPR ...] [-m EXPR ...]

Runs `python -m pytest --co -q -p no:cacheprovider TESTDIR -k EXPR` (the venv from
../shared/corpus/pytest-env) and `fastcollect --co -q TESTDIR -k EXPR` from the suite's root,
and prints, per expression, how many node IDs each selected and how many differ.
Exit status 1 when any selection differs.
"""
import argparse
import os
import subprocess
import sys

SUITES = {"pytest": ("pytest-9.0.3", "testing"), "django": ("django-5.2.19", "tests")}
DEFAULT_K = [
    "mark", "not mark", "Test and not slow", "fixture or raises", "terminal", "python", "TestCollect",
    "test_ and warn", "config and not ini", "[", "1", "unittest", "doctest or capture", "Class", "pytester",
    "parametrize", "skip", "xfail", "assert", "not test_",
]
DEFAULT_M = ["slow", "not slow", "skip", "parametrize", "skipif", "xfail", "filterwarnings", "usefixtures",
             "slow or skip", "not (skipif or xfail)"]


def ids(output):
    return [line for line in output.splitlines() if "::" in line]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--suite", required=True, choices=list(SUITES))
    ap.add_argument("--corpus", default=os.environ.get("FASTCOLLECT_CORPUS", os.path.expanduser("~/.cache/fastcollect-corpus")))
    ap.add_argument("-k", action="append")
    ap.add_argument("-m", action="append")
    args = ap.parse_args()
    root, testdir = SUITES[args.suite]
    cwd = os.path.join(args.corpus, root)
    runs = [("-k", e) for e in (args.k or ([] if args.m else DEFAULT_K))]
    runs += [("-m", e) for e in (args.m or ([] if args.k else DEFAULT_M))]
    differ = 0
    for flag, expression in runs:
        real = subprocess.run([args.python, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", testdir, flag, expression],
                              cwd=cwd, capture_output=True, text=True)
        ours = subprocess.run([os.path.abspath(args.binary), "--co", "-q", testdir, flag, expression],
                              cwd=cwd, capture_output=True, text=True)
        a, b = ids(real.stdout), ids(ours.stdout)
        missing = [x for x in a if x not in set(b)]
        extra = [x for x in b if x not in set(a)]
        same = a == b
        differ += not same
        print(f"{flag} {expression!r:<28} pytest {len(a):>5}  fastcollect {len(b):>5}  missing {len(missing):>4}  extra {len(extra):>4}  {'same' if same else 'DIFFERS'}")
        for x in (missing[:3] + extra[:3]) if not same else []:
            print("     ", "-" if x in missing else "+", x)
    print(f"{len(runs) - differ}/{len(runs)} selections identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
