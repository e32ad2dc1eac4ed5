#!/usr/bin/env python3
"""Regenerate the golden outputs under Tests/FastCollectTests/Fixtures/golden.

Run it through scripts/make-golden.sh, which provides the pinned pytest.

Layout (one folder per case):

    golden/<case>/tree/...                 the project; the working directory of every run
    golden/<case>/runs/<NN>-<slug>.args    one argument per line, the file ends with a newline
    golden/<case>/runs/<NN>-<slug>.stdout  expected stdout, normalised (written here)
    golden/<case>/runs/<NN>-<slug>.exit    expected exit code and a newline (written here)

For every run, the tree is copied to /tmp/fastcollect-golden-XXXXXXXX/tree,
eight random characters from [a-z0-9]: the last component is `tree` (so
`<Dir tree>` reads the same) and the path always has the same length (pytest
cuts some short-summary lines at 80 columns after putting an absolute path in
them, so where it cuts depends on that length). Then

    <venv>/bin/python -m pytest -p no:cacheprovider ARGS...

runs there with a minimal environment: PATH, HOME, LANG=C.UTF-8, TERM=dumb,
PYTHONDONTWRITEBYTECODE=1, PYTHONIOENCODING=utf-8, PYTHONHASHSEED=0; no COLUMNS,
no PYTEST_* variables (so no PYTEST_ADDOPTS), no PYTHONPATH. Stdout is not a tty,
so pytest's terminal width is 80 and there is no colour. Running in a copy keeps
the repository clean (no __pycache__ / .pytest_cache) and keeps configuration
files in the checkout's ancestors from changing the rootdir.

Normalisation (GoldenTests.swift implements the same, rule for rule; keep the
two in step). Stdout is decoded as UTF-8, strictly (pytest always writes
valid UTF-8; the Swift side works on the bytes without decoding, so invalid
UTF-8 from fastcollect is a difference), and split into lines on "\n"; then,
line by line:

  1. Every occurrence of the tree's absolute path (the copy's path, with
     symlinks resolved, and as given when different) becomes `<ROOT>`.
  2. A line starting with `platform ` becomes `platform <PLATFORM>`.
  3. A line starting with `plugins: ` is dropped.
  4. A duration at the end of a line, ` in <digits>.<2 digits>s`, optionally
     followed by ` (<h:mm:ss>)` and then optionally by ` ` and a run of `=`,
     becomes ` in <T>`. When there was such a `=` fill and the line starts
     with `=` characters and a space (a line from pytest's `sep("=", title)`),
     the line is drawn again the way `sep` draws it at width 80, since the
     fill depends on how long the duration was: with `title` the text between
     `=… ` and the duration, plus ` in <T>`, and n = max((80 - len(title) - 2)
     // 2, 1) (len counts code points), the line is n `=`, a space, the title,
     a space, n `=`, and one more `=` if that keeps it within 80.
  5. In the `ERRORS` section (from a line `=… ERRORS …=` to the next line
     starting with `====`), each block headed `____… ERROR … ____` keeps its
     header and only the LAST line of its body that starts with `E   `
     (E and three spaces); the body is every line up to the next line that
     starts with `____` or `====`. A body with no such line is kept whole
     (it is a plain message, e.g. `'yield' keyword is allowed in fixtures…`,
     not a traceback).
  6. In the `warnings summary` section (from a line `=… warnings summary …=` to
     the next line starting with `====` or `-- Docs:`), lines that point into
     pytest's own source are removed: a line that contains `/_pytest/` and
     starts with two spaces followed by a non-space (`  <path>:<line>: text`)
     keeps its two spaces and the text after the first `:<digits>: `; any
     other line containing `/_pytest/` (a location header) is dropped; and
     from a rewritten line up to the next empty line, lines that start with
     four spaces (the echoed pytest source line) are dropped.
  The lines are joined again with "\n" (so a trailing newline is kept).

Files in runs/ without a matching .args are deleted. Running the script twice
gives identical files. `--check` writes nothing and exits 1 when a golden
file would change; `--self-test` runs the normalisation examples only.
"""

