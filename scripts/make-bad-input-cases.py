#!/usr/bin/env python3
"""Expected outputs of the bad-input corpus, from real pytest 9.0.3.

    scripts/make-bad-input-cases.py [--python PY] [--check] [--show] [CASE...]

Every case of Tests/FastCollectTests/BadInput/BadInputCorpus.swift is built here
again, byte for byte, by the functions below (the Swift side builds the same
trees in its own code; the tests compare a fingerprint of both, see
`fingerprint`). For each case and run the tree is built at
/tmp/fastcollect-golden-XXXXXXXX/tree (the same path shape as make-golden.py,
whose environment and normalisation are reused unchanged) and

    PY -m pytest -p no:cacheprovider ARGS...

runs in it. When this runs as root, pytest runs under
`setpriv --bounding-set -dac_override,-dac_read_search`, so that file modes
hold for root as for anyone (the unreadable-file and unreadable-folder cases);
BadInputTests runs fastcollect the same way.

The results are written to Tests/FastCollectTests/BadInput/BadInputExpectations.swift
(generated; do not edit). `--show` prints each case's output and writes nothing;
`--check` writes nothing and exits 1 when the file would change.
PY defaults to ~/.cache/fastcollect-corpus/_venv-pytest/bin/python (pytest 9.0.3).

Sizes: the long-line case holds a 1 MiB line here and in the unit test;
scripts/bad-input-scale.sh checks the full 50 MB line (and 100,000 empty files)
against the same expectations with the release binary.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "Tests" / "FastCollectTests" / "BadInput" / "BadInputExpectations.swift"
DEFAULT_PYTHON = Path.home() / ".cache/fastcollect-corpus/_venv-pytest/bin/python"

_spec = importlib.util.spec_from_file_location("make_golden", REPO / "scripts" / "make-golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

GOOD = b"def test_ok():\n    pass\n"
LONG_LINE_BYTES = 1 << 20
DEEP_TREE = 300  # pytest 9.0.3 itself fails past ~950 (RecursionError in genitems)


def xorshift_bytes(count: int, seed: int, avoid_nul: bool = False) -> bytes:
    """Deterministic 'binary' bytes: xorshift32, the low byte of each state."""
    state = seed & 0xFFFFFFFF
    out = bytearray()
    while len(out) < count:
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        byte = state & 0xFF
        if avoid_nul and byte == 0:
            continue
        out.append(byte)
    return bytes(out)


class Tree:
    """The operations BadInputTree.swift offers, in the same order of effect."""

    def __init__(self, root: Path):
        self.root = root
        self.deferred_modes: list[tuple[Path, int]] = []

    def parents(self, rel: str) -> None:
        """Creates the folders above `rel` one by one (no recursion: trees go 1,000 deep)."""
        path = str(self.root)
        for part in rel.split("/")[:-1]:
            path += "/" + part
            if not os.path.isdir(path):
                os.mkdir(path)

    def file(self, rel: str, data: bytes) -> None:
        self.parents(rel)
        with open(os.path.join(self.root, rel), "wb") as handle:
            handle.write(data)

    def directory(self, rel: str) -> None:
        self.parents(rel + "/x")

    def symlink(self, rel: str, target: str) -> None:
        self.parents(rel)
        path = self.root / rel
        os.symlink(target, path)

    def fifo(self, rel: str) -> None:
        self.parents(rel)
        path = self.root / rel
        os.mkfifo(path, 0o644)

    def mode(self, rel: str, mode: int) -> None:
        """Applied after the whole tree is built (a 000 folder cannot be filled)."""
        self.deferred_modes.append((self.root / rel, mode))

    def finish(self) -> None:
        for path, mode in self.deferred_modes:
            os.chmod(path, mode)


def deep_path(depth: int) -> str:
    return "/".join(["d"] * depth)


def nested_classes(depth: int) -> bytes:
    lines = [b" " * level + b"class C%d:" % level for level in range(depth)]
    lines.append(b" " * depth + b"pass")
    return b"\n".join(lines) + b"\n"


def nested_ifs(depth: int) -> bytes:
    lines = [b" " * level + b"if True:" for level in range(depth)]
    lines.append(b" " * depth + b"pass")
    return b"\n".join(lines) + b"\n"


# name -> (builder, runs); every run is a list of arguments.
Q = ["--co", "-q"]
CONTINUE = ["--co", "-q", "--continue-on-collection-errors"]


def case_binary(t: Tree) -> None:
    t.file("test_binary.py", xorshift_bytes(4096, 0x2545F491))
    t.file("test_ok.py", GOOD)


def case_binary_no_nul(t: Tree) -> None:
    t.file("test_binary.py", xorshift_bytes(4096, 0x9E3779B9, avoid_nul=True))
    t.file("test_ok.py", GOOD)


def case_invalid_utf8(t: Tree) -> None:
    t.file("test_string.py", b'x = "caf\xe9"\n' + GOOD)
    t.file("test_name.py", b"caf\xc3 = 1\n" + GOOD)
    t.file("test_truncated.py", b"def test_a():\n    pass\n# \xe2\x82\n\xe2\x82")
    t.file("test_comment.py", b"# caf\xe9 in a comment\n" + GOOD)
    t.file("test_ok.py", GOOD)


def case_nul_byte(t: Tree) -> None:
    t.file("test_code.py", b"def test_a():\n    pass\x00\n")
    t.file("test_comment.py", b"# a \x00 in a comment\n" + GOOD)
    t.file("test_string.py", b'x = "\x00"\n' + GOOD)
    t.file("test_ok.py", GOOD)


def case_bom(t: Tree) -> None:
    t.file("test_bom.py", b"\xef\xbb\xbfdef test_bom():\n    pass\n")
    t.file("test_bom_only.py", b"\xef\xbb\xbf")
    t.file("test_bom_cookie.py", b"\xef\xbb\xbf# -*- coding: utf-8 -*-\ndef test_bom_cookie():\n    pass\n")
    t.file("test_bom_latin1.py", b"\xef\xbb\xbf# -*- coding: latin-1 -*-\ndef test_bom_latin1():\n    pass\n")
    # Not here: a second BOM (U+FEFF inside the code). CPython rejects it as
    # `invalid non-printable character U+FEFF`; fastcollect's lexer takes every well-formed
    # non-ASCII character into a name (no XID tables), so it reports `invalid syntax`.


def case_line_endings(t: Tree) -> None:
    t.file("test_cr.py", b"import os\rdef test_cr():\r    pass\r\rclass TestCR:\r    def test_m(self):\r        pass\r")
    t.file("test_crlf.py", b"def test_crlf():\r\n    pass\r\n\r\nclass TestCRLF:\r\n    def test_m(self):\r\n        pass\r\n")
    t.file("test_mixed.py", b"def test_lf():\n    pass\r\ndef test_cr():\r    pass\r\n\rdef test_crlf():\r\n    pass")
    t.file("test_cr_string.py", b'x = "a\rdef test_hidden(): pass\n')


def case_tabs(t: Tree) -> None:
    t.file("test_tabs.py", b"def test_tab():\n\tif True:\n\t\tpass\n\nclass TestT:\n\tdef test_m(self):\n\t\tpass\n")
    t.file("test_taberror.py", b"def test_a():\n\tif True:\n        pass\n")
    t.file("test_tab_equivalent.py", b"def test_a():\n        if True:\n\t    pass\n")
    t.file("test_dedent.py", b"def test_a():\n        x = 1\n    y = 2\n")
    t.file("test_formfeed.py", b"def test_ff():\n\x0c    pass\n\x0cdef test_ff2():\n    pass\n")
    t.file("test_unexpected_indent.py", b"x = 1\n    y = 2\n" + GOOD)


def case_unterminated_string(t: Tree) -> None:
    t.file("test_single.py", b"def test_a():\n    x = 'abc\n" + GOOD)
    t.file("test_double_eof.py", b'def test_a():\n    x = "abc')
    t.file("test_fstring.py", b'def test_a():\n    x = f"abc{1}\n')
    t.file("test_ok.py", GOOD)


def case_unterminated_triple(t: Tree) -> None:
    t.file("test_triple.py", b'def test_a():\n    """doc\n\ndef test_b():\n    pass\n')
    t.file("test_triple_single.py", b"x = '''\n" + GOOD)
    t.file("test_ftriple.py", b'x = f"""{1}\n\n')
    t.file("test_ok.py", GOOD)


