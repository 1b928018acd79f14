"""distri usage rows (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


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