from __future__ import annotations

import os
import shutil
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "Tests" / "FastCollectTests" / "Fixtures" / "golden"


# ---------------------------------------------------------------- normalising

def _is_digits(s: str) -> bool:
    return len(s) > 0 and all("0" <= c <= "9" for c in s)


def _normalise_duration(line: str) -> str:
    """Rule 4: ` in 1.23s` (+ ` (0:01:02)`) (+ ` ===`) at the end of a line."""
    at = line.rfind(" in ")
    if at < 0:
        return line
    rest = line[at + 4 :]
    # Trailing ` ====…` fill.
    fill = ""
    stripped = rest.rstrip("=")
    if stripped != rest:
        if not stripped.endswith(" "):
            return line
        fill = rest[len(stripped) - 1 :]
        rest = stripped[:-1]
    # Optional ` (h:mm:ss)`.
    paren = rest.find(" (")
    if paren >= 0:
        inner = rest[paren + 2 :]
        if not inner.endswith(")"):
            return line
        clock = inner[:-1]
        if not clock or not all("0" <= c <= "9" or c == ":" for c in clock):
            return line
        rest = rest[:paren]
    if not rest.endswith("s"):
        return line
    number = rest[:-1]
    dot = number.find(".")
    if dot < 0 or not _is_digits(number[:dot]) or not _is_digits(number[dot + 1 :]) or len(number) - dot - 1 != 2:
        return line
    new = line[:at] + " in <T>"
    if not fill:
        return new
    lead = len(line) - len(line.lstrip("="))
    if lead == 0 or line[lead : lead + 1] != " " or lead + 1 > at:
        return new + fill
    title = new[lead + 1 :]
    n = max((80 - len(title) - 2) // 2, 1)
    drawn = "=" * n + " " + title + " " + "=" * n
    if len(drawn) + 1 <= 80:
        drawn += "="
    return drawn


def _is_section(line: str, title: str) -> bool:
    """`=… title …=` as written by pytest's sep("=", title)."""
    if not line.startswith("="):
        return False
    inner = line.strip("=")
    return inner == " " + title + " "


def _rewrite_pytest_pointer(line: str) -> str | None:
    """Rule 6: `  /x/_pytest/y.py:12: Text` -> `  Text`; None when not of that shape."""
    if not line.startswith("  ") or line.startswith("   "):
        return None
    body = line[2:]
    search = 0
    while True:
        colon = body.find(":", search)
        if colon < 0:
            return None
        end = colon + 1
        while end < len(body) and "0" <= body[end] <= "9":
            end += 1
        if end > colon + 1 and body.startswith(": ", end):
            return "  " + body[end + 2 :]
        search = colon + 1


def normalise(text: str, roots: list[str]) -> str:
    lines = text.split("\n")
    out: list[str] = []
    section = ""  # "errors", "warnings" or ""
    error_block: list[str] | None = None  # body lines of the current ERROR block
    dropping_source = False

    def flush_error_block() -> None:
        nonlocal error_block
        if error_block is not None:
            e_lines = [l for l in error_block if l.startswith("E   ")]
            out.extend(e_lines[-1:] if e_lines else error_block)
            error_block = None

    for raw in lines:
        line = raw
        for root in roots:
            if root:
                line = line.replace(root, "<ROOT>")
        if line.startswith("platform "):
            line = "platform <PLATFORM>"
        if line.startswith("plugins: "):
            continue
        line = _normalise_duration(line)

        if line.startswith("===="):
            flush_error_block()
            dropping_source = False
            if _is_section(line, "ERRORS"):
                section = "errors"
            elif _is_section(line, "warnings summary"):
                section = "warnings"
            else:
                section = ""
            out.append(line)
            continue

        if section == "errors":
            if line.startswith("____"):
                flush_error_block()
                out.append(line)
                error_block = []
                continue
            if error_block is not None:
                error_block.append(line)
                continue
            out.append(line)
            continue

        if section == "warnings":
            if line.startswith("-- Docs:"):
                section = ""
                dropping_source = False
                out.append(line)
                continue
            if dropping_source:
                if line == "":
                    dropping_source = False
                elif line.startswith("    "):
                    continue
            if "/_pytest/" in line:
                rewritten = _rewrite_pytest_pointer(line)
                if rewritten is not None:
                    out.append(rewritten)
                    dropping_source = True
                continue
            out.append(line)
            continue

        out.append(line)

    flush_error_block()
    return "\n".join(out)


SELF_TESTS: list[tuple[str, str]] = [
    (
        "=========== test session starts ===========\n"
        "platform linux -- Python 3.11.7, pytest-9.0.3, pluggy-1.7.0\n"
        "rootdir: /tmp/x/tree\n"
        "plugins: anyio-4.0.0\n"
        "collected 1 item\n"
        "\n"
        "<Dir tree>\n"
        "  <Module test_a.py>\n"
        "    <Function test_x[ran in 1.00s]>\n"
        "\n"
        "=========== 1 test collected in 0.01s ============\n",
        "=========== test session starts ===========\n"
        "platform <PLATFORM>\n"
        "rootdir: <ROOT>\n"
        "collected 1 item\n"
        "\n"
        "<Dir tree>\n"
        "  <Module test_a.py>\n"
        "    <Function test_x[ran in 1.00s]>\n"
        "\n"
        "=========================== 1 test collected in <T> ============================\n",
    ),
    (
        "==== ERRORS ====\n"
        "____ ERROR collecting test_bad.py ____\n"
        "/venv/lib/_pytest/python.py:507: in importtestmodule\n"
        "    mod = import_path(\n"
        "E     File \"/tmp/x/tree/test_bad.py\", line 1\n"
        "E       def test_x(:\n"
        "E                  ^\n"
        "E   SyntaxError: invalid syntax\n"
        "____ ERROR collecting test_none.py ____\n"
        "'yield' keyword is allowed in fixtures, but not in tests (test_gen)\n"
        "==== warnings summary ====\n"
        "../../venv/lib/python3.11/site-packages/_pytest/config/__init__.py:1434\n"
        "  /venv/lib/python3.11/site-packages/_pytest/config/__init__.py:1434: PytestConfigWarning: Unknown config option: x\n"
        "  \n"
        "    self._warn_or_fail_if_strict(f\"Unknown config option: {key}\\n\")\n"
        "\n"
        "test_a.py:4\n"
        "  /tmp/x/tree/test_a.py:4: PytestCollectionWarning: cannot collect 'TestC'\n"
        "    class TestC:\n"
        "\n"
        "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n"
        "==== short test summary info ====\n"
        "ERROR test_bad.py\n"
        "!!!! Interrupted: 1 error during collection !!!!\n"
        "1 test collected, 1 error in 12.34s (0:00:12)\n"
        "= not a sep line in 1.00s =x\n"
        "====== 12 tests collected in 123.45s (0:02:03) =====\n",
        "==== ERRORS ====\n"
        "____ ERROR collecting test_bad.py ____\n"
        "E   SyntaxError: invalid syntax\n"
        "____ ERROR collecting test_none.py ____\n"
        "'yield' keyword is allowed in fixtures, but not in tests (test_gen)\n"
        "==== warnings summary ====\n"
        "  PytestConfigWarning: Unknown config option: x\n"
        "  \n"
        "\n"
        "test_a.py:4\n"
        "  <ROOT>/test_a.py:4: PytestCollectionWarning: cannot collect 'TestC'\n"
        "    class TestC:\n"
        "\n"
        "-- Docs: https://docs.pytest.org/en/stable/how-to/capture-warnings.html\n"
        "==== short test summary info ====\n"
        "ERROR test_bad.py\n"
        "!!!! Interrupted: 1 error during collection !!!!\n"
        "1 test collected, 1 error in <T>\n"
        "= not a sep line in 1.00s =x\n"
        "========================== 12 tests collected in <T> ===========================\n",
    ),
]


def self_test() -> None:
    for index, (raw, expected) in enumerate(SELF_TESTS):
        got = normalise(raw, ["/tmp/x/tree"])
        if got != expected:
            sys.exit(f"make-golden: normalisation self-test {index} failed:\n{got}")
        if normalise(got, ["/tmp/x/tree"]) != got:
            sys.exit(f"make-golden: normalisation self-test {index} is not idempotent")


# ---------------------------------------------------------------- running

def read_args(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        sys.exit(f"make-golden: {path} must end with a newline")
    return text[:-1].split("\n")


def clean_env() -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONHASHSEED": "0",
    }
    return env


def run_case(python: str, case: Path, run: Path) -> tuple[str, int, str]:
    args = read_args(run)
    scratch = make_scratch()
    try:
        work = scratch / "tree"
        shutil.copytree(case / "tree", work, symlinks=True)
        proc = subprocess.run(
            [python, "-m", "pytest", "-p", "no:cacheprovider", *args],
            cwd=work,
            env=clean_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=300,
        )
        roots = sorted({os.path.realpath(work), str(work)}, key=len, reverse=True)
        stdout = normalise(proc.stdout.decode("utf-8"), roots)
        stderr = proc.stderr.decode("utf-8", errors="replace")
        for root in roots:
            stderr = stderr.replace(root, "<ROOT>")
    finally:
        shutil.rmtree(scratch)
    return stdout, proc.returncode, stderr


def make_scratch() -> Path:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    while True:
        name = "fastcollect-golden-" + "".join(secrets.choice(alphabet) for _ in range(8))
        path = Path("/tmp") / name
        try:
            path.mkdir()
            return path
        except FileExistsError:
            continue


def main() -> None:
    argv = sys.argv[1:]
    self_test()
    if argv == ["--self-test"]:
        print("make-golden: self-test ok")
        return
    check = "--check" in argv
    argv = [a for a in argv if a != "--check"]
    if len(argv) < 1:
        sys.exit("usage: make-golden.py PYTHON [--check] [CASE...]")
    python, only = argv[0], set(argv[1:])

    cases = sorted(p for p in GOLDEN.iterdir() if (p / "tree").is_dir())
    unknown = only - {c.name for c in cases}
    if unknown:
        sys.exit(f"make-golden: no such case: {' '.join(sorted(unknown))}")
    if only:
        cases = [c for c in cases if c.name in only]
    changed: list[str] = []
    for case in cases:
        runs_dir = case / "runs"
        runs = sorted(runs_dir.glob("*.args"))
        if not runs:
            sys.exit(f"make-golden: {case.name} has no runs")
        wanted = {r.with_suffix(".stdout").name for r in runs} | {r.with_suffix(".exit").name for r in runs} | {r.name for r in runs}
        for stale in runs_dir.iterdir():
            if stale.name not in wanted:
                changed.append(str(stale.relative_to(GOLDEN)))
                if not check:
                    stale.unlink()
        for run in runs:
            stdout, code, stderr = run_case(python, case, run)
            for path, content in ((run.with_suffix(".stdout"), stdout), (run.with_suffix(".exit"), f"{code}\n")):
                old = path.read_bytes() if path.exists() else None
                new = content.encode("utf-8")
                if old != new:
                    changed.append(str(path.relative_to(GOLDEN)))
                    if not check:
                        path.write_bytes(new)
            note = f"  stderr: {stderr.strip().splitlines()[-1]}" if stderr.strip() else ""
            print(f"{case.name}/{run.stem}: exit {code}{note}")
    if changed:
        print(("would change: " if check else "changed: ") + " ".join(changed))
        if check:
            sys.exit(1)


if __name__ == "__main__":
    main()
