#!/usr/bin/env python3
"""plugin-bench.py: end-to-end collection time, plain pytest vs pytest with the fastcollect
plugin, on the three real suites (a benchmark, not a test).

For each suite (run from its root with its venv, as ../shared/corpus/README.md says) and each
selection (a narrow -k, a broad -k, no -k) it times, in one sitting, interleaving the variants
round by round:

    plain      python -m pytest --co -q -p no:cacheprovider [extras] [-k EXPR] TESTDIR
    plugin     … -p fastcollect_pytest --no-parallel-import
    preload    … -p fastcollect_pytest --parallel-import --parallel-workers=auto

(wall clock of the whole process, fastcollect's run included) and checks that each variant
printed the same node IDs as plain pytest. Reports medians of --runs runs (default 3), the
ratio plain/variant, and writes:
  - the section between `<!-- plugin-bench:start -->` and `<!-- plugin-bench:end -->` of
    docs/benchmarks.md (created at the end when missing; the rest of the file is left alone);
  - docs/plugin-bench.svg, a grouped bar chart drawn here (no plotting library);
  - Benchmarks/plugin-bench-results.json, the raw timings.

    Benchmarks/plugin-bench.py --binary .build-plugin-rel/release/fastcollect [--runs 3] [--suite pytest]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SUITES = {
    "pytest": {"dir": "pytest-9.0.3", "venv": "_venv-pytest", "args": ["testing"], "extra": [],
               "narrow": "test_raises", "broad": "test_a or test_c or test_e"},
    "sqlalchemy": {"dir": "sqlalchemy-2.0.58", "venv": "_venv-sqlalchemy", "args": ["test"], "extra": ["-q"],
                   "narrow": "test_join_to_self", "broad": "test_select or test_insert"},
    "django": {"dir": "django-5.2.19", "venv": "_venv-django", "args": ["tests"], "extra": [],
               "narrow": "test_get_absolute_url", "broad": "Admin or Form"},
}
SELECTIONS = ["narrow", "broad", "none"]
VARIANTS = {
    "plain": ["-p", "no:fastcollect_pytest"],  # even if an entry point is visible
    "plugin": ["-p", "fastcollect_pytest", "--no-parallel-import"],
    "preload": ["-p", "fastcollect_pytest", "--parallel-import", "--parallel-workers=auto"],
}
COLOURS = {"plain": "#9e9e9e", "plugin": "#1f77b4", "preload": "#ff7f0e"}


def node_ids(stdout: str) -> list[str]:
    lines = stdout.split("\n")
    return lines[: lines.index("")] if "" in lines else lines


def time_run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str, str]:
    """Wall seconds, CPU seconds (user + system of the process tree), stdout, stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout, done.stderr


def svg_chart(results: dict, suites: list[str]) -> str:
    """Grouped horizontal bars: one group per (suite, selection), one bar per variant (seconds)."""
    groups = [(suite, selection) for suite in suites for selection in SELECTIONS if (suite, selection) in results]
    bar, gap, label_w, chart_w = 14, 12, 190, 520
    top = 40
    height = top + len(groups) * (3 * bar + gap) + 40
    longest = max((max(v.values()) for v in results.values()), default=1.0)
    scale = chart_w / longest
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + chart_w + 90}" height="{height}" '
        'font-family="sans-serif" font-size="11">',
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="10" y="18" font-size="13" font-weight="bold">pytest --co -q: plain vs fastcollect plugin '
        '(median wall seconds, lower is better)</text>',
    ]
    x = 10
    for variant, colour in COLOURS.items():
        out.append(f'<rect x="{x}" y="26" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 14}" y="35">{variant}</text>')
        x += 90
    y = top + 6
    for suite, selection in groups:
        medians = results[(suite, selection)]
        out.append(f'<text x="{label_w - 8}" y="{y + 1.5 * bar + 4}" text-anchor="end">{suite}, {selection} -k</text>')
        for variant, colour in COLOURS.items():
            if variant not in medians:
                continue
            width = max(1.0, medians[variant] * scale)
            out.append(f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="{bar - 2}" fill="{colour}"/>')
            ratio = medians["plain"] / medians[variant] if medians[variant] > 0 else 0
            text = f"{medians[variant]:.2f}s" + ("" if variant == "plain" else f" ({ratio:.1f}x)")
            out.append(f'<text x="{label_w + width + 4:.1f}" y="{y + bar - 4}">{text}</text>')
            y += bar
        y += gap
    out.append("</svg>")
    return "\n".join(out) + "\n"


LOG_LINE = re.compile(
    r"^(\w+)\s+(\w+)\s+items=\s*(\d+) plain=([\d.]+)s plugin=([\d.]+)s \([\d.]+x\) preload=([\d.]+)s "
    r"\([\d.]+x\) \| cpu plain=([\d.]+) plugin=([\d.]+) \([\d.]+x\) preload=([\d.]+)"
)


def render_from_log(options) -> int:
    """Medians from the lines a (possibly interrupted) sitting printed, into the docs and chart."""
    medians, cpu_medians, items = {}, {}, {}
    for line in Path(options.from_log).read_text().splitlines():
        match = LOG_LINE.match(line)
        if not match:
            continue
        suite, selection = match.group(1), match.group(2)
        values = [float(v) for v in match.groups()[3:]]
        medians[(suite, selection)] = dict(zip(VARIANTS, values[:3]))
        cpu_medians[(suite, selection)] = dict(zip(VARIANTS, values[3:]))
        items[(suite, selection)] = int(match.group(3))
    suites = [suite for suite in SUITES if any((suite, sel) in medians for sel in SELECTIONS)]
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(Path(options.from_log).stat().st_mtime))
    write_outputs(options, medians, cpu_medians, items, suites, stamp, [], options.runs)
    return 0


