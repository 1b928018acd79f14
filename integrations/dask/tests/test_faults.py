"""Faults: a worker killed in the middle of a task, a binary that is not there, inputs that are not there.

The worker is killed from inside the task it runs: the cluster's ``usagelens`` is a wrapper that, on the
first shard (or merge) it is asked for, sends SIGKILL to the worker process that started it, so the kill
lands mid-task every time rather than when a timer happens to hit. The nanny starts a new worker, the
scheduler gives the lost task to another one, and the report must be what one machine prints.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from conftest import PARTITION_MB, Runner

KILLER = """#!/bin/sh
# usagelens, but the first {what} task kills the Dask worker that runs it (once: the marker is made atomically).
for arg in "$@"; do
  if [ "$arg" = "{output}" ] && mkdir "{marker}" 2>/dev/null; then
    echo "$PPID" > "{marker}/worker.pid"
    kill -9 "$PPID"
    sleep 5
    exit 9
  fi
done
exec "{usagelens}" "$@"
"""


def killer(tmp_path: Path, usagelens: str, what: str) -> tuple[Path, Path]:
    """A wrapper binary killing its worker on the first shard task (``what="shard"``) or merge task."""
    output = {"shard": "out.ulshard", "merge": "merged.ulshard"}[what]
    marker = tmp_path / f"killed-{what}"
    script = tmp_path / f"usagelens-killing-{what}"
    script.write_text(KILLER.format(what=what, output=output, marker=marker, usagelens=usagelens))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script, marker


@pytest.mark.parametrize("what", ["shard", "merge"])
def test_a_worker_killed_mid_task_gives_the_same_report(runner: Runner, archive: Path, tmp_path: Path, what: str) -> None:
    args = ["daily", "--json", "--no-cache", "--tz", "UTC", "samples", "more"]
    expected = runner.one_machine(args, archive)
    script, marker = killer(tmp_path, runner.usagelens, what)
    got = runner.dask(["--partition-mb", PARTITION_MB, *args], archive, usagelens=str(script))
    assert (marker / "worker.pid").exists(), "the wrapper never ran a task: nothing was killed"
    pid = int((marker / "worker.pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # that worker is gone
    assert got.returncode == expected.returncode, got.stderr.decode()
    assert (got.stdout, got.stderr) == (expected.stdout, expected.stderr)


def test_a_missing_binary_is_one_clear_line(runner: Runner, archive: Path) -> None:
    got = runner.dask(["daily", "--json", "samples"], archive, usagelens="/nonexistent/usagelens")
    message = got.stderr.decode()
    assert got.returncode == 1
    assert "usagelens not found at /nonexistent/usagelens on worker tcp://127.0.0.1:" in message
    assert "Traceback" not in message
    assert got.stdout == b""


def test_a_binary_that_is_not_executable_is_one_clear_line(runner: Runner, archive: Path, tmp_path: Path) -> None:
    plain = tmp_path / "usagelens"
    plain.write_text("not a program")
    got = runner.dask(["daily", "samples"], archive, usagelens=str(plain))
    assert got.returncode == 1
    assert f"usagelens at {plain} is not executable on worker tcp://" in got.stderr.decode()


def test_a_missing_path_fails_as_on_one_machine(runner: Runner, archive: Path) -> None:
    args = ["daily", "--json", "--no-cache", "samples", "no-such-dir"]
    expected = runner.one_machine(args, archive)
    got = runner.dask(args, archive)
    assert expected.returncode != 0
    message = got.stderr.decode()
    assert got.returncode == 1
    assert "no-such-dir" in message and "on tcp://127.0.0.1:" in message
    assert "Traceback" not in message


def test_an_unknown_option_is_usagelenss_own_usage_error(runner: Runner, archive: Path) -> None:
    args = ["check", "--json", "--tz", "UTC", "samples"]  # check has no --tz: is UTC a path? usagelens says no
    expected = runner.one_machine(args, archive)
    got = runner.dask(args, archive)
    assert expected.returncode == 2
    assert (got.returncode, got.stdout, got.stderr) == (expected.returncode, expected.stdout, expected.stderr)


def test_a_relative_binary_is_found_from_the_client_directory(runner: Runner, archive: Path) -> None:
    relative = os.path.relpath(runner.usagelens, archive)
    args = ["models", "--json", "--no-cache", "--tz", "UTC", "samples"]
    got = runner.dask(args, archive, usagelens=relative)
    assert (got.returncode, got.stdout) == (0, runner.one_machine(args, archive).stdout)


@pytest.mark.parametrize(
    "tokens, wording",
    [
        (["statusline"], "statusline cannot run on a cluster"),
        (["blocks", "--watch", "samples"], "--watch redraws forever"),
        (["daily", "-"], "standard input"),
        (["daily", "--json"], "name the logs to read"),
        (["pricing"], "reads no logs"),
    ],
)
def test_command_lines_a_cluster_cannot_run_are_usage_errors(runner: Runner, archive: Path, tokens: list[str], wording: str) -> None:
    got = runner.dask(tokens, archive)
    assert got.returncode == 2, got.stderr.decode()
    assert wording in got.stderr.decode()
