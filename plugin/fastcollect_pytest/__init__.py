"""fastcollect_pytest: pytest imports only the test modules that hold selected tests.

At ``pytest_configure`` the plugin runs ``fastcollect --collect-only --format=json`` with the
session's rootdir, ini file and command line (so ``-k``, ``-m``, ``--deselect`` and node IDs
select exactly as pytest will), then ``pytest_ignore_collect`` skips every test module in which
fastcollect found no selected item. It never skips a file with dynamic items, a collection
error or warning, a conftest.py, a file given on the command line, or a file fastcollect did
not report; everything else is left to pytest. If the binary is missing or fails, the plugin
says so once on stderr and pytest collects normally.

With ``--parallel-import`` the selected modules (and the project modules they import) are
imported on a thread pool before pytest collects them, in dependency order (leaves first),
under the names pytest's import mode gives them, so pytest finds them in ``sys.modules``.

The JSON schema is ``docs/json-format.md``; the behaviour and the measured rule for the
pre-loading default are in ``docs/plugin.md``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
        self.ignored_items = 0
        self.ignored_files = 0
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
    binary = (
        config.getoption("fastcollect_binary")
        or os.environ.get("FASTCOLLECT_BINARY")
        or shutil.which("fastcollect")
    )
    if not binary or (os.sep in binary and not os.access(binary, os.X_OK)):
        _warn(f"binary not found ({binary or 'put `fastcollect` on PATH or set FASTCOLLECT_BINARY'})")
        return None
    command = [binary, "--collect-only", "--format=json", f"--rootdir={config.rootpath}"]
    if not _preload.may_run(config):
        command.append("--json-imports=no")  # the import graph only serves pre-loading
    if config.inipath is not None:
        command += ["-c", str(config.inipath)]
    command += _binary_arguments(config.invocation_params.args)
    env = dict(os.environ)
    if sys.prefix != getattr(sys, "base_prefix", sys.prefix) and not env.get("VIRTUAL_ENV"):
        # This session's virtualenv: fastcollect reads installed base classes from it.
        env["VIRTUAL_ENV"] = sys.prefix
    try:
        completed = subprocess.run(
            command,
            env=env,
            cwd=str(config.invocation_params.dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=float(os.environ.get("FASTCOLLECT_TIMEOUT", "300")),
        )
    except (OSError, subprocess.SubprocessError) as error:
        _warn(f"could not run {binary}: {error}")
        return None
    if completed.returncode not in (0, 1, 2, 5):
        detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        _warn(f"{binary} exited with {completed.returncode}" + (f" ({detail[0]})" if detail else ""))
        return None
    return _parse(completed.stdout.decode("utf-8", "replace"), binary)


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


def _skippable(data: dict, config: pytest.Config) -> dict[str, int]:
    """Test modules with no selected item, and how many items pytest would find in each."""
    if config.getoption("doctestmodules", False):
        return {}  # every module may hold doctests
    files = data.get("files", [])
    # A module whose name is shared with a file that fails (an import mismatch) stays: skipping it
    # would let the other file import cleanly where plain pytest reports an error.
    failing_names = {f.get("module") for f in files if f.get("errors")}
    initial = _initial_paths(config)
    result: dict[str, int] = {}
    for entry in files:
        if entry.get("kind") != "test-module":
            continue
        if entry.get("has_selected") or entry.get("dynamic") or entry.get("errors"):
            continue
        if entry.get("warnings"):
            continue  # importing it shows warnings in pytest's summary: keep them
        path = entry.get("path")
        if not path or path in initial or entry.get("module") in failing_names:
            continue
        result[path] = int(entry.get("collected", 0))
    return result


def pytest_configure(config: pytest.Config) -> None:
    global _config
    _config = config
    state = _State()
    config.stash[_STATE] = state
    if config.getoption("fastcollect_disabled"):
        return
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        return  # an xdist controller collects nothing; its workers run the plugin themselves
    state.data = _run_binary(config)
    if state.data is not None:
        state.skip = _skippable(state.data, config)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    state = config.stash.get(_STATE, None)
    if state is None or not state.skip:
        return None
    collected = state.skip.get(str(collection_path))
    if collected is None:
        return None
    state.ignored_files += 1
    state.ignored_items += collected
    return True


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> None:
    state = session.config.stash.get(_STATE, None)
    if state is None or state.data is None:
        return None
    enabled = session.config.getoption("fastcollect_parallel")
    state.preload_stats = _preload.run(session.config, state.data, set(state.skip), enabled)
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
            f"fastcollect: skipped {state.ignored_files} modules ({state.ignored_items} items); "
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
