"""The parts that need no cluster: how a command line is taken apart, how inputs are cut into tasks."""

from __future__ import annotations

import random
import subprocess

import pytest

from usagelens_dask.args import UsageError, parse_spec, split
from usagelens_dask.inputs import PER_FILE_BYTES, Input, absolute, plan, shown_local


@pytest.fixture(scope="module")
def spec(usagelens: str):
    return parse_spec(subprocess.run([usagelens, "--experimental-dump-help"], capture_output=True, check=True).stdout)


def test_paths_options_and_values_are_told_apart(spec) -> None:
    got = split(spec, ["daily", "--since", "2025-10-01", "--json", "logs/", "--threads", "2", "more.jsonl"])
    assert got.paths == ("logs/", "more.jsonl")
    assert got.report_args == ("daily", "--since", "2025-10-01", "--json", "--threads", "2")
    assert got.shard_options == ("--threads", "2")  # a reading option goes to the shards too


def test_a_positional_before_the_paths_stays_with_the_report(spec) -> None:
    got = split(spec, ["top", "projects", "--limit", "3", "logs/"])
    assert got.report_args[:2] == ("top", "projects")
    assert got.paths == ("logs/",)


def test_no_subcommand_is_the_default_report(spec) -> None:
    got = split(spec, ["logs/"])
    assert (got.command, got.paths) == ("daily", ("logs/",))


def test_a_file_option_is_marked_for_upload(spec) -> None:
    got = split(spec, ["models", "--pricing=prices.json", "logs/"])
    [argument] = got.files
    assert (argument.path, argument.prefix, got.report_args[argument.index]) == (
        "prices.json",
        "--pricing=",
        "--pricing=prices.json",
    )
    assert "--pricing=prices.json" not in got.shard_options  # prices run after the shards


def test_options_not_for_shards_stay_with_the_report(spec) -> None:
    got = split(spec, ["check", "--strict", "logs/"])
    assert "--strict" in got.report_args and "--strict" not in got.shard_options


def test_unsupported_commands_and_watch_are_refused(spec) -> None:
    with pytest.raises(UsageError, match="statusline"):
        split(spec, ["statusline"])
    with pytest.raises(UsageError, match="--watch"):
        split(spec, ["status", "--watch", "logs/"])


def inputs(sizes: list[int]) -> list[Input]:
    return [Input(shown=f"f{n:03d}.jsonl", location=f"/a/f{n:03d}.jsonl", size=s) for n, s in enumerate(sizes)]


def test_plan_balances_by_size_and_never_splits_a_file() -> None:
    sizes = [100 << 20, 30 << 20, 30 << 20, 20 << 20, 10 << 20, 10 << 20] + [1 << 20] * 20
    tasks = plan(inputs(sizes), 64 << 20)
    assert sorted(i for t in tasks for i in t) == sorted(inputs(sizes))  # every file once
    loads = sorted(sum(i.weight for i in t) for t in tasks)
    assert len(tasks) == 4  # ceil(220 MiB + overhead over 64 MiB)
    assert loads[-1] == (100 << 20) + PER_FILE_BYTES  # the big file alone
    assert loads[0] >= 35 << 20  # the rest spread: no near-empty task


def test_plan_does_not_depend_on_the_order_of_the_inputs() -> None:
    listed = inputs([random.Random(n).randrange(1, 50 << 20) for n in range(60)])
    shuffled = listed[:]
    random.Random(7).shuffle(shuffled)
    assert plan(listed, 32 << 20) == plan(shuffled, 32 << 20)


def test_remote_and_local_inputs_never_share_a_task() -> None:
    local = inputs([1000, 2000])
    remote = [Input(shown="s3://b/x.jsonl", location="s3://b/x.jsonl", size=500, remote=True)]
    tasks = plan(local + remote, 1 << 30)
    assert [len({i.remote for i in t}) for t in tasks] == [1, 1]


def test_relative_paths_are_shown_relative_and_absolute_ones_absolute() -> None:
    assert absolute("logs/a.jsonl", "/home/u") == "/home/u/./logs/a.jsonl"
    assert shown_local("/home/u/./logs/a.jsonl", "/home/u") == "logs/a.jsonl"
    assert shown_local(absolute("/home/u/logs/a.jsonl", "/home/u"), "/home/u") == "/home/u/logs/a.jsonl"
