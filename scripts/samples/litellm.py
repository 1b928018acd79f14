"""LiteLLM spend logs and standard logging payloads (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


# --------------------------------------------------------------- LiteLLM ---


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
