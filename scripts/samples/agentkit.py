"""agentkit usage records (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


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