def case_brackets(t: Tree) -> None:
    t.file("test_unclosed.py", b"x = (1,\n     2\n" + GOOD)
    t.file("test_unclosed_eof.py", b"def test_a():\n    return [1, 2")
    t.file("test_unmatched.py", b"x = 1)\n" + GOOD)
    t.file("test_mismatched.py", b"x = (1]\n" + GOOD)
    t.file("test_backslash_eof.py", b"x = 1 + \\")
    t.file("test_ok.py", GOOD)


def case_nested_brackets(t: Tree) -> None:
    t.file("test_nested.py", b"x = " + b"(" * 10000 + b")" * 10000 + b"\n" + GOOD)
    t.file("test_nested_open.py", b"x = " + b"[" * 10000 + b"\n")
    t.file("test_nested_ok.py", b"x = " + b"(" * 150 + b"1" + b")" * 150 + b"\n" + GOOD)
    t.file("test_ok.py", GOOD)


def case_nested_classes(t: Tree) -> None:
    t.file("test_classes.py", nested_classes(1000))
    t.file("test_ifs.py", nested_ifs(101))
    t.file("test_ifs_ok.py", nested_ifs(98) + GOOD)
    t.file("test_ok.py", GOOD)


def case_long_line(t: Tree) -> None:
    t.file("test_long.py", b'x = "' + b"a" * LONG_LINE_BYTES + b'"\n' + GOOD)
    t.file("test_long_names.py", b"def test_" + b"n" * 5000 + b"():\n    pass\n")


