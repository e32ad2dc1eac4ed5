#!/usr/bin/env python3
"""test-plugin.py PYTHON BINARY: the plugin against real pytest on small fixture trees.

PYTHON is a venv's interpreter with pytest 9.0.3 and the plugin pip-installed (so it loads
through its pytest11 entry point); BINARY is fastcollect. For every fixture tree (the golden
trees of Tests/FastCollectTests/Fixtures/golden and Tests/FastCollectTests/Output/Fixtures) and
every argument list (the golden runs' own, plus -k/-m cases), and for the plugin's own trees
(plugin/tests/trees: traps for skipping whole directories and for the stand-in modules that
raise a skipped module's warnings, with how many directories it must skip and how many modules
it must stand in for), in a temporary copy of the tree:

    python -m pytest -p no:cacheprovider ARGS -p no:fastcollect_pytest    (plain pytest)
    python -m pytest -p no:cacheprovider ARGS                             (with the plugin)

stdout (durations masked, the `plugins:` header line dropped) and the exit code must be equal.
Then the same with --parallel-import, with a missing binary (pytest must collect normally and
say so once on stderr), and `fastcollect ARGS` (no --collect-only) against `python -m pytest`.
Exits 1 on any difference. $FASTCOLLECT_PLUGIN_TEST_ONLY=case,case… limits the trees (names of
the golden cases, or json-basic).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "Tests/FastCollectTests/Fixtures/golden"
OWN = ROOT / "Tests/FastCollectTests/Output/Fixtures"
# Trees for the plugin alone; each `cases.txt` line: ARGS | directories the plugin skips whole
# [| modules its stand-in collects].
PLUGIN_TREES = ROOT / "plugin/tests/trees"
DURATION = re.compile(r" in [0-9.]+s( \(\d+:\d\d:\d\d\))?")
# -k/-m cases run on every tree: substrings that hit some items and miss others.
GENERIC = [["-k", "a"], ["-k", "not a"], ["-k", "one or add or value"], ["-m", "slow or xfail"], ["-m", "not slow"]]
OWN_CASES = [
    [],
    ["-k", "add or one or value"],
    ["-k", "other"],
    ["-m", "slow"],
    ["-m", "not slow", "--continue-on-collection-errors"],
    ["--deselect", "tests/test_math.py::test_add[small]", "-k", "add"],
    ["tests/unit", "-k", "value"],
]


def normalise(text: str) -> str:
    lines = [line for line in text.split("\n") if not line.startswith("plugins: ")]
    return DURATION.sub(" in <T>", "\n".join(lines))


def run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[str, str, int]:
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return done.stdout, done.stderr, done.returncode


Case = tuple[str, Path, list[str], "tuple[int, int | None] | None"]


def cases() -> list[Case]:
    only = {name for name in os.environ.get("FASTCOLLECT_PLUGIN_TEST_ONLY", "").split(",") if name}
    return [case for case in all_cases() if not only or case[0].split("/")[0] in only]


def all_cases() -> list[Case]:
    """(name, tree, pytest arguments, expected counts or None): the counts are the directories
    the plugin must skip whole and the modules it must stand in for (None: not checked)."""
    result = []
    for case in sorted(GOLDEN.iterdir()):
        tree = case / "tree"
        if not tree.is_dir():
            continue
        for args_file in sorted((case / "runs").glob("*.args")):
            args = args_file.read_text().split("\n")[:-1]
            result.append((f"{case.name}/{args_file.stem}", tree, args, None))
        for extra in GENERIC:
            result.append((f"{case.name}/{' '.join(extra)}", tree, ["--collect-only", "-q", *extra], None))
    for case in sorted(OWN.iterdir()):
        if (case / "tree").is_dir():
            for extra in OWN_CASES:
                result.append(
                    (f"{case.name}/{' '.join(extra) or '(none)'}", case / "tree", ["--collect-only", "-q", *extra], None)
                )
    for case in sorted(PLUGIN_TREES.iterdir()):
        for line in (case / "cases.txt").read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            args_text, *counts = line.split("|")
            args = shlex.split(args_text)
            expected = (int(counts[0]), int(counts[1]) if len(counts) > 1 else None)
            result.append(
                (f"{case.name}/{args_text.strip() or '(none)'}", case / "tree", ["--collect-only", "-q", *args], expected)
            )
    return result


def counted(err: str, directories: int, stood_in: int | None) -> bool:
    """The plugin's FASTCOLLECT_DEBUG line reports these counts."""
    if f" and {directories} directories whole" not in err:
        return False
    return stood_in is None or f"stood in for {stood_in} modules" in err


