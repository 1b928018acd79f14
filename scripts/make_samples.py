#!/usr/bin/env python3
"""Generate the sample usage logs in samples/ plus Tests/usagelensTests/Fixtures/samples-truth.json.

Deterministic (fixed seed), Python 3.11 stdlib only, plus the `zstd` CLI for
the compressed fixtures.  Run from anywhere:

    python3 scripts/make_samples.py

One generator per format lives in scripts/samples/<format>.py (shared helpers
in common.py, writing and the truth in output.py); this driver calls them in a
fixed order, because the formats share two random generators (`rng` for Claude
Code and Codex, `nrng` for the rest): a new format's generator is called after
the others, so no byte of the existing samples moves.

TRUTH.json is computed from the generator's own bookkeeping (every emitted
line carries a record of the event it represents, if any) -- the written
files are never parsed back to compute it.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import datetime

from samples.common import OUT, TRUTH_PATH, FileSpec, n_hex
from samples.claude import claude_session_a, claude_session_b, claude_session_c, claude_session_d
from samples.codex import CodexRollout, codex_r1, codex_r2, codex_r3, codex_subagent
from samples.openai import openai_chat_file, openai_responses_files
from samples.anthropic import anthropic_file
from samples.agentkit import agentkit_file
from samples.gateway import gateway_files
from samples.litellm import litellm_files
from samples.gemini import GEMINI_PROJECT_HASH, gemini_file, gemini_session_json
from samples.distri import distri_file
from samples.codex_exec import codex_exec_stream
from samples.output import compute_truth, write
from samples.readme import README


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