def write_outputs(options, medians, cpu_medians, items, suites, started, mismatches, runs, raw=None) -> None:
    lines = [
        f"Measured {started} by `Benchmarks/plugin-bench.py` ({runs} runs each, medians, variants "
        f"interleaved), {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores (shared with other jobs). End-to-end wall time of "
        "`python -m pytest --co -q -p no:cacheprovider [-k EXPR] TESTDIR` from the suite's root; "
        "the plugin variants include running the fastcollect binary (release build).",
        "Wall clock on a machine shared with other jobs is noisy; the CPU columns (user + system "
        "seconds of the whole process tree, same runs) are steadier.",
        "",
        "| suite | selection | items | plain pytest | plugin | speed-up | plugin + pre-load | speed-up "
        "| CPU plain | CPU plugin | CPU speed-up | CPU pre-load |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for suite in suites:
        for selection in SELECTIONS:
            m = medians.get((suite, selection))
            if not m:
                continue
            c = cpu_medians[(suite, selection)]
            label = "no -k" if selection == "none" else f"{selection} `-k {SUITES[suite][selection]}`"
            lines.append(
                f"| {suite} | {label} | {items[(suite, selection)]} | {m['plain']:.2f} s | {m['plugin']:.2f} s | "
                f"{m['plain'] / m['plugin']:.2f}× | {m['preload']:.2f} s | {m['plain'] / m['preload']:.2f}× "
                f"| {c['plain']:.2f} s | {c['plugin']:.2f} s | {c['plain'] / c['plugin']:.2f}× | {c['preload']:.2f} s |"
            )
    lines.append("")
    targets = []
    for suite, goal in (("pytest", 3.0), ("django", 5.0)):
        m = medians.get((suite, "narrow"))
        if m:
            best = max(m["plain"] / m["plugin"], m["plain"] / m["preload"])
            targets.append(f"{suite} narrow `-k` {best:.2f}× (target ≥ {goal:.0f}×: {'met' if best >= goal else 'not met'})")
    if targets:
        lines.append("Targets: " + "; ".join(targets) + ".")
        lines.append("")
    lines.append(
        "Node IDs identical to plain pytest in every run." if not mismatches
        else f"**Node IDs differed** in: {mismatches}"
    )
    lines.append("")
    lines.append("![plain pytest vs the plugin](plugin-bench.svg)")
    section = "\n".join(lines)
    print(section)
    if options.no_write:
        return
    (ROOT / "docs/plugin-bench.svg").write_text(svg_chart(medians, suites))
    if raw is not None:
        (ROOT / "Benchmarks/plugin-bench-results.json").write_text(json.dumps(raw, indent=1) + "\n")
    path = ROOT / "docs/benchmarks.md"
    content = path.read_text() if path.exists() else "# Benchmarks\n"
    start, end = "<!-- plugin-bench:start -->", "<!-- plugin-bench:end -->"
    block = f"{start}\n## The pytest plugin: plain pytest vs pytest with fastcollect\n\n{section}\n{end}"
    if start in content and end in content:
        content = content[: content.index(start)] + block + content[content.index(end) + len(end):]
    else:
        content = content.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(content)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--corpus", default=os.environ.get("FASTCOLLECT_CORPUS", str(Path.home() / ".cache/fastcollect-corpus")))
    parser.add_argument("--plugin-path", default=str(ROOT / "plugin"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--suite", action="append", choices=sorted(SUITES))
    parser.add_argument("--selection", action="append", choices=SELECTIONS)
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument(
        "--from-log", help="render the docs section and chart from this script's printed lines (an interrupted sitting)"
    )
    options = parser.parse_args()
    if options.from_log:
        return render_from_log(options)
    corpus = Path(options.corpus)
    binary = str(Path(options.binary).resolve())
    suites = options.suite or list(SUITES)
    raw: dict[str, dict] = {}
    medians: dict[tuple[str, str], dict[str, float]] = {}
    cpu_medians: dict[tuple[str, str], dict[str, float]] = {}
    mismatches = []
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    for suite in suites:
        spec = SUITES[suite]
        cwd = corpus / spec["dir"]
        python = str(corpus / spec["venv"] / "bin" / "python")
        env = dict(os.environ)
        env.pop("PYTEST_ADDOPTS", None)
        env.update({"FASTCOLLECT_BINARY": binary, "PYTHONPATH": options.plugin_path, "PYTHONDONTWRITEBYTECODE": "1"})
        # Warm the page cache and the .pyc files of the venv once.
        subprocess.run([python, "-m", "pytest", "--version"], cwd=cwd, env=env, capture_output=True)
        for selection in options.selection or SELECTIONS:
            select = [] if selection == "none" else ["-k", spec[selection]]
            base = [python, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider", *spec["extra"], *select, *spec["args"]]
            times: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
            cpus: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
            reference = None
            for _ in range(options.runs):
                for variant, extra in VARIANTS.items():
                    seconds, cpu, stdout, stderr = time_run(base + extra, cwd, env)
                    times[variant].append(seconds)
                    cpus[variant].append(cpu)
                    ids = node_ids(stdout)
                    if variant == "plain":
                        reference = ids
                    elif ids != reference:
                        mismatches.append((suite, selection, variant))
                    if "fastcollect:" in stderr:
                        print(f"    stderr: {stderr.strip().splitlines()[-1]}", file=sys.stderr)
            medians[(suite, selection)] = {variant: statistics.median(values) for variant, values in times.items()}
            cpu_medians[(suite, selection)] = {variant: statistics.median(values) for variant, values in cpus.items()}
            raw[f"{suite}/{selection}"] = {
                "expression": spec.get(selection), "items": len(reference or []), "wall": times, "cpu": cpus,
            }
            m, c = medians[(suite, selection)], cpu_medians[(suite, selection)]
            print(
                f"{suite:10} {selection:6} items={len(reference or []):6} plain={m['plain']:.2f}s "
                f"plugin={m['plugin']:.2f}s ({m['plain'] / m['plugin']:.2f}x) "
                f"preload={m['preload']:.2f}s ({m['plain'] / m['preload']:.2f}x) | cpu plain={c['plain']:.2f} "
                f"plugin={c['plugin']:.2f} ({c['plain'] / c['plugin']:.2f}x) preload={c['preload']:.2f} "
                f"({c['plain'] / c['preload']:.2f}x)",
                flush=True,
            )
    # Merge with the suites measured by earlier invocations of this sitting (results file).
    results_path = ROOT / "Benchmarks/plugin-bench-results.json"
    if not options.no_write and results_path.exists() and options.suite:
        try:
            earlier = json.loads(results_path.read_text())
        except ValueError:
            earlier = {}
        for key, value in earlier.items():
            if key.startswith("_") or key in raw or "wall" not in value:
                continue
            raw[key] = value
            suite, selection = key.split("/")
            medians[(suite, selection)] = {k: statistics.median(v) for k, v in value["wall"].items()}
            cpu_medians[(suite, selection)] = {k: statistics.median(v) for k, v in value["cpu"].items()}
        suites = [suite for suite in SUITES if any((suite, sel) in medians for sel in SELECTIONS)]
    items = {tuple(key.split("/")): value["items"] for key, value in raw.items() if not key.startswith("_")}
    write_outputs(options, medians, cpu_medians, items, suites, started, mismatches, options.runs, raw)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
