"""An S3 prefix served by moto (its server mode, on loopback), read through fsspec and s3fs on the workers.

The bucket holds a copy of samples/ (every format, zstd, malformed lines, Claude project folders). Reports
over ``s3://logs/archive/`` must equal one machine's over the local copy: the fetched objects keep their
URL as their path (``--shown-prefix``), so sessions keep their projects, and ``check`` lists the URLs where
one machine lists the local paths.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Iterator

import pytest
from conftest import REPO, Runner

pytest.importorskip("moto")
s3fs = pytest.importorskip("s3fs")

BUCKET = "logs"
PREFIX = f"s3://{BUCKET}/archive/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def s3() -> Iterator[dict[str, object]]:
    """moto's S3 server on loopback with samples/ under s3://logs/archive/; the storage options to reach it."""
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    options: dict[str, object] = {
        "endpoint_url": f"http://127.0.0.1:{port}",
        "key": "testing",
        "secret": "testing",
        "client_kwargs": {"region_name": "eu-west-1"},
    }
    fs = s3fs.S3FileSystem(**options)
    fs.mkdir(BUCKET)
    for path in sorted((REPO / "samples").rglob("*")):
        if path.is_file() and not path.is_symlink():
            fs.put_file(str(path), f"{BUCKET}/archive/{path.relative_to(REPO / 'samples')}")
    try:
        yield options
    finally:
        server.stop()


def storage_flags(options: dict[str, object]) -> list[str]:
    return [
        "--storage-option", f"endpoint_url={options['endpoint_url']}",
        "--storage-option", "key=testing",
        "--storage-option", "secret=testing",
        "--storage-option", 'client_kwargs={"region_name": "eu-west-1"}',
    ]  # fmt: skip


def local_copy(tmp_path: Path) -> Path:
    """samples/ as the bucket holds it (regular files only), to run one machine on."""
    root = tmp_path / "archive"
    for path in sorted((REPO / "samples").rglob("*")):
        if path.is_file() and not path.is_symlink():
            target = root / path.relative_to(REPO / "samples")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return root


@pytest.mark.parametrize("report", ["daily", "models", "sessions", "check"])
def test_an_s3_prefix_gives_one_machines_report(runner: Runner, s3: dict[str, object], tmp_path: Path, report: str) -> None:
    root = local_copy(tmp_path)
    args = [report, "--json", "--no-cache", *([] if report == "check" else ["--tz", "UTC"])]
    expected = runner.one_machine([*args, "archive/"], tmp_path)
    got = runner.dask([*storage_flags(s3), "--partition-mb", "0.05", *args, PREFIX], tmp_path)
    assert got.returncode == expected.returncode, got.stderr.decode()
    shown = expected.stdout.decode().replace('"archive/', f'"{PREFIX}')
    if report == "check":
        shown = shown.replace('"cache": "uncached"', '"cache": "shard"')
    assert got.stdout.decode() == shown
    assert json.loads(got.stdout)  # a report, not an empty comparison
    if report == "check":
        paths = [f["path"] for f in json.loads(got.stdout)["files"]]
        assert paths and all(p.startswith(PREFIX) for p in paths)
    assert root.exists()


def test_an_object_that_cannot_be_fetched_names_the_object_and_the_worker(
    runner: Runner, s3: dict[str, object], client: object
) -> None:
    """Listed, then gone before its task runs (deleted, or no permission to read): the run stops with one line
    naming the object and the worker, after Dask's retries."""
    from usagelens_dask import TaskFailed, list_inputs, shard_tasks

    fs = s3fs.S3FileSystem(**s3)
    fs.put_file(str(REPO / "samples" / "distri" / "usage-rows.jsonl"), f"{BUCKET}/doomed/rows.jsonl")
    inputs = list_inputs(client, [f"s3://{BUCKET}/doomed/"], usagelens=runner.usagelens, storage_options=s3)
    assert [i.location for i in inputs] == [f"s3://{BUCKET}/doomed/rows.jsonl"]
    fs.rm(f"{BUCKET}/doomed/rows.jsonl")
    [future] = shard_tasks(client, inputs, usagelens=runner.usagelens, storage_options=s3)
    with pytest.raises(TaskFailed) as failure:
        future.result()
    message = str(failure.value)
    assert f"cannot fetch s3://{BUCKET}/doomed/rows.jsonl on tcp://127.0.0.1:" in message


def test_a_missing_bucket_is_a_listing_error(runner: Runner, s3: dict[str, object], tmp_path: Path) -> None:
    got = runner.dask([*storage_flags(s3), "daily", "s3://no-such-bucket/logs/"], tmp_path)
    assert got.returncode == 1
    message = got.stderr.decode()
    assert "s3://no-such-bucket/logs/" in message and "Traceback" not in message


def test_the_python_steps_compose_in_a_users_pipeline(runner: Runner, s3: dict[str, object], client: object, archive: Path) -> None:
    """shard_tasks over a local folder and an S3 prefix together, merge, report: one report of both."""
    from usagelens_dask import merge, report, shard_tasks

    shards = shard_tasks(client, ["more", PREFIX], usagelens=runner.usagelens, storage_options=s3, partition_mb=1,
                         shard_options=["--no-cache"], cwd=str(archive))  # fmt: skip
    assert len(shards) >= 2
    merged = merge(client, shards, usagelens=runner.usagelens, fan_in=2)
    out, err, code = report(client, merged, ["models", "--json", "--tz", "UTC"], usagelens=runner.usagelens)
    assert code == 0, err.decode()
    expected = runner.one_machine(["models", "--json", "--no-cache", "--tz", "UTC", "more", "samples"], archive)
    assert json.loads(out)["totals"] == json.loads(expected.stdout)["totals"]
