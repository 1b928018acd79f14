"""The steps of a cluster run, as functions over a ``distributed.Client``.

    from distributed import Client
    from usagelens_dask import shard_tasks, merge, report

    client = Client("tcp://scheduler:8786")
    shards = shard_tasks(client, ["logs/", "s3://bucket/gateway/"], usagelens="/opt/usagelens")
    merged = merge(client, shards, usagelens="/opt/usagelens")
    out, err, code = report(client, merged, ["daily", "--json"], usagelens="/opt/usagelens")

Why the result equals one machine's: a shard holds what its files gave before dedup and pricing, and the report
over the shards of any partition of an archive equals the report over the archive, byte for byte
(docs/shards.md). The steps here only choose the partition (``plan``), build the shards where the files are,
merge them (a merge is again a shard of the same files) and run the report once over the result.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Mapping, Sequence

from distributed import Client, Future

from . import tasks
from .args import CommandSpec, Invocation, UsageError, UsagelensSpec, parse_spec, split
from .inputs import Input, ListingError, absolute, client_cwd, is_url, list_remote, local_inputs, local_prefix, plan
from .tasks import OutputFile, ReportResult, TaskFailed, Upload

#: How often Dask runs a failed task again (a worker that died is handled by the scheduler on top of this).
RETRIES = 2

#: How many shards one merge task reads.
FAN_IN = 8

#: Environment variables of the client that change what a report prints; the final report gets them so it
#: prints what it would on the client. ``TZ`` is added from /etc/localtime when unset (``time_zone``).
REPORT_ENVIRONMENT = ("TZ", "COLUMNS", "NO_COLOR")

#: Environment variables of the client that change how files are read (the shard steps get them).
SHARD_ENVIRONMENT = ("USAGELENS_CACHE_DIR",)

#: Environment variables that name a client file the report reads (its bytes are sent along).
FILE_ENVIRONMENT = ("USAGELENS_PRICING_FILE",)


def resolve_binary(usagelens: str, cwd: str | None = None) -> str:
    """A binary given by a relative path (``.build/debug/usagelens``) is made absolute, since the workers run
    elsewhere; a bare name is looked up on each worker's PATH."""
    if "/" in usagelens and not usagelens.startswith("/"):
        return os.path.join(cwd or client_cwd(), usagelens)
    return usagelens


def describe(client: Client, usagelens: str = "usagelens") -> UsagelensSpec:
    """The argument parser's description of every subcommand of the workers' usagelens."""
    return parse_spec(client.submit(tasks.describe, usagelens, pure=False, retries=RETRIES).result())


def list_inputs(
    client: Client,
    paths: Sequence[str],
    *,
    usagelens: str = "usagelens",
    storage_options: Mapping[str, Any] | None = None,
    cwd: str | None = None,
) -> list[Input]:
    """Every input a run over ``paths`` reads.

    Local paths are listed by ``usagelens files --json`` on a worker (made absolute first: the worker's working
    directory is not the client's); URLs by fsspec, here. Raises ``ListingError`` or ``TaskFailed`` for a
    path that is not there.
    """
    cwd = cwd or client_cwd()
    local = [p for p in paths if not is_url(p)]
    inputs: list[Input] = []
    if local:
        if any(not p.startswith("/") for p in local) and "=" in cwd:
            raise UsageError(f"the working directory {cwd} holds '=', which --shown-prefix cannot name; give absolute paths")
        where = [absolute(p, cwd) for p in local]
        listing = client.submit(
            tasks.list_files, usagelens, where, local, {local_prefix(cwd): ""}, pure=False, retries=RETRIES
        ).result()
        import json

        inputs += local_inputs(json.loads(listing), cwd)
    for url in (p for p in paths if is_url(p)):
        inputs += list_remote(url, storage_options or {})
    return inputs


