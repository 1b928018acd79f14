#!/usr/bin/env python3
"""Reference harness for `usagelens endpoint pipeline.runtime-usage`.

Runs the Pipeline service's own `get_runtime_usage` (the scraped seed text in
/work/shared/seeds, or $USAGELENS_SEEDS) on saved gateway replies and prints the JSON the
FastAPI endpoint would send. The seed is loaded, not copied: scrape junk is stripped, the lost
indentation is rebuilt (see INDENT_OVERRIDES), and its imports are stubbed.

Regenerate every snapshot (from the package root):

    python3 scripts/ref/pipeline_runtime_usage_ref.py --regenerate Tests/usagelensTests/Fixtures/pipeline-endpoint

Print one case:

    python3 scripts/ref/pipeline_runtime_usage_ref.py --case Tests/usagelensTests/Fixtures/pipeline-endpoint/typed-limits

Or run ad hoc with the command's own options:

    python3 scripts/ref/pipeline_runtime_usage_ref.py --now 2026-11-20T10:00:00Z [--status F] [--pricing F] \
        [--account-key K] [--gateway-id UUID] FILE...

Needs Python 3.11 (the seed's datetime.fromisoformat and sum() follow it), pydantic 2 (recorded
with 2.13.4; `pip install --break-system-packages pydantic` if missing) and, for .zst inputs, the
zstd command. Inputs map to the gateway replies exactly as docs/endpoints.md says; that mapping
is implemented here a second time, independently of the Swift code.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import types
from datetime import datetime, timezone
from pathlib import Path
from uuid import UUID

SEEDS = Path(os.environ.get("USAGELENS_SEEDS", "/work/shared/seeds"))
SERVICE_SEED = "pipeline-runtime-usage-service.py.txt"
SCHEMA_SEED = "pipeline-runtime-usage-schemas.py.txt"
WINDOW_KEYS = ("5hour", "5h", "today", "week", "7day", "data")
NIL_UUID = "00000000-0000-0000-0000-000000000000"

# --------------------------------------------------------------------------------------------
# Loading the scraped seed
# --------------------------------------------------------------------------------------------

_HEADER = re.compile(r"^(\d+ lines|[\d.]+ (B|KiB|MiB)|Python|Raw Normal View History)$")


def strip_scrape(text: str) -> list[str]:
    """Drops the page header (path, size, 'Raw Normal View History') and lines that are just '|'."""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip().endswith(".py"):
        start = 1
        while start < len(lines) and (not lines[start].strip() or _HEADER.match(lines[start].strip())):
            start += 1
    return [line for line in lines[start:] if line.strip() != "|"]


def _scan(line: str, depth: int, triple: str | None) -> tuple[int, str | None, str]:
    """Bracket depth and open triple quote after one physical line, and its code without strings/comment."""
    code, i, n = [], 0, len(line)
    while i < n:
        if triple:
            j = line.find(triple, i)
            if j < 0:
                return depth, triple, "".join(code)
            i, triple = j + 3, None
            code.append("S")
            continue
        c = line[i]
        if c == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            triple, i = line[i:i + 3], i + 3
            continue
        if c in "\"'":
            i += 1
            while i < n and line[i] != c:
                i += 2 if line[i] == "\\" else 1
            i += 1
            code.append("S")
            continue
        depth += c in "([{"
        depth -= c in ")]}"
        code.append(c)
        i += 1
    return depth, triple, "".join(code)


_FOLLOWERS = {
    "elif": ("if", "elif"),
    "else": ("if", "elif", "for", "while", "try", "except"),
    "except": ("try", "except"),
    "finally": ("try", "except", "else"),
}
_TERMINAL = re.compile(r"^(return\b|raise\b|continue$|break$|pass$)")

# The scrape lost all indentation. The rules in `reindent` (a line ending in ':' opens a block;
# elif/else/except close to their opener; return/raise/continue/break/pass close one block; def,
# class and '# ---' banners start at module level) recover most of it. Where a block ends without
# such a marker, the seed's own semantics decide, and the level is listed here: statement text (or
# (text, occurrence)) -> indentation level. Every entry must be used exactly once per occurrence.
INDENT_OVERRIDES: dict[object, int] = {
    # load_pricing: the dict check follows the `with`; the cache is set whatever happened.
    "if isinstance(raw, dict):": 3,
    "_pricing_cache = merged": 1,
    # normalize_model: the suffix regex applies with or without a provider prefix.
    'cleaned = _MODEL_STRIP_RE.sub("", cleaned)': 1,
    # _get_float / _get_str: the default after the loop.
    "return default": 1,
    # _get_explicit_cost: priority 2 (flat usage.cost) sits beside the dict branch, priority 3 after.
    "if isinstance(cost_block, (int, float)) and cost_block > 0:": 2,
    'return _get_float(session, "cost", "cost_usd", "costUsd", default=0.0)': 1,
    # _extract_rate_limit_reset_at: the fallback loop runs after the explicit keys.
    "for key, value in status_raw.items():": 1,
    ("return None", 7): 1,
    # _parse_sessions: a bucket may be a dict or a list.
    "if isinstance(bucket, list):": 2,
    "return []": 1,
    # _parse_session_usage and aggregate_per_model: the result after the loop / the if.
    "return {": 1,
    "_, unpriced = estimate_cost(provider, model, 0, 0)": 2,
    "e = entries[key]": 2,
    # _top_sessions: every session gets a row, priced or not.
    "tokens = _parse_session_usage(session)": 2,
    'updated = _get_str(session, "updated_at", "updatedAt", "lastActivity", "last_activity") or None': 2,
    "rows.append(TopSession(": 2,
    "rows.sort(key=lambda r: r.cost_usd, reverse=True)": 1,
    "return oldest": 1,
    # _build_window: the reset and the labels are decided whatever the start was.
    "resets_at = explicit_resets_at or header_resets_at": 1,
    "if explicit_resets_at is not None:": 1,
    "reset_delta = resets_at - now": 1,
    # _build_current: the cost limit is read whatever the legacy backfill did.
    'raw_cost_limit = _get_float(status_raw, "costLimit", "cost_limit", "costLimitUsd", default=0.0)': 1,
    "return RuntimeUsageBurnRate(": 1,
    # _build_predictions: each limit is its own top-level check.
    "if (": 1,
    "if current.message_limit is not None and current.message_limit > 0:": 1,
    "if not candidates:": 1,
    # get_runtime_usage: session extraction runs after the try/except.
    "if isinstance(sessions_raw, dict):": 1,
    "sessions: list[dict[str, Any]] = []": 1,
    "merged_status = {**cost_raw, **status_raw}": 1,
}


def reindent(lines: list[str], overrides: dict[object, int]) -> str:
    """Rebuilds Python indentation (4 spaces per level) from flattened source lines."""
    used = {key: 0 for key in overrides}
    seen: dict[str, int] = {}
    stack: list[str] = []  # keyword of each open block; the level is len(stack)
    depth, triple = 0, None
    out: list[str] = []
    continuing = pending_close = False
    statement = statement_text = ""
    for raw in lines:
        text = raw.strip()
        if continuing:
            # Inside brackets any indentation will do; inside a triple-quoted string keep the text.
            out.append(raw if triple else "    " * (len(stack) + 1) + text)
            depth, triple, code = _scan(raw, depth, triple)
            continuing = depth > 0 or triple is not None
            if not continuing:
                if code.rstrip().endswith(":"):
                    stack.append(statement)
                pending_close = bool(_TERMINAL.match(statement_text))
            continue
        if not text:
            out.append("")
            continue
        if text.startswith("#"):
            if text.startswith("# ---"):
                stack.clear()
                pending_close = False
            out.append("    " * max(0, len(stack) - pending_close) + text)
            continue
        match = re.match(r"[A-Za-z_]+", text)
        word = match.group(0) if match else ""
        follower = word in _FOLLOWERS and (text.endswith(":") or word in ("except", "elif"))
        if pending_close and stack and not follower:
            stack.pop()
        pending_close = False
        seen[text] = seen.get(text, 0) + 1
        key = (text, seen[text]) if (text, seen[text]) in overrides else text if text in overrides else None
        if key is not None:
            used[key] += 1
            del stack[overrides[key]:]
        elif word in ("def", "class", "async") or text.startswith("@"):
            stack.clear()
        elif follower:
            while stack and stack[-1] not in _FOLLOWERS[word]:
                stack.pop()
            if stack:
                stack.pop()
        out.append("    " * len(stack) + text)
        depth, triple, code = _scan(text, 0, None)
        continuing = depth > 0 or triple is not None
        statement, statement_text = ("def" if word == "async" else word), text
        if not continuing:
            if code.rstrip().endswith(":"):
                stack.append(statement)
            pending_close = bool(_TERMINAL.match(text))
    unused = [key for key, count in used.items() if count == 0]
    if unused:
        raise SystemExit(f"seed changed: indentation overrides not used: {unused}")
    return "\n".join(out) + "\n"


def load_seed(name: str, overrides: dict[object, int]) -> str:
    source = reindent(strip_scrape((SEEDS / name).read_text(encoding="utf-8")), overrides)
    compile(source, name, "exec")
    return source


# --------------------------------------------------------------------------------------------
# Stubs for the seed's imports
# --------------------------------------------------------------------------------------------


class _GatewayError(Exception):
    pass


def install_stubs(now: datetime, replies: dict[str, object]) -> None:
    import logging

    from pydantic import BaseModel, ConfigDict

    def module(name: str, **attrs: object) -> types.ModuleType:
        mod = types.ModuleType(name)
        mod.__dict__.update(attrs)
        sys.modules[name] = mod
        return mod

    for name in ("app", "app.core", "app.schemas", "app.services", "app.services.openclaw"):
        module(name)

    logger = logging.getLogger("pipeline.seed")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    module("app.core.logging", get_logger=lambda _name: logger)
    module("app.core.time", utcnow=lambda: now)

    # The schema file's models are SQLModel classes, which drop unknown keyword arguments; the
    # service sets fields beyond the schema (window source/confidence, typed limits, limit_kind,
    # ...) and reads them back, so it only runs against models that keep them. extra="allow"
    # keeps them, after the declared fields, in the order the service passes them.
    class SQLModel(BaseModel):
        model_config = ConfigDict(extra="allow")

    module("sqlmodel", SQLModel=SQLModel)
    schemas = module("app.schemas.runtime_usage")
    exec(compile(load_seed(SCHEMA_SEED, {}), SCHEMA_SEED, "exec"), schemas.__dict__)

    async def openclaw_call(method: str, config: object = None) -> object:
        if method not in replies:
            raise _GatewayError(f"no saved reply for {method}")
        return replies[method]

    module(
        "app.services.openclaw.gateway_rpc",
        GatewayConfig=type("GatewayConfig", (), {}),
        OpenClawGatewayError=_GatewayError,
        openclaw_call=openclaw_call,
    )


# --------------------------------------------------------------------------------------------
# Inputs -> gateway replies (docs/endpoints.md, "How inputs become gateway replies")
# --------------------------------------------------------------------------------------------


def read_bytes(path: str) -> bytes:
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    if data[:4] == b"\x28\xb5\x2f\xfd" or (len(data) >= 4 and data[0] & 0xF0 == 0x50 and data[1:4] == b"\x2a\x4d\x18"):
        data = subprocess.run(["zstd", "-dcq"], input=data, capture_output=True, check=True).stdout
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data


def json_values(path: str) -> list[object]:
    """The file as one JSON document if it is one, else one value per non-blank line."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
        if text.strip(" \t\r\n"):
            return [json.loads(text)]
        return []
    except (UnicodeDecodeError, ValueError):
        pass
    values = []
    for number, line in enumerate(data.split(b"\n"), 1):
        if not line.strip(b" \t\r\n"):
            continue
        try:
            values.append(json.loads(line.decode("utf-8")))
        except (UnicodeDecodeError, ValueError) as exc:
            print(f"{path}:{number}: {exc}", file=sys.stderr)
    return values


