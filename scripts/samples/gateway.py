"""Pipeline / OpenClaw gateway sessions and sessions.list results (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


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
