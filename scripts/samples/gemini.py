"""Gemini CLI chat records, and the older one-document session-*.json (drawn from `nrng`)."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


# ------------------------------------------------------------ Gemini CLI ---

GEMINI_PROJECT_HASH = sha256("/home/dev/ml-pipeline")


def gemini_file() -> list[Line]:
    """One Gemini CLI chat recording (2025-10-15 morning UTC): a record per
    line; a response's record is rewritten, same id, as it grows."""
    lines: list[Line] = []
    t = utc("2025-10-15T09:41:07.215")

    def record(typ, content, when, model=None, tokens=None, rid=None, extra=None):
        d = {"id": rid or n_uuid(), "timestamp": rfc(when), "type": typ, "content": content}
        if extra:
            d.update(extra)
        ev = None
        if tokens is not None:
            inp, out, cached, thoughts, tool = tokens
            d["tokens"] = {"input": inp, "output": out, "cached": cached, "thoughts": thoughts,
                           "tool": tool, "total": inp + out + thoughts + tool}
            d["model"] = model
            # tokens.input includes the cached part; tool-use prompt tokens are input billed beside it
            # (total = input + output + thoughts + tool).
            ev = new_event("gemini-cli", ("gemini-cli", d["id"]), model, when, inp=inp - cached + tool,
                           out=out + thoughts, cr=cached, reasoning=thoughts, keep_last=True)
        return Line(dumps(d), ev), d["id"]

    def user(text):
        nonlocal t
        t = after(t, 8, 90)
        lines.append(record("user", text, t)[0])

    def gemini(text, tokens, model=GEMINI_PRO, **kw):
        nonlocal t
        t = after(t, 2, 30)
        line, rid = record("gemini", text, t, model, tokens, **kw)
        lines.append(line)
        return rid, t

    user("Why does the feature pipeline run out of memory on the full dataset?")
    gemini("Let me look at how the parquet files are loaded.", (8840, 41, 0, 312, 0),
           extra={"thoughts": [{"subject": "Inspecting the loader",
                                "description": "The loader calls pd.read_parquet on the whole directory.",
                                "timestamp": rfc(t)}]})
    gemini("`load_all()` reads every partition into one DataFrame. Stream them instead.",
           (10230, 388, 8192, 904, 0))
    user("Rewrite load_all to stream partitions with pyarrow.")
    # written three times as the response streams in: the last record counts
    rid, when = gemini("def load_all(path):", (11012, 120, 10240, 1210, 0))
    lines.append(record("gemini", "def load_all(path):\n    dataset = ds.dataset(path)", when, GEMINI_PRO,
                        (11012, 655, 10240, 1210, 0), rid=rid)[0])
    lines.append(record("gemini", "def load_all(path):\n    dataset = ds.dataset(path)\n    for batch in dataset.to_batches(): ...",
                        when, GEMINI_PRO, (11012, 1034, 10240, 1210, 0), rid=rid)[0])
    user("Also add a progress bar.")
    gemini("Added tqdm around the batch loop.", (12650, 402, 11264, 233, 96),
           extra={"toolCalls": [{"id": "replace-" + n_hex(8), "name": "replace", "status": "success"}]})
    t = after(t, 1, 3)
    lines.append(record("info", "Switched to gemini-2.5-flash for the rest of this session (quota).", t)[0])
    user("Summarise the change for the PR description.")
    # rewritten after a retry with a SHORTER answer: the last record still counts
    rid, when = gemini("This PR replaces the eager loader with a streaming one. It also ...",
                       (13020, 518, 12288, 140, 0), model=GEMINI_FLASH)
    lines.append(record("gemini", "Streams parquet partitions with pyarrow; adds a tqdm progress bar.", when,
                        GEMINI_FLASH, (13020, 61, 12288, 140, 0), rid=rid)[0])
    user("Thanks!")
    gemini("You're welcome.", (13180, 6, 12288, 0, 0), model=GEMINI_FLASH)
    return lines


def gemini_session_json() -> tuple[str, list[Line]]:
    """An older Gemini CLI session: one pretty-printed object (`JSON.stringify(conversation, null, 2)`);
    every message event sits on the line its object starts on."""
    sid = n_uuid()
    t = utc("2025-10-16T07:12:40.120")
    messages, tokens_of = [], {}
    for text, toks in [("Why is the nightly export slow?", None),
                       ("It reads the whole table into memory before writing.", (9120, 204, 4096, 388, 0)),
                       ("Make it stream.", None),
                       ("Done: rows are written in batches of 10,000.", (11480, 512, 8192, 640, 40))]:
        t = after(t, 4, 40)
        m = {"id": n_uuid(), "timestamp": rfc(t), "type": "user" if toks is None else "gemini", "content": text}
        if toks is not None:
            inp, out, cached, thoughts, tool = toks
            m["thoughts"] = [{"subject": "Reading the exporter", "description": "It calls fetchall().",
                              "timestamp": rfc(t)}]
            m["tokens"] = {"input": inp, "output": out, "cached": cached, "thoughts": thoughts, "tool": tool,
                           "total": inp + out + thoughts + tool}
            m["model"] = GEMINI_PRO
            tokens_of[m["id"]] = new_event("gemini-cli", ("gemini-cli", m["id"]), GEMINI_PRO, t,
                                           inp=inp - cached + tool, out=out + thoughts, cr=cached,
                                           reasoning=thoughts, keep_last=True)
        messages.append(m)
    doc = {"sessionId": sid, "projectHash": sha256("/home/dev/exporter"), "startTime": rfc(utc("2025-10-16T07:12:40")),
           "lastUpdated": rfc(t), "messages": messages}
    text = json.dumps(doc, indent=2, ensure_ascii=False).split("\n")
    lines = [Line(x) for x in text]
    for i, x in enumerate(text):
        if x.strip().startswith('"id": "') and i > 0 and text[i - 1].strip() == "{":
            mid = x.strip()[len('"id": "'):-2]
            if mid in tokens_of:
                lines[i - 1].event = tokens_of[mid]
    return f"gemini/tmp/{sha256('/home/dev/exporter')}/chats/session-2025-10-16T07-12-{sid[:8]}.json", lines
