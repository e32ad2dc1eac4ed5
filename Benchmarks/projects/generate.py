#!/usr/bin/env python3
"""generate.py — deterministic synthetic pytest suites for benchmarks without network.

    python3 Benchmarks/projects/generate.py [--dest DIR] [--sizes 100,200,2000] [--force]

Writes DIR/synthetic-<N>/ (DIR defaults to $FASTCOLLECT_CORPUS, else
~/.cache/fastcollect-corpus) for each size N: a project with a pytest.ini at its root and a
tests/ tree holding exactly N .py files: a root conftest.py with plain and parametrized
fixtures, helper modules (factories, assertions, base classes) imported by the tests, nested
packages with their own conftest.py, and test modules with functions, Test* classes (some
inheriting tests from a base class in another module), unittest.TestCase classes,
parametrize over literal lists (with ids, pytest.param and marks), stacked parametrize and
markers (module pytestmark, class and function marks, skip/skipif/xfail).

The output depends only on N and GENERATOR_VERSION: the same bytes on every machine and run.
A suite whose stamp file matches is left alone. Every module imports and collects under real
pytest 9 without errors or warnings.
"""

import argparse
import hashlib
import os
import random
import shutil
import sys

GENERATOR_VERSION = "1"
STAMP = ".synthetic-stamp"

AREAS = [
    "accounts", "billing", "catalog", "checkout", "inventory", "search", "shipping",
    "reports", "notifications", "auth", "api", "storage", "scheduler", "analytics",
]
SUBAREAS = ["models", "views", "services", "forms", "tasks", "serializers", "utils", "admin"]
NOUNS = [
    "user", "order", "invoice", "item", "cart", "payment", "address", "token", "session",
    "report", "event", "queue", "record", "price", "discount", "coupon", "refund", "profile",
    "group", "permission", "message", "template", "schedule", "batch", "upload", "export",
]
VERBS = [
    "create", "update", "delete", "list", "validate", "render", "serialize", "parse", "merge",
    "lookup", "retry", "expire", "refresh", "cancel", "approve", "archive", "restore", "sync",
]
MARKS = ["slow", "network", "integration", "smoke"]


def words(rng, count):
    return "_".join(rng.choice(VERBS if i % 2 == 0 else NOUNS) for i in range(count))


def literal(rng, depth=0):
    """A Python literal as source text: ints, floats, strings, None, bools, tuples."""
    kind = rng.randrange(7 if depth == 0 else 5)
    if kind == 0:
        return str(rng.randrange(-5, 1000))
    if kind == 1:
        return repr(round(rng.uniform(0, 100), rng.randrange(1, 3)))
    if kind == 2:
        return repr(rng.choice(NOUNS) + ("-" + rng.choice(VERBS) if rng.random() < 0.5 else ""))
    if kind == 3:
        return rng.choice(["None", "True", "False"])
    if kind == 4:
        return repr(rng.choice(["", "a b", "x/y", "UPPER", "ünïcode", "tab\there"]))
    if kind == 5:
        return "(" + ", ".join(literal(rng, depth + 1) for _ in range(2)) + ")"
    return "[" + ", ".join(literal(rng, depth + 1) for _ in range(rng.randrange(0, 3))) + "]"


