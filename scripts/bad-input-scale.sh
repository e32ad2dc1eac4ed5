#!/usr/bin/env bash
# Size checks for bad input (figures for the issue-5 note), with a release binary:
#   1. one module holding a single line of N bytes (default 50 MB; also N/10 for the ratio),
#      then a test function: it must be collected, in time proportional to N;
#   2. a tree of M empty files named test_*.py (default 100,000; also M/10): no tests, exit 5,
#      in time proportional to M;
#   3. peak memory (max RSS, from /usr/bin/time or getrusage) for each run.
#
#   scripts/bad-input-scale.sh FASTCOLLECT [BYTES] [FILES]
set -euo pipefail
binary="$(realpath "$1")"
bytes="${2:-50000000}"
files="${3:-100000}"
work="$(mktemp -d /tmp/fastcollect-scale-XXXXXX)"
trap 'rm -rf "$work"' EXIT

measure() {  # measure DIR ARGS... -> "seconds maxrss_kb exit lines"
    local dir="$1"; shift
    python3 - "$dir" "$binary" "$@" <<'PY'
import os, resource, subprocess, sys, time
directory, binary, *args = sys.argv[1:]
started = time.monotonic()
proc = subprocess.run([binary, *args], cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
elapsed = time.monotonic() - started
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
lines = proc.stdout.decode("utf-8", "replace").split("\n")
print(f"{elapsed:.3f} {rss} {proc.returncode} {lines[0][:60]!r} | {lines[-2][:60]!r}")
PY
}

for size in $((bytes / 10)) "$bytes"; do
    dir="$work/line-$size"
    mkdir -p "$dir"
    python3 -c "
import sys
n = int(sys.argv[1])
with open(sys.argv[2], 'wb') as f:
    f.write(b'x = \"' + b'a' * n + b'\"\n' + b'def test_after_the_long_line():\n    pass\n')
" "$size" "$dir/test_long.py"
    echo "long line of $size bytes: $(measure "$dir" --collect-only -q -p no:cacheprovider)"
done

for count in $((files / 10)) "$files"; do
    dir="$work/empty-$count"
    mkdir -p "$dir"
    python3 -c "
import os, sys
n, root = int(sys.argv[1]), sys.argv[2]
for i in range(n):
    sub = os.path.join(root, 'd%03d' % (i // 1000))
    if i % 1000 == 0:
        os.mkdir(sub)
    open(os.path.join(sub, 'test_e%06d.py' % i), 'wb').close()
" "$count" "$dir"
    echo "$count empty files: $(measure "$dir" --collect-only -q -p no:cacheprovider)"
done
