#!/usr/bin/env python3
"""Checks that the folders of Sources/UsageLensCore depend on each other in one direction (DESIGN section 1).

The compiler sees one module, so nothing stops Parse/ from naming a Formats/ type; this script does. It is an
approximation, cheap enough to run from `make test`:

1. every top-level type (struct, enum, class, protocol, actor, typealias) and top-level func/let/var declared
   in a folder's files, outside comments and string literals (interpolations count as code), private and
   fileprivate ones left out, is that folder's;
2. every identifier written in a folder's code (extensions included: `extension Ingestor` in another folder
   is a use of Ingest/) that another folder declares is a use of that folder;
3. the uses form a graph of folders; the run fails on a use that is not in ALLOWED below (unless it is in
   WHITELIST with its reason) and on any cycle (whitelisted uses included: a reason can keep a use, never a
   cycle).

Nested types (`PipelineRuntimeUsage.InputValue`) are reached through their outer type, so they count as uses of
the outer type's folder. A type name shadowed locally (a generic parameter named like a type) would show as a
use; the listing prints the names behind every edge so that such a case is easy to see.

Usage: scripts/check_layers.py [--root Sources/UsageLensCore] [--quiet]
Exit status 0 when the graph is clean, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict

# The allowed direction, as "folder: the folders it may use". DESIGN section 1 writes it as
#   CLI -> Run -> Report -> Aggregate -> Columns <- Formats <- Parse <- Input,
#   Pricing used by Aggregate, JSON and Time used by all and using nothing above them.
# The left half reads "uses"; the right half is the flow of the bytes into the table (Input feeds Parse, Parse
# feeds Formats, Formats fills Columns), so as uses it is Formats -> Parse -> Input and Formats -> Columns:
# an adapter reads a `CapturedRecord` (Parse) and appends to a `UsageTable` (Columns); the parsers read a
# `ByteSource` (Input). Ingest/ is the driver DESIGN puts beside them: it runs Input, Parse and Formats over
# the files and merges the shards (Columns); Run/ starts it. A layer may use every layer below it, not only the
# next one (Run builds Aggregate values directly; a renderer reads Columns through the views).
# "(root)" is the files directly in Sources/UsageLensCore (UsageLensError.swift): the library's one error
# type, usable by every folder and using none.
BASE = {"JSON", "Time", "(root)"}
ALLOWED: dict[str, set[str]] = {
    "(root)": set(),
    # The one JSON stack: the yajl handle, the value tree, the writer, the member reader of price and status
    # files, numbers from bytes. It reads through a closure, so it knows no byte source.
    "JSON": {"(root)"},
    # Timestamps from bytes, calendars, ranges, reset times (reset times are read from JSON values).
    "Time": {"JSON", "(root)"},
    # Byte sources, compression sniffing, discovery: the bottom of the pipeline.
    "Input": BASE,
    # Line splitting, prefilter, the yajl drivers, key-path capture: reads bytes from Input, knows no format.
    "Parse": BASE | {"Input"},
    # The packed table and its strings: knows nothing of JSON text, formats or files.
    "Columns": BASE,
    # Prices, model and provider normalisation, cost: under Formats (an adapter normalises the provider a
    # rate-limit header names) and Aggregate; it takes a format's `ProviderHint`, never the format. It reads
    # its override file through Input's FileDescriptorSource.
    "Pricing": BASE | {"Input"},
    # Adapters and the registry: read what Parse captured, fill Columns; `IgnoreReason` (what an adapter says
    # of a line) and `FileAccount` (what became of a file's lines) live here.
    "Formats": BASE | {"Parse", "Columns", "Input", "Pricing"},
    # The per-file driver and the worker pool: runs Input -> Parse -> Formats -> Columns, names no format.
    "Ingest": BASE | {"Input", "Parse", "Formats", "Columns", "Cache"},
    # The persistent per-file cache (DESIGN section 9): keeps what a file gave (rows, limit observations, its
    # FileAccount, adapter states) and hands it back to Ingest, which is above it. FileAccount (what the formats
    # made of a file's lines) lives in Formats so that both can use it.
    "Cache": BASE | {"Input", "Parse", "Formats", "Columns"},
    # Dedup, filters, group-by, windows, status. It reads `LogFormat` (Formats), the meaning of the table's
    # `format` column (implied provider, name), and a status file through Input's FileDescriptorSource.
    "Aggregate": BASE | {"Columns", "Pricing", "Formats", "Input"},
    # Report values, RenderContext, the renderers: renders the values of the stages below, `check`'s
    # `FileAccount`s (Formats) and the format names included.
    "Report": BASE | {"Aggregate", "Columns", "Pricing", "Formats", "Ingest"},
    # ReportPlan and Analysis: resolves what was typed, runs ingest -> dedup -> price, renders.
    "Run": BASE | {"Report", "Aggregate", "Columns", "Pricing", "Ingest", "Input", "Formats", "Cache"},
}

# Uses that go against ALLOWED and stay for a measured reason: (from, to): reason. Each is repeated in
# docs/architecture.md ("Where the code differs from DESIGN").
WHITELIST: dict[tuple[str, str], str] = {
    # DESIGN puts dedup in Run/Analysis (ingest -> dedup -> price). Ingestor.finish runs it between the merge
    # of the shards and the canonical sort instead: the sort then moves a table without its dedup keys (16
    # bytes a row), and the duplicate counts land in the FileAccounts before IngestResult leaves Ingest.
    ("Ingest", "Aggregate"): "Ingestor.finish dedups before the canonical sort (16 bytes a row less to move)",
}

DECL = re.compile(
    r"^(?P<mods>(?:@\w+(?:\([^)]*\))?\s+|(?:public|package|internal|private|fileprivate|open|final|indirect|"
    r"nonisolated|static)\s+)*)(?P<kind>struct|enum|class|protocol|actor|typealias|func|let|var)\s+"
    r"(?P<name>[A-Za-z_]\w*)",
    re.M,
)
IDENT = re.compile(r"\b[A-Za-z_]\w*\b")


def strip(source: str) -> str:
    """`source` with comments and the text of string literals blanked (newlines kept); interpolations stay."""
    out: list[str] = []
    i, n = 0, len(source)

    def code(i: int, stop_at_paren: bool) -> int:
        depth = 0
        while i < n:
            c = source[i]
            if source.startswith("//", i):
                j = source.find("\n", i)
                j = n if j < 0 else j
                out.append(" " * (j - i))
                i = j
            elif source.startswith("/*", i):
                nest, j = 0, i
                while j < n:
                    if source.startswith("/*", j):
                        nest += 1
                        j += 2
                    elif source.startswith("*/", j):
                        nest -= 1
                        j += 2
                        if nest == 0:
                            break
                    else:
                        j += 1
                out.append(re.sub(r"[^\n]", " ", source[i:j]))
                i = j
            elif c == '"' or (c == "#" and re.match(r'#+"', source[i:])):
                i = string(i)
            else:
                if stop_at_paren:
                    if c == "(":
                        depth += 1
                    elif c == ")":
                        if depth == 0:
                            return i
                        depth -= 1
                out.append(c)
                i += 1
        return i

    def string(i: int) -> int:
        hashes = 0
        while source[i] == "#":
            hashes += 1
            i += 1
        multi = source.startswith('"""', i)
        quote = '"""' if multi else '"'
        close = quote + "#" * hashes
        escape = "\\" + "#" * hashes
        out.append(" " * (hashes + len(quote)))
        i += len(quote)
        while i < n:
            if source.startswith(close, i):
                out.append(" " * len(close))
                return i + len(close)
            if source.startswith(escape + "(", i):
                out.append(" " * (len(escape) + 1))
                i = code(i + len(escape) + 1, True)
                if i < n:
                    out.append(" ")
                    i += 1
                continue
            if source.startswith(escape, i):
                out.append(" " * (len(escape) + 1))
                i += len(escape) + 1
                continue
            out.append("\n" if source[i] == "\n" else " ")
            i += 1
        return i

    code(0, False)
    return "".join(out)


