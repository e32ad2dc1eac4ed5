#!/usr/bin/env python3
"""run.py — fastcollect's benchmark: wall time, items, peak RSS and stage times per suite and tool.

    python3 Benchmarks/run.py                      # everything: 6 suites, all tools (~30 min)
    python3 Benchmarks/run.py --suite pytest --runs 3 --no-pytest     # a quick check (< 1 min)

For each suite (pytest's, SQLAlchemy's and Django's test suites as Benchmarks/projects/fetch.sh
lays them out, and the synthetic suites of Benchmarks/projects/generate.py) it times:
  - `fastcollect --collect-only -q -p no:cacheprovider TESTDIR` (from scratch) sequential (no
    flag: the default setting) and with `--parallel-import --parallel-workers=N` for each N of
    --workers, and `fastcollect --collect-only -q TESTDIR` with the result cached by its warm-up
    run (the collection cache, in a folder of this sitting's own);
  - `python -m pytest --collect-only -q -p no:cacheprovider TESTDIR` in the suite's venv;
  - `rtest --collect-only TESTDIR` (rtest from PyPI in its own venv);
  - `find TESTDIR -name '*.py' -print0 | xargs -0 cat > /dev/null`, the floor: reading the files;
and, in process, the lexer and the declaration reader (`fastcollect-lexbench`) in MB/s.

Each tool runs once as a warm-up, which also fixes the number of items it prints; every timed run
must print that same number, or it is reported as broken and not timed. Medians and min–max of
wall time, the child's peak RSS (measured on the first run through GNU time, else wait4's
figure), and the stage times fastcollect prints with
`--timings`. Ratios are from the same sitting. Writes Benchmarks/results/<date>.csv, and, for a
full run (or with --write-docs), a Markdown section between the bench markers of
docs/benchmarks.md and the chart docs/benchmarks.svg. Python's standard library only.
"""

import argparse
import csv
import datetime
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CORPUS = os.environ.get("FASTCOLLECT_CORPUS", os.path.expanduser("~/.cache/fastcollect-corpus"))
DOC = os.path.join(REPO, "docs", "benchmarks.md")
SVG = os.path.join(REPO, "docs", "benchmarks.svg")
START_MARK = "<!-- bench:start -->"
END_MARK = "<!-- bench:end -->"
TIMINGS = re.compile(r"fastcollect timings \(ms\):(.*)$", re.MULTILINE)
STAGES = ["walk", "read+scan", "resolve", "select", "emit", "total"]


class Suite:
    """One test suite: where it lives, what to collect and how pytest is run there."""

    def __init__(self, name, label, directory, testdir, venv, extra=(), synthetic=0):
        self.name = name
        self.label = label
        self.directory = directory
        self.testdir = testdir
        self.venv = venv
        self.extra = list(extra)
        self.synthetic = synthetic

    @property
    def root(self):
        return os.path.join(CORPUS, self.directory)


# pytest's and Django's venvs are the ones ../shared/corpus/pytest-env builds. SQLAlchemy's suite
# collects as its truth was made in the pytest venv too (its conftest loads its plugin from lib/).
# SQLAlchemy's pyproject addopts carry -v, hence one more -q for every tool that reads it.
SUITES = [
    Suite("pytest", "pytest `testing/`", "pytest-9.0.3", "testing", "_venv-pytest"),
    Suite("sqlalchemy", "SQLAlchemy `test/`", "sqlalchemy-2.0.58", "test", "_venv-sqlalchemy", extra=["-q"]),
    Suite("django", "Django `tests/`", "django-5.2.19", "tests", "_venv-django"),
    Suite("synthetic-100", "synthetic 100", "synthetic-100", "tests", "_venv-pytest", synthetic=100),
    Suite("synthetic-200", "synthetic 200", "synthetic-200", "tests", "_venv-pytest", synthetic=200),
    Suite("synthetic-2000", "synthetic 2,000", "synthetic-2000", "tests", "_venv-pytest", synthetic=2000),
]


class Measurement:
    """The runs of one tool on one suite and what they printed."""

    def __init__(self, suite, tool, workers, command):
        self.suite = suite
        self.tool = tool
        self.workers = workers
        self.command = command
        self.items = None
        self.exit_code = None
        self.times = []
        self.rss_kb = 0
        self.broken = 0
        self.stages = {}
        self.note = ""
        self.mbps = None  # (median, min, max, cpu median) for the in-process benchmarks

    @property
    def ok(self):
        return bool(self.times)

    def median(self):
        return statistics.median(self.times) if self.times else None


def log(message):
    print(message, file=sys.stderr, flush=True)


