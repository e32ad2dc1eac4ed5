#!/usr/bin/env python3
"""Bad input mixed into the three real suites: fastcollect must print exactly the suite's node
IDs (pytest's truth) plus one `ERROR collecting` per bad file, and exit 2.

    scripts/bad-input-mixed-tree.py FASTCOLLECT [SUITE...]      SUITE: pytest django sqlalchemy

For each suite, its root (~/.cache/fastcollect-corpus/<suite root>, or $FASTCOLLECT_CORPUS) is
copied to a scratch folder (the shared corpus is never touched), and into its test folder go:
every file-level bad kind of scripts/make-bad-input-cases.py as `test_bad_<kind>.py` (each one
a module pytest fails to import: one error each), an unreadable folder (one error), and the
tree-level kinds that pytest passes over without a word (an empty module, a FIFO, a dangling
symlink, a self-referencing symlink, a folder named `test_bad_dir.py` holding nothing to
collect, a 300-deep folder chain holding an empty module). Symlink loops are left out here:
pytest follows them and collects the suite again below them (see the symlink-loop case).
Then `fastcollect --collect-only -q -p no:cacheprovider TESTDIR` runs from the suite root (as
the truth was made; run as root, under setpriv without DAC override so modes bind) and

  * the node-ID lines (up to the first empty line) must equal those of the same run on the
    clean copy, and are compared with the truth file too (reported; a difference there is a
    collection bug of the suite, not a bad-input one);
  * the `ERROR collecting` headers must name exactly the bad paths, once each;
  * the exit code must be 2.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("FASTCOLLECT_CORPUS", Path.home() / ".cache/fastcollect-corpus"))
TRUTH = REPO.parent / "shared" / "corpus" / "truth"
SUITES = {
    "pytest": ("pytest-9.0.3", "testing", "pytest.txt"),
    "django": ("django-5.2.19", "tests", "django.txt"),
    "sqlalchemy": ("sqlalchemy-2.0.58", "test", "sqlalchemy.txt"),
}

_spec = importlib.util.spec_from_file_location("cases", REPO / "scripts" / "make-bad-input-cases.py")
cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases)
GOOD = cases.GOOD

# One module per file-level kind; each fails to import.
BAD_FILES = {
    "binary": cases.xorshift_bytes(4096, 0x2545F491),
    "binary_no_nul": cases.xorshift_bytes(4096, 0x9E3779B9, avoid_nul=True),
    "invalid_utf8": b'x = "caf\xe9"\n' + GOOD,
    "nul_byte": b"def test_a():\n    pass\x00\n",
    "bom_latin1": b"\xef\xbb\xbf# -*- coding: latin-1 -*-\n" + GOOD,
    "cr_unterminated": b'x = "a\rdef test_hidden(): pass\n',
    "tab_error": b"def test_a():\n\tif True:\n        pass\n",
    "dedent": b"def test_a():\n        x = 1\n    y = 2\n",
    "unterminated": b"def test_a():\n    x = 'abc\n" + GOOD,
    "unterminated_triple": b'def test_a():\n    """doc\n\ndef test_b():\n    pass\n',
    "unclosed": b"x = (1,\n     2\n" + GOOD,
    "backslash_eof": b"x = 1 + \\",
    "nested_brackets": b"x = " + b"(" * 10000 + b")" * 10000 + b"\n" + GOOD,
    "nested_classes": cases.nested_classes(1000),
    "ascii_cookie": b'# -*- coding: ascii -*-\nx = "caf\xe9"\n' + GOOD,
    "unknown_cookie": b"# coding: klingon\n" + GOOD,
    "unreadable": GOOD,  # mode 000
}


