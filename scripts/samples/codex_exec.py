"""`codex exec --json` event streams (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


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
