"""fastcollect_pytest: pytest imports only the test modules that hold selected tests.

The plugin starts ``fastcollect --collect-only --format=json`` before pytest imports the initial
conftests (so the two run at once) and reads its answer at ``pytest_configure``, with the
session's rootdir, ini file and command line (so ``-k``, ``-m``, ``--deselect`` and node IDs
select exactly as pytest will), then ``pytest_ignore_collect`` skips every test module in which
fastcollect found no selected item. It never skips a file with dynamic items, a collection
error, a conftest.py, a file given on the command line, or a file fastcollect did not report;
everything else is left to pytest. A module whose collection shows warnings is not imported
either: a stand-in module raises the same warnings at the same point of the collection. If
the binary is missing or fails, the plugin says so once on stderr and pytest collects normally.

With ``--parallel-import`` the selected modules (and the project modules they import) are
imported on a thread pool before pytest collects them, in dependency order (leaves first),
under the names pytest's import mode gives them, so pytest finds them in ``sys.modules``.

The JSON schema is ``docs/json-format.md``; the behaviour and the measured rule for the
pre-loading default are in ``docs/plugin.md``.
"""

from __future__ import annotations

import atexit
import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import pytest
from _pytest.pathlib import fnmatch_ex as _fnmatch_ex

from . import preload as _preload

SCHEMA_VERSION = 1
_STATE = pytest.StashKey["_State"]()

# Our own options, removed from the command line handed to the binary.
_OWN_FLAGS = {"--no-fastcollect", "--no-parallel-import"}
_OWN_WITH_VALUE = {"--fastcollect-binary"}


class _State:
    """What the plugin learnt at configure time and did since."""

    def __init__(self) -> None:
        self.data: dict | None = None
        self.skip: dict[str, int] = {}  # path -> items pytest would have collected there
        # path -> (items, warnings to raise) of modules only the stand-in collects
        self.stand_ins: dict[str, tuple[int, list[_WarningCall]]] = {}
        self.stood_in = 0
        self.ignored_items = 0
        self.ignored_files = 0
        self.ignored_directories = 0
        # directory -> items under it when skippable whole, else None (see _directory_items)
        self.directories: dict[str, int | None] = {}
        self.patterns: tuple[_NameMatcher, _NameMatcher] | None = None
        self.preload_stats: dict | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fastcollect", "fastcollect: import only the modules with selected tests")
    group.addoption(
        "--fastcollect-binary",
        dest="fastcollect_binary",
        default=None,
        help="the fastcollect executable (default: $FASTCOLLECT_BINARY, else `fastcollect` on PATH)",
    )
    group.addoption(
        "--no-fastcollect",
        dest="fastcollect_disabled",
        action="store_true",
        default=False,
        help="collect as plain pytest does (the plugin does nothing)",
    )
    group.addoption(
        "--parallel-import",
        dest="fastcollect_parallel",
        action="store_const",
        const=True,
        default=None,
        help="pre-import the selected test modules on a thread pool (default: see docs/plugin.md)",
    )
    group.addoption(
        "--no-parallel-import",
        dest="fastcollect_parallel",
        action="store_const",
        const=False,
        help="never pre-import in parallel",
    )
    group.addoption(
        "--parallel-workers",
        dest="fastcollect_workers",
        default="auto",
        help="threads for --parallel-import: a number or 'auto' (usable cores)",
    )


_warned = False
_config: pytest.Config | None = None


def _stderr(text: str) -> None:
    """Writes to the real stderr, around pytest's output capturing."""
    capture = _config.pluginmanager.get_plugin("capturemanager") if _config is not None else None
    if capture is not None:
        with capture.global_and_fixture_disabled():
            sys.stderr.write(text)
            sys.stderr.flush()
    else:
        sys.stderr.write(text)
        sys.stderr.flush()


def _warn(message: str) -> None:
    """Says it once per process, on stderr (stdout stays what pytest prints)."""
    global _warned
    if not _warned:
        _warned = True
        _stderr(f"fastcollect: {message}; collecting without it\n")


