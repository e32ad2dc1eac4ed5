#!/usr/bin/env python3
"""Record what real pytest 9.0.3 (and the Python pieces it uses) answers for the configuration
cases the Swift tests check. Writes JSON into Tests/FastCollectTests/Config/Fixtures/:

  discovery-cases.json  file trees + command lines -> rootdir, configfile, ini values or error
  ini-cases.json        iniconfig.IniConfig(path, data=...) -> sections or ParseError text
  toml-cases.json       tomllib.loads(...) -> tagged values or TOMLDecodeError text
  fnmatch-cases.json    fnmatch.fnmatch, _pytest.pathlib.fnmatch_ex, prefix-or-glob matching
  shlex-cases.json      shlex.split(...) -> words or ValueError text
  path-cases.json       os.path / pathlib / bestrelpath answers for the path arithmetic discovery uses

Run from anywhere: python3 scripts/make-config-cases.py
"""

import datetime
import fnmatch
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import tomllib

import _pytest
import iniconfig
import pytest
from _pytest.pathlib import fnmatch_ex

assert pytest.__version__ == "9.0.3", pytest.__version__

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "Tests", "FastCollectTests", "Config", "Fixtures")
ROOT_MARK = "<ROOT>"

# ---------------------------------------------------------------------------------------------
# Discovery: trees on disk, real pytest, a probe plugin reporting config.rootpath/inipath/getini.

PROBE = r'''
import json, os
from _pytest.pathlib import bestrelpath

OPTIONS = [
    "python_files", "python_classes", "python_functions", "norecursedirs", "testpaths",
    "pythonpath", "addopts", "collect_imported_tests", "consider_namespace_packages",
    "markers", "disable_test_id_escaping_and_forfeit_all_rights_to_community_support",
    "strict_parametrization_ids", "minversion",
]

def pytest_configure(config):
    out = {"rootdir": str(config.rootpath),
           "configfile": str(config.inipath) if config.inipath else None,
           "display": None, "values": {}}
    if config.inipath:
        text = bestrelpath(config.rootpath, config.inipath)
        if config._ignored_config_files:
            text += " (WARNING: ignoring pytest config in {}!)".format(", ".join(config._ignored_config_files))
        out["display"] = text
    for name in OPTIONS:
        try:
            value = config.getini(name)
            if name == "strict_parametrization_ids" and value is None:
                value = config.getini("strict")
            if isinstance(value, list):
                value = [str(v) for v in value]
            elif name == "minversion":
                value = value or None
            out["values"][name] = {"value": value}
        except Exception as e:
            out["values"][name] = {"error": "{}: {}".format(type(e).__name__, e)}
    with open(os.environ["FC_PROBE_OUT"], "w") as f:
        json.dump(out, f)
'''

DISCOVERY = []


def case(name, files, cwd=".", args=(), c=None, rootdir=None, o=(), env=None, dirs=()):
    DISCOVERY.append(dict(name=name, files=files, dirs=list(dirs), cwd=cwd, args=list(args),
                          configFile=c, rootdirOption=rootdir, overrideIni=list(o), env=env or {}))


T = "def test_a():\n    pass\n"

# No config at all.
case("no-config-no-args", {"tests/test_a.py": T})
case("no-config-arg-subdir", {"tests/test_a.py": T}, args=["tests"])
case("no-config-arg-file", {"tests/test_a.py": T}, args=["tests/test_a.py"])
case("no-config-cwd-sub-arg-sibling", {"a/x.txt": "", "b/test_b.py": T}, cwd="a", args=["../b/test_b.py"])
case("no-config-cwd-deep-no-args", {"a/b/c/test_c.py": T}, cwd="a/b")
# pytest.ini / .pytest.ini
case("pytest-ini", {"pytest.ini": "[pytest]\naddopts = -q\n", "tests/test_a.py": T})
case("pytest-ini-empty-file", {"pytest.ini": "", "tests/test_a.py": T}, args=["tests"])
case("pytest-ini-other-section", {"pytest.ini": "[other]\nx = 1\n", "tests/test_a.py": T})
case("dot-pytest-ini", {".pytest.ini": "[pytest]\n", "tests/test_a.py": T}, args=["tests"])
case("pytest-ini-cwd-deep", {"pytest.ini": "[pytest]\n", "a/b/test_c.py": T}, cwd="a/b")
case("pytest-ini-arg-outside-cwd", {"proj/pytest.ini": "[pytest]\n", "proj/t/test_a.py": T, "elsewhere/x": ""},
     cwd="elsewhere", args=["../proj/t"])
