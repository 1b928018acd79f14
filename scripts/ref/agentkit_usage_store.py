"""Stand-in for ``agentkit.llm.providers.usage_store`` (UsageRecord, UsageSummary, UsageStore).

The real module was NOT found (searched the public code index for the module path, the class
names, ``get_usage(`` call shapes and the ``by_department`` aggregation; the agentkit repositories
that are indexed -- Inkjourney/agentkit, giladashubham/agentkit, nft-maker-one/agentflow -- have an
``agentkit/llm/providers/`` package but no ``usage_store.py``).  Everything below is the most
plausible implementation consistent with how the seed (agentkit's ``UsageService``) uses it.
Each choice that the seed does not force is marked ASSUMPTION; the seed evidence is marked SEED.

Python 3.11 stdlib only.  ``scripts/ref/agentkit_ref.py`` installs this file under the name
``agentkit.llm.providers.usage_store`` before it executes the seed.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass
class UsageRecord:
    """One LLM call.

    SEED: the export reads exactly these attributes (timestamp, agent_name, model, prompt_tokens,
    completion_tokens, total_tokens, cost, latency_ms, user_id, department_id); ``timestamp`` is a
    string (the service calls ``datetime.fromisoformat(rec.timestamp)`` and catches ValueError);
    user_id / department_id may be falsy (the export writes ``rec.user_id or ""``).
    ASSUMPTION: field order = the export's column order, so ``asdict`` writes the keys in that order.
    """

    timestamp: str
    agent_name: str
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cost: float = 0.0
    latency_ms: float = 0.0
    user_id: str | None = None
    department_id: str | None = None

    @classmethod
    def create(
        cls,
        *,
        agent_name: str,
        model: str,
        prompt_tokens: int,
        completion_tokens: int,
        cost: float,
        latency_ms: float,
        user_id: str | None = None,
        department_id: str | None = None,
        timestamp: datetime | None = None,
    ) -> "UsageRecord":
        """How a provider logs a call.  ASSUMPTION: total = prompt + completion, and the timestamp
        is ``datetime.now(timezone.utc).isoformat()`` (microseconds, ``+00:00``; isoformat drops
        the fraction when microsecond == 0)."""
        ts = timestamp or datetime.now(timezone.utc)
        return cls(
            timestamp=ts.isoformat(),
            agent_name=agent_name,
            model=model,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
            cost=cost,
            latency_ms=latency_ms,
            user_id=user_id,
            department_id=department_id,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "UsageRecord":
        """ASSUMPTION: values are kept exactly as decoded from JSON (no int/float coercion, so a
        logged ``"cost": 0`` stays the int 0 and is exported as ``0``); missing keys take the
        dataclass defaults (user_id / department_id -> None); a missing total_tokens is
        recomputed as prompt + completion; unknown keys are ignored."""
        prompt = data.get("prompt_tokens", 0)
        completion = data.get("completion_tokens", 0)
        total = data.get("total_tokens")
        if total is None:
            total = prompt + completion
        return cls(
            timestamp=data.get("timestamp", ""),
            agent_name=data.get("agent_name", ""),
            model=data.get("model", ""),
            prompt_tokens=prompt,
            completion_tokens=completion,
            total_tokens=total,
            cost=data.get("cost", 0.0),
            latency_ms=data.get("latency_ms", 0.0),
            user_id=data.get("user_id"),
            department_id=data.get("department_id"),
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _new_bucket() -> dict[str, Any]:
    # SEED: the service reads data["total_tokens"], data["total_cost"], data["count"] and its
    # docstring documents {total_tokens, total_cost, count}.  ASSUMPTION: this key order, ints
    # start at 0 and the cost at 0.0 (so totals are floats even when every cost is an int).
    return {"total_tokens": 0, "total_cost": 0.0, "count": 0}


@dataclass
class UsageSummary:
    """SEED: attributes total_tokens, total_cost, by_model, by_user, by_department, records."""

    total_tokens: int = 0
    total_cost: float = 0.0
    by_model: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_user: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_department: dict[str, dict[str, Any]] = field(default_factory=dict)
    records: list[UsageRecord] = field(default_factory=list)

    def add(self, rec: UsageRecord) -> None:
        """ASSUMPTION: one left-to-right pass over the matching records in storage order; every
        sum is a plain ``+=`` (so float totals depend on that order).  Records whose user_id /
        department_id is falsy (None, missing, "") are counted in the totals and by_model but get
        no by_user / by_department entry.  Dict keys appear in first-seen order."""
        self.records.append(rec)
        self.total_tokens += rec.total_tokens
        self.total_cost += rec.cost
        groups = [(self.by_model, rec.model)]
        if rec.user_id:
            groups.append((self.by_user, rec.user_id))
        if rec.department_id:
            groups.append((self.by_department, rec.department_id))
        for table, key in groups:
            bucket = table.get(key)
            if bucket is None:
                bucket = table[key] = _new_bucket()
            bucket["total_tokens"] += rec.total_tokens
            bucket["total_cost"] += rec.cost
            bucket["count"] += 1


def _as_aware(dt: datetime) -> datetime:
    """ASSUMPTION: a naive datetime (record or bound) means UTC, so naive and aware values can be
    compared instead of raising TypeError."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)


class UsageStore:
    """Append-only JSON Lines file of UsageRecord dicts.

    ASSUMPTION: storage is one ``json.dumps(asdict(record))`` per line (default separators, so
    ``{"timestamp": "...", "agent_name": ...}``, ensure_ascii=True), appended in call order; reads
    return the lines in file order.  No dedup: two identical lines are two records.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def record(self, rec: UsageRecord) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(asdict(rec)) + "\n")

    def load(self) -> list[UsageRecord]:
        """ASSUMPTION: blank lines are skipped; a line that is not a JSON object is skipped with
        a warning (never fatal)."""
        if not self.path.exists():
            return []
        out: list[UsageRecord] = []
        with self.path.open(encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                if not line:
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError:
                    logger.warning("usage store %s:%d: malformed line skipped", self.path, lineno)
                    continue
                if not isinstance(data, dict):
                    logger.warning("usage store %s:%d: not an object, skipped", self.path, lineno)
                    continue
                out.append(UsageRecord.from_dict(data))
        return out

    def get_usage(
        self,
        start_time: datetime | None = None,
        end_time: datetime | None = None,
        user_id: str | None = None,
        department_id: str | None = None,
    ) -> UsageSummary:
        """SEED: called with exactly these four keyword arguments.

        ASSUMPTIONS:
        * time bounds are compared as datetimes (instants: offsets are honoured), both ends
          inclusive: kept when ``start_time <= ts <= end_time``;
        * a naive bound or record timestamp is taken as UTC;
        * with a time bound, a record whose timestamp does not parse is dropped; without one it is
          kept (the service's own try/except then skips it in the timeseries);
        * ``user_id`` / ``department_id`` filters apply when truthy and require equality
          (so ``--user ""`` means no filter);
        * records keep storage (file) order; nothing is sorted.
        """
        start = _as_aware(start_time) if start_time is not None else None
        end = _as_aware(end_time) if end_time is not None else None
        summary = UsageSummary()
        for rec in self.load():
            if user_id and rec.user_id != user_id:
                continue
            if department_id and rec.department_id != department_id:
                continue
            if start is not None or end is not None:
                try:
                    ts = _as_aware(datetime.fromisoformat(rec.timestamp))
                except (TypeError, ValueError):
                    continue
                if start is not None and ts < start:
                    continue
                if end is not None and ts > end:
                    continue
            summary.add(rec)
        return summary
