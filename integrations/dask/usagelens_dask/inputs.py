"""What a run reads, and how it is cut into shard tasks.

Local paths are listed by ``usagelens files --json`` (on a worker: the binary need only exist there), so the
rules of discovery (suffixes, symbolic links, repeats, what cannot be read) are usagelens's own. URLs are
listed through fsspec with the same suffixes. Every input then carries the path a one-machine run would show
it by, which the shard records through ``usagelens shard --shown-prefix``.
"""

from __future__ import annotations

import heapq
import math
import os
import posixpath
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

#: The names usagelens searches directories for (``InputDiscovery.suffixes``).
LOG_SUFFIXES = (".jsonl", ".jsonl.zst", ".zst", ".json", ".ndjson")

#: What one file costs beyond its bytes (opening it, its account in the shard): keeps a task of thousands
#: of tiny files from counting as nothing.
PER_FILE_BYTES = 4096

#: The problem ``usagelens files`` gives a dangling symbolic link found in a directory. Named outright, such a
#: link is a missing path (exit 1), so the shard task rebuilds the directory entry instead (see tasks.py).
DANGLING_LINK = "a symbolic link to nothing"


class ListingError(Exception):
    """An input that cannot be listed: a missing path or object, an unreachable store (exit status 1)."""


@dataclass(frozen=True, order=True)
class Input:
    """One file of the run.

    ``location`` is what a worker opens: an absolute local path, or a URL fetched through fsspec. ``shown``
    is the path the reports show (what ``usagelens`` on the client, in its working directory, would show).
    ``problem`` is what discovery already knows it cannot read (the shard records it as that file's error).
    """

    shown: str
    location: str
    size: int
    remote: bool = False
    problem: str | None = None

    @property
    def weight(self) -> int:
        return max(self.size, 0) + PER_FILE_BYTES


def is_url(path: str) -> bool:
    """Whether a command-line path is an fsspec URL (``s3://...``, ``file://...``, ``memory://...``)."""
    return "://" in path or path.startswith("simplecache::")


def local_prefix(cwd: str) -> str:
    """The prefix put before a relative path to make it absolute, and taken off again by ``--shown-prefix``.

    ``CWD/./`` rather than ``CWD/``: usagelens shows paths as they were given, so an input under a relative
    argument shows as ``/home/u/./logs/a.jsonl`` and loses exactly ``/home/u/./``, while an absolute argument
    the user gave (``/home/u/logs/``) never has the ``/./`` and keeps its absolute name, as on one machine.
    """
    return cwd.rstrip("/") + "/./"


def absolute(path: str, cwd: str) -> str:
    """A local command-line path as a worker must be given it (see ``local_prefix``)."""
    return path if path.startswith("/") else local_prefix(cwd) + path


def shown_local(location: str, cwd: str) -> str:
    """The path a one-machine run in ``cwd`` shows for a listed local input."""
    prefix = local_prefix(cwd)
    return location[len(prefix) :] if location.startswith(prefix) else location


def local_inputs(listing: Mapping[str, Any], cwd: str) -> list[Input]:
    """The inputs of a ``usagelens files --json`` listing run over ``absolute()`` paths."""
    return [
        Input(
            shown=shown_local(entry["path"], cwd),
            location=entry["path"],
            size=int(entry.get("bytes", 0)),
            problem=entry.get("error"),
        )
        for entry in listing.get("files", [])
    ]


def has_log_suffix(name: str) -> bool:
    return name.endswith(LOG_SUFFIXES)


def list_remote(url: str, storage_options: Mapping[str, Any]) -> list[Input]:
    """The objects under a URL: a prefix is searched recursively for log names, an object named outright is
    read whatever its name (as usagelens treats directories and files)."""
    import fsspec  # imported here: local-only runs need no fsspec backend configured

    try:
        fs, root = fsspec.core.url_to_fs(url, **storage_options)
    except (ImportError, ValueError) as error:
        raise ListingError(f"{url}: {error}") from error
    try:
        if fs.isdir(root):
            found = fs.find(root, detail=True)
            entries = [(path, info) for path, info in found.items() if has_log_suffix(posixpath.basename(path))]
        else:
            entries = [(root, fs.info(root))]
    except FileNotFoundError as error:
        raise ListingError(f"{url}: no such file or directory") from error
    except Exception as error:  # the store's own errors: credentials, network, permissions
        raise ListingError(f"{url}: cannot list: {error}") from error
    inputs = []
    for path, info in entries:
        if info.get("type") == "directory":
            continue
        shown = fs.unstrip_protocol(path)
        inputs.append(Input(shown=shown, location=shown, size=int(info.get("size") or 0), remote=True))
    return sorted(inputs)


def plan(inputs: Iterable[Input], partition_bytes: int) -> list[tuple[Input, ...]]:
    """Cuts the inputs into tasks of about ``partition_bytes`` each, deterministically.

    Greedy, largest first (longest-processing-time): the number of tasks is the total over the partition
    size, each file goes to the lightest task so far, ties to the first. A file is never split, so one big
    file is a task of its own. Remote and local inputs never share a task: remote ones are read with
    ``--no-cache`` (their copies are temporary), local ones with the user's cache options. The order of the
    inputs given does not matter; tasks come out in a fixed order, each sorted by path.
    """
    if partition_bytes <= 0:
        raise ValueError("partition size must be positive")
    tasks: list[tuple[Input, ...]] = []
    for remote in (False, True):
        group = sorted(i for i in set(inputs) if i.remote == remote)
        tasks.extend(_balance(group, partition_bytes))
    return tasks


def _balance(group: Sequence[Input], partition_bytes: int) -> list[tuple[Input, ...]]:
    if not group:
        return []
    total = sum(i.weight for i in group)
    count = min(len(group), max(1, math.ceil(total / partition_bytes)))
    bins: list[list[Input]] = [[] for _ in range(count)]
    lightest = [(0, index) for index in range(count)]
    for item in sorted(group, key=lambda i: (-i.weight, i.shown, i.location)):
        load, index = heapq.heappop(lightest)
        bins[index].append(item)
        heapq.heappush(lightest, (load + item.weight, index))
    return [tuple(sorted(b)) for b in bins if b]


def describe_inputs(inputs: Sequence[Input], limit: int = 3) -> str:
    """``logs/a.jsonl``, ``logs/a.jsonl, logs/b.jsonl and 7 more``: for error messages."""
    names = [i.shown for i in inputs[:limit]]
    more = len(inputs) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def client_cwd() -> str:
    """The client's working directory as the shell spells it (``$PWD`` when it names the same directory),
    so that a symbolic link in the path does not change the absolute paths the workers are given."""
    physical = os.getcwd()
    logical = os.environ.get("PWD")
    if logical and os.path.isabs(logical):
        try:
            if os.path.samefile(logical, physical):
                return logical
        except OSError:
            pass
    return physical
