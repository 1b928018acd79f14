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

@dataclass
class Event:
    source: str          # "claude" | "codex"
    key: tuple           # de-duplication key
    model: str
    ts: str              # ISO timestamp used for day bucketing
    tokens: dict         # FIELDS -> int
    cost: float | None = None

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
            ev = ln.event
            if ev is None:
                continue
            if ev.source == "claude":
                mid, rid = ev.key
                key = ("claude", mid, rid) if rid is not None else ("claude", mid)
            else:
                key = ev.key
            groups.setdefault(key, []).append(ev)
            if key not in kept:
                kept[key] = ev
                order.append(key)
            elif ev.size > kept[key].size:
                kept[key] = ev
    # sanity: duplicate copies must agree on model and on both day buckets,
    # otherwise the truth would depend on tie-breaking details
    for key, evs in groups.items():
        assert len({e.model for e in evs}) == 1, key
        assert len({day(e.ts) for e in evs}) == 1, key
        assert len({kday(e.ts) for e in evs}) == 1, key

    per_model: dict[str, dict] = {}
    per_utc: dict[str, dict] = {}
    per_kol: dict[str, dict] = {}
    cost = 0.0
    for key in order:
        ev = kept[key]
        for bucket, name in ((per_model, ev.model), (per_utc, day(ev.ts)), (per_kol, kday(ev.ts))):
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
zero, de-duplicated globally by (message.id, requestId), or by message.id alone
when there is no requestId, keeping the copy with the largest
input+output+cache_read+cache_write total. Codex events are `token_count`s with
non-null `info`; delta = `last_token_usage`, or else the difference of
`total_token_usage` from the previous one in the same file. Zero deltas and
exact repeats don't count. Codex input excludes `cached_input_tokens`.

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
        write(spec)

    truth = compute_truth(specs)
    truth.pop("_duplicate_groups")
    TRUTH_PATH.parent.mkdir(parents=True, exist_ok=True)
    TRUTH_PATH.write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")

    readme = README
    for k, v in dict(A=a.sid, B=b.sid, C=c.sid, D=d.sid, R1=rollout_name(r1),
                     R2=rollout_name(r2) + ".zst", R3=rollout_name(r3)).items():
        readme = readme.replace("{" + k + "}", v)
    (OUT / "README.md").write_text(readme, encoding="utf-8")

    for spec in specs:
        info = truth["lines_per_file"][spec.relpath]
        print(f"{info['lines']:4d} lines  malformed={info['malformed']}  {spec.relpath}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