# pytest.toml / .pytest.toml
case("pytest-toml", {"pytest.toml": "[pytest]\npython_files = [\"check_*.py\"]\n", "check_a.py": T})
case("pytest-toml-empty", {"pytest.toml": "", "t/test_a.py": T}, args=["t"])
case("pytest-toml-no-table", {"pytest.toml": "[other]\nx = 1\n", "t/test_a.py": T})
case("dot-pytest-toml", {".pytest.toml": "[pytest]\naddopts = [\"-q\"]\n", "t/test_a.py": T})
case("pytest-toml-beats-pytest-ini", {"pytest.toml": "[pytest]\n", "pytest.ini": "[pytest]\n", "test_a.py": T})
# pyproject.toml
case("pyproject-ini-options", {"pyproject.toml": "[tool.pytest.ini_options]\naddopts = \"-q -x\"\ntestpaths = [\"tests\"]\n",
                               "tests/test_a.py": T})
case("pyproject-ini-options-empty", {"pyproject.toml": "[tool.pytest.ini_options]\n", "sub/test_a.py": T}, args=["sub"])
case("pyproject-native", {"pyproject.toml": "[tool.pytest]\naddopts = [\"-q\"]\npython_classes = [\"Check\", \"Test\"]\n",
                          "tests/test_a.py": T})
case("pyproject-no-table", {"pyproject.toml": "[project]\nname = \"x\"\n", "tests/test_a.py": T}, args=["tests"])
case("pyproject-empty-tool-pytest", {"pyproject.toml": "[tool.pytest]\n", "tests/test_a.py": T})
case("pyproject-no-table-under-pytest-ini", {"pytest.ini": "[pytest]\n", "sub/pyproject.toml": "[project]\n",
                                             "sub/test_a.py": T}, args=["sub"])
case("pyproject-no-table-below-setup-py", {"setup.py": "", "sub/pyproject.toml": "", "sub/test_a.py": T}, args=["sub"])
case("pyproject-both-tables", {"pyproject.toml": "[tool.pytest]\naddopts = [\"-q\"]\n[tool.pytest.ini_options]\naddopts = \"-q\"\n"})
case("pyproject-native-empty-ini-options", {"pyproject.toml": "[tool.pytest]\naddopts = [\"-q\"]\n[tool.pytest.ini_options]\n"})
case("pyproject-invalid-toml", {"pyproject.toml": "[tool.pytest]\naddopts = [\"-q\",\n"})
case("pyproject-invalid-toml-line", {"pyproject.toml": "[project]\nname = \"x\"\nversion = 1.2.3\n"})
case("pyproject-tool-not-table", {"pyproject.toml": "tool = 1\n"})
case("pyproject-ini-options-scalars", {"pyproject.toml": textwrap.dedent("""\
    [tool.pytest.ini_options]
    collect_imported_tests = false
    consider_namespace_packages = true
    python_files = "check_*.py  test_*.py"
    python_functions = ["check", "test"]
    minversion = 6.0
    markers = ["slow: slow tests", "fast"]
    pythonpath = ["src", "../lib", "./x/"]
    """)})
case("pyproject-native-types", {"pyproject.toml": textwrap.dedent("""\
    [tool.pytest]
    collect_imported_tests = false
    pythonpath = ["src"]
    markers = ["slow"]
    strict = true
    norecursedirs = ["build", "*.egg"]
    """)})
case("pyproject-native-wrong-type-testpaths", {"pyproject.toml": "[tool.pytest]\ntestpaths = \"tests\"\n"})
case("pyproject-native-wrong-type-python-files", {"pyproject.toml": "[tool.pytest]\npython_files = \"t_*.py\"\n"})
case("pyproject-native-wrong-item", {"pyproject.toml": "[tool.pytest]\npython_classes = [\"A\", 1]\n"})
case("pyproject-native-wrong-bool", {"pyproject.toml": "[tool.pytest]\ncollect_imported_tests = \"no\"\n"})
case("pyproject-native-minversion-list", {"pyproject.toml": "[tool.pytest]\nminversion = [\"1\"]\n"})
case("pyproject-minversion-too-new", {"pyproject.toml": "[tool.pytest.ini_options]\nminversion = \"99.1\"\n"})
# tox.ini / setup.cfg
case("tox-ini", {"tox.ini": "[tox]\nenvlist = py\n[pytest]\npython_files = *_check.py\n", "t/a_check.py": T})
case("tox-ini-without-pytest", {"tox.ini": "[tox]\n", "t/test_a.py": T}, args=["t"])
case("setup-cfg", {"setup.cfg": "[metadata]\nname = x\n[tool:pytest]\ntestpaths = t\n", "t/test_a.py": T})
case("setup-cfg-without-section", {"setup.cfg": "[metadata]\n", "t/test_a.py": T}, args=["t"])
case("setup-cfg-pytest-section", {"setup.cfg": "[pytest]\naddopts = -q\n"})
case("priority-with-warning", {"pytest.ini": "[pytest]\n", "pyproject.toml": "[tool.pytest.ini_options]\n",
                               "tox.ini": "[pytest]\n", "setup.cfg": "[tool:pytest]\n", "test_a.py": T})
