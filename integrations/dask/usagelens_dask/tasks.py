"""The functions that run on the workers.

Each is a pure function of its arguments: it works in a temporary directory of its own, runs the usagelens
binary there and returns bytes, so that Dask may run it again (a lost worker, a retry) and get the same
result. None keeps state between calls.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Any, Mapping, NamedTuple, Sequence

from .inputs import DANGLING_LINK, Input, describe_inputs

#: Fetches stream in pieces this big (a remote object is never held in memory whole).
COPY_CHUNK = 4 << 20


class TaskFailed(RuntimeError):
    """A step failed on a worker; the message is the one line usagelens-dask prints."""


class ReportResult(NamedTuple):
    """What the final ``usagelens REPORT`` printed and its exit status, as one machine's run would give."""

    stdout: bytes
    stderr: bytes
    code: int


@dataclass(frozen=True)
class Upload:
    """A client file the report needs (``--pricing prices.json``): its bytes go with the task, and the
    argument at ``index`` becomes ``prefix`` + the copy's path on the worker. ``env`` instead names an
    environment variable that holds the path (``USAGELENS_PRICING_FILE``)."""

    path: str
    data: bytes
    index: int = -1
    prefix: str = ""
    env: str = ""


@dataclass(frozen=True)
class OutputFile:
    """The report's ``--output FILE``: written on the worker, its bytes brought back to the client."""

    index: int
    prefix: str
    path: str


@dataclass(frozen=True)
class ReportRun:
    """The worker's side of the final report: its result and the output file's bytes, if one was written."""

    result: ReportResult
    output: bytes | None


def worker_address() -> str:
    """The address of the worker running this task (for error messages), or ``this machine`` outside Dask."""
    try:
        from distributed import get_worker

        return str(get_worker().address)
    except (ImportError, ValueError):
        return "this machine"


