"""Anthropic Messages API responses (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


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
