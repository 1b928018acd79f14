#!/usr/bin/env python3
"""Generate the sample usage logs in samples/ plus Tests/usagelensTests/Fixtures/samples-truth.json.

Deterministic (fixed seed), Python 3.11 stdlib only, plus the `zstd` CLI for
the compressed fixtures.  Run from anywhere:

    python3 scripts/make_samples.py

TRUTH.json is computed from the generator's own bookkeeping (every emitted
line carries a record of the event it represents, if any) -- the written
files are never parsed back to compute it.
"""

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
ROOT = Path(__file__).resolve().parent.parent
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


# --------------------------------------------------------------------------
# Claude Code sessions
# --------------------------------------------------------------------------

SONNET = "claude-sonnet-4-5-20250929"
OPUS = "claude-opus-4-1-20250805"
HAIKU = "claude-haiku-4-5-20251001"
SYNTH = "<synthetic>"


def cusage(inp, cw, cr, out, eph="default", tier="standard"):
    """Claude usage object.  eph=None -> no cache_creation object."""
    u = {"input_tokens": inp,
         "cache_creation_input_tokens": cw,
         "cache_read_input_tokens": cr}
    if eph == "default":
        eph = (cw, 0)
    if eph is not None:
        assert eph[0] + eph[1] == cw
        u["cache_creation"] = {"ephemeral_5m_input_tokens": eph[0],
                               "ephemeral_1h_input_tokens": eph[1]}
    u["output_tokens"] = out
    if tier is not None:
        u["service_tier"] = tier
    return u


def claude_tokens(u: dict) -> dict:
    cc = u.get("cache_creation")
    if cc is None:
        w5, w1 = u.get("cache_creation_input_tokens", 0), 0
    else:
        w5, w1 = cc["ephemeral_5m_input_tokens"], cc["ephemeral_1h_input_tokens"]
    return {"input_tokens": u["input_tokens"],
            "output_tokens": u["output_tokens"],
            "cache_read_tokens": u["cache_read_input_tokens"],
            "cache_write_5m_tokens": w5,
            "cache_write_1h_tokens": w1,
            "reasoning_tokens": 0}


def is_zero(u: dict) -> bool:
    return all(v == 0 for v in claude_tokens(u).values())


class ClaudeSession:
    def __init__(self, cwd: str, session_id: str, start: str, branch: str = "main",
                 version: str = "2.0.14"):
        self.cwd = cwd
        self.sid = session_id
        self.branch = branch
        self.version = version
        self.clock = Clock(start)
        self.parent: str | None = None
        self.lines: list[Line] = []
        self.last_tool_id: str | None = None

    # common envelope prefix in Claude Code's key order
    def _head(self, sidechain=False):
        return {"parentUuid": self.parent, "isSidechain": sidechain,
                "userType": "external", "cwd": self.cwd, "sessionId": self.sid,
                "version": self.version, "gitBranch": self.branch}

    def add(self, line: Line) -> Line:
        self.lines.append(line)
        return line

    def user(self, text, ts=None):
        d = self._head()
        d["type"] = "user"
        d["message"] = {"role": "user", "content": text}
        u = new_uuid()
        d["uuid"] = u
        d["timestamp"] = ts or self.clock.tick(5, 60)
        self.parent = u
        return self.add(Line(dumps(d)))

    def tool_result(self, text, tool_id=None):
        tool_id = tool_id or self.last_tool_id
        d = self._head()
        d["type"] = "user"
        d["message"] = {"role": "user", "content": [
            {"tool_use_id": tool_id, "type": "tool_result", "content": text}]}
        u = new_uuid()
        d["uuid"] = u
        d["timestamp"] = self.clock.tick(0.3, 4)
        d["toolUseResult"] = {"stdout": text, "stderr": "", "interrupted": False,
                              "isImage": False}
        self.parent = u
        return self.add(Line(dumps(d)))

    def assistant(self, model, content, usage, *, mid=None, rid="new",
                  stop_reason=None, ts=None, sidechain=False, extra_top=None,
                  pretty=False, is_event=True):
        """Returns (Line, mid, rid).  rid=None -> omit requestId."""
        mid = mid or msg_id()
        if rid == "new":
            rid = req_id()
        d = self._head(sidechain)
        if stop_reason is None:
            stop_reason = "tool_use" if any(c.get("type") == "tool_use" for c in content) else "end_turn"
        d["message"] = {"id": mid, "type": "message", "role": "assistant",
                        "model": model, "content": content,
                        "stop_reason": stop_reason, "stop_sequence": None,
                        "usage": usage}
        if rid is not None:
            d["requestId"] = rid
        cost = None
        if extra_top:
            d.update(extra_top)
            cost = extra_top.get("costUSD")
        d["type"] = "assistant"
        u = new_uuid()
        d["uuid"] = u
        d["timestamp"] = ts or self.clock.tick(2, 25)
        if not sidechain:
            self.parent = u
        ev = None
        if is_event and model != SYNTH and not is_zero(usage):
            ev = Event("claude", (mid, rid), model, d["timestamp"],
                       claude_tokens(usage), cost)
        line = Line(dumps(d, pretty=pretty), ev)
        self.add(line)
        return line, mid, rid

    def text(self, s):
        return [{"type": "text", "text": s}]

    def tool(self, name, inp):
        t = toolu_id()
        self.last_tool_id = t
        return [{"type": "tool_use", "id": t, "name": name, "input": inp}]

    def progress(self, model, usage, parent_tool, tool_use):
        mid, rid = msg_id(), req_id()
        inner_ts = self.clock.tick(1, 6)
        outer_ts = self.clock.tick(0.01, 0.2)
        d = self._head()
        d["type"] = "progress"
        d["data"] = {"message": {"type": "assistant",
                                 "message": {"id": mid, "type": "message",
                                             "role": "assistant", "model": model,
                                             "content": [{"type": "tool_use", "id": toolu_id(),
                                                          "name": "Grep",
                                                          "input": {"pattern": "invoice_total", "path": "src"}}],
                                             "usage": usage},
                                 "requestId": rid, "timestamp": inner_ts},
                     "type": "agent_progress"}
        d["toolUseID"] = tool_use
        d["parentToolUseID"] = parent_tool
        d["uuid"] = new_uuid()
        d["timestamp"] = outer_ts
        # day buckets use the nested (API) timestamp; assert both agree below
        assert day(inner_ts) == day(outer_ts) and kday(inner_ts) == kday(outer_ts)
        ev = Event("claude", (mid, rid), model, inner_ts, claude_tokens(usage))
        return self.add(Line(dumps(d), ev))

    def summary(self, text, leaf):
        return self.add(Line(dumps({"type": "summary", "summary": text, "leafUuid": leaf})))

    def system(self, content, subtype="compact_boundary"):
        d = self._head()
        d["type"] = "system"
        d["subtype"] = subtype
        d["content"] = content
        d["isMeta"] = False
        u = new_uuid()
        d["timestamp"] = self.clock.tick(1, 3)
        d["uuid"] = u
        d["level"] = "info"
        d["compactMetadata"] = {"trigger": "auto", "preTokens": 154872}
        self.parent = u
        return self.add(Line(dumps(d)))

    def torn(self, model, usage, cut_after: str):
        """A truncated assistant line: cut just after `cut_after` (first hit)."""
        full_line, _, _ = self.assistant(model, self.text("Partial write..."), usage, is_event=False)
        self.lines.pop()
        t = full_line.text
        pos = t.index(cut_after) + len(cut_after)
        return self.add(Line(t[:pos], None, malformed=True))

    def blank(self):
        return self.add(Line(""))


def day(ts: str) -> str:
    return ts[:10]


def kday(ts: str) -> str:
    dt = datetime.fromisoformat(ts.replace("Z", "+00:00")) + KOLKATA
    return dt.strftime("%Y-%m-%d")


TOOL_OUT_1 = ("src/metrics/tokens.ts:14:  // usage.input_tokens excludes cache reads\n"
              "src/metrics/tokens.ts:15:  const total = usage.input_tokens + usage.output_tokens;\n"
              "src/metrics/tokens.ts:22:  return { usage, input_tokens: total };")
TOOL_OUT_2 = ('$ cat fixtures/api_response.json\n'
              '{"id":"msg_fixture","usage":{"input_tokens":12,"output_tokens":40}}')


def claude_session_a():
    """webapp session 1: streamed dups, 1h cache, costUSD, synthetic, torn mid line,
    blank line, pretty-printed line, exact re-write, non-ASCII."""
    s = ClaudeSession("/home/dev/webapp", new_uuid(), "2025-10-14T09:12:03.123")
    s.user("The login page redirects forever after the session cookie expires. Can you find out why?",
           ts="2025-10-14T09:12:03.123Z")
    # streamed duplicate pair #1: text block (partial output) then tool_use block (final)
    u_part = cusage(4, 1520, 18230, 9)
    u_full = cusage(4, 1520, 18230, 312)
    _, m1, r1 = s.assistant(SONNET, s.text("I'll look at the auth middleware first."), u_part,
                            stop_reason=None)
    s.assistant(SONNET, s.tool("Read", {"file_path": "/home/dev/webapp/src/middleware/auth.ts"}),
                u_full, mid=m1, rid=r1, ts=s.clock.tick(0.4, 1.5))
    s.tool_result("export function requireAuth(req, res, next) {\n  if (!req.session?.user) return res.redirect('/login?next=' + req.url);\n  next();\n}")
    s.assistant(SONNET, s.tool("Grep", {"pattern": "redirect\\('/login", "path": "src"}),
                cusage(6, 412, 19750, 96))
    s.tool_result("src/middleware/auth.ts:3\nsrc/routes/login.ts:18\nsrc/routes/login.ts:41")
    s.assistant(SONNET, s.tool("Read", {"file_path": "/home/dev/webapp/src/routes/login.ts"}),
                cusage(6, 388, 20162, 88))
    s.tool_result("router.get('/login', requireAuth, (req, res) => res.render('login'));")
    # costUSD carried at top level
    s.assistant(SONNET, s.text("Found it: `/login` itself is wrapped in `requireAuth`, so an expired session "
                               "redirects to /login, which redirects to /login again."),
                cusage(5, 640, 20550, 187), extra_top={"costUSD": 0.0123})
    s.user("Nice catch. Fix it, and also the café menu page — it has the same problem 🙂")
    # 1h cache write
    s.assistant(OPUS, s.tool("Edit", {"file_path": "/home/dev/webapp/src/routes/login.ts",
                                      "old_string": "router.get('/login', requireAuth, ",
                                      "new_string": "router.get('/login', "}),
                cusage(3, 3200, 21190, 421, eph=(200, 3000)))
    s.tool_result("The file /home/dev/webapp/src/routes/login.ts has been updated.")
    # torn line in the middle of the file (malformed), followed by valid lines
    s.torn(SONNET, cusage(4, 900, 22000, 250), '"usage":{"input_tokens":4,"cache_creation_input_tokens":9')
    s.user("[Request interrupted by user]")
    # synthetic, all-zero usage: not an event
    s.assistant(SYNTH, s.text("No response requested."), cusage(0, 0, 0, 0, tier=None))
    s.user("Sorry, continue with the menu page please.")
    s.blank()
    # streamed duplicate pair #2 (opus), partial then final
    _, m2, r2 = s.assistant(OPUS, [{"type": "thinking", "thinking": "The menu route probably reuses requireAuth.",
                                    "signature": "EqQBCkYIBxgCKkD" + b62(40)}],
                            cusage(8, 2410, 22390, 3), stop_reason=None)
    s.assistant(OPUS, s.tool("Grep", {"pattern": "menu", "path": "src/routes"}),
                cusage(8, 2410, 22390, 655), mid=m2, rid=r2, ts=s.clock.tick(0.5, 3))
    s.tool_result(TOOL_OUT_1)
    # pretty-printed-style line (", " and " : " separators)
    s.assistant(SONNET, s.tool("Read", {"file_path": "/home/dev/webapp/src/routes/menu.ts"}),
                cusage(5, 733, 24800, 74), pretty=True)
    s.tool_result("router.get('/menu', requireAuth, renderMenu);")
    s.assistant(SONNET, s.tool("Edit", {"file_path": "/home/dev/webapp/src/routes/menu.ts",
                                        "old_string": "requireAuth, renderMenu", "new_string": "renderMenu"}),
                cusage(5, 301, 25533, 143))
    s.tool_result("The file /home/dev/webapp/src/routes/menu.ts has been updated.")
    s.assistant(SONNET, s.tool("Bash", {"command": "npm test -- auth", "description": "Run auth tests"}),
                cusage(5, 512, 25834, 61))
    s.tool_result("PASS src/middleware/auth.test.ts (12 tests)\nPASS src/routes/login.test.ts (7 tests)")
    # exact re-write pair (identical usage, same id and requestId)
    line, m3, r3 = s.assistant(SONNET, s.text("Both routes are fixed and the auth tests pass."),
                               cusage(4, 420, 26346, 205))
    s.add(Line(line.text, Event(**{**line.event.__dict__})))
    s.user("Thanks. Commit it with a sensible message.")
    s.assistant(HAIKU, s.tool("Bash", {"command": "git commit -am 'Fix redirect loop on /login and /menu'",
                                       "description": "Commit fix"}),
                cusage(10, 1850, 0, 58))
    s.tool_result("[main 4e1c2ab] Fix redirect loop on /login and /menu\n 2 files changed, 2 insertions(+), 2 deletions(-)")
    s.assistant(SONNET, s.text("Committed as 4e1c2ab."), cusage(4, 180, 26900, 12))
    return s


