"""Parallel pre-loading: import the selected test modules, and the project modules they import,
on a thread pool in dependency order (leaves first), before pytest collects them.

Each module is imported under the name pytest's import mode will ask for (prepend/append:
``resolve_pkg_root_and_module_name``, with the package root put on ``sys.path`` the way
``import_path`` puts it), so pytest's own ``importlib.import_module`` finds it in
``sys.modules``. A module that fails to import is left for pytest to import and report.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import time
from pathlib import Path

# The measured rule (docs/plugin.md, "When pre-loading pays"): with the GIL, imports on threads
# only overlap file reads and compilation; the pool pays when enough modules are selected and
# there is more than one usable core.
AUTO_MIN_MODULES = 10**9  # pre-loading is off unless asked for: see docs/plugin.md


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _workers(config) -> int:
    text = str(config.getoption("fastcollect_workers") or "auto")
    if text == "auto":
        return usable_cores()
    try:
        return max(1, int(text))
    except ValueError:
        return usable_cores()


def may_run(config) -> bool:
    """Whether pre-loading can happen in this session (so the import graph is wanted)."""
    enabled = config.getoption("fastcollect_parallel")
    if enabled is False or str(config.getoption("importmode", "prepend")) not in ("prepend", "append"):
        return False
    return enabled is True or (AUTO_MIN_MODULES < 10**9 and _workers(config) >= 2)


def run(config, data: dict, skipped: set[str], enabled: bool | None) -> dict | None:
    """Pre-loads when asked (`enabled` True) or when the default rule says so (`enabled` None)."""
    if enabled is False:
        return None
    mode = str(config.getoption("importmode", "prepend"))
    if mode not in ("prepend", "append"):
        return None  # importlib mode imports by path under unique names: nothing to share
    plan = _plan(config, data, skipped, mode)
    if plan is None:
        return None
    units, dependencies, tests = plan
    workers = _workers(config)
    if enabled is None and (len(units) < AUTO_MIN_MODULES or workers < 2):
        return None
    return _import_all(units, dependencies, tests, workers)


def _plan(config, data: dict, skipped: set[str], mode: str):
    try:
        from _pytest.pathlib import fnmatch_ex, resolve_pkg_root_and_module_name
    except ImportError:
        return None
    try:
        from _pytest.pathlib import CouldNotResolvePathError
    except ImportError:  # older pytest: resolve_pkg_root_and_module_name does not raise it
        CouldNotResolvePathError = ValueError
    namespace = bool(config.getini("consider_namespace_packages"))
    patterns = list(config.getini("python_files"))
    files = data.get("files", [])
    by_path = {entry["path"]: entry for entry in files if entry.get("path")}

    units: dict[str, str] = {}  # path -> module name to import
    roots: list[str] = []
    for entry in files:
        if entry.get("kind") != "test-module" or not entry.get("has_selected") or entry.get("errors"):
            continue
        if entry.get("warnings") or entry.get("order_sensitive"):
            # Warnings its import raises belong at its place in the collection; an
            # order-sensitive module would warn about a mark a later conftest registers.
            continue
        path = entry["path"]
        if path in skipped or not any(fnmatch_ex(pattern, path) for pattern in patterns):
            continue
        try:
            root, name = resolve_pkg_root_and_module_name(Path(path), consider_namespace_packages=namespace)
        except CouldNotResolvePathError:
            root, name = Path(path).parent, Path(path).stem  # as import_path falls back
        except Exception:
            continue
        units[path] = name
        roots.append(str(root))
    if not units:
        return None
    tests = set(units)
    # sys.path as import_path leaves it after importing these modules in collection order.
    for root in roots:
        if mode == "prepend":
            if not sys.path or sys.path[0] != root:
                sys.path.insert(0, root)
        elif root not in sys.path:
            sys.path.append(root)

    # Project modules reachable from the test modules: imported first, under the dotted name
    # the importing statement uses. conftest.py files are pytest's to import.
    stack = list(units)
    seen = set(stack)
    while stack:
        entry = by_path.get(stack.pop())
        for target in (entry.get("imports") or []) if entry else []:
            if target in seen:
                continue
            seen.add(target)
            imported = by_path.get(target)
            if imported is None or imported.get("kind") != "project-module" or not imported.get("module"):
                continue
            units[target] = imported["module"]
            stack.append(target)

    dependencies: dict[str, set[str]] = {}
    for path in units:
        entry = by_path.get(path)
        imports = (entry.get("imports") or []) if entry else []
        dependencies[path] = {target for target in imports if target in units and target != path}
    return units, dependencies, tests


def _import_all(
    units: dict[str, str], dependencies: dict[str, set[str]], tests: set[str], workers: int
) -> dict:
    """Kahn's algorithm on a thread pool: a module starts once everything it imports is done;
    on a cycle (nothing ready, nothing running) the module with the fewest unmet imports goes."""
    start = time.perf_counter()
    order = list(units)  # collection order breaks ties
    position = {path: index for index, path in enumerate(order)}
    remaining = {path: set(dependencies.get(path, ())) for path in order}
    dependents: dict[str, list[str]] = {path: [] for path in order}
    for path, deps in remaining.items():
        for dep in deps:
            dependents[dep].append(path)
    status = dict.fromkeys(order, "waiting")
    ready = [path for path in reversed(order) if not remaining[path]]  # pop() takes the earliest
    running = 0
    failed: list[str] = []
    lock = threading.Condition()

    def next_unit() -> str | None:
        nonlocal running
        with lock:
            while True:
                while ready:
                    path = ready.pop()
                    if status[path] == "waiting":
                        status[path] = "started"
                        running += 1
                        return path
                waiting = [path for path in order if status[path] == "waiting"]
                if not waiting:
                    return None
                if running == 0:
                    path = min(waiting, key=lambda p: (len(remaining[p]), position[p]))
                    status[path] = "started"
                    running += 1
                    return path
                lock.wait()

    def finish(path: str) -> None:
        nonlocal running
        with lock:
            running -= 1
            status[path] = "done"
            for dependent in dependents[path]:
                if status[dependent] == "waiting":
                    remaining[dependent].discard(path)
                    if not remaining[dependent]:
                        ready.append(dependent)
            lock.notify_all()

    def worker() -> None:
        while True:
            path = next_unit()
            if path is None:
                return
            name = units[path]
            try:
                module = importlib.import_module(name)
                loaded = getattr(module, "__file__", None) or ""
                if loaded.endswith((".pyc", ".pyo")):
                    loaded = loaded[:-1]
                if path in tests and not _same_file(loaded, path):
                    # Not the file pytest will ask for: let pytest import (and report) it itself.
                    sys.modules.pop(name, None)
                    failed.append(name)
            except BaseException as error:  # pytest reports it when it imports the module
                if isinstance(error, KeyboardInterrupt):
                    raise
                sys.modules.pop(name, None)
                failed.append(name)
            finally:
                finish(path)

    if workers <= 1:
        worker()
    else:
        threads = [
            threading.Thread(target=worker, name=f"fastcollect-preload-{index}", daemon=True)
            for index in range(workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return {
        "modules": len(units),
        "workers": workers,
        "failed": len(failed),
        "seconds": round(time.perf_counter() - start, 3),
    }


def _same_file(a: str, b: str) -> bool:
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