def case_coding_cookie(t: Tree) -> None:
    t.file("test_ascii.py", b'# -*- coding: ascii -*-\nx = "caf\xe9"\n' + GOOD)
    t.file("test_latin1.py", b'# -*- coding: latin-1 -*-\nx = "caf\xe9"\n' + GOOD)
    t.file("test_unknown.py", b"# coding: klingon\n" + GOOD)
    t.file("test_second_line.py", b'#!/usr/bin/env python\n# vim: set fileencoding=ascii :\nx = "\xe9"\n' + GOOD)
    t.file("test_utf8_cookie_bad.py", b'# coding: utf-8\nx = "\xe9"\n' + GOOD)
    t.file("test_third_line.py", b'#!/usr/bin/env python\n\n# coding: latin-1\nx = "\xe9"\n' + GOOD)


def case_symlink_loop(t: Tree) -> None:
    t.file("sub/test_sub.py", GOOD)
    t.symlink("sub/loop", "..")
    t.symlink("self", "self")
    t.symlink("test_self.py", "test_self.py")
    t.file("test_ok.py", GOOD)


def case_unreadable_folder(t: Tree) -> None:
    t.file("locked/test_locked.py", GOOD)
    t.mode("locked", 0o000)
    t.file("searchonly/test_x.py", GOOD)
    t.mode("searchonly", 0o100)
    t.file("listonly/test_x.py", GOOD)
    t.mode("listonly", 0o400)
    t.file("test_ok.py", GOOD)


def case_unreadable_file(t: Tree) -> None:
    t.file("test_locked.py", GOOD)
    t.mode("test_locked.py", 0o000)
    t.file("test_ok.py", GOOD)


def case_vanished_file(t: Tree) -> None:
    t.symlink("test_gone.py", "gone/test_gone.py")
    t.symlink("gonedir", "nowhere")
    t.file("test_ok.py", GOOD)


def case_deep_tree(t: Tree) -> None:
    t.file(deep_path(DEEP_TREE) + "/test_deep.py", GOOD)
    t.file("test_ok.py", GOOD)


def case_empty_file(t: Tree) -> None:
    t.file("test_empty.py", b"")
    t.file("test_blank.py", b"\n\n   \n")
    t.file("test_ok.py", GOOD)


def case_only_empty(t: Tree) -> None:
    t.file("test_empty.py", b"")