def body(rng, indent, fixtures=(), lines=None):
    """A plausible test body: assignments, a loop, a comprehension, an f-string, asserts."""
    pad = " " * indent
    out = []
    if rng.random() < 0.4:
        out.append(f'{pad}"""{rng.choice(VERBS).capitalize()} the {rng.choice(NOUNS)} and check the result."""')
    count = lines if lines is not None else rng.randrange(3, 14)
    names = list(fixtures) or ["payload"]
    if not fixtures:
        out.append(f"{pad}payload = make_payload({literal(rng)!s}, size={rng.randrange(1, 50)})")
    for index in range(count):
        choice = rng.randrange(9)
        name = f"{rng.choice(NOUNS)}_{index}"
        if choice == 0:
            out.append(f"{pad}{name} = {{\"id\": {rng.randrange(10000)}, \"name\": {literal(rng)}, \"tags\": [{literal(rng)}, {literal(rng)}]}}")
            names.append(name)
        elif choice == 1:
            out.append(f"{pad}for position, value in enumerate(range({rng.randrange(2, 9)})):")
            out.append(f"{pad}    assert position == value, f\"{{position}} != {{value}} in {rng.choice(NOUNS)}\"")
        elif choice == 2:
            out.append(f"{pad}{name} = [x * {rng.randrange(2, 7)} for x in range({rng.randrange(3, 30)}) if x % 2]")
            names.append(name)
        elif choice == 3:
            out.append(f"{pad}# {rng.choice(VERBS)} before {rng.choice(VERBS)}: the {rng.choice(NOUNS)} must not change")
        elif choice == 4:
            out.append(f"{pad}assert {rng.choice(names)} is not None")
        elif choice == 5:
            out.append(f"{pad}{name} = format_name({literal(rng)}, {rng.choice(names)!s})")
            names.append(name)
        elif choice == 6:
            out.append(f"{pad}with check_raises(ValueError, {rng.choice(['True', 'False'])}):")
            out.append(f"{pad}    int({literal(rng)!r})")
        elif choice == 7:
            out.append(f"{pad}if {rng.choice(names)} and {rng.randrange(5)} > {rng.randrange(5)}:")
            out.append(f"{pad}    {name} = sorted(str(part) for part in ({literal(rng)}, {literal(rng)}))")
            out.append(f"{pad}else:")
            out.append(f"{pad}    {name} = None")
        else:
            out.append(f"{pad}assert_same({rng.choice(names)}, {rng.choice(names)})")
    return out


def parametrize(rng):
    """One @pytest.mark.parametrize decorator and the argument names it adds."""
    kind = rng.randrange(5)
    if kind == 0:
        values = ", ".join(literal(rng) for _ in range(rng.randrange(2, 6)))
        return [f'@pytest.mark.parametrize("value", [{values}])'], ["value"]
    if kind == 1:
        rows = ", ".join(f"({literal(rng)}, {literal(rng)})" for _ in range(rng.randrange(2, 5)))
        return [f'@pytest.mark.parametrize("left, right", [{rows}])'], ["left", "right"]
    if kind == 2:
        count = rng.randrange(2, 5)
        values = ", ".join(str(rng.randrange(100)) for _ in range(count))
        ids = ", ".join(repr(f"{rng.choice(NOUNS)}{i}") for i in range(count))
        return [f'@pytest.mark.parametrize("number", [{values}], ids=[{ids}])'], ["number"]
    if kind == 3:
        params = [
            f"pytest.param({literal(rng)}, id={repr(rng.choice(NOUNS) + str(rng.randrange(10)))})",
            f"pytest.param({literal(rng)}, marks=pytest.mark.{rng.choice(MARKS)})",
            literal(rng),
        ]
        return ["@pytest.mark.parametrize(", '    "case",', "    [", *(f"        {p}," for p in params), "    ],", ")"], ["case"]
    first = ", ".join(str(rng.randrange(10)) for _ in range(2))
    second = ", ".join(repr(rng.choice(NOUNS)) for _ in range(2))
    return [f'@pytest.mark.parametrize("x", [{first}])', f'@pytest.mark.parametrize("y", [{second}])'], ["x", "y"]


def marks(rng):
    out = []
    if rng.random() < 0.25:
        out.append(f"@pytest.mark.{rng.choice(MARKS)}")
    roll = rng.random()
    if roll < 0.05:
        out.append('@pytest.mark.skip(reason="not on this backend")')
    elif roll < 0.10:
        out.append('@pytest.mark.skipif(sys.platform == "win32", reason="posix paths")')
    elif roll < 0.14:
        out.append("@pytest.mark.xfail(strict=False)")
    return out


def test_function(rng, name, indent, self_arg, fixtures):
    pad = " " * indent
    decorators = marks(rng)
    args = []
    if rng.random() < 0.45:
        lines, names = parametrize(rng)
        decorators += lines
        args += names
    args += rng.sample(fixtures, k=min(len(fixtures), rng.randrange(0, 3)))
    if self_arg:
        args.insert(0, "self")
    out = [pad + line for line in decorators]
    out.append(f"{pad}def {name}({', '.join(args)}):")
    out += body(rng, indent + 4, fixtures=[a for a in args if a != "self"])
    return out