# A child forked from this Python process starts with Python's own peak RSS (exec keeps the
# maximum), so wait4's ru_maxrss cannot go below ~20 MB. GNU time forks from a small process:
# the run that fixes the item count goes through it for the peak RSS; timed runs are direct.
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run_once(command, cwd, timeout, rss_run=False):
    """Runs a command with stdout and stderr to files; returns (seconds, status, rss_kb, out, err).

    With `rss_run` and GNU time present, rss_kb is the command's own peak RSS; otherwise it is
    wait4's figure, which has this process's RSS as its floor.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as rss_file:
        if rss_run and GNU_TIME:
            command = [GNU_TIME, "-f", "%M", "-o", rss_file.name, *command]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        # A blocking wait4 returns as the child exits; the timer only fires on a hung run.
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            process.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        if timed_out.is_set():
            status = None
        process.returncode = -1 if status is None else os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        rss = usage.ru_maxrss
        if rss_run and GNU_TIME:
            lines = rss_file.read().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else 0
        return (seconds, None if status is None else process.returncode, rss,
                out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def count_node_ids(text):
    """Node IDs that `-q` printed: the first block of lines holding `::`."""
    count = 0
    for line in text.splitlines():
        if "::" in line and not line[:1].isspace() and not line.startswith(("ERROR", "FAILED", "=")):
            count += 1
        elif count and not line.strip():
            break
    return count


def count_rtest_items(text):
    match = re.search(r"^collected (\d+) items?", text, re.MULTILINE)
    if match:
        return int(match.group(1))
    return sum(1 for line in text.splitlines() if line.startswith("  ") and "::" in line)


def parse_timings(stderr):
    match = TIMINGS.search(stderr)
    if not match or "cache hit" in match.group(1):
        return None
    stages = {}
    for name, value in re.findall(r"(\S+?)=([0-9.]+)", match.group(1)):
        stages[name] = float(value)
    return stages


def measure(measurement, cwd, counter, warmup, runs, timeout, expect_items=True, adjust=None):
    """Warm-up runs (the first fixes the item count), then timed runs; broken runs are not timed.

    `adjust(measurement, exit code, stdout, stderr)` may return another command after the first
    run, which is then run again from the start.
    """
    stage_runs = []
    for index in range(warmup + runs):
        seconds, code, rss, out, err = run_once(measurement.command, cwd, timeout, rss_run=index == 0)
        if index == 0 and adjust is not None:
            command = adjust(measurement, code, out, err)
            if command:
                measurement.command = command
                seconds, code, rss, out, err = run_once(measurement.command, cwd, timeout, rss_run=True)
        items = counter(out)
        if index == 0:
            measurement.items = items
            measurement.exit_code = code
            if GNU_TIME:
                measurement.rss_kb = rss
            if code is None:
                measurement.note = f"timed out after {timeout:.0f} s"
                return measurement
            if items == 0 and expect_items:
                tail = (err.strip() or out.strip()).splitlines()[-3:]
                measurement.note = f"exit {code}, no items: " + " / ".join(tail)[:200]
                return measurement
        if code is None or items != measurement.items or code != measurement.exit_code:
            measurement.broken += 1
            log(f"    broken run: {items} items, exit {code} (first run: {measurement.items}, exit {measurement.exit_code})")
            continue
        if index < warmup:
            continue
        measurement.times.append(seconds)
        if not GNU_TIME:
            measurement.rss_kb = max(measurement.rss_kb, rss)
        stages = parse_timings(err)
        if stages:
            stage_runs.append(stages)
    if stage_runs:
        for stage in STAGES + ["pool"]:
            values = [run[stage] for run in stage_runs if stage in run]
            if values:
                measurement.stages[stage] = statistics.median(values)
    return measurement


def suite_size(suite):
    files = 0
    size = 0
    for folder, dirs, names in os.walk(os.path.join(suite.root, suite.testdir)):
        for name in names:
            if name.endswith(".py"):
                files += 1
                size += os.path.getsize(os.path.join(folder, name))
    return files, size


def git_revision(path):
    """The commit of the repository that holds `path`, `-dirty` when its tracked files changed."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        top = subprocess.run(["git", "-C", folder, "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
        revision = subprocess.run(["git", "-C", top, "rev-parse", "--short", "HEAD"], capture_output=True,
                                  text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", top, "diff-index", "--quiet", "HEAD", "--"], capture_output=True)
        return revision + ("-dirty" if dirty.returncode else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"nproc": cores, "cpu": model, "kernel": platform.release(), "host": platform.node()}


def tool_version(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        return (result.stdout or result.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return None


def ensure_rtest(venv, install):
    """The rtest executable, installed from PyPI into `venv` on first use; (path, reason if none)."""
    binary = os.path.join(venv, "bin", "rtest")
    if os.access(binary, os.X_OK):
        return binary, None
    if not install:
        return None, f"rtest not installed in {venv} (--no-install)"
    log(f"installing rtest into {venv}")
    try:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "rtest"], check=True,
                       capture_output=True, text=True, timeout=600)
    except subprocess.CalledProcessError as error:
        output = (error.stderr or error.stdout or "").strip().splitlines()
        return None, "pip install rtest failed: " + (output[-1] if output else str(error))
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"pip install rtest failed: {error}"
    return (binary, None) if os.access(binary, os.X_OK) else (None, "pip installed rtest but no bin/rtest")


def run_lexbench(binary, suite, runs):
    measurement = Measurement(suite, "lexer", "1", [binary, os.path.join(suite.root, suite.testdir)])
    scanner = Measurement(suite, "scanner", "1", measurement.command)
    try:
        result = subprocess.run(measurement.command + ["--runs", str(max(runs, 3))], capture_output=True,
                                text=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as error:
        measurement.note = scanner.note = str(error)
        return [measurement, scanner]
    for line in result.stdout.splitlines():
        fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
        target = measurement if fields.get("stage") == "lexer" else scanner if fields.get("stage") == "scanner" else None
        if target is None:
            continue
        target.mbps = tuple(float(fields[key]) for key in ("median_mbps", "min_mbps", "max_mbps", "cpu_median_mbps"))
        target.items = int(fields.get("tokens", fields.get("members", 0)))
        target.exit_code = result.returncode
    for target in (measurement, scanner):
        if target.mbps is None:
            target.note = f"no figure (exit {result.returncode}): {result.stderr.strip()[:200]}"
    return [measurement, scanner]


# MARK: - Output


def fmt_ms(seconds):
    if seconds is None:
        return "–"
    ms = seconds * 1000
    if ms >= 10000:
        return f"{ms / 1000:.1f} s"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    if ms >= 10:
        return f"{ms:.1f} ms"
    return f"{ms:.2f} ms"


def fmt_ratio(value):
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:,.0f}×"
    if value >= 10:
        return f"{value:.1f}×"
    return f"{value:.2f}×"


def ratio(numerator, denominator):
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def find(measurements, suite, tool, workers=None):
    for measurement in measurements:
        if measurement.suite is suite and measurement.tool == tool and (workers is None or measurement.workers == workers):
            return measurement
    return None


def write_csv(path, measurements, sizes, stamp):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    stage_columns = [f"{stage.replace('+', '_')}_ms" for stage in STAGES]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "suite", "tool", "workers", "files", "bytes", "items", "exit_code", "runs",
                         "broken_runs", *stage_columns, "median_ms", "min_ms", "max_ms", "peak_rss_mb",
                         "median_mbps", "min_mbps", "max_mbps", "cpu_median_mbps", "note"])
        for m in measurements:
            files, size = sizes[m.suite.name]
            times = [f"{t * 1000:.3f}" for t in (m.median(), min(m.times), max(m.times))] if m.ok else ["", "", ""]
            mbps = [f"{value:.1f}" for value in m.mbps] if m.mbps else ["", "", "", ""]
            writer.writerow([stamp, m.suite.name, m.tool, m.workers, files, size,
                             "" if m.items is None else m.items, "" if m.exit_code is None else m.exit_code,
                             len(m.times), m.broken,
                             *[f"{m.stages[stage]:.2f}" if stage in m.stages else "" for stage in STAGES],
                             *times, f"{m.rss_kb / 1024:.1f}" if m.rss_kb else "", *mbps, m.note])