def gateway_replies(paths: list[str], status_path: str | None) -> dict[str, object]:
    listed: list[object] = []
    saw_list = False
    cost: dict = {}
    cost_values: list[dict] = []
    for path in paths:
        for value in json_values(path):
            if isinstance(value, list):
                saw_list = True
                listed.extend(value)
            elif isinstance(value, dict) and "sessions" in value:
                saw_list = True
                if isinstance(value["sessions"], list):
                    listed.extend(value["sessions"])
            elif isinstance(value, dict) and any(key in value for key in WINDOW_KEYS):
                cost_values.append(value)
                cost.update(value)
            elif isinstance(value, dict):
                saw_list = True
                listed.append(value)
    replies: dict[str, object] = {}
    if saw_list:
        replies["sessions.list"] = {"sessions": listed}
    if cost_values:
        if len(cost_values) > 1:
            # One reply holding every value's sessions, in order; "sessions" is read by nothing else.
            parse_sessions = sys.modules["pipeline_seed"]._parse_sessions
            cost["sessions"] = [s for value in cost_values for s in parse_sessions(value)]
        replies["usage.cost"] = cost
    if status_path is not None:
        try:
            with open(status_path, encoding="utf-8") as fh:
                replies["usage.status"] = json.load(fh)
        except ValueError as exc:  # not JSON: the gateway call fails and _safe_call gives {}
            print(f"{status_path}: {exc}", file=sys.stderr)
    return replies