def test_module(rng, dotted_area, has_base, fixtures):
    out = ['"""Tests for the ' + rng.choice(NOUNS) + " " + rng.choice(SUBAREAS) + '."""', ""]
    out += ["import sys", "import unittest", "", "import pytest", ""]
    out.append("from tests.helpers.assertions import assert_same, check_raises")
    out.append("from tests.helpers.factories import format_name, make_payload")
    if has_base:
        out.append(f"from {dotted_area}.base import AreaCase, BaseAreaTests")
    out.append("")
    if rng.random() < 0.2:
        out += [f"pytestmark = pytest.mark.{rng.choice(MARKS)}", ""]
    if rng.random() < 0.3:
        out += [f"{words(rng, 2).upper()} = [{', '.join(literal(rng) for _ in range(4))}]", ""]
    used = set()

    def fresh(prefix, count):
        while True:
            name = prefix + words(rng, count)
            if name not in used:
                used.add(name)
                return name

    for _ in range(rng.randrange(3, 9)):
        kind = rng.randrange(10)
        out.append("")
        if kind < 4:
            out += test_function(rng, fresh("test_", 3), 0, False, fixtures)
        elif kind < 5:
            helper = fresh("_", 2)
            out.append(f"def {helper}(value, *, scale=1):")
            out += body(rng, 4, fixtures=["value", "scale"], lines=rng.randrange(2, 6))
            out.append("    return value")
        elif kind < 8:
            cls = "Test" + fresh("", 2).title().replace("_", "")
            bases = f"(BaseAreaTests)" if has_base and rng.random() < 0.3 else ""
            out.append("")
            out += [line for line in marks(rng) if "skipif" not in line]
            out.append(f"class {cls}{bases}:")
            if rng.random() < 0.3:
                out.append(f"    label = {literal(rng)}")
                out.append("")
            for index in range(rng.randrange(1, 6)):
                if index:
                    out.append("")
                out += test_function(rng, fresh("test_", 2), 4, True, fixtures)
        else:
            cls = fresh("", 2).title().replace("_", "") + "Tests"
            base = "AreaCase" if has_base and rng.random() < 0.4 else "unittest.TestCase"
            out.append("")
            out.append(f"class {cls}({base}):")
            out.append("    def setUp(self):")
            out.append(f"        self.value = make_payload({literal(rng)}, size=3)")
            for _ in range(rng.randrange(1, 5)):
                out.append("")
                out.append(f"    def {fresh('test_', 2)}(self):")
                out += body(rng, 8, fixtures=["self.value"], lines=rng.randrange(2, 8))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


ROOT_CONFTEST = '''"""Fixtures shared by every test."""

import pytest


@pytest.fixture
def db():
    return {"connected": True, "rows": []}


@pytest.fixture
def client(db):
    return {"db": db, "headers": {"accept": "application/json"}}


@pytest.fixture(scope="session")
def settings():
    return {"debug": False, "timezone": "UTC", "retries": 3}


@pytest.fixture
def workspace(tmp_path):
    path = tmp_path / "workspace"
    path.mkdir()
    return path


@pytest.fixture(params=["sqlite", "memory"])
def backend(request):
    return request.param
'''

AREA_CONFTEST = '''"""Fixtures of the {area} area."""

import pytest


@pytest.fixture
def {area}_config(settings):
    return dict(settings, area="{area}")
'''

AREA_BASE = '''"""Base classes shared by the {area} tests; nothing here is collected by itself."""

import unittest


class BaseAreaTests:
    area = "{area}"

    def test_area_name(self):
        assert self.area == "{area}"

    def test_area_is_lowercase(self):
        assert self.area.islower()


class AreaCase(unittest.TestCase):
    def assertArea(self, value):
        self.assertEqual(value, "{area}")
'''

HELPERS = {
    "tests/helpers/__init__.py": "",
    "tests/helpers/assertions.py": '''"""Assertion helpers."""

import contextlib


def assert_same(left, right):
    assert left == left and right == right


@contextlib.contextmanager
def check_raises(kind, expected=True):
    try:
        yield
    except kind:
        if not expected:
            raise
''',
    "tests/helpers/factories.py": '''"""Factories for test data."""


def make_payload(value, size=1):
    return {"value": value, "items": [value] * size}


def format_name(*parts):
    return "-".join(str(part) for part in parts)
''',
}

