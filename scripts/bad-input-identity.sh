#!/usr/bin/env bash
# Output identity across worker counts: runs fastcollect RUNS times (default 20) with each of
# 1, 2 and 8 workers (`--parallel-import --parallel-workers=N`) on the Django suite, as its
# truth was made, and checks that all stdouts (the wall time on the stats line aside) and exit
# codes are byte-identical.
#
#   scripts/bad-input-identity.sh FASTCOLLECT [RUNS] [SUITE_ROOT TESTDIR]
set -euo pipefail
binary="$(realpath "$1")"
runs="${2:-20}"
corpus="${FASTCOLLECT_CORPUS:-$HOME/.cache/fastcollect-corpus}"
root="${3:-$corpus/django-5.2.19}"
testdir="${4:-tests}"
out="$(mktemp -d /tmp/fastcollect-identity-XXXXXX)"
trap 'rm -rf "$out"' EXIT
cd "$root"
for workers in 1 2 8; do
    for run in $(seq 1 "$runs"); do
        set +e
        "$binary" --collect-only -q -p no:cacheprovider --parallel-import --parallel-workers="$workers" "$testdir" \
            > "$out/$workers-$run.raw" 2> /dev/null
        code=$?
        # The stats line ends with the wall time (` in 0.52s`): the one part allowed to differ.
        sed -E 's/ in [0-9]+\.[0-9]+s( \([0-9:]+\))?$/ in <T>/' "$out/$workers-$run.raw" > "$out/$workers-$run.out"
        echo "exit $code" >> "$out/$workers-$run.out"
        set -e
    done
done
distinct="$(sha256sum "$out"/*.out | cut -d' ' -f1 | sort -u | wc -l)"
first="$(ls "$out"/*.out | head -1)"
echo "runs: $((runs * 3)) (workers 1, 2, 8 x $runs); distinct outputs: $distinct; lines: $(wc -l < "$first"); $(tail -1 "$first")"
[ "$distinct" = 1 ]