case("priority-no-warning-for-non-config", {"pytest.ini": "[pytest]\n", "pyproject.toml": "[project]\n",
                                            "tox.ini": "[tox]\n", "setup.cfg": "[metadata]\n"})
case("priority-broken-tox-next-to-pytest-ini", {"pytest.ini": "[pytest]\n", "tox.ini": "[pytest]\n  oops\n"})
# Nested configs
case("nested-arg-in-sub", {"pytest.ini": "[pytest]\n", "sub/tox.ini": "[pytest]\n", "sub/t/test_a.py": T},
     args=["sub/t"])
case("nested-cwd-in-sub", {"pytest.ini": "[pytest]\n", "sub/tox.ini": "[pytest]\n", "sub/t/test_a.py": T}, cwd="sub")
case("nested-two-args-common-root", {"pytest.ini": "[pytest]\n", "a/setup.cfg": "[tool:pytest]\n", "a/test_a.py": T,
                                     "b/test_b.py": T}, args=["a", "b"])
# Multiple args, node ids, missing paths
case("multi-args-common-ancestor", {"pytest.ini": "[pytest]\n", "pkg/a/test_1.py": T, "pkg/b/test_2.py": T,
                                    "pkg/pytest.ini": "[pytest]\n"}, args=["pkg/a/test_1.py", "pkg/b"])
case("multi-args-config-only-in-one", {"a/test_a.py": T, "b/pytest.ini": "[pytest]\n", "b/test_b.py": T},
         args=["a", "b"])
case("node-id-arg", {"pytest.ini": "[pytest]\n", "sub/pytest.ini": "[pytest]\n", "sub/test_a.py": T},
     args=["sub/test_a.py::test_a"])
case("node-id-arg-param", {"sub/tox.ini": "[pytest]\n", "sub/test_a.py": T}, args=["sub/test_a.py::test_a[1-2]"])
case("node-id-missing-file", {"sub/pytest.ini": "[pytest]\n", "sub/test_a.py": T}, args=["sub/nope.py::test_a"])
case("missing-arg-ignored", {"sub/pytest.ini": "[pytest]\n", "sub/test_a.py": T}, args=["does-not-exist", "sub"])
case("only-missing-args", {"pytest.ini": "[pytest]\n", "x/test_a.py": T}, cwd="x", args=["nope"])
# setup.py fallback
case("setup-py-fallback", {"setup.py": "", "src/t/test_a.py": T}, args=["src/t"])
case("setup-py-fallback-from-cwd", {"setup.py": "", "a/b/test_a.py": T}, cwd="a/b")
# -c / --config-file
case("c-option", {"cfg/custom.ini": "[pytest]\npython_files = check_*.py\n", "t/check_a.py": T}, args=["t"],
     c="cfg/custom.ini")
case("c-option-not-pytest-section", {"cfg/custom.ini": "[other]\n", "t/test_a.py": T}, c="cfg/custom.ini")
case("c-option-toml", {"my.toml": "[tool.pytest]\naddopts = [\"-q\"]\n", "t/test_a.py": T}, c="my.toml")
case("c-option-cfg", {"conf/x.cfg": "[tool:pytest]\ntestpaths = t\n", "t/test_a.py": T}, c="conf/x.cfg")
case("c-option-no-suffix-missing", {"t/test_a.py": T}, c="missingcfg")
case("c-option-missing-ini", {"t/test_a.py": T}, c="missing.ini")
case("c-option-directory", {"t/test_a.py": T}, dirs=["dir.ini"], c="dir.ini")
case("c-option-ignores-found-config", {"pytest.ini": "[pytest]\n", "cfg/other.ini": "[pytest]\n", "test_a.py": T},
     c="cfg/other.ini")