def markdown(measurements, suites, sizes, context):
    lines = []
    add = lines.append
    add("## How to run")
    add("")
    add("    Benchmarks/projects/fetch.sh               # the 3 real suites: pinned, sha256 checked; skips what is there")
    add("    python3 Benchmarks/projects/generate.py    # synthetic-100/200/2000: deterministic, no network")
    add("    swift build -c release                     # fastcollect and fastcollect-lexbench")
    add("    python3 Benchmarks/run.py                  # everything (about 30 min on 2 cores); rewrites this section")
    add("    python3 Benchmarks/run.py --suite pytest --runs 3 --no-pytest   # a quick check, under a minute")
    add("")
    add("pytest runs in `../shared/corpus/pytest-env`'s venvs (Django: `_venv-django` with the overlay's "
        "`pytest.ini`; pytest and SQLAlchemy: `_venv-pytest`), rtest in `_venv-rtest` (pip-installed on first "
        "use). `--help` lists the options (`--fastcollect PATH`, `--workers`, `--runs`, `--pytest-runs`, …).")
    add("")
    add(f"## Latest run: {context['date']}")
    add("")
    add(f"Written by `Benchmarks/run.py` ({context['argv']}). Machine: {context['machine']['nproc']} cores, "
        f"{context['machine']['cpu']}, Linux {context['machine']['kernel']}; load average "
        f"{context['load_start']} at the start, {context['load_end']} at the end. Binary: "
        f"`{context['binary']}` at {context['revision']} (built {context['built']}). "
        f"Each figure is the median of {context['runs']} timed runs after {context['warmup']} warm-up "
        f"(pytest: {context['pytest_runs']}), with min–max; every timed run printed the item count of "
        f"the first run (broken runs are counted, never timed). Peak RSS: "
        f"{'GNU time on the first run' if GNU_TIME else 'wait4 (at least the runner Python’s own RSS)'}. "
        f"Ratios are from this sitting. "
        f"CSV: `{context['csv']}`.")
    add("")
    for note in context["notes"]:
        add(f"- {note}")
    if context["notes"]:
        add("")
    targets = target_rows(measurements, suites)
    if targets:
        add("Issue 4's targets, from this sitting:")
        add("")
        add("| target | figure | met |")
        add("|---|---:|:---:|")
        for name, figure, met in targets:
            add(f"| {name} | {figure} | {'–' if met is None else 'yes' if met else 'no'} |")
        add("")
    add("![median wall time per suite and tool, log scale](benchmarks.svg)")
    add("")
    add("fastcollect: from scratch (`-p no:cacheprovider`, sequential, the default without a cache); "
        "cached: the default, with the result an earlier run stored (docs/architecture.md, the collection "
        "cache). Ratios are from scratch, the cached ones in brackets.")
    add("")
    add("| suite | files | MB | items (fastcollect / pytest / rtest) | `cat` | fastcollect | cached | pytest | rtest "
        "| pytest / fastcollect | rtest / fastcollect | fastcollect / `cat` | peak RSS (fastcollect / pytest) |")
    add("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for suite in suites:
        files, size = sizes[suite.name]
        fc = find(measurements, suite, "fastcollect", "seq")
        py = find(measurements, suite, "pytest")
        rt = find(measurements, suite, "rtest")
        cat = find(measurements, suite, "cat")
        cached = find(measurements, suite, "fastcollect", "cached")

        def cell(m):
            if m is None:
                return "–"
            if not m.ok:
                return "failed"
            return f"{fmt_ms(m.median())} ({fmt_ms(min(m.times))}–{fmt_ms(max(m.times))})"

        def items(m):
            return "–" if m is None or m.items is None else f"{m.items:,}"

        def rss(m):
            return "–" if m is None or not m.rss_kb else f"{m.rss_kb / 1024:.0f} MB"

        median = lambda m: m.median() if m is not None and m.ok else None  # noqa: E731

        def both(numerator, denominator, cached_numerator, cached_denominator):
            text = fmt_ratio(ratio(median(numerator), median(denominator)))
            if cached is not None and cached.ok:
                text += f" ({fmt_ratio(ratio(median(cached_numerator), median(cached_denominator)))})"
            return text

        add(f"| {suite.label} | {files:,} | {size / 1e6:.1f} | {items(fc)} / {items(py)} / {items(rt)} | {cell(cat)} "
            f"| {cell(fc)} | {cell(cached)} | {cell(py)} | {cell(rt)} | {both(py, fc, py, cached)} "
            f"| {both(rt, fc, rt, cached)} | {both(fc, cat, cached, cat)} "
            f"| {rss(fc)} / {rss(py)} |")
    add("")
    add("fastcollect is the default setting (no flag: sequential). Parallel import, median wall time and "
        "speed-up over sequential (sequential / parallel); with `--timings`, the read+scan stage's speed-up:")
    add("")
    worker_counts = context["workers"]
    add("| suite | sequential | " + " | ".join(f"{n} worker{'s' if n != 1 else ''}" for n in worker_counts)
        + " | read+scan sequential | " + " | ".join(f"read+scan ×, {n}" for n in worker_counts) + " |")
    add("|---|---:|" + "---:|" * len(worker_counts) + "---:|" + "---:|" * len(worker_counts))
    for suite in suites:
        seq = find(measurements, suite, "fastcollect", "seq")
        if seq is None:
            continue
        cells = [fmt_ms(seq.median()) if seq.ok else "failed"]
        stage_cells = []
        seq_stage = seq.stages.get("read+scan")
        for n in worker_counts:
            m = find(measurements, suite, "fastcollect", str(n))
            if m is None or not m.ok:
                cells.append("–" if m is None else "failed")
                stage_cells.append("–")
                continue
            cells.append(f"{fmt_ms(m.median())} ({fmt_ratio(ratio(seq.median(), m.median()))})")
            stage = m.stages.get("read+scan")
            stage_cells.append(fmt_ratio(ratio(seq_stage, stage)) if stage else "–")
        seq_stage_cell = f"{seq_stage:.1f} ms" if seq_stage is not None else "–"
        add(f"| {suite.label} | " + " | ".join(cells) + f" | {seq_stage_cell} | " + " | ".join(stage_cells) + " |")
    staged = [m for m in measurements if m.tool == "fastcollect" and m.workers == "seq" and m.stages]
    if staged:
        add("")
        add("Stage times of the sequential run (median ms, from `--timings`):")
        add("")
        add("| suite | " + " | ".join(STAGES) + " |")
        add("|---|" + "---:|" * len(STAGES))
        for m in staged:
            add(f"| {m.suite.label} | " + " | ".join(f"{m.stages[s]:.1f}" if s in m.stages else "–" for s in STAGES) + " |")
    pooled = [m for m in measurements if m.tool == "fastcollect" and m.workers == "2" and m.stages]
    if pooled:
        add("")
        add("Stage times with 2 workers (median ms). Reading overlaps resolution: `read+scan` is the time the "
            "resolving thread waited for a module or read one itself, `pool` the reader thread's own reading "
            "and scanning (not on the resolving thread's path):")
        add("")
        add("| suite | " + " | ".join(STAGES) + " | pool |")
        add("|---|" + "---:|" * (len(STAGES) + 1))
        for m in pooled:
            add(f"| {m.suite.label} | " + " | ".join(f"{m.stages[s]:.1f}" if s in m.stages else "–" for s in STAGES + ["pool"]) + " |")
    lex = [m for m in measurements if m.tool in ("lexer", "scanner")]
    if lex:
        add("")
        add("In process, one thread, files read into memory first (`fastcollect-lexbench`): MB/s (10⁶ bytes/s), "
            "median (min–max) on the wall clock, and on the thread's CPU clock (what one core does while "
            "other processes share it):")
        add("")
        add("| suite | MB | lexer, wall | lexer, CPU | declaration reader, wall | declaration reader, CPU |")
        add("|---|---:|---:|---:|---:|---:|")
        for suite in suites:
            lexer = find(measurements, suite, "lexer")
            scanner = find(measurements, suite, "scanner")
            if lexer is None:
                continue

            def rate(m):
                if m is None or m.mbps is None:
                    return "–", "–"
                return f"{m.mbps[0]:.0f} ({m.mbps[1]:.0f}–{m.mbps[2]:.0f})", f"{m.mbps[3]:.0f}"

            lw, lc = rate(lexer)
            sw, sc = rate(scanner)
            add(f"| {suite.label} | {sizes[suite.name][1] / 1e6:.1f} | {lw} | {lc} | {sw} | {sc} |")
    failures = [m for m in measurements if m.note or m.broken]
    if failures:
        add("")
        add("Notes on runs:")
        add("")
        for m in failures:
            what = f"{m.suite.name} / {m.tool}" + (f" ({m.workers} workers)" if m.workers.isdigit() and m.tool == "fastcollect" else "")
            parts = []
            if m.broken:
                parts.append(f"{m.broken} broken run(s) left out")
            if m.note:
                parts.append(m.note)
            add(f"- {what}: " + "; ".join(parts))
    return "\n".join(lines) + "\n"


def target_rows(measurements, suites):
    """(target, figure, met or None) for the goals of issue 4 that this run measured."""
    rows = []
    by_name = {suite.name: suite for suite in suites}

    def get(suite_name, tool, workers=None):
        suite = by_name.get(suite_name)
        m = find(measurements, suite, tool, workers) if suite else None
        return m if m is not None and (m.ok or m.mbps) else None

    # Each speed target twice: from scratch (every file read and scanned) and with the result
    # cached by an earlier run (every input checked with `stat`, nothing read but the entry).
    kinds = (("seq", "from scratch"), ("cached", "cached result"))
    for name, limit in (("pytest", 0.015), ("django", 0.050)):
        for workers, how in kinds:
            fc = get(name, "fastcollect", workers)
            if fc:
                rows.append((f"{name}: full collection ≤ {limit * 1000:.0f} ms median ({how})", fmt_ms(fc.median()),
                             fc.median() <= limit))
    for name in ("pytest", "sqlalchemy", "django"):
        for workers, how in kinds:
            fc, py, rt = get(name, "fastcollect", workers), get(name, "pytest"), get(name, "rtest")
            if fc and py:
                value = ratio(py.median(), fc.median())
                rows.append((f"{name}: pytest / fastcollect ≥ 400× ({how})", fmt_ratio(value), value >= 400))
            if fc and rt:
                value = ratio(rt.median(), fc.median())
                rows.append((f"{name}: rtest / fastcollect ≥ 5× ({how})", fmt_ratio(value), value >= 5))
    for workers, how in kinds:
        fc, cat = get("django", "fastcollect", workers), get("django", "cat")
        if fc and cat:
            value = ratio(fc.median(), cat.median())
            rows.append((f"django: fastcollect / `cat` ≤ 1.0 ({how})", fmt_ratio(value), value <= 1.0))
    fc = get("django", "fastcollect", "seq")
    seq, two = get("django", "fastcollect", "seq"), get("django", "fastcollect", "2")
    if seq and two:
        stage_seq, stage_two = seq.stages.get("read+scan"), two.stages.get("read+scan")
        if stage_seq and stage_two:
            value = ratio(stage_seq, stage_two)
            rows.append(("django: read+scan speed-up with 2 workers ≥ 1.7× (read+scan on the resolving thread; "
                         "the reading itself moves to the pool, see the stage tables)", fmt_ratio(value), value >= 1.7))
        else:
            rows.append(("django: read+scan speed-up with 2 workers ≥ 1.7×", "no `--timings` output", None))
    if fc and fc.rss_kb:
        rows.append(("django: peak RSS ≤ 64 MB", f"{fc.rss_kb / 1024:.0f} MB", fc.rss_kb / 1024 <= 64))
    lexer = get("django", "lexer")
    if lexer:
        rows.append(("django: lexer ≥ 250 MB/s on one core (CPU clock; wall in the table below)",
                     f"{lexer.mbps[3]:.0f} MB/s", lexer.mbps[3] >= 250))
    return rows


SVG_TOOLS = [
    ("cat", None, "`cat`", "#9e9e9e"),
    ("fastcollect", "seq", "fastcollect", "#1f6feb"),
    ("fastcollect", "2", "fastcollect, 2 workers", "#58a6ff"),
    ("fastcollect", "cached", "fastcollect, cached result", "#2da44e"),
    ("rtest", None, "rtest", "#d29922"),
    ("pytest", None, "pytest", "#cf222e"),
]


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "")