def claude_session_b(a: ClaudeSession):
    """webapp session 2 (resumed): BOM + CRLF, copies two lines from session A,
    no-requestId pair, streamed pair #3, system + summary lines, evening UTC."""
    s = ClaudeSession("/home/dev/webapp", new_uuid(), "2025-10-14T18:05:40.000", branch="feature/csrf")
    # summary line first (as Claude Code writes on resume)
    s.summary("Fix login redirect loop on expired session", leaf=new_uuid())
    # copied lines from session A: its first user line and the Grep assistant line
    copied = [a.lines[0], a.lines[4]]
    assert copied[1].event is not None and copied[1].event.cost is None
    for ln in copied:
        d = json.loads(ln.text)
        d["sessionId"] = s.sid
        ev = Event(**{**ln.event.__dict__}) if ln.event else None
        s.add(Line(dumps(d), ev))
        s.parent = d["uuid"]
    s.clock.set("2025-10-14T18:05:40.000")
    s.user("Now add CSRF protection to the POST /login form.")
    # pair without requestId on both lines (partial then final)
    _, m1, _ = s.assistant(SONNET, s.text("Let me check which CSRF middleware is installed."),
                           cusage(4, 5120, 12030, 14), rid=None, stop_reason=None)
    s.assistant(SONNET, s.tool("Bash", {"command": "npm ls csurf lusca", "description": "List CSRF packages"}),
                cusage(4, 5120, 12030, 118), mid=m1, rid=None, ts=s.clock.tick(0.3, 1.2))
    s.tool_result("webapp@1.4.2 /home/dev/webapp\n└── (empty)")
    s.assistant(SONNET, s.tool("Bash", {"command": "npm install lusca", "description": "Install lusca"}),
                cusage(6, 240, 17150, 70))
    s.tool_result("added 1 package, and audited 812 packages in 3s")
    # streamed pair #3 crossing 18:30 UTC (Kolkata midnight) -> keep both copies after it
    s.clock.set("2025-10-14T18:31:02.250")
    _, m2, r2 = s.assistant(SONNET, s.text("I'll wire lusca.csrf() into the app before the routes."),
                            cusage(5, 880, 17390, 22), stop_reason=None)
    s.assistant(SONNET, s.tool("Edit", {"file_path": "/home/dev/webapp/src/app.ts",
                                        "old_string": "app.use(session(cfg));",
                                        "new_string": "app.use(session(cfg));\napp.use(lusca.csrf());"}),
                cusage(5, 880, 17390, 402), mid=m2, rid=r2, ts=s.clock.tick(0.5, 2))
    s.tool_result("The file /home/dev/webapp/src/app.ts has been updated.")
    s.assistant(SONNET, s.tool("Edit", {"file_path": "/home/dev/webapp/views/login.hbs",
                                        "old_string": "<form method=\"post\">",
                                        "new_string": "<form method=\"post\">\n  <input type=\"hidden\" name=\"_csrf\" value=\"{{csrfToken}}\">"}),
                cusage(5, 615, 18270, 166))
    s.tool_result("The file /home/dev/webapp/views/login.hbs has been updated.")
    s.system("Conversation compacted")
    s.user("Run the full test suite.")
    s.assistant(HAIKU, s.tool("Bash", {"command": "npm test", "description": "Run all tests"}),
                cusage(12, 9800, 0, 41))
    s.tool_result("Tests: 3 failed, 211 passed, 214 total\nFAIL src/routes/login.test.ts")
    s.assistant(SONNET, s.tool("Read", {"file_path": "/home/dev/webapp/src/routes/login.test.ts"}),
                cusage(4, 1420, 9800, 79))
    s.tool_result("it('posts credentials', async () => { await agent.post('/login').send(creds).expect(302); });")
    s.assistant(SONNET, s.tool("Edit", {"file_path": "/home/dev/webapp/src/routes/login.test.ts",
                                        "old_string": "agent.post('/login').send(creds)",
                                        "new_string": "agent.post('/login').send({ ...creds, _csrf: await csrf(agent) })"}),
                cusage(4, 702, 11220, 228))
    s.tool_result("The file /home/dev/webapp/src/routes/login.test.ts has been updated.")
    s.assistant(HAIKU, s.tool("Bash", {"command": "npm test", "description": "Run all tests"}),
                cusage(12, 1130, 9800, 38))
    s.tool_result("Tests: 214 passed, 214 total")
    s.assistant(SONNET, s.text("CSRF protection is in place; all 214 tests pass."),
                cusage(4, 310, 12620, 96))
    s.user("Great, thanks!")
    s.assistant(SONNET, s.text("You're welcome!"), cusage(3, 95, 12930, 8))
    return s


def claude_session_c():
    """billing-api session 1: sidechain, progress lines, API error, no cache_creation
    object, streamed pair #4, torn last line, evening UTC crossing Kolkata midnight."""
    s = ClaudeSession("/home/dev/billing-api", new_uuid(), "2025-10-15T17:48:10.500")
    s.user("Invoices for annual plans show the monthly price. Investigate with a subagent.")
    # Task tool call spawning a subagent
    _, mt, rt = s.assistant(OPUS, s.tool("Task", {"description": "Find invoice total computation",
                                                  "prompt": "Locate where invoice totals are computed for annual plans.",
                                                  "subagent_type": "general-purpose"}),
                            cusage(9, 6210, 14400, 187))
    task_tool = s.last_tool_id
    s.progress(HAIKU, cusage(8, 4012, 0, 96, eph=None, tier=None), parent_tool=task_tool, tool_use=toolu_id())
    s.progress(HAIKU, cusage(6, 733, 4012, 141, eph=None, tier=None), parent_tool=task_tool, tool_use=toolu_id())
    # subagent (sidechain) assistant line with its own message id
    s.assistant(HAIKU, s.text("Invoice totals are computed in src/billing/invoice.py:line_total(), "
                              "which multiplies the monthly price by quantity and ignores plan.interval."),
                cusage(5, 512, 4745, 88), sidechain=True)
    s.tool_result("Invoice totals are computed in src/billing/invoice.py:line_total(); plan.interval is ignored.",
                  tool_id=task_tool)
    # no cache_creation object: all cache_creation_input_tokens are 5m writes
    s.assistant(OPUS, s.tool("Read", {"file_path": "/home/dev/billing-api/src/billing/invoice.py"}),
                cusage(7, 2250, 20610, 66, eph=None))
    s.tool_result("def line_total(plan, qty):\n    return plan.monthly_price * qty")
    s.blank()
    # streamed pair #4 after 18:30 UTC
    s.clock.set("2025-10-15T18:29:58.900")
    s.tool_result(TOOL_OUT_2, tool_id=s.last_tool_id)  # tool_result mentioning usage/input_tokens
    s.clock.set("2025-10-15T18:30:04.100")
    _, m4, r4 = s.assistant(OPUS, s.text("The fix is to multiply by 12 for annual plans."),
                            cusage(6, 1340, 22860, 17), stop_reason=None)
    s.assistant(OPUS, s.tool("Edit", {"file_path": "/home/dev/billing-api/src/billing/invoice.py",
                                      "old_string": "return plan.monthly_price * qty",
                                      "new_string": "months = 12 if plan.interval == 'year' else 1\n    return plan.monthly_price * months * qty"}),
                cusage(6, 1340, 22860, 512), mid=m4, rid=r4, ts=s.clock.tick(0.5, 2))
    s.tool_result("The file /home/dev/billing-api/src/billing/invoice.py has been updated.")
    s.assistant(SONNET, s.tool("Bash", {"command": "pytest tests/billing -q", "description": "Run billing tests"}),
                cusage(4, 860, 24200, 54))
    s.tool_result("........................ [100%]\n24 passed in 1.92s")
    s.assistant(SONNET, s.text("Fixed: annual plans now bill 12x the monthly price. 24 billing tests pass."),
                cusage(4, 207, 25060, 131))
    s.user("Also add a regression test for the annual case.")
    # API error (usage limit): synthetic, zero usage, not an event
    s.assistant(SYNTH, s.text("Claude AI usage limit reached|1760457600"), cusage(0, 0, 0, 0, tier=None),
                extra_top={"isApiErrorMessage": True}, stop_reason="stop_sequence")
    s.user("continue")
    s.assistant(SONNET, s.tool("Write", {"file_path": "/home/dev/billing-api/tests/billing/test_annual.py",
                                         "content": "def test_annual_plan_total(annual_plan):\n    assert line_total(annual_plan, 1) == annual_plan.monthly_price * 12\n"}),
                cusage(4, 2980, 25267, 244))
    s.tool_result("File created successfully at: /home/dev/billing-api/tests/billing/test_annual.py")
    s.assistant(SONNET, s.tool("Bash", {"command": "pytest tests/billing -q", "description": "Run billing tests"}),
                cusage(4, 310, 28247, 52))
    s.tool_result("......................... [100%]\n25 passed in 1.97s")
    s.assistant(SONNET, s.text("Regression test added; 25 tests pass."), cusage(4, 120, 28557, 29))
    # torn LAST line (no trailing newline)
    s.torn(SONNET, cusage(4, 96, 28677, 310), '"cache_read_input_tokens":286')
    return s


def claude_session_d():
    """billing-api session 2 (stored as multi-frame .jsonl.zst): late-evening UTC,
    Kolkata next day; starts with a file-history-snapshot line."""
    s = ClaudeSession("/home/dev/billing-api", new_uuid(), "2025-10-16T21:34:17.002", version="2.0.15")
    s.add(Line(dumps({"type": "file-history-snapshot", "messageId": new_uuid(),
                      "snapshot": {"messageId": new_uuid(), "trackedFileBackups": {},
                                   "timestamp": "2025-10-16T21:34:17.002Z"},
                      "isSnapshotUpdate": False})))
    s.user("Add rate limiting to the /v1/invoices endpoint: 100 req/min per API key.")
    s.assistant(SONNET, s.tool("Glob", {"pattern": "src/api/**/*.py"}), cusage(4, 8120, 12850, 61))
    s.tool_result("src/api/app.py\nsrc/api/invoices.py\nsrc/api/middleware.py")
    s.assistant(SONNET, s.tool("Read", {"file_path": "/home/dev/billing-api/src/api/middleware.py"}),
                cusage(6, 1490, 20970, 72))
    s.tool_result("class ApiKeyAuth(BaseHTTPMiddleware):\n    async def dispatch(self, request, call_next): ...")
    s.assistant(SONNET, s.tool("Write", {"file_path": "/home/dev/billing-api/src/api/ratelimit.py",
                                         "content": "class TokenBucket:\n    ...\n"}),
                cusage(5, 1912, 22460, 893))
    s.tool_result("File created successfully at: /home/dev/billing-api/src/api/ratelimit.py")
    s.assistant(HAIKU, s.tool("Bash", {"command": "pytest tests/api -q", "description": "Run API tests"}),
                cusage(11, 14230, 0, 47))
    s.tool_result("2 failed, 40 passed\nE   assert resp.json()['usage']['input_tokens'] == 0")
    s.assistant(SONNET, s.text("Two failures come from the usage-reporting test fixture, unrelated to rate limiting. "
                               "Let me check."), cusage(5, 620, 24372, 36))
    s.assistant(SONNET, s.tool("Read", {"file_path": "/home/dev/billing-api/tests/api/test_usage.py"}),
                cusage(5, 418, 24992, 70))
    s.tool_result("def test_usage_report(client):\n    assert client.get('/v1/usage').json()['usage']['input_tokens'] == 0")
    s.user("Those usage tests are flaky, skip them for now.")
    s.clock.set("2025-10-16T23:02:45.300")
    s.assistant(SONNET, s.tool("Edit", {"file_path": "/home/dev/billing-api/tests/api/test_usage.py",
                                        "old_string": "def test_usage_report",
                                        "new_string": "@pytest.mark.skip(reason='flaky')\ndef test_usage_report"}),
                cusage(4, 2210, 25480, 154))
    s.tool_result("The file /home/dev/billing-api/tests/api/test_usage.py has been updated.")
    s.assistant(HAIKU, s.tool("Bash", {"command": "pytest tests/api -q", "description": "Run API tests"}),
                cusage(11, 1240, 14230, 44))
    s.tool_result("40 passed, 2 skipped")
    s.assistant(OPUS, s.text("Rate limiting is in place (token bucket, 100 req/min per key), with 40 API tests "
                             "passing and the two flaky usage tests skipped."),
                cusage(3, 27690, 0, 268))
    s.user("Ship it.")
    s.assistant(SONNET, s.tool("Bash", {"command": "git commit -am 'Rate-limit /v1/invoices'", "description": "Commit"}),
                cusage(4, 480, 27690, 57))
    s.tool_result("[main 9a0d113] Rate-limit /v1/invoices\n 3 files changed, 88 insertions(+), 1 deletion(-)")
    s.assistant(SONNET, s.text("Committed as 9a0d113."), cusage(4, 140, 28170, 15))
    return s


# --------------------------------------------------------------------------
# Codex CLI rollouts
# --------------------------------------------------------------------------

