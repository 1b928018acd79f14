"""Claude Code sessions (drawn from `rng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


# --------------------------------------------------------------------------
# Claude Code sessions
# --------------------------------------------------------------------------


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
