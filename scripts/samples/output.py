"""Writing the sample files and computing the truth file from the generators' bookkeeping."""

from __future__ import annotations

from samples.common import *  # noqa: F403 (the shared helpers, as in one file before)


# --------------------------------------------------------------------------
# writing files
# --------------------------------------------------------------------------

def zstd_compress(data: bytes) -> bytes:
    return subprocess.run(["zstd", "-q", "-c", "-19", "--no-progress"], input=data,
                          check=True, capture_output=True).stdout


def zstd_decompress(data: bytes) -> bytes:
    return subprocess.run(["zstd", "-q", "-d", "-c"], input=data,
                          check=True, capture_output=True).stdout


def render(spec: FileSpec) -> bytes:
    nl = "\r\n" if spec.crlf else "\n"
    text = nl.join(l.text for l in spec.lines)
    if spec.final_newline:
        text += nl
    data = text.encode("utf-8")
    if spec.bom:
        data = b"\xef\xbb\xbf" + data
    return data


def write(spec: FileSpec) -> None:
    path = OUT / spec.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = render(spec)
    if spec.compress is None:
        out = raw
    elif spec.compress == "single":
        out = zstd_compress(raw)
    elif spec.compress == "multi":
        # split at a line boundary near the middle
        nl = b"\r\n" if spec.crlf else b"\n"
        n = len(spec.lines) // 2
        cut = 0
        for _ in range(n):
            cut = raw.index(nl, cut) + len(nl)
        payload = b"usagelens sample: skippable frame between data frames"
        skippable = struct.pack("<II", 0x184D2A50, len(payload)) + payload
        out = zstd_compress(raw[:cut]) + skippable + zstd_compress(raw[cut:])
    else:
        raise ValueError(spec.compress)
    if spec.compress:
        assert zstd_decompress(out) == raw, spec.relpath
    path.write_bytes(out)


# --------------------------------------------------------------------------
# truth
# --------------------------------------------------------------------------

def zero_fields():
    d = {"events": 0}
    d.update({f: 0 for f in FIELDS})
    return d


def compute_truth(specs: list[FileSpec]) -> dict:
    # de-duplicate events globally
    kept: dict[tuple, Event] = {}
    groups: dict[tuple, list[Event]] = {}
    order: list[tuple] = []
    for spec in specs:
        for ln in spec.lines:
            for ev in ln.all_events():
                if ev.source == "claude":
                    mid, _ = ev.key
                    key = ("claude", mid)   # one message id is one API response, whatever the requestId
                elif ev.key is None:
                    key = ("no-dedup", len(groups))     # every record counts
                else:
                    key = ev.key
                groups.setdefault(key, []).append(ev)
                if key not in kept:
                    kept[key] = ev
                    order.append(key)
                elif ev.keep_last or ev.size > kept[key].size:
                    kept[key] = ev
    # sanity: duplicate copies must agree on model, format, dimensions and on
    # both day buckets, otherwise the truth would depend on tie-breaking details
    for key, evs in groups.items():
        assert len({e.model for e in evs}) == 1, key
        assert len({e.format for e in evs}) == 1, key
        assert len({e.keep_last for e in evs}) == 1, key
        assert len({(e.user, e.department) for e in evs}) == 1, key
        assert len({day(e.ts) for e in evs}) == 1, key
        assert len({kday(e.ts) for e in evs}) == 1, key

    per_model: dict[str, dict] = {}
    per_utc: dict[str, dict] = {}
    per_kol: dict[str, dict] = {}
    per_user: dict[str, dict] = {}
    per_dept: dict[str, dict] = {}
    per_format: dict[str, int] = {}
    cost = 0.0
    for key in order:
        ev = kept[key]
        per_format[ev.format] = per_format.get(ev.format, 0) + 1
        buckets = [(per_model, ev.model), (per_utc, day(ev.ts)), (per_kol, kday(ev.ts))]
        if ev.user is not None:
            buckets.append((per_user, ev.user))
        if ev.department is not None:
            buckets.append((per_dept, ev.department))
        for bucket, name in buckets:
            agg = bucket.setdefault(name, zero_fields())
            agg["events"] += 1
            for f in FIELDS:
                agg[f] += ev.tokens[f]
        if ev.cost is not None:
            cost += ev.cost

    lines_per_file = {}
    for spec in specs:
        lines_per_file[spec.relpath] = {
            "lines": sum(1 for l in spec.lines if l.text.strip() != ""),
            "malformed": [i + 1 for i, l in enumerate(spec.lines) if l.malformed],
        }
    return {
        "per_model": dict(sorted(per_model.items())),
        "per_utc_day": dict(sorted(per_utc.items())),
        "per_kolkata_day": dict(sorted(per_kol.items())),
        "lines_per_file": dict(sorted(lines_per_file.items())),
        "logged_cost_usd": round(cost, 10),
        "per_format": dict(sorted(per_format.items())),
        "per_user": dict(sorted(per_user.items())),
        "per_department": dict(sorted(per_dept.items())),
        "_duplicate_groups": sum(1 for evs in groups.values() if len(evs) > 1),
    }