def _binary_arguments(args: tuple[str, ...] | list[str]) -> list[str]:
    result: list[str] = []
    skip_next = False
    for arg in args:
        if skip_next:
            skip_next = False
            continue
        name = arg.split("=", 1)[0]
        if arg in _OWN_FLAGS:
            continue
        if name in _OWN_WITH_VALUE:
            skip_next = "=" not in arg
            continue
        result.append(arg)
    return result


class _Options:
    """``getoption`` over the options pytest has parsed before the initial conftests load."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def getoption(self, name: str, default=None):
        return getattr(self._namespace, name, default)


# The environment variables whose values change what the binary answers about files
# (PYTEST_ADDOPTS adds arguments, VIRTUAL_ENV and HOME locate installed base classes).
_ANSWER_ENVIRONMENT = ("PYTEST_ADDOPTS", "VIRTUAL_ENV", "HOME")


class _Planned:
    """One run of the binary: its command line, environment and working directory."""

    def __init__(self, binary: str, command: list[str], env: dict[str, str], cwd: str) -> None:
        self.binary = binary
        self.command = command
        self.env = env
        self.cwd = cwd

    def answers_like(self, other: "_Planned") -> bool:
        """True when both runs would give the same answer (same arguments and relevant variables)."""
        return (
            self.command == other.command
            and self.cwd == other.cwd
            and all(self.env.get(name) == other.env.get(name) for name in _ANSWER_ENVIRONMENT)
        )


def _plan(config: pytest.Config, options) -> _Planned | str:
    """The binary's run for this session, or why there is none."""
    binary = (
        options.getoption("fastcollect_binary")
        or os.environ.get("FASTCOLLECT_BINARY")
        or shutil.which("fastcollect")
    )
    if not binary or (os.sep in binary and not os.access(binary, os.X_OK)):
        return f"binary not found ({binary or 'put `fastcollect` on PATH or set FASTCOLLECT_BINARY'})"
    command = [binary, "--collect-only", "--format=json", f"--rootdir={config.rootpath}"]
    if not _preload.may_run(options):
        command.append("--json-imports=no")  # the import graph only serves pre-loading
    if config.inipath is not None:
        command += ["-c", str(config.inipath)]
    command += _binary_arguments(config.invocation_params.args)
    env = dict(os.environ)
    if sys.prefix != getattr(sys, "base_prefix", sys.prefix) and not env.get("VIRTUAL_ENV"):
        # This session's virtualenv: fastcollect reads installed base classes from it.
        env["VIRTUAL_ENV"] = sys.prefix
    return _Planned(binary, command, env, str(config.invocation_params.dir))


class _Running:
    """The binary started, its output going to temporary files (a pipe would stall it)."""

    def __init__(self, planned: _Planned) -> None:
        self.planned = planned
        self.stdout = tempfile.TemporaryFile()
        self.stderr = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            planned.command, env=planned.env, cwd=planned.cwd, stdout=self.stdout, stderr=self.stderr
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.stdout.close()
        self.stderr.close()

    def result(self) -> dict | None:
        binary = self.planned.binary
        try:
            returncode = self.process.wait(timeout=float(os.environ.get("FASTCOLLECT_TIMEOUT", "300")))
        except subprocess.TimeoutExpired:
            self.stop()
            _warn(f"{binary} did not finish in time")
            return None
        self.stdout.seek(0)
        self.stderr.seek(0)
        out = self.stdout.read().decode("utf-8", "replace")
        err = self.stderr.read().decode("utf-8", "replace")
        self.stop()
        if returncode not in (0, 1, 2, 5):
            detail = err.strip().splitlines()
            _warn(f"{binary} exited with {returncode}" + (f" ({detail[0]})" if detail else ""))
            return None
        return _parse(out, binary)


_early: dict[int, _Running] = {}


def _stop_early() -> None:
    for running in _early.values():
        running.stop()
    _early.clear()


atexit.register(_stop_early)