case("c-option-with-rootdir", {"cfg/other.ini": "[pytest]\n", "r/test_a.py": T}, c="cfg/other.ini", rootdir="r")
# --rootdir
case("rootdir-relative", {"pytest.ini": "[pytest]\n", "r/s/test_a.py": T}, rootdir="r/s/")
case("rootdir-dot-dot", {"pytest.ini": "[pytest]\n", "a/test_a.py": T}, cwd="a", rootdir="..")
case("rootdir-env-var", {"r/test_a.py": T}, rootdir="$FC_ROOT/r", env={"FC_ROOT": ROOT_MARK})
case("rootdir-env-var-braces", {"r/test_a.py": T}, rootdir="${FC_ROOT}/r", env={"FC_ROOT": ROOT_MARK})
case("rootdir-unknown-var", {"r/test_a.py": T}, rootdir="$FC_UNKNOWN_VAR/r")
case("rootdir-missing", {"t/test_a.py": T}, rootdir="nope")
case("rootdir-no-config", {"t/test_a.py": T}, rootdir="t", args=["t"])
case("rootdir-no-config-setup-py", {"setup.py": "", "t/test_a.py": T}, rootdir="t", args=["t"])
# INI values
case("ini-values", {"pytest.ini": textwrap.dedent("""\
    [pytest]
    python_files =
        check_*.py
        test_*.py
    python_classes = Check Test
    python_functions = check_ "test"
    addopts = -q --tb=short -k "a and b"
    norecursedirs = .* build "with space"
    testpaths = tests  other
    pythonpath = src ../lib /abs/path ./here/
    markers =
        slow: marks slow tests
        serial
    collect_imported_tests = False
    consider_namespace_packages = yes
    disable_test_id_escaping_and_forfeit_all_rights_to_community_support = 1
    strict = true
    minversion = 7.0
    """)})
case("ini-bad-bool", {"pytest.ini": "[pytest]\ncollect_imported_tests = maybe\n"})
case("ini-unclosed-quote-addopts", {"pytest.ini": "[pytest]\naddopts = -k \"a\n"})
case("ini-unclosed-quote-python-files", {"pytest.ini": "[pytest]\npython_files = 'x\n"})
case("ini-parse-error", {"pytest.ini": "[pytest]\naddopts = -q\nnot a key value\n"})
case("ini-no-section", {"pytest.ini": "addopts = -q\n[pytest]\n"})
case("ini-duplicate-key", {"tox.ini": "[pytest]\naddopts = -q\naddopts = -v\n"})
case("ini-crlf", {"pytest.ini": "[pytest]\r\npython_files = a_*.py\r\n  b_*.py\r\n"})
case("ini-bom", {"pytest.ini": "\ufeff[pytest]\n"})
case("ini-not-utf8", {"pytest.ini": b"[pytest]\naddopts = \xff\n"})
case("strict-fallback", {"pytest.ini": "[pytest]\nstrict = true\n"})
# -o / --override-ini
case("override-ini", {"pytest.ini": "[pytest]\npython_files = a_*.py\n"},
     o=["python_files=check_*.py other_*.py", "new_option=1", "collect_imported_tests=false"])
case("override-ini-bad", {"pytest.ini": "[pytest]\n"}, o=["no-equals-sign"])
case("override-ini-without-config", {"t/test_a.py": T}, o=["pythonpath=src"])


def write_tree(root, spec):
    for d in spec["dirs"]:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    for rel, content in spec["files"].items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))


def rel(value, root):
    if isinstance(value, str):
        return value.replace(root, ROOT_MARK)
    if isinstance(value, list):
        return [rel(v, root) for v in value]
    if isinstance(value, dict):
        return {k: rel(v, root) for k, v in value.items()}
    return value


def run_discovery(spec, probe_dir):
    base = os.path.realpath(tempfile.mkdtemp(prefix="fc-config-"))
    root = os.path.join(base, "root")
    os.makedirs(root)
    try:
        write_tree(root, spec)
        out_file = os.path.join(base, "probe.json")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
        env.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONPATH=probe_dir, FC_PROBE_OUT=out_file,
                   PYTHONDONTWRITEBYTECODE="1")
        for k, v in spec["env"].items():
            env[k] = v.replace(ROOT_MARK, root)
        cmd = [sys.executable, "-m", "pytest", "--co", "-p", "no:cacheprovider", "-p", "fc_probe"]
        if spec["configFile"] is not None:
            cmd += ["-c", spec["configFile"]]
        if spec["rootdirOption"] is not None:
            cmd += ["--rootdir=" + spec["rootdirOption"]]
        for o in spec["overrideIni"]:
            cmd += ["-o", o]
        cmd += spec["args"]
        proc = subprocess.run(cmd, cwd=os.path.join(root, spec["cwd"]), env=env, capture_output=True, text=True)
        result = {}
        if os.path.exists(out_file):
            with open(out_file) as f:
                result = rel(json.load(f), root)
        else:
            lines = [l for l in (proc.stderr + proc.stdout).splitlines() if l.strip()]
            errors = [l for l in lines if l.startswith("ERROR: ")]
            if errors:
                result["error"] = {"usage": True, "message": rel(errors[0][len("ERROR: "):], root)}
            else:
                result["error"] = {"usage": False, "message": rel(lines[-1], root)}
            result["exitCode"] = proc.returncode
        files = {k: (v.decode("latin-1") if isinstance(v, bytes) else v) for k, v in spec["files"].items()}
        binary = [k for k, v in spec["files"].items() if isinstance(v, bytes)]
        return dict(spec, files=files, binaryFiles=binary, expected=result)
    finally:
        shutil.rmtree(base)


