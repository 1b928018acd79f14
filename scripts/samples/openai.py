"""OpenAI API responses: Chat Completions and the Responses API (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


# ---------------------------------------------------------------- OpenAI ---

def chat_completion(model, created: datetime, prompt, cached, completion, reasoning=0, text="",
                    tool=None):
    assert cached <= prompt and reasoning <= completion
    if tool:
        message = {"role": "assistant", "content": None,
                   "tool_calls": [{"id": "call_" + n_b62(24), "type": "function",
                                   "function": {"name": tool[0], "arguments": json.dumps(tool[1])}}],
                   "refusal": None, "annotations": []}
        finish = "tool_calls"
    else:
        message = {"role": "assistant", "content": text, "refusal": None, "annotations": []}
        finish = "stop"
    return {"id": "chatcmpl-" + n_b62(29), "object": "chat.completion",
            "created": int(created.timestamp()), "model": model,
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                      "total_tokens": prompt + completion,
                      "prompt_tokens_details": {"cached_tokens": cached, "audio_tokens": 0},
                      "completion_tokens_details": {"reasoning_tokens": reasoning, "audio_tokens": 0,
                                                    "accepted_prediction_tokens": 0,
                                                    "rejected_prediction_tokens": 0}},
            "service_tier": "default",
            "system_fingerprint": None if model == O3 else "fp_" + n_hex(10)}


def responses_object(model, created: datetime, inp, cached, out, reasoning=0, text="", effort=None):
    assert cached <= inp and reasoning <= out
    output = []
    if model == O3:
        output.append({"id": "rs_" + n_hex(48), "type": "reasoning", "summary": []})
    output.append({"id": "msg_" + n_hex(48), "type": "message", "status": "completed",
                   "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": text}],
                   "role": "assistant"})
    return {"id": "resp_" + n_hex(48), "object": "response", "created_at": int(created.timestamp()),
            "status": "completed", "background": False, "error": None, "incomplete_details": None,
            "instructions": None, "max_output_tokens": None, "model": model, "output": output,
            "parallel_tool_calls": True, "previous_response_id": None,
            "reasoning": {"effort": effort, "summary": None}, "service_tier": "default", "store": True,
            "temperature": 1.0, "text": {"format": {"type": "text"}, "verbosity": "medium"},
            "tool_choice": "auto", "tools": [], "top_p": 1.0, "truncation": "disabled",
            "usage": {"input_tokens": inp, "input_tokens_details": {"cached_tokens": cached},
                      "output_tokens": out, "output_tokens_details": {"reasoning_tokens": reasoning},
                      "total_tokens": inp + out},
            "user": None, "metadata": {}}


def openai_event(obj: dict, when: datetime, user=None) -> Event:
    u = obj["usage"]
    if obj["object"] == "chat.completion":
        prompt, out = u["prompt_tokens"], u["completion_tokens"]
        cached = u["prompt_tokens_details"]["cached_tokens"]
        reasoning = u["completion_tokens_details"]["reasoning_tokens"]
    else:
        prompt, out = u["input_tokens"], u["output_tokens"]
        cached = u["input_tokens_details"]["cached_tokens"]
        reasoning = u["output_tokens_details"]["reasoning_tokens"]
    return new_event("openai-api", ("openai-api", obj["id"]), obj["model"], when,
                     inp=prompt - cached, out=out, cr=cached, reasoning=reasoning, user=user)


def created_time(obj: dict) -> datetime:
    t = obj["created"] if obj["object"] == "chat.completion" else obj["created_at"]
    return datetime.fromtimestamp(t, timezone.utc)


def openai_line(obj: dict) -> Line:
    return Line(dumps(obj), openai_event(obj, created_time(obj)))


def openai_chat_file() -> list[Line]:
    """2025-10-14: Chat Completions as an app logs `completion.model_dump_json()`."""
    lines: list[Line] = []
    t = utc("2025-10-14T08:05:12")
    specs = [
        (GPT4O_MINI, 1342, 0, 187, 0, "The ticket is about a failed card payment; route it to Billing."),
        (GPT4O, 5210, 4096, 402, 0, "Here is a summary of the three incidents from last week..."),
        (GPT4O, 6120, 5120, 58, 0, ("search_runbooks", {"query": "redis failover"})),
        (GPT4O, 6455, 6016, 512, 0, "Runbook RB-114 covers the Redis failover: promote the replica, then..."),
    ]
    for model, prompt, cached, out, reasoning, what in specs:
        t = after(t, 300, 2400)
        if isinstance(what, tuple):
            obj = chat_completion(model, t, prompt, cached, out, reasoning, tool=what)
        else:
            obj = chat_completion(model, t, prompt, cached, out, reasoning, text=what)
        lines.append(openai_line(obj))
    # the same response logged twice (the app's retry wrapper logs before and after): counts once
    lines.append(Line(lines[-1].text, Event(**{**lines[-1].event.__dict__})))
    t = after(t, 600, 1800)
    lines.append(openai_line(chat_completion(O3, t, 3820, 0, 2410, 1984,
                                             text="The migration is safe if you backfill before adding the NOT NULL constraint.")))
    lines.append(Line(""))
    t = after(t, 900, 3000)
    lines.append(openai_line(chat_completion(GPT4O_MINI, t, 980, 0, 64, text="Category: shipping delay.")))
    # one response wrapped by a logging proxy, with rate-limit headers and a user
    t = utc("2025-10-14T16:20:09")
    obj = chat_completion(GPT4O, t, 14210, 12800, 733, text="Draft reply to the customer: ...")
    logged = after(t, 2, 6)
    assert same_days(t, logged)
    wrapped = {"timestamp": rfc(logged), "user_id": "u-chen", "response": obj,
               "headers": {"x-ratelimit-limit-requests": "500", "x-ratelimit-limit-tokens": "30000",
                           "x-ratelimit-remaining-requests": "497", "x-ratelimit-remaining-tokens": "12000",
                           "x-ratelimit-reset-requests": "360ms", "x-ratelimit-reset-tokens": "1m30s",
                           "openai-processing-ms": "4127", "x-request-id": "req_" + n_hex(32)}}
    lines.append(Line(dumps(wrapped), openai_event(obj, logged, user="u-chen")))
    # a torn line in the middle of the file (the logger was killed mid-write)
    t = after(t, 120, 600)
    full = dumps(chat_completion(GPT4O, t, 21033, 19968, 377, text="..."))
    lines.append(torn_line(full, '"usage":{"prompt_tokens":21'))
    t = after(t, 300, 900)
    lines.append(openai_line(chat_completion(GPT41, t, 20480, 18944, 1290,
                                             text="I refactored `parse_invoice` into three functions; see the diff.")))
    # after 18:30 UTC: 2025-10-15 in Asia/Kolkata
    t = utc("2025-10-14T18:41:27")
    lines.append(openai_line(chat_completion(O3, t, 9012, 7936, 3105, 2688,
                                             text="Proof sketch: induct on the number of merges...")))
    t = after(t, 400, 900)
    lines.append(openai_line(chat_completion(GPT4O_MINI, t, 2211, 1024, 143, text="Yes, that matches the SLA.")))
    t = after(t, 400, 900)
    lines.append(openai_line(chat_completion(GPT41, t, 4410, 0, 388, text="Added type hints to the module.")))
    return lines


RESPONSE_TEXTS = [
    "The flaky test depends on dict ordering; sort the keys before comparing.",
    "Here is the SQL for weekly active users by plan.",
    "Summary: the outage was caused by an expired TLS certificate on the internal gateway.",
    "Three options, ranked by effort: ...",
    "The regex misses IPv6 literals; use ipaddress.ip_address instead.",
    "Translated the onboarding email into German and French.",
    "The contract's renewal clause requires 60 days' notice.",
    "Rewrote the function without recursion; complexity is unchanged.",
    "Here is a checklist for the quarterly access review.",
    "The chart uses a log scale because latencies span four orders of magnitude.",
]


def openai_responses_files() -> tuple[list[Line], list[Line]]:
    """Responses API objects: an archive rotated at noon (2025-10-15, stored as
    .jsonl.zst) and the live log, which repeats the archive's last response."""
    plan = [  # model, input, cached, output, reasoning, effort
        (O3, 2890, 0, 1822, 1536, "medium"),
        (GPT41, 7301, 6144, 455, 0, None),
        (GPT4O_MINI, 612, 0, 97, 0, None),
        (O3, 11820, 10240, 2961, 2304, "high"),
        (GPT41, 9114, 8960, 702, 0, None),
        (GPT4O_MINI, 1533, 1152, 211, 0, None),
        (O3, 5402, 4864, 1205, 960, "low"),
    ]
    archive: list[Line] = []
    t = utc("2025-10-15T00:41:55")
    for i, (model, inp, cached, out, reasoning, effort) in enumerate(plan):
        t = after(t, 2400, 6000)
        obj = responses_object(model, t, inp, cached, out, reasoning, RESPONSE_TEXTS[i % 10], effort)
        archive.append(openai_line(obj))
    assert created_time(json.loads(archive[-1].text)) < utc("2025-10-15T12:00:00")

    live: list[Line] = []
    # log rotation overlap: the archive's last response again (same id, counts once)
    live.append(Line(archive[-1].text, Event(**{**archive[-1].event.__dict__})))
    t = utc("2025-10-15T12:03:40")
    plan = [
        (GPT41, 15320, 14336, 1104, 0, None),
        (GPT4O_MINI, 845, 0, 122, 0, None),
        (O3, 6610, 5888, 2234, 1792, "medium"),
        (GPT41, 3020, 0, 260, 0, None),
    ]
    for i, (model, inp, cached, out, reasoning, effort) in enumerate(plan):
        t = after(t, 1800, 5400)
        live.append(openai_line(responses_object(model, t, inp, cached, out, reasoning,
                                                 RESPONSE_TEXTS[(i + 3) % 10], effort)))
    # a streamed response: only its `response.completed` event is logged
    t = utc("2025-10-15T19:02:13")
    obj = responses_object(O3, t, 8204, 7680, 2760, 2240, "Step-by-step derivation of the bound...", "high")
    live.append(Line(dumps({"type": "response.completed", "sequence_number": 187, "response": obj}),
                     openai_event(obj, t)))
    t = utc("2025-10-16T09:12:30")
    for i, (model, inp, cached, out, reasoning, effort) in enumerate([
        (GPT4O_MINI, 2204, 1920, 180, 0, None),
        (GPT41, 12007, 11776, 931, 0, None),
        (GPT4O_MINI, 730, 0, 58, 0, None),
    ]):
        t = after(t, 1200, 4800)
        live.append(openai_line(responses_object(model, t, inp, cached, out, reasoning,
                                                 RESPONSE_TEXTS[(i + 7) % 10], effort)))
    return archive, live
