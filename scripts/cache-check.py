#!/usr/bin/env python3
"""The collection cache on the real suites: a cached answer is the answer, before and after edits.

usage: scripts/cache-check.py --binary PATH [--corpus DIR] [--suite NAME ...]

For each suite (pytest's `testing/`, Django's `tests/`, SQLAlchemy's `test/`, as
../shared/corpus/fetch lays them out), its root is copied to a scratch folder (the corpus is
never touched) with a cache folder of its own, and, from the copy's root:

  1. `fastcollect --collect-only -q TESTDIR` runs from scratch (`-p no:cacheprovider`), then
     with the cache three times: the first must store, the next two must be hits, and all four
     must print the same (the summary's time aside), with the same exit code; the same for
     `--format=json`, whose document has no time in it and must match byte for byte;
  2. then each edit below is made, and a run with the cache must not be a hit of the entry made
     before it and must print what a run from scratch prints on the edited tree (a removed
     module's tests must be gone; whether an added test shows is the suite's rules' business):
       - a test function appended to the first test module of the output;
       - a new test module beside it;
       - the first test module removed;
     and a file added beside the test folder (pytest's cache, coverage data) must leave the `-q`
     entry a hit.

Exits 1 on the first difference, printing what differed. Python's standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SUITES = {
    # name: (root dir in the corpus, collect arguments)
    "pytest": ("pytest-9.0.3", ["testing"]),
    "django": ("django-5.2.19", ["tests"]),
    "sqlalchemy": ("sqlalchemy-2.0.58", ["-q", "test"]),
}
TIME = re.compile(rb" in [0-9]+\.[0-9]+s")
# Inputs changed less than this long before a run are never stored (CollectionCache.racyWindow).
RACY_SECONDS = 2.1


class Failure(Exception):
    pass


def run(binary, arguments, cwd, cache):
    env = dict(os.environ, FASTCOLLECT_CACHE_DIR=cache)
    done = subprocess.run([binary, "--collect-only", "--timings", *arguments], cwd=cwd, env=env,
                          capture_output=True, timeout=300)
    return TIME.sub(b" in Xs", done.stdout), done.stderr.decode("utf-8", "replace"), done.returncode


def expect(condition, message):
    if not condition:
        raise Failure(message)


def same(label, first, second):
    if first[0] != second[0] or first[2] != second[2]:
        a, b = first[0].splitlines(), second[0].splitlines()
        diff = [f"- {x!r}\n+ {y!r}" for x, y in zip(a, b) if x != y][:3]
        raise Failure(f"{label}: output differs (exit {first[2]} vs {second[2]}, {len(a)} vs {len(b)} lines)\n"
                      + "\n".join(diff))


def first_module(output, root, testdir):
    for line in output.decode("utf-8", "replace").splitlines():
        if "::" in line:
            path = os.path.join(root, line.split("::", 1)[0])
            if os.path.isfile(path) and path.startswith(os.path.join(root, testdir) + os.sep):
                return path
    raise Failure("no test module in the output")


def check_suite(binary, corpus, name):
    root_name, arguments = SUITES[name]
    source = os.path.join(corpus, root_name)
    if not os.path.isdir(source):
        raise Failure(f"{source} is missing (run ../shared/corpus/fetch)")
    testdir = arguments[-1]
    scratch = tempfile.mkdtemp(prefix=f"fastcollect-cache-check-{name}-")
    try:
        root = os.path.join(scratch, root_name)
        shutil.copytree(source, root, symlinks=True)
        cache = os.path.join(scratch, "cache")
        time.sleep(RACY_SECONDS)
        quiet = ["-q", *arguments]
        json = [*arguments, "--format=json"]

        for label, args in (("-q", quiet), ("json", json)):
            cold = run(binary, [*args, "-p", "no:cacheprovider"], root, cache)
            store = run(binary, args, root, cache)
            expect("result cached" in store[1], f"{label}: the first run with the cache stored nothing: {store[1]}")
            for attempt in (1, 2):
                hit = run(binary, args, root, cache)
                expect("cache hit" in hit[1], f"{label}: run {attempt + 1} with the cache was no hit: {hit[1]}")
                same(f"{label}: cached run {attempt}", cold, hit)
            same(f"{label}: storing run", cold, store)
            size = (f"{sum(1 for line in cold[0].splitlines() if b'::' in line)} node IDs" if label == "-q"
                    else f"{len(cold[0])} bytes")
            print(f"cache-check: {name} {label}: from scratch, storing and two hits identical ({size})")

        # Files beside the test folder that no -q answer depends on.
        with open(os.path.join(root, ".coverage"), "w") as handle:
            handle.write("\n")
        os.makedirs(os.path.join(root, ".pytest_cache", "v"), exist_ok=True)
        beside = run(binary, quiet, root, cache)
        expect("cache hit" in beside[1], f"a file beside {testdir}/ made the -q entry stale: {beside[1]}")

        module = first_module(run(binary, [*quiet, "-p", "no:cacheprovider"], root, cache)[0], root, testdir)
        relative = os.path.relpath(module, root)

        def edited(label, appears=None, must_lack=None):
            cached = run(binary, quiet, root, cache)
            expect("cache hit" not in cached[1], f"{label}: the run after the edit was a hit of the old entry")
            cold = run(binary, [*quiet, "-p", "no:cacheprovider"], root, cache)
            same(f"{label}: cached vs from scratch", cold, cached)
            text = cached[0].decode("utf-8", "replace")
            if must_lack:
                expect(must_lack not in text, f"{label}: {must_lack} still there")
            shown = ""
            if appears:
                # The suite's own rules may not collect it (SQLAlchemy collects classes only).
                shown = f", {appears} {'collected' if appears in text else 'not collected by either'}"
            print(f"cache-check: {name}: {label}: identical to a run from scratch{shown}")

        with open(module, "a", encoding="utf-8") as handle:
            handle.write("\n\ndef test_added_by_cache_check():\n    pass\n")
        edited(f"a test appended to {relative}", appears=f"{relative}::test_added_by_cache_check")

        beside_module = os.path.join(os.path.dirname(module), "test_cache_check_new.py")
        with open(beside_module, "w", encoding="utf-8") as handle:
            handle.write("def test_new_module():\n    pass\n")
        edited("a new test module", appears=f"{os.path.relpath(beside_module, root)}::test_new_module")

        os.remove(module)
        edited(f"{relative} removed", must_lack=f"{relative}::")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--corpus", default=os.environ.get("FASTCOLLECT_CORPUS",
                                                           os.path.expanduser("~/.cache/fastcollect-corpus")))
    parser.add_argument("--suite", action="append", choices=sorted(SUITES))
    args = parser.parse_args(argv)
    binary = os.path.abspath(args.binary)
    for name in args.suite or list(SUITES):
        try:
            check_suite(binary, args.corpus, name)
        except (Failure, subprocess.TimeoutExpired) as error:
            print(f"cache-check: {name}: FAILED: {error}", file=sys.stderr)
            return 1
    print("cache-check: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
