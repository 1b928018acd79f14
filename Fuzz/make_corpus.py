#!/usr/bin/env python3
"""Regenerates the fuzz seed corpora (Fuzz/Corpus/<target>/) and the dictionary (Fuzz/json.dict).

Seeds come from samples/ and the real recordings (Tests/Fixtures/real/): whole small files, the distinct lines of
every file (long lines cut to MAX_LINE bytes so that seeds stay small), pretty-printed documents, and zstd frames
of a few of them. Crashes found later go into the same folders (Fuzz/README.md). Deterministic: the same inputs
give the same files (each named by the SHA-1 of its bytes, as libFuzzer names them).
"""
import hashlib
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "Corpus")
MAX_LINE = 2048
MAX_FILE = 8192
PER_FILE = 16


def sources():
    for base in ("samples", "Tests/Fixtures/real"):
        for dirpath, _, names in os.walk(os.path.join(ROOT, base)):
            for name in sorted(names):
                if name.endswith((".jsonl", ".json", ".zst", ".txt", ".ndjson")) and "LICENSE" not in name:
                    path = os.path.join(dirpath, name)
                    data = open(path, "rb").read()
                    if name.endswith(".zst"):
                        data = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout
                    yield os.path.relpath(path, ROOT), data


def add(target, data, seen):
    if not data or len(data) > MAX_FILE:
        return
    digest = hashlib.sha1(data).hexdigest()
    if (target, digest) in seen:
        return
    seen.add((target, digest))
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, digest), "wb") as f:
        f.write(data)


def zstd(data, *flags):
    return subprocess.run(["zstd", "-q", "-c", *flags], input=data, capture_output=True, check=True).stdout