def case_directory_named_py(t: Tree) -> None:
    t.file("test_dir.py/test_inside.py", GOOD)
    t.directory("test_emptydir.py")
    t.file("test_ok.py", GOOD)


def case_special_files(t: Tree) -> None:
    t.fifo("test_fifo.py")
    t.file("test_ok.py", GOOD)


def case_bad_package_init(t: Tree) -> None:
    t.file("pkg/__init__.py", b"x = (\n")
    t.file("pkg/test_in_pkg.py", GOOD)
    t.file("test_ok.py", GOOD)


CASES = {
    "binary": (case_binary, [Q, CONTINUE]),
    "binary-no-nul": (case_binary_no_nul, [Q]),
    "invalid-utf8": (case_invalid_utf8, [Q]),
    "nul-byte": (case_nul_byte, [Q]),
    "bom": (case_bom, [Q]),
    "line-endings": (case_line_endings, [Q]),
    "tabs": (case_tabs, [Q]),
    "unterminated-string": (case_unterminated_string, [Q, CONTINUE]),
    "unterminated-triple": (case_unterminated_triple, [Q]),
    "brackets": (case_brackets, [Q]),
    "nested-brackets": (case_nested_brackets, [Q]),
    "nested-classes": (case_nested_classes, [Q]),
    "long-line": (case_long_line, [Q]),
    "coding-cookie": (case_coding_cookie, [Q]),
    "symlink-loop": (case_symlink_loop, [Q]),
    "unreadable-folder": (case_unreadable_folder, [Q]),
    "unreadable-file": (case_unreadable_file, [Q, CONTINUE]),
    "vanished-file": (case_vanished_file, [Q]),
    "deep-tree": (case_deep_tree, [Q]),
    "empty-file": (case_empty_file, [Q]),
    "only-empty": (case_only_empty, [Q]),
    "directory-named-py": (case_directory_named_py, [Q]),
    "special-files": (case_special_files, [Q]),
    "bad-package-init": (case_bad_package_init, [Q, CONTINUE]),
}


def fingerprint(root: Path) -> str:
    """FNV-1a 64 over a listing of the tree (BadInputTree.fingerprint computes the same):
    for every entry below root, sorted by its relative path's bytes, a line
    `<kind> <mode octal> <relpath> <size or link target>` plus, for files, the FNV-1a of
    the content in hex."""
    rows: list[bytes] = []

    pending = [(os.fsencode(str(root)), b"")]
    while pending:  # a stack, not recursion: trees go 1,000 deep
        directory, rel = pending.pop()
        for name in os.listdir(directory):
            path = directory + b"/" + name
            relpath = rel + name
            info = os.lstat(path)
            mode = b"%o" % stat.S_IMODE(info.st_mode)
            if stat.S_ISLNK(info.st_mode):
                rows.append(b"l " + mode + b" " + relpath + b" " + os.readlink(path))
            elif stat.S_ISDIR(info.st_mode):
                rows.append(b"d " + mode + b" " + relpath)
                pending.append((path, relpath + b"/"))
            elif stat.S_ISFIFO(info.st_mode):
                rows.append(b"p " + mode + b" " + relpath)
            else:
                with open(path, "rb") as handle:
                    data = handle.read()
                rows.append(b"f " + mode + b" " + relpath + b" %d %016x" % (len(data), fnv1a(data)))

    rows.sort()
    return "%016x" % fnv1a(b"\n".join(rows))