def discovery_cases():
    probe_dir = tempfile.mkdtemp(prefix="fc-probe-")
    try:
        with open(os.path.join(probe_dir, "fc_probe.py"), "w") as f:
            f.write(PROBE)
        return [run_discovery(spec, probe_dir) for spec in DISCOVERY]
    finally:
        shutil.rmtree(probe_dir)


# ---------------------------------------------------------------------------------------------
# iniconfig

INI = [
    "",
    "[section]\n",
    "[section]\nkey = value\n",
    "[section]\nkey: value\n",
    "[section]\nkey=value\nother:thing\n",
    "[s]\na = b = c\n",
    "[s]\na: b = c\n",
    "[s]\na = b: c\n",
    "[s]\nurl = http://x:8080\n",
    "[s]\nk:v=w\n",
    "[s]\nkey =\n  line1\n  line2\n",
    "[s]\nkey = first\n  second\n\n  third\n",
    "[s]\nkey =\n\n  after blank\n",
    "[s]\nkey = v # not a comment\n",
    "[s]\nkey = v ; not a comment\n",
    "# comment\n[s]\n; other comment\nkey = v\n  # indented comment line\n",
    "[s] # comment after header\nk = v\n",
    "[s] ; comment\nk = v\n",
    "[a#b]\n",
    "[s]]\n",
    "[s]\n[t]\n",
    "[s]\n[s]\n",
    "[s]\nk = 1\nk = 2\n",
    "[]\n",
    "k = v\n",
    "  continuation first\n",
    "[s]\n  continuation after section\n",
    "[s]\nnot a pair\n",
    "[s]\n[broken\n",
    "[s]\nk = v\n[broken header\n",
    "k = v\n[s]\nbad line\n",
    "[s]\r\nk = v\r\n  more\r\n",
    "[s]\rk = v\r",
    "[s]\nk = a\x0cb\n",
    "[s]\nk = v\u2028w\n",
    "\ufeff[s]\n",
    "[s]\n\tk = tabbed continuation\n",
    "[s]\nk = v   \n",
    "[s]\n  k  =  v  \n",
    "[s]\nkey with spaces = v\n",
    "[s]\n=empty key\n",
    "[s]\n:empty key colon\n",
    "[ spaced ]\nk = v\n",
    "[s]\nk = 'quoted'\n",
    "[s]\nk = \"it's\"\n",
    "[s]\n\u00e9 = caf\u00e9\n",
    "[s]\nk=\n",
    "[s]\nk = \\\n",
    "[pytest]\naddopts = -ra\n    --strict-markers\nmarkers =\n    slow\n    fast: quick\n",
    "[s]\n  \n",
    "  [s]\n",
    "[s]\nk\x00 = v\n",
]

# ---------------------------------------------------------------------------------------------
# tomllib

