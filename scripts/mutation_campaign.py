#!/usr/bin/env python3
"""A seeded mutation campaign against `usagelens check` and `daily` (python3 stdlib and the `zstd` CLI only).

Builds small files from the lines of samples/ and Tests/Fixtures/real/, damages them with a seeded RNG
(truncation, byte flips, control bytes, huge numbers, deep nesting, long strings, escaped keys, CRLF, BOM,
corrupt zstd frames, ...), puts them in archives of --archive-size files, runs the binary on each archive with
--threads 1 and --threads 2 and checks:

  exit      the status is 0 or 1 (a signal or any other status is a failure)
  timeout   every run ends within --timeout seconds
  json      stdout is valid JSON
  accounting  per file used + duplicate + ignored + malformed == lines, and ignored_reasons sum to ignored
  lines     the line count is the oracle's (non-blank lines; blank = only space, tab, CR)
  threads   check --json and daily --json --tz UTC are byte-identical for --threads 1 and 2
            (threads-message: only the text of an error differs)
  joined-accepted  a line of two JSON values one after the other (a lost newline) is malformed too
  open-string-accepted  a line of a value then a string that never closes (`{...}"abc`) is malformed too
  vt-ff-accepted  a line with a vertical tab or form feed between tokens (not JSON whitespace) is malformed
  invalid-accepted  a line Python's json.loads rejects (NaN/Infinity rejected, bytes decoded with
            surrogateescape) is malformed; except the documented limit: a line with none of the format needles
            whose structure closes (and ends like a value) may be ignored, never used
  valid-malformed  a valid line is never malformed, except lines with a number > 10^12 under a token key,
            or nested deeper than 512 (both documented)
  zstd      a damaged zstd stream is reported as a file error

Every mutated file stays under 20 lines, so check --json lists every malformed line (it lists 20 per file).
Files read as one multi-line JSON document (the first line opens one) and damaged zstd streams get only the
accounting, exit, JSON and thread checks. Failing inputs are saved under --failures with a one-line reason;
input I of seed S is rebuilt exactly by `--seed S --only I`. Exits 1 when anything failed.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOM = b"\xef\xbb\xbf"
TOKEN_LIMIT = 10**12
MAX_DEPTH = 512


# ---------------------------------------------------------------------------------------------------------
# Corpus


def read_bytes(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x28\xb5\x2f\xfd":
        data = subprocess.run(["zstd", "-dcq", path], check=True, capture_output=True).stdout
    return data


def load_corpus():
    """Returns (sources, documents): sources are lists of lines (bytes, no newline), one list per file;
    documents are the multi-line JSON files as they are."""
    sources, documents = [], []
    roots = [os.path.join(ROOT, "samples"), os.path.join(ROOT, "Tests", "Fixtures", "real")]
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in ("LICENSES", "codex-exec"))
            for name in sorted(filenames):
                if name.endswith((".md", ".txt")):
                    continue
                data = read_bytes(os.path.join(dirpath, name))
                lines = [l for l in data.split(b"\n") if l.strip()]
                try:
                    whole = json.loads(data)
                except ValueError:
                    whole = None
                if whole is not None and len(lines) > 1 and not all(_valid(l) for l in lines):
                    # A pretty-printed document: kept whole, and as compact lines (itself and its records).
                    documents.append(data)
                    compact = [json.dumps(whole, separators=(",", ":")).encode()]
                    if isinstance(whole, dict):
                        for v in whole.values():
                            if isinstance(v, list):
                                compact += [json.dumps(x, separators=(",", ":")).encode() for x in v]
                    sources.append(compact)
                elif lines:
                    sources.append(lines)
    return sources, documents


def _valid(line):
    try:
        json.loads(line)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------------------------------------------
# Mutations (each takes the rng and the list of lines, and changes the list)

NUM_RE = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
HUGE = [b"1e30", b"99999999999999999999", b"-5", b"NaN", b"1e400", b"-1e30", b"1000000000001", b"1000000000000",
        b"Infinity", b"-Infinity", b"0.5", b"-0", b"9223372036854775807", b"9223372036854775808", b"1E3", b"2.5e11"]
CONTROL = [b"\x00", b"\xff", b"\x01", b"\x1b", b"\x7f", b"\x0b", b"\x0c", b"\x1f", b"\xc3", b"\xe2\x80", b"\xf0\x9f\x98"]
GARBAGE = [b"{", b"[", b"}", b"]", b"null", b"123", b'"str"', b"{}", b"[]", b'{"usage":', b'{"usage":{}}',
           b'{"a":1}{"b":2}', b'{"usage":{"input_tokens":1}}}', b'{"x":"\x00"}', b'{"type":"token_count"',
           b"\x0c", b"\x0b", b"\x0c\x0b", b" \x0c ", b"\x00", b"\xff\xfe", b"tru", b"nul", b"{\"a\":tru}",
           b'{"usage":{"input_tokens":1,"output_tokens":2}', b'{"a":"\\x"}', b'{"a":"\\u12"}', b'{"a":01}',
           b'{"a":1.}', b'{"a":-}', b'{"a":.5}', b'{"a":1e}', b'{"a",1}', b'{a:1}', b"{'a':1}", b'{"a":1,}',
           b'[1,2,]', b'{"usage":NaN}', b'{"prompt_tokens":Infinity}', b'"\\ud800"', b'{"k\\u0065ns":1}']
BLANKS = [b"", b" ", b"\t", b"\r", b" \t\r ", b"    "]
ESCAPABLE_KEYS = [b"usage", b"input_tokens", b"output_tokens", b"prompt_tokens", b"completion_tokens", b"type",
                  b"timestamp", b"message", b"payload", b"tokens", b"sessionId", b"thread_id", b"info"]


def pick(rng, lines):
    return rng.randrange(len(lines)) if lines else None


def m_truncate(rng, lines):
    i = pick(rng, lines)
    if i is None or not lines[i]:
        return
    line = lines[i]
    inner = [k for k, b in enumerate(line[:-1]) if b in b"}]"]
    if inner and rng.random() < 0.4:
        lines[i] = line[: rng.choice(inner) + 1]
    else:
        lines[i] = line[: rng.randrange(len(line))]


def m_flip(rng, lines):
    i = pick(rng, lines)
    if i is None or not lines[i]:
        return
    b = bytearray(lines[i])
    for _ in range(rng.choice([1, 1, 1, 2, 5])):
        k = rng.randrange(len(b))
        b[k] ^= rng.randrange(1, 256)
    lines[i] = bytes(b).replace(b"\n", b"N")


def m_insert(rng, lines):
    i = pick(rng, lines)
    if i is None:
        return
    k = rng.randrange(len(lines[i]) + 1)
    ins = bytes(rng.randrange(256) for _ in range(rng.choice([1, 1, 2, 8])))
    lines[i] = lines[i][:k] + ins.replace(b"\n", b"") + lines[i][k:]


def m_delete(rng, lines):
    i = pick(rng, lines)
    if i is None or not lines[i]:
        return
    k = rng.randrange(len(lines[i]))
    n = rng.choice([1, 1, 2, 10])
    lines[i] = lines[i][:k] + lines[i][k + n:]


def m_control(rng, lines):
    i = pick(rng, lines)
    if i is None:
        return
    line = lines[i]
    # Often inside a string value, where a raw control byte is the subtle error.
    quotes = [k for k, b in enumerate(line) if b == 0x22]
    k = rng.choice(quotes) + 1 if quotes and rng.random() < 0.7 else rng.randrange(len(line) + 1)
    lines[i] = line[:k] + rng.choice(CONTROL) + line[k:]


def m_number(rng, lines):
    i = pick(rng, lines)
    if i is None:
        return
    matches = list(NUM_RE.finditer(lines[i]))
    if not matches:
        return
    chosen = matches if rng.random() < 0.15 else [rng.choice(matches)]
    out, last = [], 0
    for m in chosen:
        out += [lines[i][last:m.start()], rng.choice(HUGE)]
        last = m.end()
    lines[i] = b"".join(out) + lines[i][last:]


def m_duplicate(rng, lines):
    i = pick(rng, lines)
    if i is not None:
        lines.insert(rng.randrange(len(lines) + 1), lines[i])


def m_reorder(rng, lines):
    if len(lines) > 1:
        if rng.random() < 0.5:
            rng.shuffle(lines)
        else:
            a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[a], lines[b] = lines[b], lines[a]


def m_join(rng, lines):
    if len(lines) > 1:
        i = rng.randrange(len(lines) - 1)
        lines[i: i + 2] = [lines[i] + rng.choice([b"", b" ", b","]) + lines[i + 1]]


def m_garbage(rng, lines):
    r = rng.random()
    if r < 0.6:
        g = rng.choice(GARBAGE)
    elif r < 0.8:
        g = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))).replace(b"\n", b"")
    else:
        g = bytes(rng.randrange(32, 127) for _ in range(rng.randrange(1, 200)))
    lines.insert(rng.randrange(len(lines) + 1), g)


def m_blank(rng, lines):
    lines.insert(rng.randrange(len(lines) + 1), rng.choice(BLANKS))


def m_nest(rng, lines):
    i = pick(rng, lines)
    if i is None:
        return
    d = rng.choice([2, 50, 300, 511, 512, 513, 600, 2000, 20000])
    line = lines[i]
    kind = rng.randrange(4)
    if kind == 0:
        lines[i] = b"[" * d + line + b"]" * d
    elif kind == 1:
        lines[i] = b'{"a":' * d + line + b"}" * d
    elif kind == 2 and line.startswith(b"{"):
        lines[i] = b'{"deep":' + b"[" * d + b"0" + b"]" * d + b"," + line[1:]
    else:
        lines[i] = line + b"[" * d  # never closes


def m_long_string(rng, lines):
    i = pick(rng, lines)
    if i is None:
        return
    n = rng.randrange(100_000, 700_000)
    style = rng.randrange(5)
    if style == 0:
        filler = b"x" * n
    elif style == 1:
        unit = b'ab\\"cd\\\\e\\u00e9f\\n '
        filler = unit * (n // len(unit))
    elif style == 2:
        filler = b"x" * (n // 2) + rng.choice(CONTROL) + b"y" * (n // 2)  # one bad byte far in
    elif style == 3:
        filler = b"x" * n + b"\\"  # the closing quote is escaped: the string never closes
    else:
        filler = "é漢🙂".encode() * (n // 9)
    line = lines[i]
    if line.startswith(b"{") and rng.random() < 0.7:
        lines[i] = b'{"pad":"' + filler + b'",' + line[1:]
    else:
        strings = [m for m in re.finditer(rb'"(?:[^"\\]|\\.)*"', line)]
        if strings:
            m = rng.choice(strings)
            lines[i] = line[: m.start()] + b'"' + filler + b'"' + line[m.end():]
        else:
            lines[i] = line + b'"' + filler + b'"'


def m_escape_key(rng, lines):
    i = pick(rng, lines)
    if i is None:
        return
    line = lines[i]
    keys = [k for k in ESCAPABLE_KEYS if b'"' + k + b'"' in line]
    if keys and rng.random() < 0.8:
        key = rng.choice(keys)
        j = rng.randrange(len(key))
        esc = key[:j] + b"\\u%04x" % key[j] + key[j + 1:]
        lines[i] = line.replace(b'"' + key + b'"', b'"' + esc + b'"', 1 if rng.random() < 0.5 else -1)
    else:
        ms = list(re.finditer(rb'"([A-Za-z_]+)":', line))
        if ms:
            m = rng.choice(ms)
            key = m.group(1)
            j = rng.randrange(len(key))
            lines[i] = line[: m.start(1)] + key[:j] + b"\\u%04X" % key[j] + key[j + 1:] + line[m.end(1):]


MUTATIONS = [
    (m_truncate, 14), (m_flip, 10), (m_insert, 6), (m_delete, 6), (m_control, 8), (m_number, 12),
    (m_duplicate, 5), (m_reorder, 4), (m_join, 5), (m_garbage, 8), (m_blank, 3), (m_nest, 4),
    (m_long_string, 1.5), (m_escape_key, 6),
]
_MUT_FUNCS = [m for m, _ in MUTATIONS]
_MUT_WEIGHTS = [w for _, w in MUTATIONS]


# ---------------------------------------------------------------------------------------------------------
# One input


class Input:
    def __init__(self, index, name, plain, stored, notes, zstd_damage=None, document=False):
        self.index = index
        self.name = name  # file name inside the archive
        self.plain = plain  # the bytes usagelens reads after decompression (None when the stream is damaged)
        self.stored = stored  # the bytes on disk
        self.notes = notes  # what was done, for the failure report
        self.zstd_damage = zstd_damage  # how a compressed stream was damaged, or None
        self.document = document


def zstd_compress(data, level):
    return subprocess.run(["zstd", "-q", "-c", "-%d" % level], input=data, check=True, capture_output=True).stdout


def make_input(seed, index, sources, documents):
    rng = random.Random("%d/%d" % (seed, index))
    notes = []
    if documents and rng.random() < 0.02:
        lines = rng.choice(documents).split(b"\n")
        notes.append("document")
    else:
        src = rng.choice(sources)
        k = rng.randint(1, 12)
        if rng.random() < 0.5 and len(src) > 1:
            start = rng.randrange(len(src))
            lines = src[start: start + k]
        else:
            lines = [rng.choice(rng.choice(sources)) for _ in range(k)]
        lines = list(lines)
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
            f = rng.choices(_MUT_FUNCS, _MUT_WEIGHTS)[0]
            f(rng, lines)
            notes.append(f.__name__[2:])
        lines = lines[:19]
    crlf = rng.random() < 0.08
    if crlf:
        lines = [l + b"\r" for l in lines]
        notes.append("crlf")
    data = b"\n".join(lines)
    if rng.random() < 0.85:
        data += b"\n"
    else:
        notes.append("no-final-newline")
    if rng.random() < 0.05:
        data = BOM + data
        notes.append("bom")
    document = opens_document(data)
    if rng.random() >= 0.12:
        return Input(index, "%06d.jsonl" % index, data, data, notes, document=document)
    # zstd: one frame or several, sometimes damaged.
    level = rng.choice([1, 3, 19])
    if rng.random() < 0.3 and len(data) > 2:
        cut = rng.randrange(1, len(data))
        stored = zstd_compress(data[:cut], level) + zstd_compress(data[cut:], level)
        notes.append("zstd-2-frames")
    else:
        stored = zstd_compress(data, level)
        notes.append("zstd")
    damage = None
    if rng.random() < 0.35:
        r = rng.random()
        if r < 0.45:
            cut = rng.randrange(1, len(stored))
            stored = stored[:cut]
            damage = "truncated at %d of %d" % (cut, len(stored))
        elif r < 0.8:
            b = bytearray(stored)
            k = rng.randrange(4, len(b))
            b[k] ^= rng.randrange(1, 256)
            stored = bytes(b)
            damage = "byte %d flipped" % k
        else:
            stored += rng.choice([b"GARBAGE", b"\x00" * 64, b"\x28\xb5\x2f\xfd\x04\xff\xff\xff"])
            damage = "garbage after the frame"
        notes.append("zstd-damage: " + damage)
        # Some damage changes nothing zstd checks (a window size large enough, padding zstd skips): then the
        # stream is good and its lines are what it decodes to.
        decoded = subprocess.run(["zstd", "-dcq"], input=stored, capture_output=True)
        if decoded.returncode == 0:
            notes.append("(zstd decodes it)")
            return Input(index, "%06d.jsonl.zst" % index, decoded.stdout, stored, notes, None, opens_document(decoded.stdout))
    return Input(index, "%06d.jsonl.zst" % index, None if damage else data, stored, notes, damage, document)


def opens_document(data):
    """Mirrors JSONDocumentSplitter.opensDocument on the first non-blank line: a file whose first line is a
    lone `{` or `[`, or `[` ... ending in `,`/`[`/`{`, is read as one multi-line JSON document."""
    if data.startswith(BOM):
        data = data[3:]
    for line in data.split(b"\n"):
        s = line.strip(b" \t\r")
        if not s:
            continue
        if len(s) == 1:
            return s in (b"{", b"[")
        return s[:1] == b"[" and s[-1:] in (b",", b"[", b"{")
    return False


# ---------------------------------------------------------------------------------------------------------
# The oracle

_KEY_NEEDLES = [b'"usage"', b'kens"', b'"thread_id"']
_PLAIN_NEEDLES = [b"token_count", b"turn_context", b"session_meta"]


def has_needle(line):
    if any(n in line for n in _PLAIN_NEEDLES):
        return True
    for n in _KEY_NEEDLES:
        start = 0
        while True:
            k = line.find(n, start)
            if k < 0:
                break
            j = k + len(n)
            while j < len(line) and line[j] in b" \t\r\n":
                j += 1
            if j < len(line) and line[j] == 0x3A:
                return True
            start = k + 1
    return False


def structure(line):
    """(closes, depth): whether strings close and brackets balance outside them, as CScan judges it (simdjson's
    stage 1: a quote counts unless an odd run of backslashes, inside a string or not, escapes it), and the
    deepest nesting."""
    in_string = escaped = False
    balance = depth = 0
    for b in line:
        if escaped:
            escaped = False
        elif b == 0x5C:
            escaped = True
        elif b == 0x22:
            in_string = not in_string
        elif in_string:
            pass
        elif b in b"{[":
            balance += 1
            depth = max(depth, balance)
        elif b in b"}]":
            balance -= 1
    return (not in_string and balance == 0), depth


def _no_constants(name):
    raise ValueError("constant " + name)


TOKEN_KEY = re.compile(r"tok|input|output|cache|cached|thought|tool|reason|prompt|completion|total|ephemeral|read|write|usage|count|messages|calls", re.I)


def big_token(value):
    """Whether the numbers under keys that may be token counts add up past 10^12: a count beyond it, or one
    derived from several (Gemini's input + tool - cached), is documented as malformed. Iterative: values nest
    512 deep."""
    stack = [(value, "")]
    total = 0
    while stack:
        v, key = stack.pop()
        if isinstance(v, dict):
            stack.extend((x, k) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((x, key) for x in v)
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and TOKEN_KEY.search(key):
            total += abs(v)
    return total > TOKEN_LIMIT


_DECODER = json.JSONDecoder(parse_constant=_no_constants)


def joined_values(line):
    """Whether an invalid line is two or more valid JSON values one after the other (a lost newline)."""
    text = line.decode("utf-8", "surrogateescape")
    i, count = 0, 0
    try:
        while True:
            while i < len(text) and text[i] in " \t\r":
                i += 1
            if i == len(text):
                return count > 1
            _, i = _DECODER.raw_decode(text, i)
            count += 1
    except (ValueError, RecursionError):
        return False


def open_string_after_value(line):
    """Whether an invalid line is one or more complete values followed by a string that never closes."""
    text = line.decode("utf-8", "surrogateescape")
    i, count = 0, 0
    while True:
        while i < len(text) and text[i] in " \t\r":
            i += 1
        try:
            _, i = _DECODER.raw_decode(text, i)
            count += 1
        except (ValueError, RecursionError):
            break
    if count == 0 or i >= len(text) or text[i] != '"':
        return False
    return re.search(r'(?<!\\)(?:\\\\)*"', text[i + 1:]) is None


def blank_vt_ff(line):
    """The line with each vertical tab and form feed outside strings made a space."""
    out = bytearray(line)
    in_string = escaped = False
    for k, b in enumerate(out):
        if in_string:
            if escaped:
                escaped = False
            elif b == 0x5C:
                escaped = True
            elif b == 0x22:
                in_string = False
        elif b == 0x22:
            in_string = True
        elif b in (0x0B, 0x0C):
            out[k] = 0x20
    return bytes(out)


def _valid_strict(line):
    try:
        json.loads(line.decode("utf-8", "surrogateescape"), parse_constant=_no_constants)
        return True
    except (ValueError, RecursionError):
        return False


def verdict(line):
    """'valid', 'invalid', 'valid-excused' (may be malformed: > 10^12 or deeper than 512), 'invalid-excused'
    (no needle and the structure closes: may be ignored) or 'joined' (invalid: two values on one line)."""
    closes, depth = structure(line)
    try:
        value = json.loads(line.decode("utf-8", "surrogateescape"), parse_constant=_no_constants)
    except RecursionError:
        return "valid-excused" if depth > MAX_DEPTH else "invalid"
    except ValueError:
        if not has_needle(line) and closes and line.rstrip(b" \t\r")[-1:] in (b"}", b"]"):
            return "invalid-excused"
        fixed = blank_vt_ff(line)
        if fixed != line and (_valid_strict(fixed) or joined_values(fixed)):
            return "vt-ff"
        if joined_values(line):
            return "joined"
        return "open-string" if open_string_after_value(line) else "invalid"
    if depth > MAX_DEPTH or big_token(value):
        return "valid-excused"
    return "valid"


def oracle(data):
    """Per non-blank line (physical line number, verdict, has a needle)."""
    if data.startswith(BOM):
        data = data[3:]
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    out = []
    for number, line in enumerate(parts, 1):
        if not line.strip(b" \t\r"):
            continue
        out.append((number, verdict(line), has_needle(line)))
    return out


# ---------------------------------------------------------------------------------------------------------
# Running


class Runner:
    def __init__(self, binary, timeout):
        self.binary = binary
        self.timeout = timeout
        self.runs = 0

    def run(self, args, cwd):
        self.runs += 1
        try:
            p = subprocess.run([self.binary] + args, cwd=cwd, capture_output=True, timeout=self.timeout,
                               env=dict(os.environ, NO_COLOR="1", TZ="UTC"))
        except subprocess.TimeoutExpired:
            return None, b"", b"timeout"
        return p.returncode, p.stdout, p.stderr


def _without_messages(report):
    return [dict(f, errors=[e.get("line") for e in f.get("errors", [])]) for f in report.get("files", [])]


# check's "cache" field says how each file was read (the second run of an archive finds the first's cache
# entries: "miss", then "hit"); it is the one field allowed to differ between the two runs.
_CACHE_FIELD = re.compile(rb'^\s*"cache": "[a-z]+",\n', re.M)


def _without_cache(text):
    return _CACHE_FIELD.sub(b"", text)


class Campaign:
    def __init__(self, args):
        self.args = args
        self.failures = {}  # invariant -> count
        self.saved = 0
        self.archives = 0
        self.runner = Runner(args.binary, args.timeout)
        os.makedirs(args.failures, exist_ok=True)
        self.log = open(os.path.join(args.failures, "failures.txt"), "w")

    def fail(self, invariant, reason, inputs, archive=None):
        self.failures[invariant] = self.failures.get(invariant, 0) + 1
        tag = ",".join(str(i.index) for i in inputs[:5]) if inputs else "archive"
        line = "%s: seed %d input %s: %s" % (invariant, self.args.seed, tag, reason)
        self.log.write(line + "\n")
        self.log.flush()
        if not self.args.quiet and sum(self.failures.values()) <= 30:
            print("FAIL " + line[:400], file=sys.stderr)
        if self.saved >= self.args.max_saved:
            return
        self.saved += 1
        base = os.path.join(self.args.failures, "%s-%d-%s" % (invariant, self.args.seed, tag.replace(",", "_")))
        if inputs and len(inputs) <= 5:
            for i in inputs:
                with open(base + "-" + i.name, "wb") as f:
                    f.write(i.stored)
        elif archive:
            shutil.copytree(archive, base + "-archive", dirs_exist_ok=True)
        with open(base + ".reason", "w") as f:
            f.write(line + " [" + "; ".join("%d: %s" % (i.index, " ".join(i.notes)) for i in (inputs or [])[:5]) + "]\n")

    def run_archive(self, inputs, work):
        archive = os.path.join(work, "a")
        shutil.rmtree(archive, ignore_errors=True)
        os.makedirs(archive)
        for i in inputs:
            with open(os.path.join(archive, i.name), "wb") as f:
                f.write(i.stored)
        by_name = {"a/" + i.name: i for i in inputs}
        outputs = {}
        commands = [["check", "--json"]]
        if self.archives % self.args.daily_every == 0:
            commands.append(["daily", "--json", "--tz", "UTC"])
        self.archives += 1
        for command in commands:
            for threads in ("1", "2"):
                args = command + ["--threads", threads, "a"]
                status, out, err = self.runner.run(args, work)
                what = " ".join(args)
                if status is None:
                    self.fail("timeout", what + " ran past %ds" % self.args.timeout, inputs, archive)
                    continue
                if status not in (0, 1):
                    self.fail("exit", "%s: status %d%s; stderr %r" % (
                        what, status, " (signal %d)" % -status if status < 0 else "", err[-300:]), inputs, archive)
                    continue
                try:
                    parsed = json.loads(out)
                except ValueError as e:
                    self.fail("json", "%s: stdout is not JSON (%s): %r" % (what, e, out[:200]), inputs, archive)
                    continue
                outputs[(command[0], threads)] = (out, parsed)
        for command in ("check", "daily"):
            a, b = outputs.get((command, "1")), outputs.get((command, "2"))
            if a and b and _without_cache(a[0]) != _without_cache(b[0]):
                culprits = inputs
                if command == "check":
                    fa = {f["path"]: dict(f, cache=None) for f in a[1].get("files", [])}
                    fb = {f["path"]: dict(f, cache=None) for f in b[1].get("files", [])}
                    culprits = [by_name[p] for p in sorted(set(fa) | set(fb)) if fa.get(p) != fb.get(p) and p in by_name] or inputs
                invariant = "threads"
                if command == "check" and [dict(f, cache=None) for f in _without_messages(a[1])] == [
                        dict(f, cache=None) for f in _without_messages(b[1])]:
                    invariant = "threads-message"  # only the text of some error differs
                self.fail(invariant, "%s --json differs between --threads 1 and 2" % command, culprits, archive)
        if ("check", "1") in outputs:
            self.check_files(outputs[("check", "1")][1], by_name)

    def check_files(self, report, by_name):
        seen = set()
        for f in report.get("files", []):
            i = by_name.get(f.get("path"))
            if i is None:
                self.fail("accounting", "unexpected file %r in check" % f.get("path"), [])
                continue
            seen.add(i.name)
            lines, used, dup, ign, mal = (f.get(k) for k in ("lines", "used", "duplicate", "ignored", "malformed"))
            if used + dup + ign + mal != lines:
                self.fail("accounting", "%s: used %d + duplicate %d + ignored %d + malformed %d != lines %d" % (
                    i.name, used, dup, ign, mal, lines), [i])
            if sum(f.get("ignored_reasons", {}).values()) != ign:
                self.fail("accounting", "%s: ignored_reasons %r do not sum to ignored %d" % (
                    i.name, f.get("ignored_reasons"), ign), [i])
            if i.zstd_damage:
                if not f.get("file_errors") and f.get("compression") == "zstd":
                    self.fail("zstd", "%s: zstd stream %s but no file error" % (i.name, i.zstd_damage), [i])
                continue
            if f.get("file_errors"):
                self.fail("zstd" if i.name.endswith(".zst") else "lines", "%s: unexpected file errors %r" % (
                    i.name, f["file_errors"]), [i])
                continue
            expected = oracle(i.plain)
            if lines != len(expected):
                self.fail("lines", "%s: %d lines counted, %d non-blank lines in the file" % (i.name, lines, len(expected)), [i])
                continue
            if i.document:
                continue
            errors = f.get("errors", [])
            if mal != len(errors) or mal >= 20:
                self.fail("accounting", "%s: malformed %d but %d errors listed" % (i.name, mal, len(errors)), [i])
                continue
            malformed = {e["line"]: e["message"] for e in errors}
            needle_free_kept = 0
            for number, v, needle in expected:
                if v == "joined" and number not in malformed:
                    self.fail("joined-accepted", "%s: line %d holds two JSON values (a lost newline) but is not malformed" % (
                        i.name, number), [i])
                elif v == "open-string" and number not in malformed:
                    self.fail("open-string-accepted", "%s: line %d is a value followed by a string that never closes "
                              "but is not malformed" % (i.name, number), [i])
                elif v == "vt-ff" and number not in malformed:
                    self.fail("vt-ff-accepted", "%s: line %d has a vertical tab or form feed between tokens (not JSON "
                              "whitespace) but is not malformed" % (i.name, number), [i])
                elif v == "invalid" and number not in malformed:
                    self.fail("invalid-accepted", "%s: line %d is not valid JSON but is not malformed" % (i.name, number), [i])
                elif v == "valid" and number in malformed:
                    self.fail("valid-malformed", "%s: line %d is valid JSON but malformed: %s" % (
                        i.name, number, malformed[number]), [i])
                if not needle and number not in malformed:
                    needle_free_kept += 1
            if ign < needle_free_kept:
                self.fail("invalid-accepted", "%s: %d lines without a needle were not malformed but only %d are ignored" % (
                    i.name, needle_free_kept, ign), [i])
        for name in sorted(set(n.split("/", 1)[1] for n in by_name) - seen):
            i = by_name["a/" + name]
            self.fail("accounting", "%s missing from check" % name, [i])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--inputs", type=int, default=20000)
    ap.add_argument("--archive-size", type=int, default=30, help="mutated files per archive (one run per archive)")
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "usagelens"))
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--daily-every", type=int, default=1,
                    help="compare daily --json between thread counts on every Nth archive (check runs on all)")
    ap.add_argument("--failures", default="/tmp/mutation-failures")
    ap.add_argument("--max-saved", type=int, default=200, help="failing inputs saved at most")
    ap.add_argument("--only", default="", help="comma-separated input indexes: run just these (in one archive)")
    ap.add_argument("--keep", default="", help="write the inputs to this folder and stop (no runs)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--known", default="",
                    help="comma-separated invariants whose failures are known bugs: counted and saved, exit status 0")
    args = ap.parse_args()
    args.binary = os.path.abspath(args.binary)
    if not os.access(args.binary, os.X_OK):
        sys.exit("mutation: no binary at %s (swift build -c release --product usagelens)" % args.binary)
    if not shutil.which("zstd"):
        sys.exit("mutation: the zstd CLI is needed (apt-get install zstd)")
    started = time.time()
    sources, documents = load_corpus()
    indexes = [int(x) for x in args.only.split(",") if x] or list(range(args.inputs))
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        for index in indexes:
            i = make_input(args.seed, index, sources, documents)
            with open(os.path.join(args.keep, i.name), "wb") as f:
                f.write(i.stored)
            print("%s: %s" % (i.name, " ".join(i.notes)))
        return 0
    if os.path.isdir(args.failures):
        shutil.rmtree(args.failures)
    campaign = Campaign(args)
    work = tempfile.mkdtemp(prefix="usagelens-mutation-")
    archives = 0
    try:
        for start in range(0, len(indexes), args.archive_size):
            batch = [make_input(args.seed, index, sources, documents) for index in indexes[start: start + args.archive_size]]
            campaign.run_archive(batch, work)
            archives += 1
            if not args.quiet and archives % 50 == 0:
                print("mutation: %d/%d inputs, %d failures, %.0fs" % (
                    start + len(batch), len(indexes), sum(campaign.failures.values()), time.time() - started),
                    file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.time() - started
    known = set(x for x in args.known.split(",") if x)
    total = sum(n for k, n in campaign.failures.items() if k not in known)
    summary = ["mutation: seed %d, %d inputs in %d archives, %d runs, %.1fs" % (
        args.seed, len(indexes), archives, campaign.runner.runs, elapsed)]
    for invariant in ("exit", "timeout", "json", "accounting", "lines", "threads", "threads-message", "invalid-accepted",
                      "joined-accepted", "vt-ff-accepted", "open-string-accepted", "valid-malformed", "zstd"):
        summary.append("  %-20s %d failures%s" % (
            invariant, campaign.failures.get(invariant, 0), " (known bug, not counted)" if invariant in known else ""))
    summary.append("mutation: %s" % ("no failures" if total == 0 else "%d failures, inputs and reasons in %s" % (
        total, args.failures)))
    print("\n".join(summary))
    with open(os.path.join(args.failures, "summary.txt"), "w") as f:
        f.write("\n".join(summary) + "\n")
    return 1 if total else 0


def main_with_deep_stack():
    """Runs main on a thread with a large stack, so that json.loads judges values nested 20,000 deep instead of
    giving up with RecursionError."""
    import threading
    sys.setrecursionlimit(200000)
    threading.stack_size(512 << 20)
    result = []
    t = threading.Thread(target=lambda: result.append(main()))
    t.start()
    t.join()
    return result[0] if result else 2


if __name__ == "__main__":
    sys.exit(main_with_deep_stack())