def build(testdir: Path) -> list[str]:
    """Adds the bad kinds under testdir; returns the paths (relative to testdir) pytest reports."""
    errors = []
    for kind, data in BAD_FILES.items():
        (testdir / f"test_bad_{kind}.py").write_bytes(data)
        errors.append(f"test_bad_{kind}.py")
    os.chmod(testdir / "test_bad_unreadable.py", 0)
    locked = testdir / "bad_locked_dir"
    locked.mkdir()
    (locked / "test_locked.py").write_bytes(GOOD)
    os.chmod(locked, 0)
    errors.append("bad_locked_dir")
    (testdir / "test_bad_empty.py").write_bytes(b"")
    os.mkfifo(testdir / "test_bad_fifo.py")
    os.symlink("nowhere/test_x.py", testdir / "test_bad_dangling.py")
    os.symlink("test_bad_self.py", testdir / "test_bad_self.py")
    (testdir / "test_bad_dir.py").mkdir()
    deep = str(testdir / "bad_deep")
    os.mkdir(deep)
    for _ in range(300):
        deep += "/d"
        os.mkdir(deep)
    Path(deep, "test_deep_empty.py").write_bytes(b"")
    return errors


def check(binary: str, suite: str) -> bool:
    root_name, testdir_name, truth_name = SUITES[suite]
    truth = (TRUTH / truth_name).read_text(encoding="utf-8").splitlines()
    scratch = Path(tempfile.mkdtemp(prefix="fastcollect-mixed-"))
    try:
        root = scratch / root_name
        shutil.copytree(CORPUS / root_name, root, symlinks=True)
        testdir = root / testdir_name
        command = [binary, "--collect-only", "-q", "-p", "no:cacheprovider", testdir_name]
        if suite == "sqlalchemy":
            command.insert(2, "-q")  # its addopts carry -v, as the truth was made
        if os.geteuid() == 0:
            command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
        clean = subprocess.run(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=600)
        clean_out = clean.stdout.decode("utf-8", "replace").split("\n")
        clean_ids = clean_out[: clean_out.index("")] if "" in clean_out else clean_out
        bad = build(testdir)
        prefix = os.path.relpath(testdir, root)
        expected_errors = sorted(f"{prefix}/{path}" for path in bad)
        started = time.monotonic()
        proc = subprocess.run(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        elapsed = time.monotonic() - started
        out = proc.stdout.decode("utf-8", "replace").split("\n")
        ids = out[: out.index("")] if "" in out else out
        headers = sorted(
            line.strip("_ ").removeprefix("ERROR collecting ").strip()
            for line in out if line.startswith("_") and "ERROR collecting" in line)
        # The bad files must add their errors and change nothing else: the node IDs are those
        # of the clean copy, which should be the truth (a difference there is reported apart:
        # it is a collection bug of the suite, not a bad-input one).
        ok = ids == clean_ids and headers == expected_errors and proc.returncode == 2
        print(f"{suite}: {'ok' if ok else 'FAIL'}  node IDs {len(ids)} (clean copy {len(clean_ids)}, truth {len(truth)}, "
              f"equal to truth: {ids == truth}), errors {len(headers)} (bad files {len(expected_errors)}), "
              f"exit {proc.returncode}, {elapsed:.2f} s")
        if not ok:
            missing = [x for x in truth if x not in set(ids)]
            extra = [x for x in ids if x not in set(truth)]
            print(f"  missing {len(missing)}: {missing[:5]}\n  extra {len(extra)}: {extra[:5]}")
            print(f"  errors not expected: {sorted(set(headers) - set(expected_errors))}")
            print(f"  bad files without an error: {sorted(set(expected_errors) - set(headers))}")
            if ids != truth and not missing and not extra:
                print("  same IDs, different order")
            print("  stderr: " + proc.stderr.decode("utf-8", "replace")[-800:])
        return ok
    finally:
        for dirpath, dirnames, _ in os.walk(scratch):
            for name in dirnames:
                try:
                    os.chmod(os.path.join(dirpath, name), 0o755)
                except OSError:
                    pass
        for path in scratch.rglob("test_bad_unreadable.py"):
            os.chmod(path, 0o644)
        subprocess.run(["rm", "-rf", str(scratch)], check=False)


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    suites = sys.argv[2:] or list(SUITES)
    results = [check(binary, suite) for suite in suites]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