def main():
    seen = set()
    lines = []
    for rel, data in sources():
        if len(data) <= MAX_FILE:
            for t in ("LineIngest", "DocumentParser", "Adapters"):
                add(t, data, seen)
        mine = []
        for line in data.split(b"\n"):
            line = line.strip(b"\r")
            if line.strip() and len(line) <= MAX_LINE and line not in mine:
                mine.append(line)
        # At most PER_FILE lines of a file (spread over it), and a few runs of consecutive lines.
        lines += mine[:: max(1, len(mine) // PER_FILE)][:PER_FILE]
        for i in range(0, len(mine), max(4, len(mine) // 4)):
            group = b"\n".join(mine[i : i + 4]) + b"\n"
            add("LineIngest", group, seen)
            add("Adapters", group, seen)
        if rel.endswith(".json"):
            # A document: its first units and a pretty-printed prefix small enough to be a seed.
            try:
                doc = json.loads(data)
            except ValueError:
                continue
            items = doc if isinstance(doc, list) else doc.get("messages", [doc]) if isinstance(doc, dict) else [doc]
            head = dict(doc) if isinstance(doc, dict) else None
            if head is not None and "messages" in head:
                head["messages"] = items[:2]
                small = json.dumps(head, indent=2).encode()
            else:
                small = json.dumps(items[:2], indent=2).encode()
            for t in ("LineIngest", "DocumentParser"):
                add(t, small[:MAX_FILE], seen)
    distinct = sorted(set(lines), key=lambda l: (len(l), l))
    # Each line alone, and the lines of each file in small groups, so that per-file state (Codex) is seeded.
    for line in distinct:
        for t in ("LineIngest", "Adapters", "DocumentParser"):
            add(t, line + b"\n", seen)
    # Torn, CRLF and BOM variants of a few lines.
    for line in distinct[:: max(1, len(distinct) // 20)]:
        add("LineIngest", line[: len(line) // 2] + b"\n" + line + b"\r\n", seen)
        add("LineIngest", b"\xef\xbb\xbf" + line, seen)
    # zstd: frames of small inputs, two frames, a skippable frame, a cut frame.
    for line in distinct[:: max(1, len(distinct) // 12)]:
        frame = zstd(line + b"\n")
        add("ZstdSource", frame, seen)
        add("ZstdSource", frame + zstd(line + b"\n", "-19"), seen)
        add("ZstdSource", bytes([0x50, 0x2A, 0x4D, 0x18, 4, 0, 0, 0]) + b"skip" + frame, seen)
        add("ZstdSource", frame[: len(frame) - 3], seen)
        add("LineIngest", frame, seen)
    add("ZstdSource", zstd(b"{}\n" * 20000), seen)
    add("ZstdSource", zstd(b"x" * 100000, "--long=27"), seen)
    # --pricing and --status files from the end-to-end fixtures, plus the shapes the readers accept.
    fixtures = os.path.join(ROOT, "Tests", "usagelensTests", "Fixtures")
    for dirpath, _, names in os.walk(fixtures):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            if name in ("pricing.json", "pipeline-rates.json"):
                add("PriceFile", open(path, "rb").read(), seen)
            if name in ("status.json", "pipeline-status.json"):
                add("StatusFile", open(path, "rb").read(), seen)
    add("PriceFile", b'{"openai/gpt-5":{"input":1.25,"output":10,"cache_read":0.125,"threshold_tokens":200000,'
        b'"above":{"input":2.5,"output":15}}}', seen)
    add("PriceFile", b'{"gpt-4o":{"input_cost_per_token":2.5e-06,"output_cost_per_token":1e-05,'
        b'"cache_read_input_token_cost":1.25e-06,"input_cost_per_token_above_200k_tokens":5e-06,'
        b'"litellm_provider":"openai"}}', seen)
    add("StatusFile", b'{"totalTokenLimit":1000000,"windowStart":"2025-10-15T10:00:00Z","windowEnd":"2025-10-15T15:00:00Z",'
        b'"x_ratelimit_remaining":"10","x-ratelimit-reset-tokens":"6m0s","retry_after":"30"}', seen)
    write_dict()
    for t in sorted(os.listdir(CORPUS)):
        files = os.listdir(os.path.join(CORPUS, t))
        size = sum(os.path.getsize(os.path.join(CORPUS, t, f)) for f in files)
        print(f"{t}: {len(files)} seeds, {size // 1024} KiB", file=sys.stderr)


def write_dict():
    """JSON tokens, and every key name and marker string the formats and readers look for."""
    keys = set()
    for folder in ("Formats", "Aggregate", "Pricing", "Parse"):
        base = os.path.join(ROOT, "Sources", "UsageLensCore", folder)
        for name in sorted(os.listdir(base)):
            if name.endswith(".swift") and not name.startswith("BuiltinPriceTable+Data"):
                text = open(os.path.join(base, name)).read()
                keys.update(re.findall(r'"([A-Za-z_][A-Za-z0-9_\-]{1,40})"', text))
    tokens = ["{", "}", "[", "]", ":", ",", '"', '":', '":{', '":[', '":"', "true", "false", "null", "\\\"",
              "\\\\", "\\u0000", "\\ud83d\\ude00", "\\u00e9", "-0", "1e308", "1e999", "-1e999", "0.5",
              "9223372036854775807", "9223372036854775808", "18446744073709551616", "1000000000000", "1e12",
              "2025-10-15T10:00:00Z", "2025-10-15T10:00:00.123+02:00", "2025-10-15 10:00:00", "1760522400",
              "1760522400000", "<synthetic>", "limit reached|1760522400", "6m0s", "1h2m3.5s", "NaN", "Infinity",
              "\xef\xbb\xbf", "\r\n", "\x28\xb5\x2f\xfd", "\x50\x2a\x4d\x18"]
    out = ["# JSON tokens and the key names usagelens reads (generated by Fuzz/make_corpus.py)."]

    def entry(s):
        b = s.encode("latin-1") if all(ord(c) < 256 for c in s) else s.encode()
        return '"' + "".join(chr(c) if 32 <= c < 127 and c not in (34, 92) else f"\\x{c:02x}" for c in b) + '"'

    for t in tokens:
        out.append(entry(t))
    for k in sorted(keys):
        out.append(entry(f'"{k}"'))
    open(os.path.join(ROOT, "Fuzz", "json.dict"), "w").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