PYTEST_INI = """[pytest]
testpaths = tests
markers =
    slow: takes longer than a second
    network: needs the network
    integration: talks to real services
    smoke: a quick check
"""


def generate(size):
    """The suite of `size` .py files below tests/, as {relative path: text}."""
    rng = random.Random(f"fastcollect-synthetic-{GENERATOR_VERSION}-{size}")
    files = {"pytest.ini": PYTEST_INI, "tests/__init__.py": "", "tests/conftest.py": ROOT_CONFTEST}
    files.update(HELPERS)
    fixtures_root = ["db", "client", "settings", "workspace", "tmp_path", "monkeypatch", "backend"]
    # About one area (package with conftest, base module and subpackages) per 60 files.
    area_count = max(2, min(len(AREAS) * 4, size // 60))
    directories = []  # (folder, dotted area, fixtures)
    for index in range(area_count):
        area = AREAS[index % len(AREAS)] + (str(index // len(AREAS)) if index >= len(AREAS) else "")
        folder = f"tests/{area}"
        dotted = f"tests.{area}"
        fixtures = fixtures_root + [f"{area}_config"]
        files[f"{folder}/__init__.py"] = ""
        files[f"{folder}/conftest.py"] = AREA_CONFTEST.format(area=area)
        files[f"{folder}/base.py"] = AREA_BASE.format(area=area)
        directories.append((folder, dotted, fixtures))
        for sub in rng.sample(SUBAREAS, k=rng.randrange(1, 4)):
            subfolder = f"{folder}/{sub}"
            files[f"{subfolder}/__init__.py"] = ""
            directories.append((subfolder, dotted, fixtures))
            if rng.random() < 0.3:
                inner = f"{subfolder}/{rng.choice(['unit', 'regression', 'edge'])}"
                files[f"{inner}/__init__.py"] = ""
                directories.append((inner, dotted, fixtures))
    python_files = sum(1 for path in files if path.endswith(".py"))
    if python_files > size:
        raise SystemExit(f"generate.py: {size} files is too few for {area_count} areas")
    for index in range(size - python_files):
        folder, dotted, fixtures = directories[index % len(directories)]
        name = f"test_{rng.choice(NOUNS)}_{rng.choice(VERBS)}_{index}.py"
        files[f"{folder}/{name}"] = test_module(rng, dotted, True, fixtures)
    assert sum(1 for path in files if path.endswith(".py")) == size
    return files


def digest(files):
    hasher = hashlib.sha256()
    for path in sorted(files):
        hasher.update(path.encode() + b"\0" + files[path].encode() + b"\0")
    return hasher.hexdigest()


def write_suite(dest, size, force):
    target = os.path.join(dest, f"synthetic-{size}")
    files = generate(size)
    stamp = f"{GENERATOR_VERSION} {digest(files)}\n"
    stamp_path = os.path.join(target, STAMP)
    if not force and os.path.exists(stamp_path):
        with open(stamp_path) as handle:
            if handle.read() == stamp:
                print(f"generate: {target} is up to date")
                return target
    staging = target + ".tmp"
    shutil.rmtree(staging, ignore_errors=True)
    for path, text in files.items():
        full = os.path.join(staging, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    with open(os.path.join(staging, STAMP), "w") as handle:
        handle.write(stamp)
    shutil.rmtree(target, ignore_errors=True)
    os.rename(staging, target)
    total = sum(len(text.encode()) for path, text in files.items() if path.endswith(".py"))
    print(f"generate: {target} ({size} .py files, {total} bytes)")
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_dest = os.environ.get("FASTCOLLECT_CORPUS", os.path.expanduser("~/.cache/fastcollect-corpus"))
    parser.add_argument("--dest", default=default_dest, help="where synthetic-<N>/ go (default %(default)s)")
    parser.add_argument("--sizes", default="100,200,2000", help="comma-separated file counts")
    parser.add_argument("--force", action="store_true", help="rewrite suites that are up to date")
    args = parser.parse_args(argv)
    os.makedirs(args.dest, exist_ok=True)
    for size in (int(part) for part in args.sizes.split(",") if part):
        write_suite(args.dest, size, args.force)
    return 0


if __name__ == "__main__":
    sys.exit(main())