def main() -> int:
    python, binary = sys.argv[1], str(Path(sys.argv[2]).resolve())
    base_env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONIOENCODING": "utf-8",
        "PYTHONHASHSEED": "0",
        "FASTCOLLECT_BINARY": binary,
    }
    pytest = [python, "-m", "pytest", "-p", "no:cacheprovider"]
    failures = 0
    checked = 0
    work = Path(tempfile.mkdtemp(prefix="fastcollect-plugin-test-"))
    copies: dict[Path, Path] = {}
    try:
        for name, tree, args, expected in cases():
            if tree not in copies:
                copies[tree] = work / f"t{len(copies)}" / "tree"
                shutil.copytree(tree, copies[tree], symlinks=True)
            cwd = copies[tree]
            plain = run(pytest + args + ["-p", "no:fastcollect_pytest"], cwd, base_env)
            variants = {"plugin": (pytest + args, {**base_env, "FASTCOLLECT_DEBUG": "1"})}
            if "-k" in args or "-m" in args:
                variants["plugin --parallel-import"] = (
                    pytest + args + ["--parallel-import", "--parallel-workers=2"],
                    {**base_env, "FASTCOLLECT_DEBUG": "1"},
                )
            if name.endswith("/-k a"):
                variants["missing binary"] = (pytest + args, {**base_env, "FASTCOLLECT_BINARY": "/nonexistent/fastcollect"})
            for label, (command, env) in variants.items():
                checked += 1
                out, err, code = run(command, cwd, env)
                if normalise(out) != normalise(plain[0]) or code != plain[2]:
                    failures += 1
                    print(f"FAIL {name} [{label}] (exit {plain[2]} vs {code})")
                    print("  plain:\n    " + normalise(plain[0]).replace("\n", "\n    "))
                    print("  plugin:\n    " + normalise(out).replace("\n", "\n    "))
                    if err.strip():
                        print("  stderr: " + err.strip().replace("\n", "\n    "))
                elif label == "plugin --parallel-import" and name.startswith("json-basic/") and "'failed': 0" not in err:
                    # Modules outside any package (no __init__.py) must be pre-loaded too.
                    failures += 1
                    print(f"FAIL {name} [{label}]: nothing was pre-loaded: {err.strip()!r}")
                elif label == "plugin" and expected is not None and not counted(err, *expected):
                    failures += 1
                    print(f"FAIL {name} [{label}]: expected {expected[0]} directories skipped whole"
                          f" and {expected[1]} modules stood in for: {err.strip()!r}")
                elif label == "missing binary" and err.count("fastcollect: binary not found") != 1:
                    failures += 1
                    print(f"FAIL {name} [{label}]: expected one warning on stderr, got {err!r}")
        # `fastcollect ARGS` runs pytest with the plugin: same output and exit code as pytest.
        venv = str(Path(python).parent.parent)
        tree = copies.get(OWN / "json-basic" / "tree")
        if tree is not None:
            for args in (["-q", "-k", "add or one"], ["-q", "-m", "slow", "tests/test_math.py"], ["-q", "-k", "nothing"]):
                checked += 1
                plain = run(pytest + args + ["-p", "no:fastcollect_pytest"], tree, base_env)
                ran = run([binary, *args, "-p", "no:cacheprovider"], tree, {**base_env, "VIRTUAL_ENV": venv})
                if normalise(ran[0]) != normalise(plain[0]) or ran[2] != plain[2]:
                    failures += 1
                    print(f"FAIL fastcollect {' '.join(args)} (exit {plain[2]} vs {ran[2]})")
                    print("  pytest:\n    " + normalise(plain[0]).replace("\n", "\n    "))
                    print("  fastcollect:\n    " + normalise(ran[0]).replace("\n", "\n    "))
                    print("  stderr: " + ran[1])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"test-plugin: {checked - failures}/{checked} runs identical to plain pytest")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
