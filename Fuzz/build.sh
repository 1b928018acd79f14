#!/usr/bin/env bash
# Builds the libFuzzer targets: UsageLensCore once (instrumented, -O, -enable-testing so that the targets reach
# its internal types with @testable import), then one small executable per Fuzz/Targets/*.swift.
# Usage: Fuzz/build.sh [target...]   (default: every target). Output: .build/fuzz/<Target>.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-swiftc}
OUT=.build/fuzz
mkdir -p "$OUT"
# -O, not -Ounchecked: an overflow must trap, so that the fuzzer reports it.
FLAGS=(-O -sanitize=fuzzer,address -parse-as-library -I Sources/CYajl -I Sources/CZstd -I Sources/CScan -I Sources/CXXHash -I Sources/CSQLiteConfig -I Sources/CMalloc)

# The cache (Cache/) uses GRDB: SwiftPM builds it (uninstrumented, as a system library would be); its module is
# copied next to ours (not the whole Modules folder, which holds an uninstrumented UsageLensCore) and its
# objects are linked into each target, with SQLite.
${SWIFT:-swift} build --target GRDB >&2
GRDB_BUILD=.build/debug/GRDB.build
cp .build/debug/Modules/GRDB.swiftmodule "$OUT/"
FLAGS+=(-I "$OUT" -Xcc -fmodule-map-file=.build/checkouts/GRDB.swift/Sources/GRDBSQLite/module.modulemap)

LIB_SOURCES=$(find Sources/UsageLensCore -name '*.swift' | sort)
if [ ! -f "$OUT/libUsageLensCore.a" ] || [ -n "$(find Sources/UsageLensCore Fuzz/build.sh -newer "$OUT/libUsageLensCore.a" -print -quit)" ]; then
    echo "fuzz: building UsageLensCore (instrumented)" >&2
    # shellcheck disable=SC2086
    "$SWIFTC" "${FLAGS[@]}" -wmo -enable-testing -module-name UsageLensCore \
        -emit-module -emit-module-path "$OUT/UsageLensCore.swiftmodule" \
        -emit-library -static -o "$OUT/libUsageLensCore.a" $LIB_SOURCES
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in Fuzz/Targets/*.swift; do targets+=("$(basename "$f" .swift)"); done
fi
for t in "${targets[@]}"; do
    src="Fuzz/Targets/$t.swift"
    [ -f "$src" ] || { echo "fuzz: no target $src" >&2; exit 2; }
    if [ -f "$OUT/$t" ] && [ -z "$(find "$src" Fuzz/Support "$OUT/libUsageLensCore.a" -newer "$OUT/$t" -print -quit)" ]; then
        continue
    fi
    echo "fuzz: building $t" >&2
    "$SWIFTC" "${FLAGS[@]}" -module-name "Fuzz$t" -I "$OUT" "$src" Fuzz/Support/*.swift \
        -L "$OUT" -lUsageLensCore "$GRDB_BUILD"/*.o -lyajl -lzstd -lsqlite3 -lxxhash -o "$OUT/$t"
done
