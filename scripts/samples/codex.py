"""Codex CLI rollouts (drawn from `rng`), and the subagent rollout that replays its parent (from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


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
