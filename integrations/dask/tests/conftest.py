"""Fixtures: the usagelens binary, a mixed archive, and a real cluster on loopback.

The cluster is a ``dask scheduler`` and three ``dask worker`` processes (each with its nanny), started as
subprocesses the way an operator would start them, not an in-process cluster: tasks cross process
boundaries and a worker can be killed for real.

The workers run with another time zone (``Asia/Tokyo``) than the client (``America/New_York``), so a report
that depends on the zone only equals one machine's if usagelens-dask hands the client's zone on.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent  # integrations/dask
REPO = PACKAGE.parents[1]

CLIENT_TZ = "America/New_York"
WORKER_TZ = "Asia/Tokyo"

#: Small enough that the archive (about 1.3 MB) is a few dozen tasks: a merge tree of two levels at fan-in 8.
PARTITION_MB = "0.05"

sys.path.insert(0, str(PACKAGE))


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen
    workers: list[subprocess.Popen] = field(default_factory=list)


def _usagelens_path() -> Path:
    return Path(os.environ.get("USAGELENS", REPO / ".build" / "debug" / "usagelens")).resolve()


@pytest.fixture(scope="session")
def usagelens() -> str:
    path = _usagelens_path()
    if not os.access(path, os.X_OK):
        pytest.fail(f"no usagelens binary at {path}: build it (swift build --product usagelens) or set USAGELENS", pytrace=False)
    return str(path)


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A mixed archive from the repository alone (CI has nothing else):

    - ``samples/``: every format, plain and zstd, malformed lines;
    - ``more/real/``: the real recordings of Claude Code, Codex and Gemini CLI in Tests/Fixtures/real
      (their provenance is in PROVENANCE.md there);
    - ``more/zst/``: zstd copies of the Claude and Codex logs of both (the same events in other files, which
      land in other tasks: dedup must stay global);
    - ``extra/``: a copy of a sample and a dangling link (a file error that must survive the shard).
    """
    root = tmp_path_factory.mktemp("archive")
    shutil.copytree(REPO / "samples", root / "samples", symlinks=True)
    shutil.copytree(REPO / "Tests" / "Fixtures" / "real", root / "more" / "real", symlinks=True)
    zstd = shutil.which("zstd")
    if zstd is None:
        pytest.fail("no zstd on PATH (scripts/setup.sh installs it)", pytrace=False)
    for folder in (root / "samples" / "claude", root / "more" / "real" / "claude-code", root / "more" / "real" / "codex"):
        for log in sorted(folder.rglob("*.jsonl")):
            target = root / "more" / "zst" / log.relative_to(root).with_suffix(".jsonl.zst")
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([zstd, "-q", "-3", str(log), "-o", str(target)], check=True)
    (root / "extra").mkdir()
    shutil.copy(REPO / "samples" / "distri" / "usage-rows.jsonl", root / "extra" / "copy.jsonl")
    os.symlink(root / "nowhere.jsonl", root / "extra" / "dangling.jsonl")
    return root


@pytest.fixture(scope="session")
def client_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of the client and of the one-machine reference runs."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(PACKAGE), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["TZ"] = CLIENT_TZ
    env["USAGELENS_CACHE_DIR"] = str(tmp_path_factory.mktemp("client-cache"))
    env.pop("COLUMNS", None)
    return env


def _wait_for_file(path: Path, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if process.poll() is not None:
            raise RuntimeError(f"dask scheduler exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError("dask scheduler did not start")
        time.sleep(0.1)


def _stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM (a nanny closes its worker), then SIGKILL to the process group it leads, should it hang."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # its worker child, if the nanny left it behind
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory, client_env: dict[str, str]) -> Iterator[Cluster]:
    work = tmp_path_factory.mktemp("cluster")
    env = dict(client_env)
    env["TZ"] = WORKER_TZ
    env["USAGELENS_CACHE_DIR"] = str(work / "worker-cache")
    scheduler_file = work / "scheduler.json"
    log = open(work / "cluster.log", "wb")
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
         "--scheduler-file", str(scheduler_file)],
        stdout=log, stderr=log, env=env, start_new_session=True,
    )  # fmt: skip
    running = Cluster(address="", scheduler=scheduler)
    try:
        _wait_for_file(scheduler_file, scheduler, 60)
        running.address = json.loads(scheduler_file.read_text())["address"]
        for n in range(3):
            running.workers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "dask", "worker", running.address, "--nworkers", "1", "--nthreads", "1",
                     "--host", "127.0.0.1", "--no-dashboard", "--local-directory", str(work / f"worker-{n}")],
                    stdout=log, stderr=log, env=env, start_new_session=True,
                )  # fmt: skip
            )
        wait_for_workers(running.address, 3)
        yield running
    finally:
        for worker in running.workers:
            _stop(worker)
        _stop(scheduler)
        log.close()


def wait_for_workers(address: str, count: int, timeout: float = 90) -> None:
    from distributed import Client

    with Client(address, timeout=timeout) as client:
        client.wait_for_workers(count, timeout=timeout)


@pytest.fixture
def client(cluster: Cluster) -> Iterator["object"]:
    """A client of the loopback cluster with all three workers up (a test before may have killed one)."""
    from distributed import Client

    with Client(cluster.address) as c:
        c.wait_for_workers(3, timeout=90)
        yield c


@dataclass
class Runner:
    """Runs usagelens-dask and the one-machine reference in the same directory and environment."""

    usagelens: str
    env: dict[str, str]
    address: str = ""

    def dask(self, args: Sequence[str], cwd: Path, *, usagelens: str | None = None, where: Sequence[str] | None = None,
             timeout: float = 240) -> subprocess.CompletedProcess[bytes]:  # fmt: skip
        command = [sys.executable, "-m", "usagelens_dask", *(where or ["--scheduler", self.address])]
        command += ["--usagelens", usagelens or self.usagelens, *args]
        return subprocess.run(command, cwd=cwd, env=self.env, capture_output=True, timeout=timeout, check=False)

    def one_machine(self, args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([self.usagelens, *args], cwd=cwd, env=self.env, capture_output=True, timeout=120, check=False)


@pytest.fixture
def runner(usagelens: str, client_env: dict[str, str], cluster: Cluster) -> Runner:
    wait_for_workers(cluster.address, 3)
    return Runner(usagelens, client_env, cluster.address)