def _wanted(config: pytest.Config, options) -> bool:
    if options.getoption("fastcollect_disabled"):
        return False
    # An xdist controller collects nothing; its workers run the plugin themselves.
    return not (options.getoption("numprocesses", None) and not hasattr(config, "workerinput"))


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    """Starts the binary before pytest imports the initial conftests, so the two overlap
    (Django's conftest sets up every test app); ``pytest_configure`` reads its answer."""
    options = _Options(early_config.known_args_namespace)
    if os.environ.get("FASTCOLLECT_JSON") or not _wanted(early_config, options):
        return  # the answer is handed over, or not wanted
    planned = _plan(early_config, options)
    if isinstance(planned, str):
        return  # said once, at configure time
    try:
        _early[id(early_config)] = _Running(planned)
    except OSError:
        return


def _run_binary(config: pytest.Config) -> dict | None:
    given = os.environ.pop("FASTCOLLECT_JSON", None)
    delete = os.environ.pop("FASTCOLLECT_JSON_DELETE", None) == "1"
    if given:
        # `fastcollect` (without --collect-only) collected already and handed us its answer.
        try:
            with open(given, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as error:
            _warn(f"cannot read {given}: {error}")
            return None
        finally:
            if delete:
                try:
                    os.unlink(given)
                except OSError:
                    pass
        return _parse(text, f"{given}")
    planned = _plan(config, config)
    early = _early.pop(id(config), None)
    if isinstance(planned, str):
        if early is not None:
            early.stop()
        _warn(planned)
        return None
    if early is not None and early.planned.answers_like(planned):
        return early.result()
    if early is not None:
        early.stop()  # a conftest changed the arguments or the environment: ask again
    try:
        running = _Running(planned)
    except OSError as error:
        _warn(f"could not run {planned.binary}: {error}")
        return None
    return running.result()


def _parse(text: str, source: str) -> dict | None:
    try:
        data = json.loads(text)
    except ValueError:
        _warn(f"{source} did not print JSON")
        return None
    if not isinstance(data, dict) or data.get("format") != "fastcollect-collection":
        _warn(f"{source} printed an unknown document")
        return None
    if data.get("version") != SCHEMA_VERSION:
        _warn(f"{source} speaks JSON version {data.get('version')}, this plugin {SCHEMA_VERSION}")
        return None
    if data.get("usage_error") or data.get("exit_code") not in (0, 1, 2, 5):
        _warn(f"{source} could not collect: {data.get('usage_error') or data.get('exit_code')}")
        return None
    return data


def _initial_paths(config: pytest.Config) -> set[str]:
    base = Path(config.invocation_params.dir)
    result = set()
    for arg in config.args:
        path = arg.split("::", 1)[0]
        result.add(os.path.normpath(str(base / path)))
    return result


# The warning categories fastcollect predicts and the stand-in module can raise.
_RAISABLE = {
    "PytestCollectionWarning": pytest.PytestCollectionWarning,
    "PytestUnknownMarkWarning": pytest.PytestUnknownMarkWarning,
}


# One `warnings.warn_explicit` call: category, message, filename, lineno.
_WarningCall = tuple[type, str, str, int]


def _raisable(entry: dict) -> list[_WarningCall] | None:
    """The warnings a module's collection shows, when the stand-in can raise every one."""
    shown = entry.get("warnings") or []
    raised = entry.get("warnings_raised")
    if not isinstance(raised, list) or len(raised) != len(shown):
        return None  # an older binary, or a warning only pytest knows how to raise
    calls: list[_WarningCall] = []
    for warning in raised:
        if not isinstance(warning, dict) or warning.get("category") not in _RAISABLE:
            return None
        filename, lineno = warning.get("filename"), warning.get("lineno")
        if not isinstance(filename, str) or not isinstance(lineno, int):
            return None
        calls.append((_RAISABLE[warning["category"]], str(warning.get("message", "")), filename, lineno))
    return calls


def _skippable(
    data: dict, config: pytest.Config
) -> tuple[dict[str, int], dict[str, tuple[int, list[_WarningCall]]]]:
    """Test modules with no selected item, and how many items pytest would find in each; then
    those among them whose collection shows warnings, with the warnings."""
    if config.getoption("doctestmodules", False):
        return {}, {}  # every module may hold doctests
    files = data.get("files", [])
    # A module whose name is shared with a file that fails (an import mismatch) stays: skipping it
    # would let the other file import cleanly where plain pytest reports an error.
    failing_names = {f.get("module") for f in files if f.get("errors")}
    initial = _initial_paths(config)
    result: dict[str, int] = {}
    stand_ins: dict[str, tuple[int, list[_WarningCall]]] = {}
    for entry in files:
        if entry.get("kind") != "test-module":
            continue
        if entry.get("has_selected") or entry.get("dynamic") or entry.get("errors") or entry.get("skipped"):
            continue  # a module that skips itself is left to pytest, which counts it as skipped
        path = entry.get("path")
        if not path or path in initial or entry.get("module") in failing_names:
            continue
        collected = int(entry.get("collected", 0))
        if entry.get("warnings"):
            # Importing it shows warnings in pytest's summary: a stand-in raises them.
            raised = _raisable(entry)
            if raised is not None and os.path.basename(path) != "__init__.py":
                stand_ins[path] = (collected, raised)
            continue
        result[path] = collected
    return result, stand_ins


def pytest_configure(config: pytest.Config) -> None:
    global _config
    _config = config
    state = _State()
    config.stash[_STATE] = state
    if not _wanted(config, config):
        stale = _early.pop(id(config), None)
        if stale is not None:
            stale.stop()
        return
    state.data = _run_binary(config)
    if state.data is not None:
        state.skip, state.stand_ins = _skippable(state.data, config)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    state = config.stash.get(_STATE, None)
    if state is None or not (state.skip or state.stand_ins):
        return None
    path = str(collection_path)
    collected = state.skip.get(path)
    if collected is None:
        if not os.path.isdir(path) or not _only_builtin_collectors(config):
            return None
        collected = _directory_items(state, path, config)
        if collected is None:
            return None
        state.ignored_directories += 1
    else:
        state.ignored_files += 1
    state.ignored_items += collected
    return True


# The plugins that collect files and directories in a plain session (pytest's own).
_BUILTIN_COLLECTORS = {
    "pytest_collect_file": {"python", "doctest"},
    "pytest_collect_directory": {"main", "python"},
    "pytest_pycollect_makemodule": {"python"},
}


def _only_builtin_collectors(config: pytest.Config) -> bool:
    """True when only pytest's own plugins (and this one's stand-in) make collectors (no
    conftest or plugin collects other files), so what a directory holds for pytest is what
    fastcollect saw."""
    this = sys.modules[__name__]
    for hook, builtin in _BUILTIN_COLLECTORS.items():
        for impl in getattr(config.pluginmanager.hook, hook).get_hookimpls():
            if impl.plugin_name not in builtin and impl.plugin is not this:
                return False
    return True


def _directory_items(state: _State, path: str, config: pytest.Config) -> int | None:
    """How many items pytest would collect (and deselect) under directory ``path`` when none
    is selected: every test module under it is skippable, and it holds no conftest.py, no
    doctest text file, no symlink and nothing unreadable. None when pytest must look itself.

    Skipping such a directory whole spares pytest a node and a hook call per entry; nothing
    under it would be imported or run (a package's ``__init__.py`` is imported only to set up
    its tests)."""
    if path in state.directories:
        return state.directories[path]
    state.directories[path] = None  # a cycle (or a failure below) keeps pytest looking
    if state.patterns is None:
        doctest_globs = config.getoption("doctestglob", None) or ["test*.txt"]
        state.patterns = (_NameMatcher(config.getini("python_files")), _NameMatcher(doctest_globs))
    python_files, doctest_globs = state.patterns
    total = 0
    try:
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_symlink():
                    return None
                if entry.is_dir():
                    if entry.name == "__pycache__":
                        continue
                    below = _directory_items(state, entry.path, config)
                    if below is None:
                        return None
                    total += below
                elif entry.is_file():
                    name = entry.name
                    if name == "conftest.py":
                        return None
                    collected = state.skip.get(entry.path)
                    if collected is not None:
                        total += collected
                    elif name.endswith(".py"):
                        if python_files.matches(name, entry.path):
                            return None  # a test module fastcollect keeps
                    elif doctest_globs.matches(name, entry.path):
                        return None
    except OSError:
        return None
    state.directories[path] = total
    return total


class _NameMatcher:
    """pytest's ``fnmatch_ex`` over a list of patterns, matching a pattern without a path
    separator against the file name alone (as ``fnmatch_ex`` does) without building a path."""

    def __init__(self, patterns) -> None:
        patterns = list(patterns)
        self.by_name = [pattern for pattern in patterns if os.sep not in pattern]
        self.by_path = [pattern for pattern in patterns if os.sep in pattern]

    def matches(self, name: str, path: str) -> bool:
        if any(fnmatch.fnmatch(name, pattern) for pattern in self.by_name):
            return True
        return any(_fnmatch_ex(pattern, Path(path)) for pattern in self.by_path)


def _turns_into_error(category: type, message: str, filename: str, lineno: int) -> bool:
    """True when the warning filters in force would raise this warning as an exception
    (``-W error``, ``filterwarnings = error``): the filter matching of ``warnings.warn_explicit``."""
    module = filename or "<unknown>"
    if module[-3:].lower() == ".py":
        module = module[:-3]
    for action, text, kind, where, line in warnings.filters:
        if (
            (text is None or text.match(message))
            and issubclass(category, kind)
            and (where is None or where.match(module))
            and (line == 0 or line == lineno)
        ):
            return action == "error"
    return warnings.defaultaction == "error"


class _WarningsOnlyModule(pytest.Module):
    """Stands in for a test module none of whose items is selected but whose collection shows
    warnings: it raises those warnings where pytest would (so its warnings summary is intact)
    without importing the module."""

    def collect(self):
        state = self.config.stash[_STATE]
        collected, calls = state.stand_ins[str(self.path)]
        for category, message, filename, lineno in calls:
            warnings.warn_explicit(category(message), None, filename, lineno)
        state.stood_in += 1
        state.ignored_items += collected
        return []


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(module_path: Path, parent) -> pytest.Module | None:
    state = parent.config.stash.get(_STATE, None)
    if state is None:
        return None
    stand_in = state.stand_ins.get(str(module_path))
    if stand_in is None:
        return None
    # The filters in force here are those of the module's collection (pytest's collect-time
    # `catch_warnings`). If one would turn a warning into an error, pytest collects the module
    # itself, so the error and its traceback are its own.
    if any(_turns_into_error(*call) for call in stand_in[1]):
        return None
    return _WarningsOnlyModule.from_parent(parent, path=module_path)


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> None:
    state = session.config.stash.get(_STATE, None)
    if state is None or state.data is None:
        return None
    enabled = session.config.getoption("fastcollect_parallel")
    unimported = set(state.skip) | set(state.stand_ins)
    state.preload_stats = _preload.run(session.config, state.data, unimported, enabled)
    return None


class _SkippedItem:
    """Stands for an item in a module the plugin kept pytest from importing: all of that
    module's items were deselected, and pytest's counts say so."""

    count_towards_summary = True
    nodeid = ""


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    state = session.config.stash.get(_STATE, None)
    if state is None:
        return
    if os.environ.get("FASTCOLLECT_DEBUG"):
        _stderr(
            f"fastcollect: skipped {state.ignored_files} modules and {state.ignored_directories} "
            f"directories whole, stood in for {state.stood_in} modules ({state.ignored_items} items); "
            f"pre-load {state.preload_stats}\n"
        )
    if not state.ignored_items:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None or not hasattr(reporter, "_numcollected"):
        return
    # pytest would have collected these items, then deselected them: keep its counts.
    reporter._numcollected += state.ignored_items
    reporter.stats.setdefault("deselected", []).extend([_SkippedItem()] * state.ignored_items)
