#!/usr/bin/env bash
# Regenerates Tests/usagelensTests/Fixtures/agentkit/expected/ (every expected output and the
# manifest cases.json) from Tests/usagelensTests/Fixtures/agentkit/records.jsonl with the Python
# reference harness scripts/ref/agentkit_ref.py (agentkit's UsageService seed + the usage_store
# stand-in).  Needs python3 >= 3.11 and the seed (/work/shared/seeds/... or $AGENTKIT_SEED).
#
#   bash scripts/ref/regen_agentkit.sh
#
# Each case: name, expected file, harness endpoint, harness arguments.  The manifest lists them
# so a Swift test can loop: run `usagelens endpoint agentkit.<endpoint>` with the same filters on
# records.jsonl and compare with the expected file (JSON as values, CSV byte for byte).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FIX="$ROOT/Tests/usagelensTests/Fixtures/agentkit"
OUT="$FIX/expected"
REF="$ROOT/scripts/ref/agentkit_ref.py"
PY="${PYTHON:-python3}"

"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "python >= 3.11 needed (datetime.fromisoformat with Z)")'
PYVER="$("$PY" -c 'import platform; print(platform.python_version())')"

mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.csv
CASES="$(mktemp)"
trap 'rm -f "$CASES"' EXIT

# The start bound equals record 9's timestamp exactly (2025-10-14T13:00:00+00:00) and the end
# bound is record 23's instant (2025-10-15T14:41:07.332190+00:00) written with a +02:00 offset:
# both records are inside the result (both bounds inclusive, compared as instants).  Record 8
# (12:59:59.999999) is just outside.
START="2025-10-14T13:00:00+00:00"
END="2025-10-15T16:41:07.332190+02:00"

gen() {
    local name="$1" file="$2" endpoint="$3"
    shift 3
    "$PY" "$REF" "$FIX/records.jsonl" "$endpoint" "$@" > "$OUT/$file"
    "$PY" -c 'import json, sys; print(json.dumps({"name": sys.argv[1], "endpoint": sys.argv[3], "args": sys.argv[4:], "expected": sys.argv[2], "compare": "bytes" if sys.argv[2].endswith(".csv") else "json"}))' \
        "$name" "$file" "$endpoint" "$@" >> "$CASES"
}

gen summary                  summary.json                 summary
gen timeseries-day           timeseries-day.json          timeseries --interval day
gen timeseries-hour          timeseries-hour.json         timeseries --interval hour
gen by-model                 by-model.json                by-model
gen top-users                top-users.json               top-users
gen top-users-limit2         top-users-limit2.json        top-users --limit 2
gen top-departments          top-departments.json         top-departments
gen export-csv               export.csv                   export --format csv
gen export-json              export.json                  export --format json

gen summary-user             summary-user-u-chen.json     summary --user u-chen
gen timeseries-day-department timeseries-day-department-research.json timeseries --interval day --department research
gen export-start-end-csv     export-start-end.csv         export --format csv --start "$START" --end "$END"
gen summary-start-end        summary-start-end.json       summary --start "$START" --end "$END"
gen timeseries-hour-start-end timeseries-hour-start-end.json timeseries --interval hour --start "$START" --end "$END"

gen summary-empty            summary-empty.json           summary --user nobody
gen timeseries-empty         timeseries-empty.json        timeseries --interval day --user nobody
gen top-users-empty          top-users-empty.json         top-users --user nobody
gen export-empty-csv         export-empty.csv             export --format csv --user nobody
gen export-empty-json        export-empty.json            export --format json --user nobody

"$PY" - "$CASES" "$OUT/cases.json" "$PYVER" <<'EOF'
import json, sys
cases = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
manifest = {
    "records": "../records.jsonl",
    "generator": "scripts/ref/regen_agentkit.sh (scripts/ref/agentkit_ref.py)",
    "python": sys.argv[3],
    "endpoint_prefix": "agentkit.",
    "args_help": "harness flags: --start/--end ISO 8601 -> start_time/end_time, --user -> user_id, "
                 "--department -> department_id, --interval hour|day, --limit N, --format csv|json",
    "compare": {"json": "parse both and compare as JSON values",
                "bytes": "compare the bytes exactly (CSV lines end with \\r\\n; no trailing newline added)"},
    "cases": cases,
}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(manifest, f, indent=2, ensure_ascii=False)
    f.write("\n")
EOF
echo "regen_agentkit: wrote $(wc -l < "$CASES") cases to $OUT (python $PYVER)"