def fnv1a(data: bytes) -> int:
    value = 0xCBF29CE484222325
    for byte in data:
        value ^= byte
        value = (value * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def pytest_command(python: str, args: list[str]) -> list[str]:
    command = [python, "-m", "pytest", "-p", "no:cacheprovider", *args]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    return command


def fastcollect_command(binary: str, args: list[str]) -> list[str]:
    command = [binary, *args]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    return command


def run_case(python: str, name: str, args_list: list[list[str]], binary: str | None = None):
    builder, _ = CASES[name]
    scratch = golden.make_scratch()
    work = scratch / "tree"
    work.mkdir()
    tree = Tree(work)
    builder(tree)
    print_fp = fingerprint(work)  # before the modes: the Swift side fingerprints before too
    tree.finish()
    results = []
    try:
        for args in args_list:
            proc = subprocess.run(
                fastcollect_command(binary, args) if binary else pytest_command(python, args), cwd=work, env=golden.clean_env(),
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=900)
            roots = sorted({os.path.realpath(work), str(work)}, key=len, reverse=True)
            stdout = golden.normalise(proc.stdout.decode("utf-8"), roots)
            results.append((args, stdout, proc.returncode, proc.stderr.decode("utf-8", "replace")))
    finally:
        for path, _ in tree.deferred_modes:
            os.chmod(path, 0o755)
        subprocess.run(["rm", "-rf", str(scratch)], check=True)
    return print_fp, results


def swift_string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif code < 0x20 or code == 0x7F or 0xD800 <= code <= 0xDFFF or code > 0x7E:
            out.append("\\u{%x}" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def render(results: dict) -> str:
    lines = [
        "// Generated by scripts/make-bad-input-cases.py from real pytest 9.0.3; do not edit.",
        "// Each case: the fingerprint of its tree, and per run the arguments, the exit code and the",
        "// normalised stdout (scripts/make-golden.py's rules) split on \"\\n\".",
        "",
        "enum BadInputExpectations {",
        "    static let cases: [String: BadInputExpectation] = [",
    ]
    for name in sorted(results):
        fp, runs = results[name]
        lines.append(f"        {swift_string(name)}: BadInputExpectation(")
        lines.append(f"            fingerprint: {swift_string(fp)},")
        lines.append("            runs: [")
        for args, stdout, code, _ in runs:
            arg_text = ", ".join(swift_string(a) for a in args)
            lines.append(f"                BadInputExpectation.Run(arguments: [{arg_text}], exitCode: {code}, stdoutLines: [")
            for piece in stdout.split("\n"):
                lines.append(f"                    {swift_string(piece)},")
            lines.append("                ]),")
        lines.append("            ]),")
    lines.append("    ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    argv = sys.argv[1:]
    python = str(DEFAULT_PYTHON)
    if "--python" in argv:
        at = argv.index("--python")
        python = argv[at + 1]
        del argv[at:at + 2]
    against = None
    if "--against" in argv:
        at = argv.index("--against")
        against = argv[at + 1]
        del argv[at:at + 2]
    check = "--check" in argv
    show = "--show" in argv
    only = [a for a in argv if not a.startswith("--")]
    names = only or list(CASES)
    results = {}
    for name in names:
        if name not in CASES:
            sys.exit(f"make-bad-input-cases: no such case: {name}")
        fp, runs = run_case(python, name, CASES[name][1])
        results[name] = (fp, runs)
        if against:
            _, theirs = run_case(python, name, CASES[name][1], binary=against)
            for (args, stdout, code, _), (_, fc_out, fc_code, fc_err) in zip(runs, theirs):
                same = stdout == fc_out and code == fc_code
                print(f"{'ok  ' if same else 'DIFF'} {name} {' '.join(args)}: pytest {code}, fastcollect {fc_code}")
                if not same:
                    import difflib
                    for line in difflib.unified_diff(stdout.split("\n"), fc_out.split("\n"), "pytest", "fastcollect", lineterm=""):
                        print("    " + line[:300])
                    if fc_err.strip():
                        print("    stderr: " + fc_err.strip()[-1000:])
            continue
        for args, stdout, code, stderr in ([] if against else runs):
            print(f"== {name} {' '.join(args)}: exit {code} fingerprint {fp}")
            if show:
                print(stdout)
                if stderr.strip():
                    print("stderr:", stderr.strip()[-2000:])
    if show or only or against:
        return
    text = render(results)
    old = OUT.read_text(encoding="utf-8") if OUT.exists() else None
    if old == text:
        print("unchanged: " + str(OUT.relative_to(REPO)))
        return
    if check:
        print("would change: " + str(OUT.relative_to(REPO)))
        sys.exit(1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print("wrote " + str(OUT.relative_to(REPO)))


if __name__ == "__main__":
    main()
