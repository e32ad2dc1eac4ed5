#!/usr/bin/env bash
# The whole test suite under the thread and the address sanitizer, each in its own scratch
# folder (slow: a full build per sanitizer).
#
#   scripts/sanitize.sh [thread|address]...     default: both
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
status=0
for sanitizer in "${@:-thread address}"; do
    for s in $sanitizer; do
        case "$s" in
        thread) scratch="$repo/.build-tsan" ;;
        address) scratch="$repo/.build-asan" ;;
        *) echo "unknown sanitizer: $s" >&2; exit 2 ;;
        esac
        echo "== swift test --sanitize=$s --scratch-path $scratch"
        # TSan: report and fail on the first race; ASan: leaks are not checked (the Swift runtime
        # keeps metadata caches alive to the end).
        TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" ASAN_OPTIONS="detect_leaks=0" \
            swift test --sanitize="$s" --scratch-path "$scratch" || status=1
    done
done
exit $status