def shard_tasks(
    client: Client,
    paths: Sequence[str] | Sequence[Input],
    *,
    usagelens: str = "usagelens",
    partition_mb: float = 64,
    storage_options: Mapping[str, Any] | None = None,
    shard_options: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    retries: int = RETRIES,
) -> list[Future]:
    """Submits one ``usagelens shard`` task per partition of the inputs; futures of the shards' bytes.

    ``paths`` are command-line paths and URLs (listed with ``list_inputs``) or inputs already listed.
    ``shard_options`` are reading options for every shard (``--threads 2``, ``--no-cache``), ``env``
    variables for the shard runs (default: the client's ``USAGELENS_CACHE_DIR``). Relative local paths are
    shown relative to ``cwd`` (default: the client's working directory), as a run there would show them.
    There is always at least one task: no input gives one empty shard.
    """
    cwd = cwd or client_cwd()
    inputs = [p for p in paths if isinstance(p, Input)]
    names = [p for p in paths if isinstance(p, str)]
    if names:
        inputs += list_inputs(client, names, usagelens=usagelens, storage_options=storage_options, cwd=cwd)
    partitions = plan(inputs, max(1, int(partition_mb * (1 << 20)))) or [()]
    env = dict(env) if env is not None else _client_environment(SHARD_ENVIRONMENT)
    prefix = local_prefix(cwd)
    return [
        client.submit(
            tasks.shard,
            usagelens,
            partition,
            tuple(shard_options),
            None if any(i.remote for i in partition) else prefix,
            dict(storage_options or {}),
            env,
            key=f"usagelens-shard-{n}-{os.urandom(6).hex()}",
            retries=retries,
        )
        for n, partition in enumerate(partitions)
    ]


def merge(
    client: Client, futures: Sequence[Future], *, usagelens: str = "usagelens", fan_in: int = FAN_IN, retries: int = RETRIES
) -> Future:
    """Merges shards in a tree on the workers, ``fan_in`` at a time; a future of the one shard of them all.

    A merge is ``usagelens shard`` over shards: its result holds every file of its parts, so merging in any
    grouping gives the same shard, and a report over it the same bytes.
    """
    if not futures:
        raise ValueError("nothing to merge")
    if fan_in < 2:
        raise ValueError("fan_in must be at least 2")
    level = list(futures)
    depth = 0
    while len(level) > 1:
        depth += 1
        level = [
            client.submit(
                tasks.merge,
                usagelens,
                level[i : i + fan_in],
                key=f"usagelens-merge-{depth}-{i // fan_in}-{os.urandom(6).hex()}",
                retries=retries,
            )
            if len(level[i : i + fan_in]) > 1
            else level[i]
            for i in range(0, len(level), fan_in)
        ]
    return level[0]


def report(
    client: Client,
    merged: Future | bytes | None,
    report_args: Sequence[str],
    *,
    usagelens: str = "usagelens",
    spec: UsagelensSpec | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    retries: int = RETRIES,
    inputs_shown: Sequence[str] = (),
) -> ReportResult:
    """Runs ``usagelens *report_args MERGED`` on a worker; (stdout, stderr, exit status) as one machine's run.

    ``report_args`` is the subcommand and its options, without paths (``["daily", "--json", "--tz", "UTC"]``).
    Files they name on the client (``--pricing``) are sent along; a ``--output FILE`` is written on the
    client. ``env`` is the report's environment (default: the client's ``TZ``, ``COLUMNS``, ``NO_COLOR`` and
    ``USAGELENS_PRICING_FILE``). ``inputs_shown`` are the paths a report that names its inputs (the HTML
    page) shows instead of the merged shard's temporary path.
    """
    return submit_report(
        client, merged, report_args, usagelens=usagelens, spec=spec, env=env, cwd=cwd, retries=retries,
        inputs_shown=inputs_shown,
    ).result()


def submit_report(
    client: Client,
    merged: Future | bytes | None,
    report_args: Sequence[str],
    *,
    usagelens: str = "usagelens",
    spec: UsagelensSpec | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    retries: int = RETRIES,
    inputs_shown: Sequence[str] = (),
) -> "PendingReport":
    """``report`` without waiting: the future can be watched (``distributed.progress``) before ``.result()``."""
    cwd = cwd or client_cwd()
    invocation = split(spec or describe(client, usagelens), report_args)
    if invocation.paths and not invocation.passthrough:
        raise UsageError(f"report_args hold paths ({', '.join(invocation.paths)}); give them to shard_tasks")
    uploads, output = _files(invocation, cwd)
    environment = dict(env) if env is not None else _client_environment(REPORT_ENVIRONMENT, zone=True)
    if env is None:
        uploads += _environment_uploads(cwd)
    future = client.submit(
        tasks.report,
        usagelens,
        invocation.report_args,
        merged,
        tuple(uploads),
        output,
        environment,
        tuple(inputs_shown),
        invocation.command == "report",
        key=f"usagelens-report-{os.urandom(6).hex()}",
        retries=retries,
    )
    return PendingReport(future, output, cwd)