class CodexRollout:
    def __init__(self, sid: str, start: str, cwd: str, *, with_last=True, resets="in",
                 cli_version="0.46.0"):
        self.sid = sid
        self.cwd = cwd
        self.clock = Clock(start)
        self.with_last = with_last
        self.resets = resets
        self.cli_version = cli_version
        self.lines: list[Line] = []
        self.model = None
        self.total = dict(input_tokens=0, cached_input_tokens=0, output_tokens=0,
                          reasoning_output_tokens=0, total_tokens=0)
        self.used = [4.0, 18.0]

    def _emit(self, typ, payload, ts=None, event=None):
        ts = ts or self.clock.tick(0.5, 8)
        ln = Line(dumps({"timestamp": ts, "type": typ, "payload": payload}), event)
        self.lines.append(ln)
        return ln

    def meta(self):
        ts = iso(self.clock.now)
        return self._emit("session_meta", {
            "id": self.sid, "timestamp": ts, "cwd": self.cwd, "originator": "codex_cli_rs",
            "cli_version": self.cli_version, "instructions": None, "source": "cli",
            "model_provider": "openai",
            "git": {"commit_hash": f"{rng.getrandbits(160):040x}", "branch": "main",
                    "repository_url": "git@github.com:example/" + self.cwd.rsplit("/", 1)[1] + ".git"}},
            ts=ts)

    def turn_context(self, model, effort="medium"):
        self.model = model
        return self._emit("turn_context", {
            "cwd": self.cwd, "approval_policy": "on-request",
            "sandbox_policy": {"mode": "workspace-write"}, "model": model,
            "effort": effort, "summary": "auto"})

    def user(self, text):
        self._emit("response_item", {"type": "message", "role": "user",
                                     "content": [{"type": "input_text", "text": text}]})
        self._emit("event_msg", {"type": "user_message", "message": text, "images": []})

    def env_context(self):
        self._emit("response_item", {"type": "message", "role": "user", "content": [{
            "type": "input_text",
            "text": f"<environment_context>\n  <cwd>{self.cwd}</cwd>\n  <approval_policy>on-request</approval_policy>\n"
                    "  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n"
                    "  <shell>bash</shell>\n</environment_context>"}]})

    def reasoning(self, summary):
        self._emit("response_item", {"type": "reasoning", "summary": [
            {"type": "summary_text", "text": summary}], "content": None,
            "encrypted_content": "gAAAAA" + b62(60)})
        self._emit("event_msg", {"type": "agent_reasoning", "text": summary})

    def shell(self, cmd, output):
        cid = call_id()
        self._emit("response_item", {"type": "function_call", "name": "shell",
                                     "arguments": json.dumps({"command": ["bash", "-lc", cmd],
                                                              "workdir": self.cwd}),
                                     "call_id": cid})
        self._emit("response_item", {"type": "function_call_output", "call_id": cid,
                                     "output": json.dumps({"output": output,
                                                           "metadata": {"exit_code": 0, "duration_seconds": 0.4}})})

    def say(self, text):
        self._emit("event_msg", {"type": "agent_message", "message": text})
        self._emit("response_item", {"type": "message", "role": "assistant",
                                     "content": [{"type": "output_text", "text": text}]})

    def _rate_limits(self):
        self.used[0] = round(self.used[0] + rng.choice([0.0, 1.0, 2.0]), 1)
        self.used[1] = round(self.used[1] + rng.choice([0.0, 1.0]), 1)
        now = int(self.clock.now.timestamp())
        if self.resets == "in":
            p = {"used_percent": self.used[0], "window_minutes": 299, "resets_in_seconds": rng.randint(3000, 17000)}
            s = {"used_percent": self.used[1], "window_minutes": 10079, "resets_in_seconds": rng.randint(200000, 600000)}
        else:
            p = {"used_percent": self.used[0], "window_minutes": 300, "resets_at": now + rng.randint(3000, 17000)}
            s = {"used_percent": self.used[1], "window_minutes": 10080, "resets_at": now + rng.randint(200000, 600000)}
        return {"primary": p, "secondary": s}

    def token_count_null(self):
        return self._emit("event_msg", {"type": "token_count", "info": None,
                                        "rate_limits": self._rate_limits()})

    def token_count(self, inp, cached, out, reasoning):
        """One API call's usage. inp includes cached; out includes reasoning."""
        assert cached <= inp and reasoning <= out
        last = dict(input_tokens=inp, cached_input_tokens=cached, output_tokens=out,
                    reasoning_output_tokens=reasoning, total_tokens=inp + out)
        for k in self.total:
            self.total[k] += last[k]
        info = {"total_token_usage": dict(self.total)}
        if self.with_last:
            info["last_token_usage"] = last
        info["model_context_window"] = 272000
        ts = self.clock.tick(0.5, 8)
        ev = None
        if any(last.values()):
            ev = Event("codex", None, self.model, ts,
                       {"input_tokens": inp - cached, "output_tokens": out,
                        "cache_read_tokens": cached, "cache_write_5m_tokens": 0,
                        "cache_write_1h_tokens": 0, "reasoning_tokens": reasoning})
            ev.key = ("codex", self.sid, ts, self.model, tuple(sorted(ev.tokens.items())))
        return self._emit("event_msg", {"type": "token_count", "info": info,
                                        "rate_limits": self._rate_limits()}, ts=ts, event=ev)

    def repeat_last(self):
        """Exact re-emission of the previous line (same timestamp, same info)."""
        prev = self.lines[-1]
        ev = Event(**{**prev.event.__dict__}) if prev.event else None
        self.lines.append(Line(prev.text, ev))

    def token_count_unchanged(self):
        """A token_count with no new usage (zero delta): not an event."""
        return self.token_count(0, 0, 0, 0)


def codex_r1():
    """2025-10-14: last_token_usage present, exact repeat, model switch gpt-5-codex -> gpt-5."""
    r = CodexRollout(new_uuid(), "2025-10-14T10:02:11.417", "/home/dev/cli-tool")
    r.meta()
    r.turn_context("gpt-5-codex")
    r.env_context()
    r.user("Add a --json flag to the `stats` subcommand.")
    r.token_count_null()
    r.reasoning("**Inspecting CLI argument parsing**")
    r.shell("rg -n 'stats' src/cli.rs", "src/cli.rs:42:    Stats { #[arg(long)] days: u32 },\nsrc/cli.rs:88:        Command::Stats { days } => stats::run(days),")
    r.token_count(8113, 3968, 312, 256)
    r.shell("sed -n 1,80p src/stats.rs", "pub fn run(days: u32) -> Result<()> {\n    let usage = load_usage(days)?; // usage.input_tokens etc.\n    print_table(&usage)\n}")
    r.token_count(9402, 8064, 205, 128)
    r.reasoning("**Adding serde output path**")
    r.shell("apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: src/cli.rs\n@@\n-    Stats { #[arg(long)] days: u32 },\n+    Stats { #[arg(long)] days: u32, #[arg(long)] json: bool },\n*** End Patch\nEOF",
            "Success. Updated the following files:\nM src/cli.rs")
    r.token_count(10977, 9344, 1184, 640)
    r.repeat_last()   # exact repeated token_count (same timestamp, same info)
    r.shell("cargo test -q stats", "running 6 tests\n......\ntest result: ok. 6 passed; 0 failed")
    r.token_count(11520, 10880, 96, 64)
    r.say("Added `--json` to `stats`; it serializes the usage table with serde. Tests pass.")
    r.token_count(11890, 11392, 148, 0)
    # model switch mid-session
    r.user("Now document the flag in the README, keep it short.")
    r.turn_context("gpt-5", effort="low")
    r.reasoning("**Updating README usage section**")
    r.shell("rg -n '## Usage' README.md", "README.md:17:## Usage")
    r.token_count(12406, 11776, 233, 192)
    r.shell("apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: README.md\n@@\n+`cli-tool stats --json` prints machine-readable output.\n*** End Patch\nEOF",
            "Success. Updated the following files:\nM README.md")
    r.token_count(12650, 12288, 420, 320)
    r.say("Documented `--json` under Usage in README.md.")
    r.token_count(12802, 12544, 61, 0)
    return r


def codex_r2():
    """2025-10-15 evening UTC (crosses Kolkata midnight): NO last_token_usage, only
    cumulative totals; includes an unchanged-total token_count (zero delta).
    Stored as single-frame .jsonl.zst."""
    r = CodexRollout(new_uuid(), "2025-10-15T18:11:52.030", "/home/dev/cli-tool",
                     with_last=False, cli_version="0.45.0")
    r.meta()
    r.turn_context("gpt-5-codex", effort="high")
    r.env_context()
    r.user("The `sync` command panics on an empty config file. Fix it.")
    r.token_count_null()
    r.reasoning("**Reproducing the panic**")
    r.shell("printf '' > /tmp/empty.toml && cargo run -q -- sync --config /tmp/empty.toml",
            "thread 'main' panicked at src/config.rs:31:10:\ncalled `Option::unwrap()` on a `None` value")
    r.token_count(7420, 0, 510, 448)
    r.shell("sed -n 20,40p src/config.rs", "    let table = doc.as_table().unwrap();\n    let remote = table.get(\"remote\").unwrap();")
    r.token_count(8961, 7296, 233, 192)
    r.token_count_unchanged()   # same cumulative totals -> zero delta
    r.clock.set("2025-10-15T18:29:40.000")
    r.reasoning("**Returning a default config instead of unwrap**")
    r.shell("apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: src/config.rs\n@@\n-    let remote = table.get(\"remote\").unwrap();\n+    let Some(remote) = table.get(\"remote\") else { return Ok(Config::default()) };\n*** End Patch\nEOF",
            "Success. Updated the following files:\nM src/config.rs")
    r.clock.set("2025-10-15T18:30:05.000")
    r.token_count(10240, 8832, 1630, 1152)
    r.shell("cargo test -q config", "running 9 tests\n.........\ntest result: ok. 9 passed; 0 failed")
    r.token_count(10811, 10112, 87, 64)
    r.say("Empty config files now yield `Config::default()` instead of panicking; added a test.")
    r.token_count(11003, 10624, 142, 0)
    r.user("Run clippy too.")
    r.shell("cargo clippy -q -- -D warnings", "")
    r.token_count(11347, 10880, 58, 0)
    r.say("Clippy is clean.")
    r.token_count(11420, 11264, 22, 0)
    return r


def codex_r3():
    """Archived rollout, 2025-10-16 late evening UTC: rate_limits use resets_at;
    a token_count whose last_token_usage is all zero (zero delta)."""
    r = CodexRollout(new_uuid(), "2025-10-16T21:47:30.900", "/home/dev/cli-tool",
                     resets="at", cli_version="0.47.0")
    r.meta()
    r.turn_context("gpt-5-codex")
    r.env_context()
    r.user("Bump the MSRV to 1.80 and fix whatever breaks.")
    r.token_count_null()
    r.reasoning("**Checking rust-version field**")
    r.shell("rg -n 'rust-version' Cargo.toml", "Cargo.toml:5:rust-version = \"1.74\"")
    r.token_count(7810, 3584, 129, 64)
    r.shell("sed -i 's/rust-version = \"1.74\"/rust-version = \"1.80\"/' Cargo.toml && cargo +1.80 check -q",
            "warning: unnecessary qualification\n  --> src/stats.rs:12:5")
    r.token_count(8544, 7680, 366, 256)
    r.token_count_unchanged()
    r.reasoning("**Silencing the new lint by simplifying the path**")
    r.shell("apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: src/stats.rs\n@@\n-    std::mem::take(&mut usage.input_tokens)\n+    mem::take(&mut usage.input_tokens)\n*** End Patch\nEOF",
            "Success. Updated the following files:\nM src/stats.rs")
    r.token_count(9310, 8448, 702, 512)
    r.shell("cargo +1.80 test -q", "test result: ok. 58 passed; 0 failed")
    r.token_count(9544, 9216, 45, 0)
    r.say("MSRV is now 1.80; fixed one lint in src/stats.rs; all 58 tests pass.")
    r.clock.set("2025-10-16T23:58:55.000")
    r.token_count(9710, 9472, 171, 64)
    return r


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


# ---------------------------------------------------------------- OpenAI ---

def chat_completion(model, created: datetime, prompt, cached, completion, reasoning=0, text="",
                    tool=None):
    assert cached <= prompt and reasoning <= completion
    if tool:
        message = {"role": "assistant", "content": None,
                   "tool_calls": [{"id": "call_" + n_b62(24), "type": "function",
                                   "function": {"name": tool[0], "arguments": json.dumps(tool[1])}}],
                   "refusal": None, "annotations": []}
        finish = "tool_calls"
    else:
        message = {"role": "assistant", "content": text, "refusal": None, "annotations": []}
        finish = "stop"
    return {"id": "chatcmpl-" + n_b62(29), "object": "chat.completion",
            "created": int(created.timestamp()), "model": model,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion,
                      "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
                      "completion_tokens_details": {"reasoning_tokens": reasoning, "audio_tokens": 0,
                                                    "accepted_prediction_tokens": 0,
                                                    "rejected_prediction_tokens": 0}},
            "service_tier": "default",
            "system_fingerprint": None if model == O3 else "fp_" + n_hex(10)}


def responses_object(model, created: datetime, inp, cached, out, reasoning=0, text="", effort=None):
    assert cached <= inp and reasoning <= out
    output = []
    if model == O3:
        output.append({"id": "rs_" + n_hex(48), "type": "reasoning", "summary": []})
    output.append({"id": "msg_" + n_hex(48), "type": "message", "status": "completed",
                   "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": text}],
                   "role": "assistant"})
    return {"id": "resp_" + n_hex(48), "object": "response", "created_at": int(created.timestamp()),
            "status": "completed", "background": False, "error": None, "incomplete_details": None,
            "instructions": None, "max_output_tokens": None, "model": model, "output": output,
            "parallel_tool_calls": True, "previous_response_id": None,
            "reasoning": {"effort": effort, "summary": None}, "service_tier": "default", "store": True,
            "temperature": 1.0, "text": {"format": {"type": "text"}, "verbosity": "medium"},
            "tool_choice": "auto", "tools": [], "top_p": 1.0, "truncation": "disabled",
            "usage": {"input_tokens": inp, "input_tokens_details": {"cached_tokens": cached},
                      "output_tokens": out, "output_tokens_details": {"reasoning_tokens": reasoning},
                      "total_tokens": inp + out},
            "user": None, "metadata": {}}


