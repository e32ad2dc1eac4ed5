#!/usr/bin/env bash
# Builds the libFuzzer target for the lexer + declaration reader + expression parser
# (Tests/Fuzz/ScannerFuzzTarget.swift compiled with Sources/ModuleScanner/*.swift, address
# sanitizer on, assertions kept in the optimised build) and runs it.
#
#   scripts/fuzz.sh [SECONDS] [RUNS] [extra libFuzzer flags...]
#       defaults: 3600 seconds, 10,000,000 runs, whichever comes first.
#   scripts/fuzz.sh --build-only
#   scripts/fuzz.sh --run-only [SECONDS] [RUNS]   skip the build (binary from --build-only)
#   scripts/fuzz.sh --reproduce FILE...   run the target once on each file
#
# Work directory: .build-fuzz/ (git-ignored build output): the binary, corpus/ (the seed corpus
# generated from every .py of the test fixtures and Examples/, plus generated bad inputs, and
# whatever libFuzzer adds), crashes/ (artifacts), fuzz.log.
# Throughput: on this project's 2 shared cores the target runs 70-140 inputs a second (every
# input is lexed, read, parsed as expressions and, up to 2 KiB, dumped as tokenize output), so
# the issue's bound is reached by time (60 minutes), not by 10 million executions.
# A crash, a sanitizer report, a failed precondition or assertion (the lexer's progress
# assertions), or an input running more than 10 s (a hang) stops the run with the input
# saved under crashes/; add it to Tests/ModuleScannerTests/ScannerFuzzFindingsTests.swift.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$repo/.build-fuzz"
binary="$work/fuzz-scanner"
mkdir -p "$work/corpus" "$work/crashes"

build() {
    swiftc -sanitize=fuzzer,address -O -assert-config Debug -D DEBUG -parse-as-library \
        -module-name ModuleScanner \
        "$repo"/Sources/ModuleScanner/*.swift "$repo/Tests/Fuzz/ScannerFuzzTarget.swift" \
        -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
}

seed() {
    # Every fixture and example module up to 64 KiB, named by content hash (idempotent).
    find "$repo/Tests" "$repo/Examples" -name '*.py' -size -64k -type f 2>/dev/null | while read -r file; do
        cp "$file" "$work/corpus/seed-$(sha1sum "$file" | cut -c1-16)"
    done
    # Small generated bad inputs: the shapes of the bad-input corpus.
    python3 - "$work/corpus" <<'PY'
import sys, os
out = sys.argv[1]
seeds = {
    "nul": b"def test_a():\n    pass\x00\n",
    "bom": b"\xef\xbb\xbfdef test_bom():\n    pass\n",
    "cr": b"def test_cr():\r    pass\r",
    "crlf": b"def test_crlf():\r\n    pass\r\n",
    "tabs": b"def test_a():\n\tif True:\n        pass\n",
    "unterminated": b"x = 'abc\n",
    "triple": b'x = """abc\n\n',
    "fstring": b'x = f"{a!r:>{w}} {b:{c}}" t"{x}"\nf"""{\n1}"""\n',
    "brackets": b"x = " + b"(" * 300 + b")" * 300 + b"\n",
    "classes": b"\n".join(b" " * i + b"class C%d:" % i for i in range(120)) + b"\n",
    "cookie": b"# -*- coding: latin-1 -*-\nx = '\xe9'\n",
    "decorators": b"@pytest.mark.parametrize('a,b', [(1, 2), pytest.param(3, 4, id='x')])\nclass TestX(Base, metaclass=M):\n    def test_a(self, a, b): ...\n",
    "continuation": b"x = 1 + \\\n    2\\",
}
for name, data in seeds.items():
    with open(os.path.join(out, "gen-" + name), "wb") as handle:
        handle.write(data)
PY
}

case "${1:-}" in
--build-only)
    build
    exit 0
    ;;
--seed-only)
    seed
    exit 0
    ;;
--run-only)
    # Runs the binary already built (after --build-only), with a fresh seed.
    shift
    build() { :; }
    ;;
--reproduce)
    shift
    build
    for file in "$@"; do "$binary" -runs=1 "$file"; done
    exit 0
    ;;
esac

seconds="${1:-3600}"
runs="${2:-10000000}"
shift $(( $# > 2 ? 2 : $# )) || true
build
seed
cd "$work"
echo "fuzz: $binary -max_total_time=$seconds -runs=$runs -timeout=10 -rss_limit_mb=2048 -max_len=8192 -artifact_prefix=crashes/ $* corpus" >&2
exec "$binary" -max_total_time="$seconds" -runs="$runs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix=crashes/ "$@" corpus 2>&1 | tee "$work/fuzz.log"
