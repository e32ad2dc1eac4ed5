#!/usr/bin/env python3
"""Compare fastcollect's -k/-m selections with real pytest's on a real suite.

usage: scripts/compare-selection.py --binary PATH --python VENV_PYTHON --suite pytest|django
                                    [--corpus DIR] [--cache DIR] [--pytest-only] [-k EXPR ...] [-m EXPR ...]

Runs `python -m pytest --co -q -p no:cacheprovider TESTDIR -k EXPR` (the venv from
../shared/corpus/pytest-env) and `fastcollect --co -q TESTDIR -k EXPR` from the suite's root,
and prints, per expression, how many node IDs each selected and how many differ.
--cache DIR keeps pytest's answers (one file per suite and expression) so that later runs
ask only fastcollect; --pytest-only fills that cache without running fastcollect. --batch
(with --cache) fills it from one pytest collection: selection-tables/select_many.py applies
every expression with pytest's own matchers after all other collection hooks ran.
Exit status 1 when any selection differs.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SUITES = {"pytest": ("pytest-9.0.3", "testing"), "django": ("django-5.2.19", "tests")}
DEFAULT_K = [
    "mark", "not mark", "Test and not slow", "fixture or raises", "terminal", "python", "TestCollect",
    "test_ and warn", "config and not ini", "[", "1", "unittest", "doctest or capture", "Class", "pytester",
    "parametrize", "skip", "xfail", "assert", "not test_", "admin and not views", "Test and (model or query)",
]
DEFAULT_M = ["slow", "not slow", "skip", "parametrize", "skipif", "xfail", "filterwarnings", "usefixtures",
             "slow or skip", "not (skipif or xfail)", "selenium or screenshot"]


def ids(output):
    return [line for line in output.splitlines() if "::" in line]


def cache_file(args, flag, expression):
    digest = hashlib.sha1(f"{args.suite}\0{flag}\0{expression}".encode()).hexdigest()[:16]
    return os.path.join(args.cache, f"{args.suite}-{digest}.txt")


def fill_cache_batch(args, cwd, testdir, runs):
    """Every missing answer from one pytest run with the select_many plugin."""
    todo = [[flag, e, cache_file(args, flag, e)] for flag, e in runs if not os.path.exists(cache_file(args, flag, e))]
    if not todo:
        return
    os.makedirs(args.cache, exist_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(HERE, "selection-tables") + os.pathsep + env.get("PYTHONPATH", "")
    env["FASTCOLLECT_SELECT_EXPRS"] = json.dumps(todo)
    run = subprocess.run([args.python, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", "-p", "select_many", testdir],
                         cwd=cwd, env=env, capture_output=True, text=True)
    if run.returncode not in (0, 5):
        sys.exit(f"pytest failed ({run.returncode}): {run.stdout[-2000:]}{run.stderr[-2000:]}")


def pytest_ids(args, cwd, testdir, flag, expression):
    """pytest's selection, from the cache when it holds it."""
    cached = None
    if args.cache:
        cached = cache_file(args, flag, expression)
        if os.path.exists(cached):
            with open(cached, encoding="utf-8") as f:
                return ids(f.read())
    real = subprocess.run([args.python, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", testdir, flag, expression],
                          cwd=cwd, capture_output=True, text=True)
    if cached:
        os.makedirs(args.cache, exist_ok=True)
        with open(cached, "w", encoding="utf-8") as f:
            f.write(real.stdout)
    return ids(real.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--suite", required=True, choices=list(SUITES))
    ap.add_argument("--corpus", default=os.environ.get("FASTCOLLECT_CORPUS", os.path.expanduser("~/.cache/fastcollect-corpus")))
    ap.add_argument("--cache")
    ap.add_argument("--pytest-only", action="store_true")
    ap.add_argument("--batch", action="store_true")
    ap.add_argument("-k", action="append")
    ap.add_argument("-m", action="append")
    args = ap.parse_args()
    root, testdir = SUITES[args.suite]
    cwd = os.path.join(args.corpus, root)
    runs = [("-k", e) for e in (args.k or ([] if args.m else DEFAULT_K))]
    runs += [("-m", e) for e in (args.m or ([] if args.k else DEFAULT_M))]
    if args.batch and args.cache:
        fill_cache_batch(args, cwd, testdir, runs)
    differ = 0
    for flag, expression in runs:
        a = pytest_ids(args, cwd, testdir, flag, expression)
        if args.pytest_only:
            print(f"{flag} {expression!r:<28} pytest {len(a):>5}")
            continue
        ours = subprocess.run([os.path.abspath(args.binary), "--co", "-q", testdir, flag, expression],
                              cwd=cwd, capture_output=True, text=True)
        b = ids(ours.stdout)
        seen_a, seen_b = set(a), set(b)
        missing = [x for x in a if x not in seen_b]
        extra = [x for x in b if x not in seen_a]
        same = a == b
        differ += not same
        print(f"{flag} {expression!r:<28} pytest {len(a):>5}  fastcollect {len(b):>5}  missing {len(missing):>4}  extra {len(extra):>4}  {'same' if same else 'DIFFERS'}")
        for x in (missing[:3] + extra[:3]) if not same else []:
            print("     ", "-" if x in missing else "+", x)
    print(f"{len(runs) - differ}/{len(runs)} selections identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
