"""Shared by every format's generator: the seeds and random generators, ids and clocks, the bookkeeping
of lines and the events they stand for, and the helpers of the formats drawn from `nrng`."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import struct
import subprocess
import sys
import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path


SEED = 20251014
ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "samples"
TRUTH_PATH = ROOT / "Tests" / "usagelensTests" / "Fixtures" / "samples-truth.json"

rng = random.Random(SEED)

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KOLKATA = timedelta(hours=5, minutes=30)

FIELDS = (
    "input_tokens",
    "output_tokens",
    "cache_read_tokens",
    "cache_write_5m_tokens",
    "cache_write_1h_tokens",
    "reasoning_tokens",
)


# --------------------------------------------------------------------------
# ids and clocks
# --------------------------------------------------------------------------

def new_uuid() -> str:
    return str(uuidlib.UUID(int=rng.getrandbits(128), version=4))


def b62(n: int) -> str:
    return "".join(rng.choice(B62) for _ in range(n))


def msg_id() -> str:
    return "msg_01" + b62(22)


def req_id() -> str:
    return "req_011C" + b62(20)


def toolu_id() -> str:
    return "toolu_01" + b62(22)


def call_id() -> str:
    return "call_" + b62(24)


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


class Clock:
    def __init__(self, start: str):
        self.now = datetime.fromisoformat(start).replace(tzinfo=timezone.utc)

    def tick(self, lo: float = 1.0, hi: float = 20.0) -> str:
        ms = rng.randint(int(lo * 1000), int(hi * 1000))
        self.now += timedelta(milliseconds=ms)
        return iso(self.now)

    def set(self, when: str) -> None:
        self.now = datetime.fromisoformat(when).replace(tzinfo=timezone.utc)


def dumps(obj, pretty: bool = False) -> str:
    if pretty:
        return json.dumps(obj, ensure_ascii=False, separators=(", ", " : "))
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------
# generation bookkeeping
# --------------------------------------------------------------------------

FORMAT_OF_SOURCE = {"claude": "claude-code", "codex": "codex"}


@dataclass
class Event:
    source: str          # "claude" | "codex" | a format name (openai-api, litellm, ...)
    key: tuple | None    # de-duplication key; None: never de-duplicated
    model: str
    ts: str              # ISO timestamp used for day bucketing
    tokens: dict         # FIELDS -> int
    cost: float | None = None
    user: str | None = None
    department: str | None = None
    keep_last: bool = False   # the last copy of a key wins (Gemini CLI), not the largest

    @property
    def format(self) -> str:
        return FORMAT_OF_SOURCE.get(self.source, self.source)

    @property
    def size(self) -> int:
        t = self.tokens
        return (t["input_tokens"] + t["output_tokens"] + t["cache_read_tokens"]
                + t["cache_write_5m_tokens"] + t["cache_write_1h_tokens"])


@dataclass
class Line:
    text: str
    event: Event | None = None
    malformed: bool = False
    events: list = field(default_factory=list)   # lines giving several events (sessions.list)

    def all_events(self) -> list:
        return ([self.event] if self.event is not None else []) + self.events


@dataclass
class FileSpec:
    relpath: str                 # relative to samples/, final on-disk name
    lines: list = field(default_factory=list)
    crlf: bool = False
    bom: bool = False
    final_newline: bool = True
    compress: str | None = None  # None | "single" | "multi"


# Claude models (the API formats log them too)
SONNET = "claude-sonnet-4-5-20250929"
OPUS = "claude-opus-4-1-20250805"
HAIKU = "claude-haiku-4-5-20251001"
SYNTH = "<synthetic>"


def day(ts: str) -> str:
    return ts[:10]


def kday(ts: str) -> str:
    dt = datetime.fromisoformat(ts.replace("Z", "+00:00")) + KOLKATA
    return dt.strftime("%Y-%m-%d")


# --------------------------------------------------------------------------
# API responses, usage records, gateway sessions, LiteLLM, Gemini CLI, distri
#
# Everything below draws from its own generator, `nrng`, never from `rng`:
# the Claude and Codex samples above keep their bytes whatever is added here.
# --------------------------------------------------------------------------

nrng = random.Random(SEED + 1)

GPT4O = "gpt-4o"
GPT4O_MINI = "gpt-4o-mini"
O3 = "o3"
GPT41 = "gpt-4.1"
GEMINI_PRO = "gemini-2.5-pro"
GEMINI_FLASH = "gemini-2.5-flash"

# USD per million tokens (LiteLLM's list, October 2025): input, output,
# cache read, 5m write, 1h write.  Only used to give logged costs plausible
# values; the truth takes logged costs as logged.
PRICES = {
    GPT4O: (2.5, 10.0, 1.25, 0, 0),
    GPT4O_MINI: (0.15, 0.6, 0.075, 0, 0),
    O3: (2.0, 8.0, 0.5, 0, 0),
    GPT41: (2.0, 8.0, 0.5, 0, 0),
    SONNET: (3.0, 15.0, 0.3, 3.75, 6.0),
    HAIKU: (1.0, 5.0, 0.1, 1.25, 2.0),
    GEMINI_PRO: (1.25, 10.0, 0.31, 0, 0),
    GEMINI_FLASH: (0.3, 2.5, 0.075, 0, 0),
}


def price(model, inp, out, cr=0, w5=0, w1=0, digits=10) -> float:
    p = PRICES[model]
    return round((inp * p[0] + out * p[1] + cr * p[2] + w5 * p[3] + w1 * p[4]) / 1e6, digits)


def n_b62(n: int) -> str:
    return "".join(nrng.choice(B62) for _ in range(n))


def n_hex(n: int) -> str:
    return "".join(nrng.choice("0123456789abcdef") for _ in range(n))


def n_uuid() -> str:
    return str(uuidlib.UUID(int=nrng.getrandbits(128), version=4))


def utc(s: str) -> datetime:
    return datetime.fromisoformat(s).replace(tzinfo=timezone.utc)


def after(dt: datetime, lo: float, hi: float) -> datetime:
    """`dt` plus a random lo..hi seconds (microsecond resolution)."""
    return dt + timedelta(microseconds=nrng.randint(int(lo * 1e6), int(hi * 1e6)))


def rfc(dt: datetime, digits: int = 3) -> str:
    """RFC 3339 UTC with a `Z` and `digits` fraction digits (0: none)."""
    s = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        s += "." + f"{dt.microsecond:06d}"[:digits]
    return s + "Z"


def whole(dt: datetime) -> datetime:
    return dt.replace(microsecond=0)


def same_days(a: datetime, b: datetime) -> bool:
    return day(iso(a)) == day(iso(b)) and kday(iso(a)) == kday(iso(b))


def new_event(fmt: str, key, model: str, when: datetime, *, inp=0, out=0, cr=0, w5=0, w1=0,
              reasoning=0, cost=None, user=None, department=None, keep_last=False) -> Event:
    assert utc("2025-10-14T00:00:00") <= when < utc("2025-10-17T00:00:00"), when
    assert inp + out + cr + w5 + w1 > 0
    return Event(fmt, key, model, iso(when),
                 {"input_tokens": inp, "output_tokens": out, "cache_read_tokens": cr,
                  "cache_write_5m_tokens": w5, "cache_write_1h_tokens": w1,
                  "reasoning_tokens": reasoning},
                 cost, user=user, department=department, keep_last=keep_last)


def torn_line(full: str, cut_after: str) -> Line:
    pos = full.index(cut_after) + len(cut_after)
    return Line(full[:pos], None, malformed=True)


def sha256(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()