TOML = [
    "",
    "a = 1\n",
    "a = 1\r\nb = 2\r\n",
    "a = \"basic \\\" \\\\ \\n \\t \\u00e9 \\U0001F600\"\n",
    "a = 'literal \\n'\n",
    "a = \"\"\"\nmulti\nline\"\"\"\n",
    "a = \"\"\"line \\\n    continued\"\"\"\n",
    "a = '''\nraw\\n\n'''\n",
    "a = \"\"\"quote\"\"\"\"\"\n",
    "a = '''x''''\n",
    "a = 0x1F\nb = 0o17\nc = 0b101\nd = +1_000\ne = -0\n",
    "a = 1.5\nb = -2e10\nc = 1_0.2_5\nd = 6.626e-34\ne = 1E3\n",
    "a = inf\nb = -inf\nc = nan\nd = +nan\ne = 1e400\n",
    "a = true\nb = false\n",
    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999999-07:00\nc = 1979-05-27 07:32:00\nd = 1979-05-27\ne = 07:32:00\nf = 00:32:00.5\n",
    "a = 1979-05-27t07:32:00.1234567+05:30\n",
    "a = 2021-02-29\n",
    "a = 2020-02-29\n",
    "a = 0000-01-01\n",
    "a = 1979-05-27T07:32:00+00:00\n",
    "a = [1, 2, 3]\nb = [\n  \"x\",  # comment\n  \"y\",\n]\nc = []\nd = [[1], ['a']]\n",
    "a = { x = 1, y = \"z\" }\nb = {}\nc = { d.e = 1 }\n",
    "[tool.pytest]\naddopts = [\"-q\"]\n[tool.pytest.ini_options]\nx = 1\n",
    "a.b.c = 1\na.b.d = 2\n",
    "\"quoted key\" = 1\n'literal key' = 2\n\"\" = 3\n",
    "[a]\n[a.b]\nc = 1\n[d]\n",
    "[[fruit]]\nname = \"apple\"\n[[fruit]]\nname = \"banana\"\n[fruit.info]\nx = 1\n",
    "[a]\nb = 1\n[a]\nc = 2\n",
    "a = 1\na = 2\n",
    "a = 1\n[a]\n",
    "a = {x = 1}\n[a]\n",
    "a = {x = 1}\na.y = 2\n",
    "[a.b]\n[a]\nb.c = 1\n",
    "a.b = 1\n[a]\n",
    "[a]\nb.c = 1\n[a.b]\n",
    "a = [1,\n",
    "a = \"unterminated\n",
    "a = 'unterminated\n",
    "a = \"\"\"never closed\n",
    "a = \"bad \\q escape\"\n",
    "a = \"\\u12\"\n",
    "a = \"\\uD800\"\n",
    "a = 1 2\n",
    "a\n",
    "= 1\n",
    "a = \n",
    "a = 01\n",
    "a = 1__0\n",
    "a = 1.\n",
    "a = .5\n",
    "a = tru\n",
    "[a\n",
    "[[a]\n",
    "a = { x = 1, }\n",
    "a = { x = 1\n",
    "a = {x = 1, x = 2}\n",
    "a = [1 2]\n",
    "# comment with control \x01\n",
    "a = \"tab\tinside\"\n",
    "a = \"ctrl \x7f\"\n",
    "a = 1 # comment\n",
    "\ufeffa = 1\n",
    "a = \"caf\u00e9\"\n\u00e9 = 1\n",
    "[ a . b ]\nc = 1\n",
    "a = 9223372036854775807\nb = -9223372036854775808\n",
    "a = 1979-05-27T07:32\n",
    "[tool.pytest.ini_options]\naddopts = \"\"\"\n  -q\n  -x\n\"\"\"\n",
    "x = [ { a = 1 }, { b = [2, { c = 3 }] } ]\n",
    "[a]\nx = 1\n[[a]]\n",
    "a = [1]\n[[a]]\n",
]


def tag(value):
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, int):
        return {"t": "integer", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "v": repr(value)}
    if isinstance(value, str):
        return {"t": "string", "v": value}
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return {"t": "datetime", "repr": repr(value), "str": str(value), "type": type(value).__name__}
    if isinstance(value, list):
        return {"t": "array", "v": [tag(v) for v in value]}
    if isinstance(value, dict):
        return {"t": "table", "v": [[k, tag(v)] for k, v in value.items()]}
    raise TypeError(type(value))


def toml_cases():
    out = []
    for text in TOML:
        try:
            out.append({"input": text, "value": tag(tomllib.loads(text))})
        except tomllib.TOMLDecodeError as e:
            out.append({"input": text, "error": str(e)})
    return out


def ini_cases():
    out = []
    for text in INI:
        try:
            cfg = iniconfig.IniConfig("cfg.ini", data=text)
            sections = [[s.name, cfg.lineof(s.name), [[k, v, s.lineof(k)] for k, v in s.items()]] for s in cfg]
            out.append({"input": text, "sections": sections})
        except iniconfig.ParseError as e:
            out.append({"input": text, "error": str(e)})
    return out


# ---------------------------------------------------------------------------------------------
# fnmatch / fnmatch_ex / prefix-or-glob