def openai_event(obj: dict, when: datetime, user=None) -> Event:
    u = obj["usage"]
    if obj["object"] == "chat.completion":
        prompt, out = u["prompt_tokens"], u["completion_tokens"]
        cached = u["prompt_tokens_details"]["cached_tokens"]
        reasoning = u["completion_tokens_details"]["reasoning_tokens"]
    else:
        prompt, out = u["input_tokens"], u["output_tokens"]
        cached = u["input_tokens_details"]["cached_tokens"]
        reasoning = u["output_tokens_details"]["reasoning_tokens"]
    return new_event("openai-api", ("openai-api", obj["id"]), obj["model"], when,
                     inp=prompt - cached, out=out, cr=cached, reasoning=reasoning, user=user)


def created_time(obj: dict) -> datetime:
    t = obj["created"] if obj["object"] == "chat.completion" else obj["created_at"]
    return datetime.fromtimestamp(t, timezone.utc)


def openai_line(obj: dict) -> Line:
    return Line(dumps(obj), openai_event(obj, created_time(obj)))


def openai_chat_file() -> list[Line]:
    """2025-10-14: Chat Completions as an app logs `completion.model_dump_json()`."""
    lines: list[Line] = []
    t = utc("2025-10-14T08:05:12")
    specs = [
        (GPT4O_MINI, 1342, 0, 187, 0, "The ticket is about a failed card payment; route it to Billing."),
        (GPT4O, 5210, 4096, 402, 0, "Here is a summary of the three incidents from last week..."),
        (GPT4O, 6120, 5120, 58, 0, ("search_runbooks", {"query": "redis failover"})),
        (GPT4O, 6455, 6016, 512, 0, "Runbook RB-114 covers the Redis failover: promote the replica, then..."),
    ]
    for model, prompt, cached, out, reasoning, what in specs:
        t = after(t, 300, 2400)
        if isinstance(what, tuple):
            obj = chat_completion(model, t, prompt, cached, out, reasoning, tool=what)
        else:
            obj = chat_completion(model, t, prompt, cached, out, reasoning, text=what)
        lines.append(openai_line(obj))
    # the same response logged twice (the app's retry wrapper logs before and after): counts once
    lines.append(Line(lines[-1].text, Event(**{**lines[-1].event.__dict__})))
    t = after(t, 600, 1800)
    lines.append(openai_line(chat_completion(O3, t, 3820, 0, 2410, 1984,
                                             text="The migration is safe if you backfill before adding the NOT NULL constraint.")))
    lines.append(Line(""))
    t = after(t, 900, 3000)
    lines.append(openai_line(chat_completion(GPT4O_MINI, t, 980, 0, 64, text="Category: shipping delay.")))
    # one response wrapped by a logging proxy, with rate-limit headers and a user
    t = utc("2025-10-14T16:20:09")
    obj = chat_completion(GPT4O, t, 14210, 12800, 733, text="Draft reply to the customer: ...")
    logged = after(t, 2, 6)
    assert same_days(t, logged)
    wrapped = {"timestamp": rfc(logged), "user_id": "u-chen", "response": obj,
               "headers": {"x-ratelimit-limit-requests": "500", "x-ratelimit-limit-tokens": "30000",
                           "x-ratelimit-remaining-requests": "497", "x-ratelimit-remaining-tokens": "12000",
                           "x-ratelimit-reset-requests": "360ms", "x-ratelimit-reset-tokens": "1m30s",
                           "openai-processing-ms": "4127", "x-request-id": "req_" + n_hex(32)}}
    lines.append(Line(dumps(wrapped), openai_event(obj, logged, user="u-chen")))
    # a torn line in the middle of the file (the logger was killed mid-write)
    t = after(t, 120, 600)
    full = dumps(chat_completion(GPT4O, t, 21033, 19968, 377, text="..."))
    lines.append(torn_line(full, '"usage":{"prompt_tokens":21'))
    t = after(t, 300, 900)
    lines.append(openai_line(chat_completion(GPT41, t, 20480, 18944, 1290,
                                             text="I refactored `parse_invoice` into three functions; see the diff.")))
    # after 18:30 UTC: 2025-10-15 in Asia/Kolkata
    t = utc("2025-10-14T18:41:27")
    lines.append(openai_line(chat_completion(O3, t, 9012, 7936, 3105, 2688,
                                             text="Proof sketch: induct on the number of merges...")))
    t = after(t, 400, 900)
    lines.append(openai_line(chat_completion(GPT4O_MINI, t, 2211, 1024, 143, text="Yes, that matches the SLA.")))
    t = after(t, 400, 900)
    lines.append(openai_line(chat_completion(GPT41, t, 4410, 0, 388, text="Added type hints to the module.")))
    return lines


RESPONSE_TEXTS = [
    "The flaky test depends on dict ordering; sort the keys before comparing.",
    "Here is the SQL for weekly active users by plan.",
    "Summary: the outage was caused by an expired TLS certificate on the internal gateway.",
    "Three options, ranked by effort: ...",
    "The regex misses IPv6 literals; use ipaddress.ip_address instead.",
    "Translated the onboarding email into German and French.",
    "The contract's renewal clause requires 60 days' notice.",
    "Rewrote the function without recursion; complexity is unchanged.",
    "Here is a checklist for the quarterly access review.",
    "The chart uses a log scale because latencies span four orders of magnitude.",
]


def openai_responses_files() -> tuple[list[Line], list[Line]]:
    """Responses API objects: an archive rotated at noon (2025-10-15, stored as
    .jsonl.zst) and the live log, which repeats the archive's last response."""
    plan = [  # model, input, cached, output, reasoning, effort
        (O3, 2890, 0, 1822, 1536, "medium"),
        (GPT41, 7301, 6144, 455, 0, None),
        (GPT4O_MINI, 612, 0, 97, 0, None),
        (O3, 11820, 10240, 2961, 2304, "high"),
        (GPT41, 9114, 8960, 702, 0, None),
        (GPT4O_MINI, 1533, 1152, 211, 0, None),
        (O3, 5402, 4864, 1205, 960, "low"),
    ]
    archive: list[Line] = []
    t = utc("2025-10-15T00:41:55")
    for i, (model, inp, cached, out, reasoning, effort) in enumerate(plan):
        t = after(t, 2400, 6000)
        obj = responses_object(model, t, inp, cached, out, reasoning, RESPONSE_TEXTS[i % 10], effort)
        archive.append(openai_line(obj))
    assert created_time(json.loads(archive[-1].text)) < utc("2025-10-15T12:00:00")

    live: list[Line] = []
    # log rotation overlap: the archive's last response again (same id, counts once)
    live.append(Line(archive[-1].text, Event(**{**archive[-1].event.__dict__})))
    t = utc("2025-10-15T12:03:40")
    plan = [
        (GPT41, 15320, 14336, 1104, 0, None),
        (GPT4O_MINI, 845, 0, 122, 0, None),
        (O3, 6610, 5888, 2234, 1792, "medium"),
        (GPT41, 3020, 0, 260, 0, None),
    ]
    for i, (model, inp, cached, out, reasoning, effort) in enumerate(plan):
        t = after(t, 1800, 5400)
        live.append(openai_line(responses_object(model, t, inp, cached, out, reasoning,
                                                 RESPONSE_TEXTS[(i + 3) % 10], effort)))
    # a streamed response: only its `response.completed` event is logged
    t = utc("2025-10-15T19:02:13")
    obj = responses_object(O3, t, 8204, 7680, 2760, 2240, "Step-by-step derivation of the bound...", "high")
    live.append(Line(dumps({"type": "response.completed", "sequence_number": 187, "response": obj}),
                     openai_event(obj, t)))
    t = utc("2025-10-16T09:12:30")
    for i, (model, inp, cached, out, reasoning, effort) in enumerate([
        (GPT4O_MINI, 2204, 1920, 180, 0, None),
        (GPT41, 12007, 11776, 931, 0, None),
        (GPT4O_MINI, 730, 0, 58, 0, None),
    ]):
        t = after(t, 1200, 4800)
        live.append(openai_line(responses_object(model, t, inp, cached, out, reasoning,
                                                 RESPONSE_TEXTS[(i + 7) % 10], effort)))
    return archive, live


# ------------------------------------------------------------- Anthropic ---

def anthropic_tokens(u: dict) -> dict:
    """Anthropic usage -> FIELDS: 5m = max(ephemeral_5m, creation - 1h)."""
    creation = u.get("cache_creation_input_tokens", 0)
    cc = u.get("cache_creation")
    if cc is None:
        w5, w1 = creation, 0
    else:
        w1 = cc["ephemeral_1h_input_tokens"]
        w5 = max(cc["ephemeral_5m_input_tokens"], creation - w1)
    return {"input_tokens": u["input_tokens"], "output_tokens": u["output_tokens"],
            "cache_read_tokens": u.get("cache_read_input_tokens", 0),
            "cache_write_5m_tokens": w5, "cache_write_1h_tokens": w1, "reasoning_tokens": 0}


def anthropic_line(when: datetime, model, text, usage, *, mid=None, remaining=None, stop="end_turn"):
    mid = mid or "msg_01" + n_b62(22)
    resp = {"id": mid, "type": "message", "role": "assistant", "model": model,
            "content": [{"type": "text", "text": text}] if text else [], "stop_reason": stop,
            "stop_sequence": None,
            "usage": usage}
    reset = whole(when) + timedelta(seconds=nrng.randint(4, 50))
    total = usage["input_tokens"] + usage["output_tokens"]
    remaining = remaining if remaining is not None else 800000 - total - nrng.randint(0, 90000)
    headers = {"anthropic-ratelimit-requests-limit": "4000",
               "anthropic-ratelimit-requests-remaining": str(3999 - nrng.randint(0, 40)),
               "anthropic-ratelimit-requests-reset": rfc(whole(when) + timedelta(seconds=1), 0),
               "anthropic-ratelimit-tokens-limit": "800000",
               "anthropic-ratelimit-tokens-remaining": str(remaining),
               "anthropic-ratelimit-tokens-reset": rfc(reset, 0),
               "request-id": "req_011C" + n_b62(20)}
    d = {"timestamp": rfc(when), "response": resp, "headers": headers}
    ev = new_event("anthropic-api", ("anthropic-api", mid), model, when, **{
        k: v for k, v in zip(("inp", "out", "cr", "w5", "w1", "reasoning"),
                             anthropic_tokens(usage).values())})
    return Line(dumps(d), ev), mid


def ausage(inp, cw, cr, out, split="default"):
    u = {"input_tokens": inp, "cache_creation_input_tokens": cw, "cache_read_input_tokens": cr}
    if split == "default":
        split = (cw, 0)
    if split is not None:
        u["cache_creation"] = {"ephemeral_5m_input_tokens": split[0], "ephemeral_1h_input_tokens": split[1]}
    u["output_tokens"] = out
    u["service_tier"] = "standard"
    return u


def anthropic_file() -> list[Line]:
    """2025-10-14 12:10 UTC .. 2025-10-15 02:00 UTC: an internal service's log
    of Messages API responses with their rate-limit headers."""
    lines: list[Line] = []
    t = utc("2025-10-14T12:10:31.250")
    plan = [
        (SONNET, "Classified 40 support emails; 6 need a human.", ausage(3, 5120, 0, 812)),
        (SONNET, "Here are the follow-up questions for the vendor.", ausage(4, 640, 5120, 402)),
        (HAIKU, "spam", ausage(812, 0, 0, 2, split=None)),
        (SONNET, "The system prompt is now cached for an hour.", ausage(3, 9216, 0, 233, split=(0, 9216))),
        (SONNET, "Extracted 14 line items from the invoice PDF.", ausage(5, 1180, 9216, 1470, split=(1180, 0))),
        (HAIKU, "Language: Portuguese (pt-BR).", ausage(422, 0, 0, 9)),
    ]
    for model, text, usage in plan:
        t = after(t, 40, 900)
        line, _ = anthropic_line(t, model, text, usage)
        lines.append(line)
    # the same message logged twice: first with the output count of `message_start`,
    # then complete -- dedup by id keeps the larger copy
    t = after(t, 60, 300)
    partial, mid = anthropic_line(t, SONNET, "", ausage(6, 2048, 9216, 1), stop=None)
    lines.append(partial)
    t = after(t, 9, 20)
    line, _ = anthropic_line(t, SONNET, "Drafted the release notes for v3.2: ...",
                             ausage(6, 2048, 9216, 1187), mid=mid)
    lines.append(line)
    assert same_days(utc(partial.event.ts[:23]), t)
    # no cache_creation object (older API version): all creation is 5m
    t = after(t, 120, 600)
    line, _ = anthropic_line(t, HAIKU, "Tagged: onboarding, billing.", ausage(18, 3400, 0, 31, split=None))
    lines.append(line)
    # breakdown smaller than the total: 5m = max(0, 2560 - 2048) = 512
    t = after(t, 120, 600)
    line, _ = anthropic_line(t, SONNET, "Reviewed the Terraform plan; two resources are replaced.",
                             ausage(4, 2560, 9216, 644, split=(0, 2048)))
    assert line.event.tokens["cache_write_5m_tokens"] == 512
    lines.append(line)
    # around Kolkata midnight (18:30 UTC) and past it
    t = utc("2025-10-14T18:28:44.120")
    line, _ = anthropic_line(t, SONNET, "Nightly report: 3 regressions, 1 fixed.", ausage(3, 310, 11776, 905))
    lines.append(line)
    t = utc("2025-10-14T18:33:02.705")
    line, _ = anthropic_line(t, HAIKU, "OK", ausage(205, 0, 0, 3))
    lines.append(line)
    t = utc("2025-10-14T23:55:10.000")
    for model, text, usage in [
        (SONNET, "Weekly digest prepared.", ausage(3, 7040, 0, 1302, split=(1024, 6016))),
        (SONNET, "Follow-up digest for the APAC team.", ausage(3, 0, 7040, 1166)),
        (HAIKU, "Routed to: security.", ausage(930, 0, 0, 6)),
    ]:
        t = after(t, 200, 2400)
        line, _ = anthropic_line(t, model, text, usage)
        lines.append(line)
    return lines