def svg_chart(measurements, suites, context):
    """A grouped bar chart of median wall time per suite and tool, log scale, min–max whiskers."""
    groups = []
    for suite in suites:
        bars = []
        for tool, workers, label, color in SVG_TOOLS:
            m = find(measurements, suite, tool, workers)
            bars.append((m.median(), min(m.times), max(m.times)) if m is not None and m.ok else None)
        groups.append((suite.label.replace("`", ""), bars))
    values = [v for _, bars in groups for bar in bars if bar for v in bar]
    if not values:
        return None
    low = 10 ** math.floor(math.log10(min(values) * 1000))
    high = 10 ** math.ceil(math.log10(max(values) * 1000))
    if high <= low:
        high = low * 10
    width, height = 960, 460
    left, right, top, bottom = 70, 20, 50, 90
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(seconds):
        ms = max(seconds * 1000, low)
        return top + plot_h - plot_h * (math.log10(ms) - math.log10(low)) / (math.log10(high) - math.log10(low))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           'font-family="Helvetica, Arial, sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">'
           f'Median wall time of a full collection (log scale, whiskers: min–max)</text>',
           f'<text x="{width / 2}" y="40" text-anchor="middle" fill="#555">{escape(context["date"])}, '
           f'{context["machine"]["nproc"]} cores, {escape(context["machine"]["cpu"])}, fastcollect {escape(context["revision"])}</text>']
    decade = low
    while decade <= high * 1.0001:
        for step in (1, 2, 5):
            value = decade * step
            if value > high * 1.0001:
                break
            yy = y(value / 1000)
            major = step == 1
            out.append(f'<line x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}" '
                       f'stroke="{"#cccccc" if major else "#eeeeee"}" stroke-width="1"/>')
            if major or step == 5:
                label = f"{value:g} ms" if value < 1000 else f"{value / 1000:g} s"
                out.append(f'<text x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="#333">{label}</text>')
        decade *= 10
    out.append(f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#333"/>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#333"/>')
    group_w = plot_w / max(len(groups), 1)
    bar_w = min(24, (group_w - 16) / len(SVG_TOOLS))
    for index, (label, bars) in enumerate(groups):
        x0 = left + index * group_w + (group_w - bar_w * len(SVG_TOOLS)) / 2
        for position, bar in enumerate(bars):
            x = x0 + position * bar_w
            color = SVG_TOOLS[position][3]
            if bar is None:
                out.append(f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - 4}" text-anchor="middle" '
                           f'font-size="9" fill="#999">n/a</text>')
                continue
            median, lo, hi = bar
            yy = y(median)
            out.append(f'<rect x="{x + 1:.1f}" y="{yy:.1f}" width="{bar_w - 2:.1f}" height="{top + plot_h - yy:.1f}" '
                       f'fill="{color}"><title>{escape(label)}, {escape(SVG_TOOLS[position][2])}: {fmt_ms(median)}'
                       f' ({fmt_ms(lo)}–{fmt_ms(hi)})</title></rect>')
            cx = x + bar_w / 2
            out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{y(hi):.1f}" y2="{y(lo):.1f}" stroke="#222" stroke-width="1"/>')
        out.append(f'<text x="{left + index * group_w + group_w / 2:.1f}" y="{top + plot_h + 18}" '
                   f'text-anchor="middle" fill="#111">{escape(label)}</text>')
    legend_x = left
    legend_y = height - 30
    for tool, workers, label, color in SVG_TOOLS:
        out.append(f'<rect x="{legend_x}" y="{legend_y - 10}" width="12" height="12" fill="{color}"/>')
        out.append(f'<text x="{legend_x + 17}" y="{legend_y}" fill="#111">{escape(label)}</text>')
        legend_x += 30 + 7 * len(escape(label))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def update_doc(section):
    with open(DOC) as handle:
        text = handle.read()
    block = f"{START_MARK}\n{section}{END_MARK}"
    if START_MARK in text and END_MARK in text:
        head, rest = text.split(START_MARK, 1)
        _, tail = rest.split(END_MARK, 1)
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(DOC, "w") as handle:
        handle.write(text)