def top_level(code: str) -> str:
    """The parts of `code` at brace depth 0 (the rest blanked)."""
    depth, kept = 0, []
    for c in code:
        if c == "{":
            depth += 1
            kept.append(" ")
        elif c == "}":
            depth -= 1
            kept.append(" ")
        else:
            kept.append(c if depth == 0 or c == "\n" else " ")
    return "".join(kept)


def scan(root: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(folder -> names it declares, folder -> identifiers its code writes)."""
    declared: dict[str, set[str]] = defaultdict(set)
    used: dict[str, set[str]] = defaultdict(set)
    for directory, _, files in os.walk(root):
        rel = os.path.relpath(directory, root)
        folder = "(root)" if rel == "." else rel.split(os.sep)[0]
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            with open(os.path.join(directory, name), encoding="utf-8") as f:
                code = strip(f.read())
            for m in DECL.finditer(top_level(code)):
                if re.search(r"\b(private|fileprivate)\b", m.group("mods")):
                    continue
                declared[folder].add(m.group("name"))
            used[folder].update(IDENT.findall(code))
    return declared, used


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one folder (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", "Sources", "UsageLensCore"))
    parser.add_argument("--quiet", action="store_true", help="print only the failures")
    args = parser.parse_args()

    declared, used = scan(args.root)
    owner: dict[str, str] = {}
    for folder, names in declared.items():
        for name in names:
            owner.setdefault(name, folder)

    uses: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for folder, idents in used.items():
        for ident in idents - declared[folder]:
            if ident in owner:
                uses[folder][owner[ident]].add(ident)

    failures: list[str] = []
    for folder in sorted(set(declared) | set(used)):
        if folder not in ALLOWED:
            failures.append(f"{folder}/ is not in the allowed graph: add it to ALLOWED in scripts/check_layers.py")
    if not args.quiet:
        for folder in sorted(set(declared) | set(used)):
            targets = uses.get(folder, {})
            parts = [f"{t} ({', '.join(sorted(targets[t]))})" for t in sorted(targets)]
            print(f"{folder} -> " + ("; ".join(parts) if parts else "nothing"))
    for folder in sorted(uses):
        for target, names in sorted(uses[folder].items()):
            if target in ALLOWED.get(folder, set()):
                continue
            reason = WHITELIST.get((folder, target))
            if reason:
                if not args.quiet:
                    print(f"kept: {folder} -> {target} ({reason})")
                continue
            failures.append(f"against the direction: {folder} -> {target} uses {', '.join(sorted(names))}")
    for cycle in find_cycles({f: set(t) for f, t in uses.items()}):
        failures.append("cycle between " + " <-> ".join(cycle))

    for failure in failures:
        print("check_layers: " + failure, file=sys.stderr)
    if not failures and not args.quiet:
        print(f"check_layers: {len(declared)} folders, no cycle, every use in the allowed direction")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
