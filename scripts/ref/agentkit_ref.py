#!/usr/bin/env python3
"""Reference outputs of agentkit's usage dashboard service (``UsageService``) for a JSONL file of
agentkit usage records.  The Swift ``usagelens endpoint agentkit.*`` must reproduce them.

    python3 scripts/ref/agentkit_ref.py RECORDS.jsonl ENDPOINT [--start ISO] [--end ISO]
        [--user ID] [--department ID] [--interval hour|day] [--limit N] [--format csv|json]

    ENDPOINT: summary | timeseries | by-model | top-users | top-departments | export

How it works: reads the scraped seed ``/work/shared/seeds/agentkit-usage-service.py.txt`` (or
``--seed PATH`` / ``$AGENTKIT_SEED``), drops the page junk (the "299 lines / 9.7 KiB / Python"
header, twice, and the "|" separator lines, which also encode the blank lines), puts back the
indentation the scrape lost (table INDENT below, checked against a hash of the seed text),
installs ``scripts/ref/agentkit_usage_store.py`` as ``agentkit.llm.providers.usage_store`` (the
real module was not found; that file lists every assumption), executes the seed as a module and
calls the one service method with a ``UsageStore`` backed by RECORDS.jsonl.  Python 3.11+,
stdlib only.  The expected files were generated with Python 3.11.7.

What is printed, and how the FastAPI router would have sent it (the router itself is not in the
seed; FastAPI serialises a returned dict/list with ``jsonable_encoder`` + ``JSONResponse``, i.e.
``json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))``):

    summary          dict  {"total_tokens", "total_cost", "total_requests", "by_model",
                            "by_user", "by_department"}; each by_* is a dict key -> {"total_tokens",
                            "total_cost", "count"}
    timeseries       list  [{"timestamp", "tokens", "cost", "requests"}]
    by-model         list  [{"model", "tokens", "cost", "requests"}]
    top-users        list  [{"user_id", "tokens", "cost", "requests"}]
    top-departments  list  [{"department_id", "tokens", "cost", "requests"}]
    export           str   CSV (``\\r\\n`` line ends, csv.DictWriter) or JSON text (indent=2,
                           ensure_ascii=False).  A router would return it as a plain/CSV body
                           (``Response(content=..., media_type="text/csv")``); if it returned the
                           str itself FastAPI would JSON-encode it as one JSON string -- we assume
                           the former and print the string exactly.

The JSON endpoints are printed exactly as that JSONResponse body (compact separators, UTF-8, no
trailing newline); compare them as JSON values.  export is printed byte for byte, no newline
added; compare it byte for byte.  Floats are Python ``repr`` in both (shortest round-trip,
``1.5e-05`` below 1e-4, ``0.30000000000000004`` sums).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import importlib.util
import json
import os
import sys
import types
from datetime import datetime
from pathlib import Path

sys.dont_write_bytecode = True  # leave no __pycache__ next to the stub

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = Path("/work/shared/seeds/agentkit-usage-service.py.txt")
STORE_STUB = HERE / "agentkit_usage_store.py"
STORE_MODULE = "agentkit.llm.providers.usage_store"

# The scrape starts with this header, twice.
HEADER_JUNK = {"299 lines", "9.7 KiB", "Python"}

# SHA-256 of the seed's code lines (junk and "|" lines removed, each line stripped, joined by
# "\n").  If the seed changes, INDENT must be re-derived by hand: refuse to guess.
SEED_SHA256 = "8ae639bcd5cc28d8623fe6efe03d1eb3caa53b90eeae3319c6c8e1fffa60ed16"

# Indentation of the seed's code lines, in 4-space levels, by code-line number (1-based, junk
# removed): "first-last:level".  Derived by hand from the Python structure of the seed.
INDENT = """
1-22:0 23-24:1 25:2 26-27:1 28-31:0 32-33:1 34-39:2 40:1 41-42:2 43:3 44-49:4 50:3 51-52:2 53-56:3
57-58:2 59:1 60-66:2 67:1 68-72:2 73-76:3 77-79:2 80:3 81:4 82:3 83:4 84-85:3 86:4 87-89:3 90:2 91:3
92-95:4 96-97:3 98:2 99:1 100-105:2 106:1 107-108:2 109-112:3 113-114:2 115:3 116-119:4 120-121:3
122:2 123:1 124-130:2 131:1 132-133:2 134-137:3 138-139:2 140:3 141-144:4 145-146:3 147-149:2 150:1
151-157:2 158:1 159-160:2 161-164:3 165-166:2 167:3 168-171:4 172-173:3 174-176:2 177:1 178-184:2
185:1 186-189:2 190-193:3 194-195:2 196:3 197-206:4 207-208:3 209-210:2 211:3 212-214:2 215-217:3
218:2 219-220:3 221-222:4 223-232:5 233:4 234-235:3 236:2 237-241:1 242-243:2 244-249:3 250:2
251-255:0 256-258:1 259:2 260:1 261:0 262-264:1
"""


def _indent_levels() -> dict[int, int]:
    levels: dict[int, int] = {}
    for tok in INDENT.split():
        span, level = tok.split(":")
        first, _, last = span.partition("-")
        for n in range(int(first), int(last or first) + 1):
            levels[n] = int(level)
    return levels


def seed_code_lines(seed_text: str) -> list[tuple[int, str]]:
    """(blank lines before, stripped code line) for every code line of the scraped page.

    In the scrape every source line is followed by two "|" lines and every blank source line is
    two more "|" lines, so k blank lines between two code lines show up as 2 + 2k "|" lines.  The
    last line carries a trailing "|" and no newline."""
    lines = seed_text.split("\n")
    i = 0
    while i < len(lines) and lines[i].strip() in HEADER_JUNK:
        i += 1
    out: list[tuple[int, str]] = []
    bars = 0
    last = len(lines) - 1
    for k in range(i, len(lines)):
        raw = lines[k]
        if raw.strip() == "|":
            bars += 1
            continue
        line = raw.rstrip()
        if k == last and line.endswith("|"):
            line = line[:-1].rstrip()
        if not line:
            bars += 2  # a genuinely empty line in the scrape: treat as one blank line
            continue
        blanks = max(0, (bars - 2) // 2) if out else 0
        out.append((blanks, line.strip()))
        bars = 0
    return out


def seed_source(seed_path: Path) -> str:
    code = seed_code_lines(seed_path.read_text(encoding="utf-8"))
    digest = hashlib.sha256("\n".join(c for _, c in code).encode("utf-8")).hexdigest()
    levels = _indent_levels()
    if digest != SEED_SHA256 or len(code) != len(levels):
        raise SystemExit(
            f"agentkit_ref: {seed_path} is not the seed this harness was written for "
            f"(sha256 {digest}, {len(code)} code lines); re-derive INDENT"
        )
    src: list[str] = []
    for n, (blanks, line) in enumerate(code, 1):
        src.extend([""] * blanks)
        src.append("    " * levels[n] + line)
    return "\n".join(src) + "\n"


def install_store_module() -> types.ModuleType:
    for name in ("agentkit", "agentkit.llm", "agentkit.llm.providers"):
        if name not in sys.modules:
            pkg = types.ModuleType(name)
            pkg.__path__ = []  # a namespace-like package
            sys.modules[name] = pkg
    spec = importlib.util.spec_from_file_location(STORE_MODULE, STORE_STUB)
    module = importlib.util.module_from_spec(spec)
    sys.modules[STORE_MODULE] = module
    spec.loader.exec_module(module)
    setattr(sys.modules["agentkit.llm.providers"], "usage_store", module)
    return module


def load_service_module(seed_path: Path) -> types.ModuleType:
    install_store_module()
    name = "agentkit.services.usage_service"
    module = types.ModuleType(name)
    module.__file__ = str(seed_path)
    sys.modules[name] = module
    exec(compile(seed_source(seed_path), str(seed_path), "exec"), module.__dict__)
    return module


def parse_time(text: str | None) -> datetime | None:
    """A query-string datetime.  FastAPI (pydantic) parses ISO 8601 into a datetime; for the
    forms used here (with an offset or 'Z') ``datetime.fromisoformat`` (3.11+) gives the same
    value."""
    return None if text is None else datetime.fromisoformat(text)


def run(args: argparse.Namespace) -> str:
    service_module = load_service_module(args.seed)
    store_module = sys.modules[STORE_MODULE]
    store = store_module.UsageStore(args.records)
    service = service_module.get_usage_service()
    common = dict(
        department_id=args.department,
        user_id=args.user,
        start_time=parse_time(args.start),
        end_time=parse_time(args.end),
    )
    ep = args.endpoint
    if ep == "summary":
        coro = service.get_usage_summary(store, **common)
    elif ep == "timeseries":
        coro = service.get_usage_timeseries(store, **common, interval=args.interval)
    elif ep == "by-model":
        coro = service.get_usage_by_model(store, **common)
    elif ep == "top-users":
        coro = service.get_top_users(store, **common, limit=args.limit)
    elif ep == "top-departments":
        coro = service.get_top_departments(store, **common, limit=args.limit)
    else:
        coro = service.export_usage(store, **common, format=args.format)
    result = asyncio.run(coro)
    if ep == "export":
        return result
    # FastAPI JSONResponse.render
    return json.dumps(result, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("records", type=Path)
    p.add_argument(
        "endpoint",
        choices=["summary", "timeseries", "by-model", "top-users", "top-departments", "export"],
    )
    p.add_argument("--start")
    p.add_argument("--end")
    p.add_argument("--user")
    p.add_argument("--department")
    p.add_argument("--interval", default="day", help="hour|day (service default: day)")
    p.add_argument("--limit", type=int, default=10, help="top-N limit (service default: 10)")
    p.add_argument("--format", default="csv", help="export format csv|json (service default: csv)")
    p.add_argument(
        "--seed",
        type=Path,
        default=Path(os.environ.get("AGENTKIT_SEED", DEFAULT_SEED)),
        help=f"scraped seed (default $AGENTKIT_SEED or {DEFAULT_SEED})",
    )
    args = p.parse_args(argv)
    out = run(args)
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