def run_usagelens(
    usagelens: str, args: Sequence[str], env: Mapping[str, str] | None = None, cwd: str | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Runs the binary; a binary that is not there is one clear line, not a traceback."""
    environment = dict(os.environ)
    environment.update(env or {})
    try:
        return subprocess.run(
            [usagelens, *args], stdin=subprocess.DEVNULL, capture_output=True, env=environment, cwd=cwd, check=False
        )
    except FileNotFoundError:
        raise TaskFailed(f"usagelens-dask: usagelens not found at {usagelens} on worker {worker_address()}") from None
    except PermissionError:
        raise TaskFailed(
            f"usagelens-dask: usagelens at {usagelens} is not executable on worker {worker_address()}"
        ) from None


def _message(stderr: bytes, renames: Mapping[str, str] = {}) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    for local, shown in renames.items():
        text = text.replace(local, shown)
    return text or "(no message)"


def describe(usagelens: str) -> str:
    """``usagelens --experimental-dump-help``: the parser's description of every subcommand."""
    done = run_usagelens(usagelens, ["--experimental-dump-help"])
    if done.returncode != 0:
        raise TaskFailed(
            f"usagelens-dask: {usagelens} --experimental-dump-help failed on {worker_address()}: {_message(done.stderr)}"
        )
    return done.stdout.decode("utf-8")


def list_files(usagelens: str, paths: Sequence[str], shown: Sequence[str], renames: Mapping[str, str]) -> str:
    """``usagelens files --json`` over absolute paths; ``shown`` and ``renames`` only word the error."""
    done = run_usagelens(usagelens, ["files", "--json", "--", *paths])
    if done.returncode != 0:
        raise TaskFailed(
            f"usagelens-dask: listing of {', '.join(shown)} on {worker_address()} failed: {_message(done.stderr, renames)}"
        )
    return done.stdout.decode("utf-8")


def shard(
    usagelens: str,
    inputs: Sequence[Input],
    options: Sequence[str],
    local_prefix: str | None,
    storage_options: Mapping[str, Any],
    env: Mapping[str, str],
) -> bytes:
    """Writes the shard of ``inputs`` and returns its bytes.

    Local inputs are read where they are (absolute paths), shown without ``local_prefix``; remote ones are
    fetched into this task's directory under a path that mirrors their URL (``remote/0/bucket/key``) and
    shown as the URL. A dangling link found in a directory is rebuilt as a directory entry here, so the shard
    holds the same file error as a one-machine run (named outright it would be a missing path). With no
    inputs the shard is empty (over an empty directory).

    What lives in the task's directory is named relative to it (usagelens runs there): a shard records the
    path it opened each file by, and a retry in another temporary directory must give the same bytes.
    """
    with tempfile.TemporaryDirectory(prefix="usagelens-dask-") as work:
        paths: list[str] = []
        prefixes: list[tuple[str, str]] = []
        for n, item in enumerate(inputs):
            if item.remote:
                paths.append(_fetch(item, work, storage_options, prefixes))
            elif item.problem == DANGLING_LINK:
                paths.append(_dangling_entry(item, work, os.path.join("links", str(n)), prefixes))
            else:
                paths.append(item.location)
        if local_prefix is not None:
            prefixes.append((local_prefix, ""))
        if not paths:
            os.mkdir(os.path.join(work, "empty"))
            paths.append("empty")
        output = "out.ulshard"
        args = ["shard", "--output", output, *options]
        if any(item.remote for item in inputs):
            args.append("--no-cache")  # the copies are gone after the task: nothing to remember
        for local, shown in prefixes:
            args += ["--shown-prefix", f"{local}={shown}"]
        done = run_usagelens(usagelens, [*args, "--", *paths], env=env, cwd=work)
        if done.returncode != 0 or not os.path.exists(os.path.join(work, output)):
            renames = dict(prefixes)
            raise TaskFailed(
                f"usagelens-dask: shard of {describe_inputs(inputs)} on {worker_address()} failed: "
                f"{_message(done.stderr, renames)}"
            )
        with open(os.path.join(work, output), "rb") as f:
            return f.read()


def _mirror(url: str) -> tuple[str, str]:
    """``s3://bucket/a/b.jsonl`` → (``s3://``, ``bucket/a/b.jsonl``): the part a prefix gives back, and the
    relative path the copy is kept under (so directory names, such as a Claude project's, stay)."""
    scheme, sep, rest = url.partition("://")
    head = scheme + sep
    while rest.startswith("/"):
        head, rest = head + "/", rest[1:]
    parts = rest.split("/")
    if not rest or any(p in ("", ".", "..") for p in parts):
        raise TaskFailed(f"usagelens-dask: {url}: cannot keep an object of that name in a local directory")
    return head, rest


def _fetch(item: Input, work: str, storage_options: Mapping[str, Any], prefixes: list[tuple[str, str]]) -> str:
    """Streams a remote object to this task's directory; its path there (relative), mirroring the URL."""
    import fsspec

    head, rest = _mirror(item.location)
    known = [shown for _, shown in prefixes]
    slot = known.index(head) if head in known else len(prefixes)
    root = f"remote/{slot}/"
    if slot == len(prefixes):
        prefixes.append((root, head))
    local = root + rest
    os.makedirs(os.path.dirname(os.path.join(work, local)), exist_ok=True)
    try:
        with fsspec.open(item.location, "rb", **storage_options) as source, open(os.path.join(work, local), "wb") as target:
            shutil.copyfileobj(source, target, COPY_CHUNK)
    except Exception as error:
        raise TaskFailed(
            f"usagelens-dask: cannot fetch {item.location} on {worker_address()}: {type(error).__name__}: {error}"
        ) from None
    return local


def _dangling_entry(item: Input, work: str, directory: str, prefixes: list[tuple[str, str]]) -> str:
    """A directory holding a link to ``item``'s dangling link, shown as the directory ``item`` was found in."""
    os.makedirs(os.path.join(work, directory))
    name = os.path.basename(item.location)
    os.symlink(item.location, os.path.join(work, directory, name))
    prefixes.insert(0, (directory + "/", item.shown[: len(item.shown) - len(name)]))
    return directory


def merge(usagelens: str, parts: Sequence[bytes]) -> bytes:
    """``usagelens shard --output merged parts...``: one shard of every file the parts hold."""
    with tempfile.TemporaryDirectory(prefix="usagelens-dask-") as work:
        names = [f"part-{n:04d}.ulshard" for n in range(len(parts))]
        for name, part in zip(names, parts):
            with open(os.path.join(work, name), "wb") as f:
                f.write(part)
        output = "merged.ulshard"
        done = run_usagelens(usagelens, ["shard", "--output", output, "--no-cache", "--", *names], cwd=work)
        if done.returncode != 0 or not os.path.exists(os.path.join(work, output)):
            raise TaskFailed(
                f"usagelens-dask: merge of {len(parts)} shards on {worker_address()} failed: {_message(done.stderr)}"
            )
        with open(os.path.join(work, output), "rb") as f:
            return f.read()


def report(
    usagelens: str,
    args: Sequence[str],
    merged: bytes | None,
    uploads: Sequence[Upload],
    output: OutputFile | None,
    env: Mapping[str, str],
    inputs_shown: Sequence[str] = (),
    html: bool = False,
) -> ReportRun:
    """Runs ``usagelens *args merged.ulshard`` (``merged`` None: ``usagelens *args`` alone, for --help).

    Client files named by the arguments are written here first and the arguments pointed at them; their
    paths here are replaced by the client's in what the report prints, so a message naming the pricing file
    reads as on one machine. The shard's own path, where a report names its inputs (the HTML page's footer),
    becomes the paths the user gave (``inputs_shown``), escaped as the page escapes text when ``html``.
    """
    with tempfile.TemporaryDirectory(prefix="usagelens-dask-") as work:
        argv = list(args)
        environment = dict(env)
        renames: dict[str, str] = {}
        for n, upload in enumerate(uploads):
            copy = os.path.join(work, "in", str(n), os.path.basename(upload.path) or "file")
            os.makedirs(os.path.dirname(copy))
            with open(copy, "wb") as f:
                f.write(upload.data)
            if upload.env:
                environment[upload.env] = copy
            else:
                argv[upload.index] = upload.prefix + copy
            renames[copy] = upload.path
        written = None
        if output is not None:
            written = os.path.join(work, "out", os.path.basename(output.path) or "output")
            os.makedirs(os.path.dirname(written))
            argv[output.index] = output.prefix + written
            renames[written] = output.path
        if merged is not None:
            shard_path = os.path.join(work, "merged.ulshard")
            with open(shard_path, "wb") as f:
                f.write(merged)
            argv.append(shard_path)
            if inputs_shown:
                shown = ", ".join(inputs_shown)
                renames[shard_path] = html_escape(shown) if html else shown
        done = run_usagelens(usagelens, argv, env=environment, cwd=work)
        result = ReportResult(_renamed(done.stdout, renames), _renamed(done.stderr, renames), done.returncode)
        data = None
        if written is not None and os.path.exists(written):
            with open(written, "rb") as f:
                data = _renamed(f.read(), renames)
        return ReportRun(result, data)


def html_escape(text: str) -> str:
    """As usagelens's page escapes text (``HTMLText.escape``): ``&<>"'``."""
    for plain, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;")):
        text = text.replace(plain, escaped)
    return text


def _renamed(text: bytes, renames: Mapping[str, str]) -> bytes:
    for local, shown in renames.items():
        text = text.replace(local.encode(), shown.encode())
    return text