# MARK: - Main


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--fastcollect", default=os.path.join(REPO, ".build", "release", "fastcollect"),
                        help="the release binary (default %(default)s)")
    parser.add_argument("--lexbench", help="fastcollect-lexbench binary (default: next to --fastcollect)")
    parser.add_argument("--suite", action="append", choices=[s.name for s in SUITES],
                        help="run only this suite (repeatable; default all)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool (default %(default)s)")
    parser.add_argument("--warmup", type=int, default=1, help="warm-up runs per tool (default %(default)s, at least 1)")
    parser.add_argument("--pytest-runs", type=int, default=3, help="timed runs of pytest (default %(default)s)")
    parser.add_argument("--workers", default="1,2,4,8", help="worker counts for --parallel-import (default %(default)s)")
    parser.add_argument("--no-pytest", action="store_true", help="do not run pytest")
    parser.add_argument("--no-rtest", action="store_true", help="do not run rtest")
    parser.add_argument("--no-lexbench", action="store_true", help="skip the in-process lexer benchmark")
    parser.add_argument("--no-install", action="store_true", help="do not pip-install rtest when it is missing")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one run counts as broken")
    parser.add_argument("--csv", help="CSV path (default Benchmarks/results/<date>.csv; <date>-partial.csv for a subset)")
    parser.add_argument("--write-docs", action="store_true", help="update docs/ even for a subset run")
    parser.add_argument("--no-docs", action="store_true", help="never update docs/")
    args = parser.parse_args(argv)
    warmup = max(1, args.warmup)
    worker_counts = [int(part) for part in args.workers.split(",") if part]
    # The collection cache of this sitting only: the `cached` runs start from an empty one.
    os.environ["FASTCOLLECT_CACHE_DIR"] = tempfile.mkdtemp(prefix="fastcollect-bench-cache-")
    binary = os.path.abspath(args.fastcollect)
    if not os.access(binary, os.X_OK):
        parser.error(f"no fastcollect binary at {binary}; build it with "
                     "`swift build -c release --product fastcollect` or pass --fastcollect")
    lexbench = args.lexbench or os.path.join(os.path.dirname(binary), "fastcollect-lexbench")
    suites = [s for s in SUITES if not args.suite or s.name in args.suite]
    full = len(suites) == len(SUITES) and not args.no_pytest and not args.no_rtest
    today = datetime.date.today().isoformat()
    csv_path = args.csv or os.path.join(HERE, "results", f"{today}{'' if full else '-partial'}.csv")
    notes = []
    load_start = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())

    rtest = None
    if not args.no_rtest:
        rtest, reason = ensure_rtest(os.path.join(CORPUS, "_venv-rtest"), not args.no_install)
        if rtest is None:
            notes.append(f"rtest not measured: {reason}")
            log(f"rtest not measured: {reason}")
        else:
            notes.append(f"rtest: {tool_version([rtest, '--version']) or 'version unknown'} "
                         f"(`rtest --collect-only TESTDIR`; it counts as items what its `collected N items` line says)")
    if not args.no_lexbench and not os.access(lexbench, os.X_OK):
        notes.append(f"lexer benchmark not run: no {lexbench} (`swift build -c release --product fastcollect-lexbench`)")
        log(notes[-1])
        args.no_lexbench = True

    measurements = []
    sizes = {}
    timings_flag = ["--timings"]

    def drop_timings(measurement, code, out, err):
        # A binary without --timings rejects it as a usage error (exit 4): run without it.
        if code == 4 and "--timings" in measurement.command:
            timings_flag.clear()
            notes.append("the fastcollect binary rejects --timings: no stage times")
            return [part for part in measurement.command if part != "--timings"]
        return None

    for suite in suites:
        if suite.synthetic and not os.path.isdir(suite.root):
            subprocess.run([sys.executable, os.path.join(HERE, "projects", "generate.py"), "--dest", CORPUS,
                            "--sizes", str(suite.synthetic)], check=True)
        testdir = os.path.join(suite.root, suite.testdir)
        if not os.path.isdir(testdir):
            notes.append(f"{suite.name}: not measured, {testdir} is missing (run Benchmarks/projects/fetch.sh)")
            log(notes[-1])
            continue
        sizes[suite.name] = suite_size(suite)
        log(f"{suite.name}: {sizes[suite.name][0]} files, {sizes[suite.name][1] / 1e6:.1f} MB")

        def fc_command(extra):
            return [binary, "--collect-only", "-q", *suite.extra, *timings_flag, *extra, suite.testdir]

        # From scratch: `-p no:cacheprovider` keeps the collection cache out of these runs.
        cold = ["-p", "no:cacheprovider"]
        settings = [("seq", cold)] + [(str(n), [*cold, "--parallel-import", f"--parallel-workers={n}"])
                                      for n in worker_counts]
        # The default: the warm-up run stores the result, the timed runs find it unchanged.
        settings.append(("cached", []))
        for workers, extra in settings:
            m = Measurement(suite, "fastcollect", workers, fc_command(extra))
            measure(m, suite.root, count_node_ids, warmup, args.runs, args.timeout, adjust=drop_timings)
            measurements.append(m)
            log(f"  fastcollect {workers:>3}: {fmt_ms(m.median())}  items {m.items}  {m.note}")

        cat = Measurement(suite, "cat", "", ["sh", "-c", f"find {suite.testdir} -name '*.py' -print0 | xargs -0 cat > /dev/null"])
        measure(cat, suite.root, lambda out: 0, warmup, args.runs, args.timeout, expect_items=False)
        cat.items = None
        measurements.append(cat)
        log(f"  cat        : {fmt_ms(cat.median())}")

        if rtest:
            m = Measurement(suite, "rtest", "", [rtest, "--collect-only", suite.testdir])
            measure(m, suite.root, count_rtest_items, warmup, args.runs, args.timeout)
            measurements.append(m)
            log(f"  rtest      : {fmt_ms(m.median())}  items {m.items}  {m.note}")

        if not args.no_pytest:
            python = os.path.join(CORPUS, suite.venv, "bin", "python")
            if not os.access(python, os.X_OK):
                python = os.path.join(CORPUS, "_venv-pytest", "bin", "python")
            if os.access(python, os.X_OK):
                m = Measurement(suite, "pytest", "", [python, "-m", "pytest", "--collect-only", "-q", *suite.extra,
                                                      "-p", "no:cacheprovider", suite.testdir])
                measure(m, suite.root, count_node_ids, warmup, max(1, args.pytest_runs), args.timeout)
                measurements.append(m)
                log(f"  pytest     : {fmt_ms(m.median())}  items {m.items}")
            else:
                notes.append(f"{suite.name}: pytest not measured, no venv at {python} "
                             "(../shared/corpus/pytest-env builds it)")

        if not args.no_lexbench:
            measurements.extend(run_lexbench(lexbench, suite, args.runs))
            lexer = measurements[-2]
            if lexer.mbps:
                log(f"  lexer      : {lexer.mbps[0]:.0f} MB/s wall, {lexer.mbps[3]:.0f} MB/s CPU")

    if not measurements:
        log("nothing measured")
        return 1
    built = datetime.datetime.fromtimestamp(os.path.getmtime(binary)).strftime("%Y-%m-%d %H:%M")
    context = {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "argv": "`python3 Benchmarks/run.py" + "".join(" " + a for a in (argv if argv is not None else sys.argv[1:])) + "`",
        "machine": machine(),
        "load_start": load_start,
        "load_end": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
        "binary": os.path.relpath(binary, REPO) if binary.startswith(REPO + os.sep) else binary,
        "revision": git_revision(binary),
        "built": built,
        "runs": args.runs,
        "warmup": warmup,
        "pytest_runs": max(1, args.pytest_runs),
        "csv": os.path.relpath(csv_path, REPO),
        "workers": worker_counts,
        "notes": notes,
    }
    for suite in suites:
        fc = find(measurements, suite, "fastcollect", "seq")
        py = find(measurements, suite, "pytest")
        if fc is not None and py is not None and fc.items is not None and py.items and fc.items != py.items:
            notes.append(f"{suite.name}: fastcollect printed {fc.items:,} node IDs, pytest {py.items:,}")
    write_csv(csv_path, measurements, sizes, context["date"])
    log(f"wrote {csv_path}")
    measured = [s for s in suites if s.name in sizes]
    section = markdown(measurements, measured, sizes, context)
    print(section)
    if (full or args.write_docs) and not args.no_docs:
        chart = svg_chart(measurements, measured, context)
        if chart:
            with open(SVG, "w") as handle:
                handle.write(chart)
            log(f"wrote {SVG}")
        update_doc(section)
        log(f"updated {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