class PendingReport:
    """A submitted final report: ``result()`` waits, writes any ``--output`` file on the client and returns
    (stdout, stderr, exit status)."""

    def __init__(self, future: Future, output: OutputFile | None, cwd: str) -> None:
        self.future = future
        self._output = output
        self._cwd = cwd

    def result(self) -> ReportResult:
        run: tasks.ReportRun = self.future.result()
        if self._output is not None and run.output is not None:
            _write_atomically(os.path.join(self._cwd, self._output.path), run.output)
        return run.result


def run(
    client: Client,
    tokens: Sequence[str],
    *,
    usagelens: str = "usagelens",
    partition_mb: float = 64,
    storage_options: Mapping[str, Any] | None = None,
    cwd: str | None = None,
    progress: bool = False,
) -> ReportResult:
    """The whole of ``usagelens-dask REPORT [options] PATHS...``: list, shard, merge, report.

    Raises ``UsageError`` (exit status 2), ``ListingError`` or ``TaskFailed`` (exit status 1).
    """
    cwd = cwd or client_cwd()
    spec = describe(client, usagelens)
    invocation = split(spec, tokens)
    if invocation.passthrough:  # --help, --version: nothing to read
        return submit_report(client, None, invocation.report_args, usagelens=usagelens, spec=spec, cwd=cwd).result()
    _check_paths(invocation)
    shards = shard_tasks(
        client,
        invocation.paths,
        usagelens=usagelens,
        partition_mb=partition_mb,
        storage_options=storage_options,
        shard_options=invocation.shard_options,
        cwd=cwd,
    )
    merged = merge(client, shards, usagelens=usagelens)
    pending = submit_report(
        client, merged, invocation.report_args, usagelens=usagelens, spec=spec, cwd=cwd, inputs_shown=invocation.paths
    )
    if progress:
        _show_progress([*shards, merged, pending.future])
    return pending.result()


def _check_paths(invocation: Invocation) -> None:
    if not invocation.paths:
        raise UsageError(
            "name the logs to read (usagelens's default folders are the workers' own, not this machine's)"
        )
    if "-" in invocation.paths:
        raise UsageError("'-' (standard input) cannot be read on a cluster; save it to a file first")


def _show_progress(futures: Iterable[Future]) -> None:
    """Dask's own text progress bar, on stderr: stdout is the report's."""
    import contextlib
    import sys

    from distributed import progress

    with contextlib.redirect_stdout(sys.stderr):
        progress(list(futures))
    sys.stderr.write("\n")


def _files(invocation: Invocation, cwd: str) -> tuple[list[Upload], OutputFile | None]:
    uploads: list[Upload] = []
    output: OutputFile | None = None
    for argument in invocation.files:
        if argument.is_output:
            output = OutputFile(argument.index, argument.prefix, argument.path)
            continue
        data = _read_client_file(argument.path, cwd)
        if data is not None:  # else left as it is: usagelens reports it as one machine would
            uploads.append(Upload(argument.path, data, index=argument.index, prefix=argument.prefix))
    return uploads, output


def _environment_uploads(cwd: str) -> list[Upload]:
    uploads = []
    for name in FILE_ENVIRONMENT:
        path = os.environ.get(name)
        data = _read_client_file(path, cwd) if path else None
        if path and data is not None:
            uploads.append(Upload(path, data, env=name))
    return uploads


def _read_client_file(path: str, cwd: str) -> bytes | None:
    try:
        with open(os.path.join(cwd, path), "rb") as f:
            return f.read()
    except OSError:
        return None


def _client_environment(names: Sequence[str], zone: bool = False) -> dict[str, str]:
    environment = {name: os.environ[name] for name in names if name in os.environ}
    if zone and "TZ" not in environment:
        local = time_zone()
        if local:
            environment["TZ"] = local
    return environment


def time_zone() -> str | None:
    """The client's zone when ``TZ`` is unset, from /etc/localtime (``Etc/UTC``, ``Europe/Paris``), so the
    workers' reports use the client's days and hours as one machine would."""
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return None
    marker = "/zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else None


def _write_atomically(path: str, data: bytes) -> None:
    temporary = f"{path}.usagelens-dask-{os.getpid()}"
    with open(temporary, "wb") as f:
        f.write(data)
    os.replace(temporary, path)


__all__ = [
    "CommandSpec",
    "Input",
    "ListingError",
    "PendingReport",
    "ReportResult",
    "TaskFailed",
    "describe",
    "list_inputs",
    "merge",
    "report",
    "resolve_binary",
    "run",
    "shard_tasks",
    "submit_report",
]