# --------------------------------------------------------------------------------------------
# Running the service
# --------------------------------------------------------------------------------------------


def parse_now(text: str) -> datetime:
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def run(paths: list[str], now: str, status: str | None, pricing: str | None, account_key: str, gateway_id: str) -> str:
    os.environ.pop("RUNTIME_USAGE_PRICING_FILE", None)
    if pricing is not None:
        os.environ["RUNTIME_USAGE_PRICING_FILE"] = pricing
    replies: dict[str, object] = {}
    install_stubs(parse_now(now), replies)
    seed = types.ModuleType("pipeline_seed")
    sys.modules["pipeline_seed"] = seed
    exec(compile(load_seed(SERVICE_SEED, INDENT_OVERRIDES), SERVICE_SEED, "exec"), seed.__dict__)
    replies.update(gateway_replies(paths, status))
    response = asyncio.run(seed.get_runtime_usage(UUID(gateway_id), config=None, account_key=account_key))
    # FastAPI: model_dump(mode="json"), then Starlette's json.dumps(allow_nan=False).
    return json.dumps(response.model_dump(mode="json"), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def run_case(case: Path) -> str:
    spec = json.loads((case / "case.json").read_text(encoding="utf-8"))
    cwd = os.getcwd()
    os.chdir(case)
    try:
        return run(
            spec["inputs"], spec["now"], spec.get("status"), spec.get("pricing"),
            spec.get("account_key", "default"), spec.get("gateway_id", NIL_UUID))
    finally:
        os.chdir(cwd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--now")
    parser.add_argument("--status")
    parser.add_argument("--pricing")
    parser.add_argument("--account-key", default="default")
    parser.add_argument("--gateway-id", default=NIL_UUID)
    parser.add_argument("--case", type=Path, help="a snapshot directory holding case.json")
    parser.add_argument("--regenerate", type=Path, help="rewrite expected.json of every snapshot under this directory")
    args = parser.parse_args()
    if args.regenerate:
        import pydantic

        for case in sorted(p.parent for p in args.regenerate.glob("*/case.json")):
            # Each case runs in a fresh interpreter: the seed caches its price table.
            out = subprocess.run([sys.executable, __file__, "--case", str(case)], capture_output=True, text=True)
            if out.returncode != 0:
                raise SystemExit(f"{case}: {out.stderr}")
            (case / "expected.json").write_text(out.stdout, encoding="utf-8")
            print(f"{case}/expected.json (pydantic {pydantic.VERSION})", file=sys.stderr)
        return
    if args.case:
        sys.stdout.write(run_case(args.case))
        return
    if not args.now:
        parser.error("--now is required (the reference has no wall clock)")
    sys.stdout.write(run(args.paths, args.now, args.status, args.pricing, args.account_key, args.gateway_id))


if __name__ == "__main__":
    main()
