#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 180), one after another, one process at a time.
# Usage: Fuzz/run.sh [SECONDS] [target...] (FUZZ_SEED=n fixes the random seed). Fails (exit 1) when a target
# crashes, traps, breaks an invariant, times out or goes past the memory limit; the input is then in .build/fuzz/artifacts/<Target>/ (see Fuzz/README.md).
# The committed seeds (Fuzz/Corpus/<Target>) are read, never written: new inputs go to .build/fuzz/corpus/.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-180}
shift || true
OUT=.build/fuzz
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in Fuzz/Targets/*.swift; do targets+=("$(basename "$f" .swift)"); done
fi

max_len() {
    case "$1" in
        LineIngest | Adapters | DocumentParser | Shard) echo 16384 ;;
        *) echo 4096 ;;
    esac
}

status=0
for t in "${targets[@]}"; do
    mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t" Fuzz/Corpus/"$t"
    log="$OUT/$t.log"
    # Leak detection is off: the library keeps process-wide caches (price table, interned strings) by design.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:${ASAN_OPTIONS:-} "$OUT/$t" -max_total_time="$SECONDS_EACH" -timeout=10 \
        -rss_limit_mb=2048 -max_len="$(max_len "$t")" -dict=Fuzz/json.dict -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
        -artifact_prefix="$OUT/artifacts/$t/" "$OUT/corpus/$t" "Fuzz/Corpus/$t" >"$log" 2>&1
    rc=$?
    done_line=$(grep -E '^#[0-9]+[[:space:]].*cov: ' "$log" | tail -1 | awk '{print $1, $3, $4, $5, $6, $7, $8}')
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    if [ $rc -eq 0 ]; then
        echo "fuzz: $t ok, ${SECONDS_EACH}s, ${execs:-?} runs: ${done_line:-}"
    else
        status=1
        echo "fuzz: $t FAILED (exit $rc), log $log:" >&2
        grep -E 'ERROR|invariant|Fatal error|SUMMARY|Test unit written|Crash|Timeout|out-of-memory' "$log" | head -20 >&2
    fi
done
exit $status