FNMATCH = [
    ("test_a.py", "test_*.py"), ("a_test.py", "*_test.py"), ("test_.py", "test_*.py"), ("test_a.pyc", "test_*.py"),
    ("Test_a.py", "test_*.py"), ("", "*"), ("", ""), ("a", ""), ("abc", "a?c"), ("ac", "a?c"), ("a/c", "a?c"),
    ("a/b/c", "a*c"), ("abc", "*"), ("abc", "**"), ("abc", "a**c"), ("aXbXc", "*b*"), ("ab", "*b*b*"),
    ("abab", "*b*b"), ("mississippi", "*sip*"), ("mississippi", "m*iss*ppi"), ("mississippi", "m*x*"),
    ("a", "[abc]"), ("d", "[abc]"), ("d", "[!abc]"), ("a", "[!abc]"), ("b", "[a-c]"), ("-", "[a-c]"),
    ("-", "[-a]"), ("-", "[a-]"), ("b", "[a-]"), ("]", "[]]"), ("]", "[!]]"), ("x", "[!]]"), ("[", "[[]"),
    ("[", "["), ("[a", "[a"), ("a", "[a"), ("!", "[!]"), ("[!]", "[!]"), ("b", "[z-a]"), ("z", "[z-a]"),
    ("b", "[!z-a]"), ("-", "[!z-a]"), ("a", "[a-c-e]"), ("-", "[a-c-e]"), ("d", "[a-c-e]"), ("e", "[a-c-e]"),
    ("\\", "[\\]"), ("\\", "\\"), ("a\\b", "a\\b"), ("*", "\\*"), ("x*", "\\*"), ("^", "[^a]"), ("b", "[^a]"),
    ("&", "[&&]"), ("~", "[a~]"), ("|", "[|]"), ("c", "[ab-]"), ("-", "[ab-]"), ("b", "[!a-c]"), ("d", "[!a-c]"),
    ("é", "?"), ("é", "??"), ("日本", "??"), ("日本.py", "*.py"), ("café", "caf[é]"), ("cafe", "caf[é]"),
    ("é", "[à-ê]"), ("é", "[!à-ê]"), ("a\nb", "a?b"), ("a\nb", "a*b"), ("abc\n", "abc"), (".hidden", "*"),
    (".hidden", ".*"), ("build", "build"), ("builds", "build"), ("x.egg", "*.egg"), ("{arch}", "{arch}"),
    ("CVS", "cvs"), ("a.py", "*.[pP][yY]"), ("a.PY", "*.[pP][yY]"), ("aaa", "a*a*a"), ("aa", "a*a*a"),
    ("xyz", "[x-z][x-z][x-z]"), ("test_x.py", "test_[!a]*.py"), ("test_a.py", "test_[!a]*.py"),
    ("a]", "[a]]"), ("]", "[a]]"), ("a-", "[a-]-"), ("abc", "[a-c][a-c]*"), ("ab", "a[]b"), ("a]b", "a[]b]"),
    ("-", "[--0]"), ("/", "[--0]"), ("a", "[!-]"), ("-", "[!-]"),
]

FNMATCH_EX = [
    ("test_*.py", "/r/tests/test_a.py"), ("*_test.py", "/r/a_test.py"), ("tests/*.py", "/r/tests/a.py"),
    ("tests/*.py", "/r/other/tests/a.py"), ("tests/*.py", "/r/tests/sub/a.py"), ("/r/tests/*.py", "/r/tests/a.py"),
    ("r/tests/*.py", "/r/tests/a.py"), ("tests/**/doc/test*.py", "/r/tests/foo/bar/doc/test_foo.py"),
    ("*/test_*.py", "/r/test_a.py"), ("test_*.py", "test_a.py"), ("tests/*.py", "tests/a.py"),
    ("tests/*.py", "x/tests/a.py"), (".*", "/r/.git"), (".*", "/r/a/.tox"), ("build", "/r/build"),
    ("build", "/r/build/x"), ("*.egg", "/r/foo.egg"), ("venv", "/r/venv"), ("{arch}", "/r/{arch}"),
    ("a/b", "/r/a/b"), ("a/b", "/a/b"), ("/a/b", "/a/b"), ("*", "/"), ("", "/r/"), ("x", "/r/x/"),
    ("src/*", "/r/src/pkg/mod.py"), ("test_*.py", "/r/dir/./test_a.py"),
]

PREFIX_OR_GLOB = [
    (["Test"], "TestFoo"), (["Test"], "Test"), (["Test"], "test_foo"), (["Test"], "MyTest"),
    (["*Test"], "MyTest"), (["*Test"], "MyTests"), (["test"], "testing"), (["check", "test"], "check_x"),
    (["Test*Suite"], "TestMySuite"), (["Te?t"], "Text"), (["Te?t"], "Tet"), (["[TC]heck"], "Check_x"),
    (["[TC]heck"], "Check"), ([], "test"), ([""], "anything"), (["test_[ab]"], "test_a"),
]