# -------------------------------------------------------------- agentkit ---

def agentkit_file() -> list[Line]:
    """agentkit's usage store: `json.dumps(asdict(record))` per line, the
    timestamp from `datetime.now(timezone.utc).isoformat()`."""
    people = [("u-alice", "eng"), ("u-bob", "research"), ("u-chen", "support"), ("u-dana", "support"),
              (None, "eng"), ("u-erin", None), (None, None)]
    agents = [("code-reviewer", SONNET), ("support-triage", GPT4O_MINI), ("research-assistant", GPT4O),
              ("research-assistant", GEMINI_PRO), ("summarizer", HAIKU), ("sql-helper", GPT41)]
    lines: list[Line] = []
    t = utc("2025-10-14T07:58:03.114523")
    for i in range(22):
        t = after(t, 900, 9000) if i < 18 else after(t, 120, 1500)
        if i == 12:
            t = utc("2025-10-16T07:12:55.801377")
        if i == 18:
            t = utc("2025-10-16T18:41:09.318004")   # Kolkata: the 17th
        agent, model = agents[(i * 5 + i // 3) % len(agents)]
        user, dept = people[(i * 3 + 1) % len(people)]
        prompt = nrng.randint(90, 30000)
        completion = nrng.randint(8, 1800)
        cost = price(model, prompt, completion, digits=8)
        # isoformat drops the fraction when the microseconds are zero
        stamp = t.replace(microsecond=0) if i == 9 else t
        rec = {"timestamp": stamp.isoformat(), "agent_name": agent, "model": model,
               "prompt_tokens": prompt, "completion_tokens": completion,
               "total_tokens": prompt + completion, "cost": cost,
               "latency_ms": round(nrng.uniform(300, 9000), 2) if i % 4 else float(nrng.randint(300, 9000)),
               "user_id": user, "department_id": dept}
        ev = new_event("usage-record", None, model, stamp, inp=prompt, out=completion, cost=cost,
                       user=user, department=dept)
        lines.append(Line(json.dumps(rec), ev))
        if i == 5:
            # two identical records: agentkit does not dedupe, they are two requests
            lines.append(Line(json.dumps(rec), Event(**{**ev.__dict__})))
    return lines


# --------------------------------------------------------------- gateway ---

def pipeline_usage(session: dict) -> dict:
    """The Pipeline service's `_parse_session_usage`, used to check what we write."""
    def get_int(d, *keys):
        for k in keys:
            v = d.get(k)
            if v is not None:
                try:
                    return int(float(v))
                except (TypeError, ValueError):
                    pass
        return 0
    usage = session.get("usage") or session.get("tokens") or {}
    if not isinstance(usage, dict):
        usage = {}
    return {
        "input": get_int(usage, "input_tokens", "inputTokens", "input")
        or get_int(session, "input_tokens", "inputTokens"),
        "output": get_int(usage, "output_tokens", "outputTokens", "output")
        or get_int(session, "output_tokens", "outputTokens"),
        "cache_read": get_int(usage, "cache_read_input_tokens", "cacheReadTokens", "cache_read")
        or get_int(session, "cache_read_tokens", "cacheReadTokens"),
        "cache_write": get_int(usage, "cache_creation_input_tokens", "cacheWriteTokens", "cache_write")
        or get_int(session, "cache_write_tokens", "cacheWriteTokens"),
    }


def pipeline_cost(session: dict) -> float:
    """The Pipeline service's `_get_explicit_cost`."""
    usage = session.get("usage")
    if isinstance(usage, dict):
        block = usage.get("cost")
        if isinstance(block, dict):
            total = block.get("total")
            if isinstance(total, (int, float)) and total > 0:
                return float(total)
        if isinstance(block, (int, float)) and block > 0:
            return float(block)
    for k in ("cost", "cost_usd", "costUsd"):
        v = session.get(k)
        if v is not None:
            return float(v)
    return 0.0


def gateway_session(style: str, sid: str, label: str, provider: str, model: str,
                    created: datetime, updated: datetime | None, inp, out, cr, cw, calls) -> tuple[dict, Event]:
    """A gateway session in one of the key conventions the Pipeline service reads."""
    cost = price(model, inp, out, cr, cw, digits=6)
    if style == "snake":        # Python backend: snake_case, cost block with a total
        d = {"sessionId": sid, "label": label, "provider": provider, "model": model,
             "usage": {"input_tokens": inp, "output_tokens": out, "cache_read_input_tokens": cr,
                       "cache_creation_input_tokens": cw,
                       "cost": {"total": cost, "input": price(model, inp, 0, digits=6),
                                "output": price(model, 0, out, digits=6)}},
             "calls": calls, "created_at": rfc(created, 6).replace("Z", "+00:00"),
             "updated_at": rfc(updated, 6).replace("Z", "+00:00")}
    elif style == "camel":      # OpenClaw gateway: camelCase, flat cost in usage
        d = {"id": sid, "name": label, "provider": provider, "modelName": model,
             "usage": {"inputTokens": inp, "outputTokens": out, "cacheReadTokens": cr,
                       "cacheWriteTokens": cw, "cost": cost},
             "messageCount": calls, "createdAt": rfc(created), "updatedAt": rfc(updated)}
    elif style == "short":      # `tokens` instead of `usage`, short names, cost_usd
        d = {"session_id": sid, "title": label, "provider": provider, "model": model,
             "tokens": {"input": inp, "output": out, "cache_read": cr, "cache_write": cw},
             "messages": calls, "cost_usd": cost, "lastActivity": rfc(updated)}
    elif style == "top":        # no usage object: top-level counts, costUsd
        d = {"sessionId": sid, "label": label, "provider": provider, "model": model,
             "inputTokens": inp, "outputTokens": out, "cacheReadTokens": cr, "cacheWriteTokens": cw,
             "totalTokens": inp + out, "messageCount": calls, "costUsd": cost,
             "last_activity": rfc(updated, 0)}
    elif style == "fallback":   # usage without input: the top-level input_tokens is used; created_at only
        d = {"id": sid, "label": label, "provider": provider, "model": model, "input_tokens": inp,
             "usage": {"output_tokens": out, "cache_read_input_tokens": cr, "cache_creation_input_tokens": cw,
                       "cost": {"total": 0}},
             "calls": calls, "cost": cost, "createdAt": rfc(created)}
    else:
        raise ValueError(style)
    assert pipeline_usage(d) == {"input": inp, "output": out, "cache_read": cr, "cache_write": cw}, d
    explicit = pipeline_cost(d)
    assert explicit == cost
    when = updated if updated is not None else created
    ev = new_event("gateway-session", ("gateway-session", sid), model, when,
                   inp=inp, out=out, cr=cr, w5=cw, cost=explicit if explicit > 0 else None)
    return d, ev


def gateway_files() -> tuple[list[Line], list[Line]]:
    """A sessions export (one session per line) and two `sessions.list` results."""
    per_line: list[Line] = []
    rows = [
        ("snake", "Refactor payment retries", "anthropic", SONNET, "2025-10-15T06:02:11.402", "2025-10-15T07:41:09.512",
         184, 22410, 1402330, 88120, 61),
        ("camel", "Inbox triage", "claude", HAIKU, "2025-10-15T08:15:00.000", "2025-10-15T08:47:31.250",
         20455, 3120, 0, 0, 44),
        ("short", "Quarterly OKR draft", "openai", GPT41, "2025-10-15T09:00:00", "2025-10-15T10:12:45.900",
         48210, 6633, 125440, 0, 18),
        ("top", "Scrape release notes", "openai", GPT4O, "2025-10-15T11:30:00", "2025-10-15T11:58:02.000",
         30871, 2290, 15360, 0, 9),
        # created on the 15th, last active on the 16th: the event is on the 16th
        ("snake", "Long-running data migration", "anthropic", SONNET, "2025-10-15T22:47:18.003", "2025-10-16T03:05:44.871",
         412, 51200, 3880012, 240330, 133),
        ("fallback", "Contract Q&A", "claude", SONNET, "2025-10-16T05:20:33.000", None,
         3021, 4480, 96512, 12288, 12),
        ("camel", "Standup notes", "openai", GPT4O_MINI, "2025-10-16T08:59:00.000", "2025-10-16T09:04:12.044",
         5512, 740, 2048, 0, 6),
        # last active after 18:30 UTC: 2025-10-17 in Kolkata
        ("short", "On-call handover", "anthropic", HAIKU, "2025-10-16T18:02:00", "2025-10-16T18:52:37.118",
         8800, 1290, 40960, 6144, 21),
    ]
    for style, label, provider, model, created, updated, inp, out, cr, cw, calls in rows:
        d, ev = gateway_session(style, n_uuid(), label, provider, model, utc(created),
                                utc(updated) if updated else None, inp, out, cr, cw, calls)
        per_line.append(Line(dumps(d), ev))

    # sessions.list taken at 14:00 and at 17:55 UTC on the 16th (both before
    # 18:30 UTC, so each session's two snapshots share both day buckets)
    ids = [n_uuid() for _ in range(5)]
    first = [  # style, label, provider, model, created, updated, inp, out, cr, cw, calls
        ("camel", "Support bot #eu", "anthropic", SONNET, "2025-10-16T09:00:05.000", "2025-10-16T13:58:40.100",
         1250, 30144, 2210400, 120400, 80),
        ("camel", "Docs writer", "openai", GPT41, "2025-10-16T10:30:00.000", "2025-10-16T13:41:12.000",
         60400, 9210, 201728, 0, 25),
        ("top", "Nightly QA", "claude", HAIKU, "2025-10-16T11:00:00.000", "2025-10-16T11:42:00.000",
         14400, 2230, 81920, 4096, 30),
        ("short", "Sales research", "openai", GPT4O, "2025-10-16T12:10:00", "2025-10-16T13:55:09.000",
         22050, 3013, 40960, 0, 14),
    ]
    second = [
        # grown
        ("camel", "Support bot #eu", "anthropic", SONNET, "2025-10-16T09:00:05.000", "2025-10-16T17:52:18.660",
         2102, 51877, 3920110, 160240, 141),
        ("camel", "Docs writer", "openai", GPT41, "2025-10-16T10:30:00.000", "2025-10-16T16:20:31.000",
         71880, 11945, 262144, 0, 31),
        # unchanged (tie: the first snapshot's copy is kept)
        ("top", "Nightly QA", "claude", HAIKU, "2025-10-16T11:00:00.000", "2025-10-16T11:42:00.000",
         14400, 2230, 81920, 4096, 30),
        ("short", "Sales research", "openai", GPT4O, "2025-10-16T12:10:00", "2025-10-16T17:40:51.000",
         29970, 4102, 65536, 0, 19),
        # new since the first snapshot
        ("snake", "Incident review", "anthropic", SONNET, "2025-10-16T15:02:00.000", "2025-10-16T17:31:29.004",
         96, 8800, 512000, 30720, 22),
    ]
    listing: list[Line] = []
    for snapshot in (first, second):
        sessions, events = [], []
        for sid, row in zip(ids, snapshot):
            style, label, provider, model, created, updated, inp, out, cr, cw, calls = row
            d, ev = gateway_session(style, sid, label, provider, model, utc(created), utc(updated),
                                    inp, out, cr, cw, calls)
            sessions.append(d)
            events.append(ev)
        listing.append(Line(dumps({"count": len(sessions), "sessions": sessions}), None, events=events))
    return per_line, listing


# --------------------------------------------------------------- LiteLLM ---

def sha256(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


LITELLM_KEYS = {  # key alias -> (hash, user, team)
    "research-app": (sha256("sk-research-app"), "u-bob", "3f1c8e2a-5b7d-4e0a-9c61-2d8f4a7b9e10"),
    "support-app": (sha256("sk-support-app"), "u-dana", "a84d2c19-0e6b-4f3a-b5d7-71c9e2f0a3b8"),
    "chen-laptop": (sha256("sk-chen-laptop"), "u-chen", None),
}
PROVIDER_OF = {GPT4O: "openai", GPT4O_MINI: "openai", GPT41: "openai", GEMINI_FLASH: "gemini"}
API_BASE = {"openai": "https://api.openai.com/v1", "gemini": "https://generativelanguage.googleapis.com"}


def litellm_request(model, start: datetime, prompt, cached, completion, key_alias, end=None):
    """(request id, end time, spend, provider, key hash, user, team) of one proxied request."""
    provider = PROVIDER_OF[model]
    rid = ("chatcmpl-" + n_b62(29)) if provider == "openai" else n_uuid()
    end = end or after(start, 0.4, 9)
    spend = price(model, prompt - cached, completion, cached)
    h, user, team = LITELLM_KEYS[key_alias]
    return rid, end, spend, provider, h, user, team


def spend_log_row(model, start, prompt, cached, completion, key_alias, *, details=True):
    rid, end, spend, provider, h, user, team = litellm_request(model, start, prompt, cached, completion, key_alias)
    if details:
        extra = {"completion_tokens_details": {"accepted_prediction_tokens": 0, "audio_tokens": 0,
                                               "reasoning_tokens": 0, "rejected_prediction_tokens": 0},
                 "prompt_tokens_details": {"audio_tokens": 0, "cached_tokens": cached}}
    else:
        assert cached == 0
        extra = {"completion_tokens_details": None, "prompt_tokens_details": None}
    row = {"request_id": rid, "call_type": "acompletion", "api_key": h, "spend": spend,
           "total_tokens": prompt + completion, "prompt_tokens": prompt, "completion_tokens": completion,
           "startTime": rfc(start, 6), "endTime": rfc(end, 6),
           "completionStartTime": rfc(after(start, 0.2, 0.39), 6),
           "model": model, "model_id": n_hex(64), "model_group": model, "custom_llm_provider": provider,
           "api_base": API_BASE[provider], "user": user,
           "metadata": {"user_api_key": h, "user_api_key_alias": key_alias,
                        "user_api_key_team_id": team, "user_api_key_user_id": user,
                        "additional_usage_values": extra},
           "cache_hit": "False", "cache_key": "Cache OFF", "request_tags": [], "team_id": team,
           "end_user": None, "requester_ip_address": "", "status": "success"}
    ev = new_event("litellm", ("litellm", rid), model, start, inp=prompt - cached, out=completion, cr=cached,
                   cost=spend, user=user, department=team)
    return row, ev


def logging_payload(model, start, prompt, cached, completion, key_alias, rid=None, end=None):
    rid0, end, spend, provider, h, user, team = litellm_request(model, start, prompt, cached, completion,
                                                                key_alias, end)
    rid = rid or rid0
    d = {"id": rid, "trace_id": n_uuid(), "call_type": "acompletion", "cache_hit": False, "stream": False,
         "status": "success", "custom_llm_provider": provider, "saved_cache_cost": 0.0,
         "startTime": start.timestamp(), "endTime": end.timestamp(),
         "completionStartTime": end.timestamp(), "response_time": round((end - start).total_seconds(), 6),
         "model": model, "model_id": n_hex(64), "model_group": model, "api_base": API_BASE[provider],
         "metadata": {"user_api_key_hash": h, "user_api_key_alias": key_alias,
                      "user_api_key_team_id": team, "user_api_key_user_id": user,
                      "user_api_key_org_id": None, "spend_logs_metadata": None,
                      "requester_ip_address": "", "requester_metadata": {}},
         "cache_key": None, "response_cost": spend, "total_tokens": prompt + completion,
         "prompt_tokens": prompt, "completion_tokens": completion, "request_tags": [],
         "model_parameters": {"temperature": 0.2}, "error_str": None,
         "response": {"id": rid, "object": "chat.completion", "model": model,
                      "choices": [{"index": 0, "finish_reason": "stop",
                                   "message": {"role": "assistant", "content": "..."}}],
                      "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                                "total_tokens": prompt + completion,
                                "prompt_tokens_details": {"cached_tokens": cached}}}}
    assert datetime.fromtimestamp(d["startTime"], timezone.utc) == start
    ev = new_event("litellm", ("litellm", rid), model, start, inp=prompt - cached, out=completion, cr=cached,
                   cost=spend, user=user, department=team)
    return d, ev


def litellm_files() -> tuple[list[Line], list[Line]]:
    """LiteLLM proxy: a `LiteLLM_SpendLogs` export and a custom callback's
    StandardLoggingPayload log; one request is in both (same id)."""
    spend: list[Line] = []
    t = utc("2025-10-14T09:30:02.481000")
    plan = [
        (GPT4O, 3210, 2048, 288, "research-app", True),
        (GPT4O_MINI, 740, 0, 51, "support-app", False),
        (GEMINI_FLASH, 18200, 0, 1402, "research-app", True),
        (GPT4O_MINI, 2980, 2816, 204, "support-app", True),
        (GPT41, 9340, 8192, 611, "chen-laptop", True),
        (GPT4O, 4102, 0, 390, "research-app", True),
    ]
    for model, prompt, cached, out, alias, details in plan:
        t = after(t, 600, 5400)
        row, ev = spend_log_row(model, t, prompt, cached, out, alias, details=details)
        spend.append(Line(dumps(row), ev))
    spend.append(Line(""))
    t = utc("2025-10-15T18:12:40.000000")   # crosses Kolkata midnight
    for model, prompt, cached, out, alias, details in [
        (GPT4O_MINI, 1105, 0, 88, "support-app", False),
        (GEMINI_FLASH, 40210, 32768, 980, "research-app", True),
        (GPT4O, 12500, 11264, 702, "chen-laptop", True),
        (GPT41, 2210, 0, 164, "research-app", True),
    ]:
        t = after(t, 300, 900)
        row, ev = spend_log_row(model, t, prompt, cached, out, alias, details=details)
        spend.append(Line(dumps(row), ev))
    shared = json.loads(spend[-2].text)     # this request is also in the payload log

    payloads: list[Line] = []
    t = utc("2025-10-16T07:02:19.112000")
    for model, prompt, cached, out, alias in [
        (GPT4O_MINI, 880, 0, 72, "support-app"),
        (GPT41, 15020, 13312, 1208, "chen-laptop"),
        (GEMINI_FLASH, 6100, 4096, 331, "research-app"),
        (GPT4O, 7012, 6144, 498, "research-app"),
    ]:
        t = after(t, 900, 7200)
        d, ev = logging_payload(model, t, prompt, cached, out, alias)
        payloads.append(Line(dumps(d), ev))
    # the shared request, as the callback logged it (cross-file duplicate, equal tokens)
    start = datetime.fromisoformat(shared["startTime"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(shared["endTime"].replace("Z", "+00:00"))
    cached = shared["metadata"]["additional_usage_values"]["prompt_tokens_details"]["cached_tokens"]
    d, ev = logging_payload(shared["model"], start, shared["prompt_tokens"], cached,
                            shared["completion_tokens"], shared["metadata"]["user_api_key_alias"],
                            rid=shared["request_id"], end=end)
    assert d["response_cost"] == shared["spend"]
    payloads.insert(1, Line(dumps(d), ev))
    t = utc("2025-10-16T20:15:44.907000")
    for model, prompt, cached, out, alias in [
        (GPT4O_MINI, 1320, 1024, 97, "support-app"),
        (GPT4O, 2530, 0, 212, "chen-laptop"),
    ]:
        t = after(t, 900, 4000)
        d, ev = logging_payload(model, t, prompt, cached, out, alias)
        payloads.append(Line(dumps(d), ev))
    return spend, payloads


# ------------------------------------------------------------ Gemini CLI ---

GEMINI_PROJECT_HASH = sha256("/home/dev/ml-pipeline")


def gemini_file() -> list[Line]:
    """One Gemini CLI chat recording (2025-10-15 morning UTC): a record per
    line; a response's record is rewritten, same id, as it grows."""
    lines: list[Line] = []
    t = utc("2025-10-15T09:41:07.215")

    def record(typ, content, when, model=None, tokens=None, rid=None, extra=None):
        d = {"id": rid or n_uuid(), "timestamp": rfc(when), "type": typ, "content": content}
        if extra:
            d.update(extra)
        ev = None
        if tokens is not None:
            inp, out, cached, thoughts, tool = tokens
            d["tokens"] = {"input": inp, "output": out, "cached": cached, "thoughts": thoughts,
                           "tool": tool, "total": inp + out + thoughts + tool}
            d["model"] = model
            # tokens.input includes the cached part; tool-use prompt tokens are input billed beside it
            # (total = input + output + thoughts + tool).
            ev = new_event("gemini-cli", ("gemini-cli", d["id"]), model, when, inp=inp - cached + tool,
                           out=out + thoughts, cr=cached, reasoning=thoughts, keep_last=True)
        return Line(dumps(d), ev), d["id"]

    def user(text):
        nonlocal t
        t = after(t, 8, 90)
        lines.append(record("user", text, t)[0])

    def gemini(text, tokens, model=GEMINI_PRO, **kw):
        nonlocal t
        t = after(t, 2, 30)
        line, rid = record("gemini", text, t, model, tokens, **kw)
        lines.append(line)
        return rid, t

    user("Why does the feature pipeline run out of memory on the full dataset?")
    gemini("Let me look at how the parquet files are loaded.", (8840, 41, 0, 312, 0),
           extra={"thoughts": [{"subject": "Inspecting the loader",
                                "description": "The loader calls pd.read_parquet on the whole directory.",
                                "timestamp": rfc(t)}]})
    gemini("`load_all()` reads every partition into one DataFrame. Stream them instead.",
           (10230, 388, 8192, 904, 0))
    user("Rewrite load_all to stream partitions with pyarrow.")
    # written three times as the response streams in: the last record counts
    rid, when = gemini("def load_all(path):", (11012, 120, 10240, 1210, 0))
    lines.append(record("gemini", "def load_all(path):\n    dataset = ds.dataset(path)", when, GEMINI_PRO,
                        (11012, 655, 10240, 1210, 0), rid=rid)[0])
    lines.append(record("gemini", "def load_all(path):\n    dataset = ds.dataset(path)\n    for batch in dataset.to_batches(): ...",
                        when, GEMINI_PRO, (11012, 1034, 10240, 1210, 0), rid=rid)[0])
    user("Also add a progress bar.")
    gemini("Added tqdm around the batch loop.", (12650, 402, 11264, 233, 96),
           extra={"toolCalls": [{"id": "replace-" + n_hex(8), "name": "replace", "status": "success"}]})
    t = after(t, 1, 3)
    lines.append(record("info", "Switched to gemini-2.5-flash for the rest of this session (quota).", t)[0])
    user("Summarise the change for the PR description.")
    # rewritten after a retry with a SHORTER answer: the last record still counts
    rid, when = gemini("This PR replaces the eager loader with a streaming one. It also ...",
                       (13020, 518, 12288, 140, 0), model=GEMINI_FLASH)
    lines.append(record("gemini", "Streams parquet partitions with pyarrow; adds a tqdm progress bar.", when,
                        GEMINI_FLASH, (13020, 61, 12288, 140, 0), rid=rid)[0])
    user("Thanks!")
    gemini("You're welcome.", (13180, 6, 12288, 0, 0), model=GEMINI_FLASH)
    return lines


# ---------------------------------------------------------------- distri ---

def distri_file() -> list[Line]:
    """distri usage rows (2025-10-16), as `GET /v1/usage/stats` aggregates
    them; one row was exported twice."""
    agents = [("support-bot", GPT4O_MINI), ("researcher", SONNET), ("support-bot", GPT4O),
              ("coder", GPT41), ("researcher", GEMINI_FLASH)]
    threads = [n_uuid() for _ in range(4)]
    lines: list[Line] = []
    t = utc("2025-10-16T06:10:44.512093")
    for i in range(13):
        t = after(t, 300, 4800)
        if i == 10:
            t = utc("2025-10-16T18:45:02.770114")   # Kolkata: the 17th
        agent, model = agents[(i * 2 + i // 4) % len(agents)]
        inp = nrng.randint(200, 9000)
        cached = nrng.choice([0, 0, 1024, 2048, 4096])
        out = nrng.randint(20, 1500)
        cost = price(model, inp, out, cached, digits=8)
        row = {"id": n_uuid(), "thread_id": threads[i % 4], "agent_id": agent, "model": model,
               "input_tokens": inp, "output_tokens": out, "cached_tokens": cached, "cost_usd": cost,
               "created_at": rfc(t, 6)}
        ev = new_event("distri", ("distri", row["id"]), model, t, inp=inp, out=out, cr=cached, cost=cost)
        lines.append(Line(dumps(row), ev))
        if i == 6:
            lines.append(Line(dumps(row), Event(**{**ev.__dict__})))
    return lines


def new_format_specs() -> list[FileSpec]:
    chat = openai_chat_file()
    archive, live = openai_responses_files()
    sessions, listing = gateway_files()
    spend, payloads = litellm_files()
    return [
        FileSpec("openai/chat-completions.jsonl", chat),
        FileSpec("openai/responses-2025-10-15.jsonl.zst", archive, compress="single"),
        FileSpec("openai/responses.jsonl", live),
        FileSpec("anthropic/messages.jsonl", anthropic_file()),
        FileSpec("agentkit/usage-records.jsonl", agentkit_file()),
        FileSpec("gateway/sessions.jsonl", sessions),
        FileSpec("gateway/sessions-list.jsonl", listing),
        FileSpec("litellm/spend-logs.jsonl", spend),
        FileSpec("litellm/standard-logging-payloads.jsonl", payloads),
        FileSpec(f"gemini/tmp/{GEMINI_PROJECT_HASH}/chats/session-2025-10-15T09-41-{n_hex(8)}.jsonl",
                 gemini_file()),
        FileSpec("distri/usage-rows.jsonl", distri_file()),
    ]



# --------------------------------------------------------------------------
# Replays and the newer shapes: a Codex subagent rollout that copies its
# parent's history and re-emits a reading, a `codex exec --json` stream, and a
# Gemini CLI session in the older one-document `session-*.json` form. Drawn
# after everything else, so no byte of the samples above moves.
# --------------------------------------------------------------------------

def codex_subagent(parent: "CodexRollout"):
    """A subagent rollout spawned from `parent` (thread_spawn): its own session_meta, then the parent's
    session_meta and history copied with the instant the child was made (replays: no events, they set the
    baseline), then the child's own turn, with one reading re-emitted under a new timestamp (a replay)."""
    start = "2025-10-16T23:10:04.250"
    r = CodexRollout(n_uuid(), start, "/home/dev/cli-tool", resets="at", cli_version="0.77.0")
    ts = iso(r.clock.now)
    r._emit("session_meta", {
        "id": r.sid, "timestamp": ts, "cwd": r.cwd, "originator": "codex_cli_rs", "cli_version": r.cli_version,
        "source": {"subagent": {"thread_spawn": {"parent_thread_id": parent.sid, "depth": 1,
                                                 "agent_nickname": "Hume", "agent_role": "default"}}},
        "model_provider": "openai"}, ts=ts)
    for ln in parent.lines:
        d = json.loads(ln.text)
        d["timestamp"] = ts
        r.lines.append(Line(dumps(d)))
    r.total = dict(parent.total)
    r.turn_context("gpt-5-codex")
    r.user("Check that the README mentions the new MSRV.")
    r.reasoning("**Searching README for rust-version**")
    r.shell("rg -n 'MSRV|1\\.80' README.md", "README.md:9:MSRV: 1.80")
    r.token_count(9210, 8832, 141, 64)
    last = json.loads(r.lines[-1].text)
    last["timestamp"] = r.clock.tick(0.5, 8)
    r.lines.append(Line(dumps(last)))   # the same reading again, a new timestamp: a replay
    r.say("The README already says MSRV 1.80.")
    r.token_count(9388, 9216, 37, 0)
    return r


def codex_exec_stream() -> list[Line]:
    """`codex exec --json` output saved by a CI job: no model and no times on the turns, a thread.started
    with its timestamp (newer versions write one)."""
    thread = n_uuid()
    when = utc("2025-10-16T09:30:12")
    lines = [Line(dumps({"type": "thread.started", "thread_id": thread, "timestamp": rfc(when, 0)}))]
    turns = [(12940, 0, 318, 192, "Ran the linters; 2 warnings fixed in src/lib.rs."),
             (15722, 12800, 96, 64, "All checks pass.")]
    for n, (inp, cached, out, reasoning, text) in enumerate(turns, 1):
        lines.append(Line(dumps({"type": "turn.started"})))
        lines.append(Line(dumps({"type": "item.completed", "item": {
            "id": f"item_{3 * n - 3}", "type": "reasoning", "text": "**Running the checks**"}})))
        lines.append(Line(dumps({"type": "item.completed", "item": {
            "id": f"item_{3 * n - 2}", "type": "command_execution", "command": "bash -lc 'cargo clippy -q'",
            "aggregated_output": "", "exit_code": 0, "status": "completed"}})))
        lines.append(Line(dumps({"type": "item.completed", "item": {
            "id": f"item_{3 * n - 1}", "type": "agent_message", "text": text}})))
        usage = {"input_tokens": inp, "cached_input_tokens": cached, "output_tokens": out,
                 "reasoning_output_tokens": reasoning}
        ev = new_event("codex-exec", ("codex-exec", thread, n, inp, cached, out, reasoning), "gpt-5", when,
                       inp=inp - cached, out=out, cr=cached, reasoning=reasoning)
        lines.append(Line(dumps({"type": "turn.completed", "usage": usage}), ev))
    return lines


def gemini_session_json() -> tuple[str, list[Line]]:
    """An older Gemini CLI session: one pretty-printed object (`JSON.stringify(conversation, null, 2)`);
    every message event sits on the line its object starts on."""
    sid = n_uuid()
    t = utc("2025-10-16T07:12:40.120")
    messages, tokens_of = [], {}
    for text, toks in [("Why is the nightly export slow?", None),
                       ("It reads the whole table into memory before writing.", (9120, 204, 4096, 388, 0)),
                       ("Make it stream.", None),
                       ("Done: rows are written in batches of 10,000.", (11480, 512, 8192, 640, 40))]:
        t = after(t, 4, 40)
        m = {"id": n_uuid(), "timestamp": rfc(t), "type": "user" if toks is None else "gemini", "content": text}
        if toks is not None:
            inp, out, cached, thoughts, tool = toks
            m["thoughts"] = [{"subject": "Reading the exporter", "description": "It calls fetchall().",
                              "timestamp": rfc(t)}]
            m["tokens"] = {"input": inp, "output": out, "cached": cached, "thoughts": thoughts, "tool": tool,
                           "total": inp + out + thoughts + tool}
            m["model"] = GEMINI_PRO
            tokens_of[m["id"]] = new_event("gemini-cli", ("gemini-cli", m["id"]), GEMINI_PRO, t,
                                           inp=inp - cached + tool, out=out + thoughts, cr=cached,
                                           reasoning=thoughts, keep_last=True)
        messages.append(m)
    doc = {"sessionId": sid, "projectHash": sha256("/home/dev/exporter"), "startTime": rfc(utc("2025-10-16T07:12:40")),
           "lastUpdated": rfc(t), "messages": messages}
    text = json.dumps(doc, indent=2, ensure_ascii=False).split("\n")
    lines = [Line(x) for x in text]
    for i, x in enumerate(text):
        if x.strip().startswith('"id": "') and i > 0 and text[i - 1].strip() == "{":
            mid = x.strip()[len('"id": "'):-2]
            if mid in tokens_of:
                lines[i - 1].event = tokens_of[mid]
    return f"gemini/tmp/{sha256('/home/dev/exporter')}/chats/session-2025-10-16T07-12-{sid[:8]}.json", lines

# --------------------------------------------------------------------------
# writing files
# --------------------------------------------------------------------------

def zstd_compress(data: bytes) -> bytes:
    return subprocess.run(["zstd", "-q", "-c", "-19", "--no-progress"], input=data,
                          check=True, capture_output=True).stdout


def zstd_decompress(data: bytes) -> bytes:
    return subprocess.run(["zstd", "-q", "-d", "-c"], input=data,
                          check=True, capture_output=True).stdout


def render(spec: FileSpec) -> bytes:
    nl = "\r\n" if spec.crlf else "\n"
    text = nl.join(l.text for l in spec.lines)
    if spec.final_newline:
        text += nl
    data = text.encode("utf-8")
    if spec.bom:
        data = b"\xef\xbb\xbf" + data
    return data


def write(spec: FileSpec) -> None:
    path = OUT / spec.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = render(spec)
    if spec.compress is None:
        out = raw
    elif spec.compress == "single":
        out = zstd_compress(raw)
    elif spec.compress == "multi":
        # split at a line boundary near the middle
        nl = b"\r\n" if spec.crlf else b"\n"
        n = len(spec.lines) // 2
        cut = 0
        for _ in range(n):
            cut = raw.index(nl, cut) + len(nl)
        payload = b"usagelens sample: skippable frame between data frames"
        skippable = struct.pack("<II", 0x184D2A50, len(payload)) + payload
        out = zstd_compress(raw[:cut]) + skippable + zstd_compress(raw[cut:])
    else:
        raise ValueError(spec.compress)
    if spec.compress:
        assert zstd_decompress(out) == raw, spec.relpath
    path.write_bytes(out)


# --------------------------------------------------------------------------
# truth
# --------------------------------------------------------------------------

def zero_fields():
    d = {"events": 0}
    d.update({f: 0 for f in FIELDS})
    return d


def compute_truth(specs: list[FileSpec]) -> dict:
    # de-duplicate events globally
    kept: dict[tuple, Event] = {}
    groups: dict[tuple, list[Event]] = {}
    order: list[tuple] = []
    for spec in specs:
        for ln in spec.lines:
            for ev in ln.all_events():
                if ev.source == "claude":
                    mid, _ = ev.key
                    key = ("claude", mid)   # one message id is one API response, whatever the requestId
                elif ev.key is None:
                    key = ("no-dedup", len(groups))     # every record counts
                else:
                    key = ev.key
                groups.setdefault(key, []).append(ev)
                if key not in kept:
                    kept[key] = ev
                    order.append(key)
                elif ev.keep_last or ev.size > kept[key].size:
                    kept[key] = ev
    # sanity: duplicate copies must agree on model, format, dimensions and on
    # both day buckets, otherwise the truth would depend on tie-breaking details
    for key, evs in groups.items():
        assert len({e.model for e in evs}) == 1, key
        assert len({e.format for e in evs}) == 1, key
        assert len({e.keep_last for e in evs}) == 1, key
        assert len({(e.user, e.department) for e in evs}) == 1, key
        assert len({day(e.ts) for e in evs}) == 1, key
        assert len({kday(e.ts) for e in evs}) == 1, key

    per_model: dict[str, dict] = {}
    per_utc: dict[str, dict] = {}
    per_kol: dict[str, dict] = {}
    per_user: dict[str, dict] = {}
    per_dept: dict[str, dict] = {}
    per_format: dict[str, int] = {}
    cost = 0.0
    for key in order:
        ev = kept[key]
        per_format[ev.format] = per_format.get(ev.format, 0) + 1
        buckets = [(per_model, ev.model), (per_utc, day(ev.ts)), (per_kol, kday(ev.ts))]
        if ev.user is not None:
            buckets.append((per_user, ev.user))
        if ev.department is not None:
            buckets.append((per_dept, ev.department))
        for bucket, name in buckets:
            agg = bucket.setdefault(name, zero_fields())
            agg["events"] += 1
            for f in FIELDS:
                agg[f] += ev.tokens[f]
        if ev.cost is not None:
            cost += ev.cost

    lines_per_file = {}
    for spec in specs:
        lines_per_file[spec.relpath] = {
            "lines": sum(1 for l in spec.lines if l.text.strip() != ""),
            "malformed": [i + 1 for i, l in enumerate(spec.lines) if l.malformed],
        }
    return {
        "per_model": dict(sorted(per_model.items())),
        "per_utc_day": dict(sorted(per_utc.items())),
        "per_kolkata_day": dict(sorted(per_kol.items())),
        "lines_per_file": dict(sorted(lines_per_file.items())),
        "logged_cost_usd": round(cost, 10),
        "per_format": dict(sorted(per_format.items())),
        "per_user": dict(sorted(per_user.items())),
        "per_department": dict(sorted(per_dept.items())),
        "_duplicate_groups": sum(1 for evs in groups.values() if len(evs) > 1),
    }


README = """\
# usagelens sample logs

Generated by `scripts/make_samples.py` (seeded, deterministic; re-run it to
regenerate everything here). `Tests/usagelensTests/Fixtures/samples-truth.json` holds the expected results, computed
from the generator's own bookkeeping rather than by re-reading these files.
Paths in it are relative to this directory; for `.zst` files, line
numbers refer to the decompressed content. Every session stays within the
20-60 line range.

Truth semantics: Claude events are assistant lines (plus `progress` lines
with nested usage) whose model is not `<synthetic>` and whose usage is not all
zero, de-duplicated globally by message.id (one id is one API response,
whatever requestId a copy carries), keeping the copy with the largest
input+output+cache_read+cache_write total. Codex events are `token_count`s with
non-null `info`; delta = `last_token_usage`, or else the difference of
`total_token_usage` from the previous one in the same file. Zero deltas and
exact repeats don't count, nor replays: a reading with an unchanged cumulative
total, and the parent's history copied into a subagent rollout. Codex input
excludes `cached_input_tokens`.

## Claude Code (`claude/projects/...`)

- `claude/projects/-home-dev-webapp/{A}.jsonl` — main webapp session
  (2025-10-14 morning UTC). Has streamed duplicate pairs (same message.id and
  requestId: the first copy has a partial output_tokens, the second the final
  count), one of them on Opus; an exact re-write pair (identical line twice); a
  1-hour cache write (`cache_creation` 5m=200, 1h=3000); a top-level `costUSD`;
  a `<synthetic>` zero-usage line after an interrupt; a **torn line in the
  middle** (malformed, followed by valid lines); one blank line; one
  pretty-printed line (`", "` / `" : "` separators, so `"usage" : {`); non-ASCII
  text (é, —, emoji); tool_result lines that mention `usage` and `input_tokens`
  but are not events (prefilter false positives).
- `claude/projects/-home-dev-webapp/{B}.jsonl` — a resumed webapp session that
  starts with a **UTF-8 BOM** and uses **CRLF** line endings throughout. Its
  first line is a `summary` line. It copies two lines from session A (a user
  line and an assistant line with the same message.id/requestId), which makes
  a **cross-file duplicate**. It also has a streamed pair **without requestId**
  on both copies (dedupe by message.id alone), a streamed pair just after 18:30
  UTC (so it falls on 2025-10-15 in Asia/Kolkata), and a `system`
  (compact_boundary) line.
- `claude/projects/-home-dev-billing-api/{C}.jsonl` — billing-api session on
  the evening of 2025-10-15 UTC, crossing Kolkata midnight. Has two `progress`
  lines (`agent_progress`) with nested Haiku usage under
  `data.message.message.usage` (distinct ids; no `cache_creation` object); an
  `isSidechain:true` subagent assistant line; an assistant line with
  `cache_creation_input_tokens` but **no `cache_creation` object** (counted as
  5m writes); an `isApiErrorMessage` `<synthetic>` line ("Claude AI usage limit
  reached|1760457600", not an event); a streamed pair; one blank line; and a
  **torn last line** with no trailing newline.
- `claude/projects/-home-dev-billing-api/{D}.jsonl.zst` — billing-api session
  on 2025-10-16 21:34-23:05 UTC (2025-10-17 in Kolkata), stored **only** as a
  **multi-frame zstd** file: frame 1 holds the first half of the lines, then a
  skippable frame (magic 0x184D2A50), then frame 2 with the second half (the
  split is at a line boundary). It starts with a `file-history-snapshot` line
  and uses `version` 2.0.15.

## Codex CLI (`codex/...`)

- `codex/sessions/2025/10/14/{R1}` — gpt-5-codex session with
  `last_token_usage` on every token_count. The first token_count has
  `"info":null`. There is an **exact repeated token_count** (same line twice,
  counted once), and the model switches to **gpt-5** through a second
  `turn_context`. Rate limits use `resets_in_seconds`. A
  function_call_output mentions `usage.input_tokens`.
- `codex/sessions/2025/10/15/{R2}` — stored **only** as a **single-frame
  `.jsonl.zst`**. Its token_counts have **no `last_token_usage`** (only the
  cumulative `total_token_usage`, so deltas have to be differenced). It has one
  token_count with unchanged totals (zero delta, not an event), and events on
  both sides of 18:30 UTC (Kolkata midnight).
- `codex/archived_sessions/{R3}` — archived rollout (flat directory) on
  2025-10-16 late evening UTC. Rate limits use **`resets_at`** (epoch seconds)
  instead of `resets_in_seconds`. One token_count has an all-zero
  `last_token_usage` (not an event); the last event is at 23:58 UTC.

- `codex/sessions/2025/10/16/...` ({S}) — a **subagent rollout** spawned from
  the archived one (`session_meta.payload.source.subagent.thread_spawn`): its
  own session_meta, then the parent's session_meta and whole history copied
  with the instant the child was made (replays: no events, but they set the
  baseline), then its own turn with one reading **re-emitted** under a new
  timestamp (a replay). Two events.

## `codex exec --json` (`{E}`)

A CI job's saved event stream: `thread.started` (with a `timestamp`), then per
turn `turn.started`, `item.completed` lines and `turn.completed` with `usage`.
No model and no per-turn times: each turn is an event at the thread's time,
with Codex's default model (`gpt-5`); input excludes `cached_input_tokens`.

## API responses, usage records, gateway sessions, LiteLLM, Gemini CLI, distri

These logs come from their own seeded generator, so adding or changing them
never moves a byte of the Claude and Codex samples above. They are logs, not
agent sessions, so the 20-60 line rule does not apply to them. All times are
within 2025-10-14..2025-10-16 UTC; every format has events after 18:30 UTC,
which fall on the next day in Asia/Kolkata. Model names are logged the same
way in every format (`gpt-4o`, `gpt-4o-mini`, `o3`, `gpt-4.1`,
`claude-sonnet-4-5-20250929`, `claude-haiku-4-5-20251001`,
`gemini-2.5-pro`, `gemini-2.5-flash`).

Truth semantics for these formats (dedup is global, as above; "largest" is
input+output+cache_read+cache_write, ties keep the first copy in file order):

- **openai-api**: input = prompt/input tokens - `cached_tokens`; cache read =
  `cached_tokens`; output = completion/output tokens (reasoning included);
  reasoning = `reasoning_tokens`. Time = the envelope's `timestamp` if
  wrapped, else `created` / `created_at`. Dedup by response `id`, largest.
- **anthropic-api**: as Claude Code: input = `input_tokens`, 1h writes =
  `ephemeral_1h_input_tokens`, 5m writes = max(`ephemeral_5m_input_tokens`,
  `cache_creation_input_tokens` - 1h), all of `cache_creation_input_tokens`
  when there is no `cache_creation` object. Dedup by message `id`, largest.
- **usage-record** (agentkit): input = `prompt_tokens`, output =
  `completion_tokens`, logged cost = `cost`. No dedup.
- **gateway-session**: tokens, cost and id read as the Pipeline service reads
  them (`_parse_session_usage`, `_get_explicit_cost`, `_top_sessions`); cache
  writes are 5-minute writes; the cost is logged when positive. Time =
  `updated_at`/`updatedAt`/`lastActivity`/`last_activity`, else
  `created_at`/`createdAt`. Dedup by session id, largest.
- **litellm**: `prompt_tokens` include cached tokens: input = prompt - cached,
  cache read = cached (`metadata.additional_usage_values.prompt_tokens_details`
  in spend logs, `response.usage.prompt_tokens_details` in payloads). Logged
  cost = `spend` / `response_cost`. User = `user` / `metadata.user_api_key_user_id`,
  department = `team_id` / `metadata.user_api_key_team_id`. Time = `startTime`.
  Dedup by `request_id` / `id`, largest.
- **gemini-cli**: input = input - cached + tool (tool-use prompt tokens are
  billed input); cache read = cached; output = output + thoughts; reasoning =
  thoughts. Only `type:"gemini"` records are events. The **last** record per
  `id` is kept, whatever its size. `{J}` is a session in the older form: one
  pretty-printed object with a `messages` array, read as one document; each
  event sits on the line its message object starts on.
- **distri**: input = `input_tokens`, output = `output_tokens`, cache read =
  `cached_tokens`, logged cost = `cost_usd`. Dedup by `id`, largest.

Besides `per_model`, the day buckets, `lines_per_file` and `logged_cost_usd`
(the sum of the logged costs of the kept events: Claude `costUSD`, agentkit
`cost`, LiteLLM `spend`/`response_cost`, distri `cost_usd`, positive gateway
costs), the truth has `per_format` (kept events per format), and `per_user` /
`per_department` (token totals keyed by the value as logged; events with no
user or department are left out).

| file | format | what it demonstrates |
|---|---|---|
| `openai/chat-completions.jsonl` | openai-api | Chat Completions objects as `model_dump_json()` writes them (2025-10-14); `cached_tokens`, o3 `reasoning_tokens`, a `tool_calls` response; the **same response logged twice** (line 5 = line 4, counted once); a **blank line** (7); one response **wrapped** as `{"timestamp","user_id","response","headers"}` with `x-ratelimit-*` headers (limit 30000, remaining 12000, reset `1m30s`), whose time is the envelope's; a **torn line** in the middle (line 10, malformed); events after 18:30 UTC |
| `openai/responses-2025-10-15.jsonl.zst` | openai-api | Responses API objects (`object:"response"`, `created_at`, `input_tokens_details` / `output_tokens_details`), a rotated log stored **only** as single-frame zstd |
| `openai/responses.jsonl` | openai-api | the live Responses log: line 1 repeats the archive's last response (**cross-file duplicate**, same id); a `{"type":"response.completed","response":{...}}` **stream event** after 18:30 UTC; responses on 2025-10-16 |
| `anthropic/messages.jsonl` | anthropic-api | Messages API responses wrapped as `{"timestamp","response","headers"}` with `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}` (RFC 3339 resets); a **1h cache write**, a 5m+1h split, a `cache_creation` breakdown **smaller than** `cache_creation_input_tokens` (5m = 2560 - 2048 = 512), lines with **no `cache_creation` object**; one message id logged twice (first with `output_tokens:1` as at `message_start`, then complete: the larger copy counts); events on both sides of 18:30 UTC and after midnight UTC |
| `agentkit/usage-records.jsonl` | usage-record | agentkit's store (`json.dumps(asdict(record))`, `", "` separators), `isoformat()` timestamps with `+00:00` (one without a fraction), null `user_id` / `department_id`, float `latency_ms`; **two identical records** (lines 6-7) that count **twice** |
| `gateway/sessions.jsonl` | gateway-session | one session per line in every key convention the Pipeline service reads: snake_case `usage` with `cost.total`; camelCase `usage` (`inputTokens`, `cacheReadTokens`, `cacheWriteTokens`) with a flat `usage.cost`; `tokens` with short names (`input`, `cache_read`) and `cost_usd`; top-level `inputTokens`... with `costUsd`; a `usage` with no input (so the top-level `input_tokens` is used) and `usage.cost.total: 0` (so the top-level `cost` is used); ids as `sessionId` / `id` / `session_id`; times as `updated_at` / `updatedAt` / `lastActivity` / `last_activity` / `createdAt` only; a session **created on the 15th and last active on the 16th** (its event is on the 16th); `model` / `modelName`; providers `anthropic`, `claude`, `openai` |
| `gateway/sessions-list.jsonl` | gateway-session | two `sessions.list` results (`{"count","sessions":[...]}`) taken at 14:00 and 17:55 UTC on 2025-10-16: the same session ids with **growing totals** (the second snapshot counts), one session **unchanged** (tie: the first copy counts), one session only in the second |
| `litellm/spend-logs.jsonl` | litellm | `LiteLLM_SpendLogs` rows: `spend`, `prompt_tokens` that **include** cached tokens (`metadata.additional_usage_values.prompt_tokens_details.cached_tokens`, or `null` details), `api_key` hash, `user`, `team_id` (one null), RFC 3339 `startTime` / `endTime`; a **blank line** (7); rows on both sides of 18:30 UTC |
| `litellm/standard-logging-payloads.jsonl` | litellm | StandardLoggingPayload lines: `response_cost`, epoch-seconds `startTime` / `endTime`, `metadata.user_api_key_{hash,team_id,user_id}`, cached tokens in `response.usage`; line 2 is the same request as spend-log line 10 (same id, equal tokens: **cross-file duplicate**) |
| `{G}` | gemini-cli | a Gemini CLI chat recording, one record per line: `user` and `info` records (not events); a response **written three times** with the same id as it grows (the last counts); a response **rewritten shorter** after a retry (the last counts even though it is smaller); `thoughts` (reasoning) and `tool` tokens; a switch from gemini-2.5-pro to gemini-2.5-flash |
| `distri/usage-rows.jsonl` | distri | distri usage rows (`thread_id`, `agent_id`, `input_tokens`, `output_tokens`, `cached_tokens`, `cost_usd`, `created_at` with microseconds); one row **exported twice** (same id, counted once); rows after 18:30 UTC |
"""


def main() -> int:
    if shutil.which("zstd") is None:
        print("zstd CLI not found", file=sys.stderr)
        return 1
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir()

    a = claude_session_a()
    b = claude_session_b(a)
    c = claude_session_c()
    d = claude_session_d()
    r1, r2, r3 = codex_r1(), codex_r2(), codex_r3()

    def rollout_name(r: CodexRollout) -> str:
        t = datetime.fromisoformat(r.lines[0].text.split('"timestamp":"')[1][:19])
        return f"rollout-{t.strftime('%Y-%m-%dT%H-%M-%S')}-{r.sid}.jsonl"

    specs = [
        FileSpec(f"claude/projects/-home-dev-webapp/{a.sid}.jsonl", a.lines),
        FileSpec(f"claude/projects/-home-dev-webapp/{b.sid}.jsonl", b.lines, crlf=True, bom=True),
        FileSpec(f"claude/projects/-home-dev-billing-api/{c.sid}.jsonl", c.lines, final_newline=False),
        FileSpec(f"claude/projects/-home-dev-billing-api/{d.sid}.jsonl.zst", d.lines, compress="multi"),
        FileSpec(f"codex/sessions/2025/10/14/{rollout_name(r1)}", r1.lines),
        FileSpec(f"codex/sessions/2025/10/15/{rollout_name(r2)}.zst", r2.lines, compress="single"),
        FileSpec(f"codex/archived_sessions/{rollout_name(r3)}", r3.lines),
    ]
    assert specs[4].relpath.startswith("codex/sessions/2025/10/14/rollout-2025-10-14T10-02-11-")
    for spec in specs:
        n = sum(1 for l in spec.lines if l.text.strip())
        assert 20 <= n <= 60, (spec.relpath, n)
    # API responses, usage records, gateway sessions, LiteLLM, Gemini CLI,
    # distri: drawn from their own generator, after the sessions above
    specs += new_format_specs()
    child = codex_subagent(r3)
    gemini_path, gemini_doc = gemini_session_json()
    specs += [
        FileSpec(f"codex/sessions/2025/10/16/{rollout_name(child)}", child.lines),
        FileSpec("codex-exec/ci-lint-2025-10-16.jsonl", codex_exec_stream()),
        FileSpec(gemini_path, gemini_doc),
    ]
    for spec in specs:
        write(spec)

    truth = compute_truth(specs)
    truth.pop("_duplicate_groups")
    TRUTH_PATH.parent.mkdir(parents=True, exist_ok=True)
    TRUTH_PATH.write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")

    readme = README
    for k, v in dict(A=a.sid, B=b.sid, C=c.sid, D=d.sid, R1=rollout_name(r1),
                     R2=rollout_name(r2) + ".zst", R3=rollout_name(r3),
                     G=specs[-5].relpath, S=specs[-3].relpath, E=specs[-2].relpath,
                     J=specs[-1].relpath).items():
        readme = readme.replace("{" + k + "}", v)
    (OUT / "README.md").write_text(readme, encoding="utf-8")

    for spec in specs:
        info = truth["lines_per_file"][spec.relpath]
        print(f"{info['lines']:4d} lines  malformed={info['malformed']}  {spec.relpath}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