def fnmatch_cases():
    return {
        "fnmatch": [{"name": n, "pattern": p, "match": fnmatch.fnmatch(n, p)} for n, p in FNMATCH],
        "fnmatchEx": [{"pattern": p, "path": path, "match": fnmatch_ex(p, path)} for p, path in FNMATCH_EX],
        "prefixOrGlob": [{"options": opts, "name": n,
                          "match": any(n.startswith(o) or (("*" in o or "?" in o or "[" in o) and fnmatch.fnmatch(n, o))
                                       for o in opts)} for opts, n in PREFIX_OR_GLOB],
    }


# ---------------------------------------------------------------------------------------------
# shlex.split

SHLEX = [
    "", "   ", "a", "a b  c", " a\tb\nc\rd ", "'a b'", "\"a b\"", "a'b c'd", "''", "\"\"", "a '' b", "a\"\"b",
    "\\ a", "a\\ b", "a\\\\b", "\"a\\\"b\"", "\"a\\\\b\"", "\"a\\nb\"", "'a\\b'", "'it'\"'\"'s'", "a#b", "# c",
    "-k \"a and not b\"", "--tb=short -p no:cacheprovider", "'unclosed", "\"unclosed", "trailing\\",
    "\"\\", "x\\\ny", "\u00e9t\u00e9 caf\u00e9", "a\u00a0b", "a\x0cb", "a\x0bb", "$HOME ~ *.py",
]


def shlex_cases():
    out = []
    for s in SHLEX:
        try:
            out.append({"input": s, "words": shlex.split(s)})
        except ValueError as e:
            out.append({"input": s, "error": str(e)})
    return out


# ---------------------------------------------------------------------------------------------
# Path arithmetic

NORMPATH = ["", ".", "/", "//", "///", "////a", "//a//b/", "a/./b", "a/../b", "../a", "/../a", "a/b/../../..",
            "/a/b/./c/..", "a//b", "./", "a/", "/a/./", "..", "../..", "/a/../..", "//a/..", "x/../../y"]
PATHLIB_JOIN = [("/r", "src"), ("/r", "./src/"), ("/r", "../lib"), ("/r", "/abs"), ("/r", "a//b"), ("/r", "."),
                ("/r", ""), ("/", "x"), ("/r", "//x"), ("/r", "a/./b/.."), ("/r", "~/x")]
BESTRELPATH = [("/a/b", "/a/b/c.ini"), ("/a/b", "/a/c/d.ini"), ("/a/b", "/x.ini"), ("/", "/pytest.ini"),
               ("/a", "/a"), ("/a/b/c", "/a/pytest.ini"), ("/ab", "/a/b")]
EXPANDVARS = ["$HOME_X/r", "${HOME_X}/r", "$NOPE/r", "${NOPE}", "$", "a$", "$$HOME_X", "${}", "${HOME_X",
              "$HOME_X$HOME_X", "$9x", "x$HOME_X-y", "$HOME_\u00e9"]
NAMES = ["pytest.ini", "/a/.pytest.ini", "/a/setup.cfg", "x.tar.ini", ".ini", "foo.", "/a/b/", "a/..", "noext",
         "/a/x.TOML", "a.b/c"]


def path_cases():
    from pathlib import Path, PurePosixPath
    from _pytest.pathlib import bestrelpath
    env = {"HOME_X": "/home/x"}
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        expanded = [{"input": s, "output": os.path.expandvars(s)} for s in EXPANDVARS]
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {
        "normpath": [{"input": p, "output": os.path.normpath(p)} for p in NORMPATH],
        "abspath": [{"input": p, "cwd": "/cwd/x", "output": os.path.normpath(os.path.join("/cwd/x", p))}
                    for p in NORMPATH],
        "pathlibJoin": [{"base": b, "other": o, "output": str(Path(b) / o)} for b, o in PATHLIB_JOIN],
        "bestrelpath": [{"directory": d, "dest": t, "output": bestrelpath(Path(d), Path(t))} for d, t in BESTRELPATH],
        "expandvars": {"environment": env, "cases": expanded},
        "names": [{"input": n, "name": PurePosixPath(n).name, "suffix": PurePosixPath(n).suffix} for n in NAMES],
    }


def dump(name, data):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(data, f, indent=1, ensure_ascii=True)
        f.write("\n")


def main():
    dump("ini-cases.json", ini_cases())
    dump("toml-cases.json", toml_cases())
    dump("fnmatch-cases.json", fnmatch_cases())
    dump("shlex-cases.json", shlex_cases())
    dump("path-cases.json", path_cases())
    dump("discovery-cases.json", {"pytest": pytest.__version__, "python": sys.version.split()[0],
                                  "cases": discovery_cases()})


if __name__ == "__main__":
    main()
