"""usagelens-dask --local N against usagelens alone, in one alternating run: wall times and byte equality.

    python3 integrations/dask/compare.py --usagelens .build/release/usagelens --corpus /tmp/usagelens-corpus

Each round runs ``usagelens REPORT --no-cache CORPUS`` once and ``usagelens-dask --local N`` once per N, in
turn, so a machine that slows down slows every column alike; the table gives the best and the median of the
rounds. Every output is compared byte for byte with the one-machine output, including one run (``--kill``)
where the first shard task kills the worker running it. ``make dask-compare`` runs it (docs/scale-out.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KILLER = """#!/bin/sh
for arg in "$@"; do
  if [ "$arg" = "out.ulshard" ] && mkdir "{marker}" 2>/dev/null; then kill -9 "$PPID"; sleep 5; exit 9; fi
done
exec "{usagelens}" "$@"
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"compare: {' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return elapsed, done.stdout


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--usagelens", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--workers", default="1,2,3")
    p.add_argument("--partition-mb", default="64")
    p.add_argument("--report", nargs="+", default=["daily", "--json"])
    p.add_argument("--no-kill", action="store_true", help="skip the run with a worker killed mid-task")
    p.add_argument("--overhead", metavar="DIR", help="also measure the cost of one task: DIR's files as one task, "
                   "then one task per file (samples/ has 22)")  # fmt: skip
    a = p.parse_args()

    usagelens = str(Path(a.usagelens).resolve())
    corpus = str(Path(a.corpus).resolve())
    if not Path(corpus).is_dir():
        sys.exit(f"compare: no corpus at {corpus} (python3 ../shared/bench/gen.py --out {corpus} --size-mb 1024)")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parent), env.get("PYTHONPATH", "")])
    report = [*a.report, "--no-cache"]
    workers = [int(n) for n in a.workers.split(",")]
    one = [usagelens, *report, corpus]
    dask = {n: [sys.executable, "-m", "usagelens_dask", "--local", str(n), "--usagelens", usagelens,
                "--partition-mb", a.partition_mb, *report, corpus] for n in workers}  # fmt: skip

    times: dict[str, list[float]] = {"usagelens": [], **{f"dask --local {n}": [] for n in workers}}
    _, expected = timed(one, env)  # warms the page cache
    for _ in range(a.rounds):
        elapsed, out = timed(one, env)
        times["usagelens"].append(elapsed)
        assert out == expected
        for n in workers:
            elapsed, out = timed(dask[n], env)
            times[f"dask --local {n}"].append(elapsed)
            if out != expected:
                sys.exit(f"compare: usagelens-dask --local {n} printed another report than usagelens")

    size = sum(f.stat().st_size for f in Path(corpus).rglob("*") if f.is_file())
    print(f"corpus: {corpus}, {size / (1 << 20):,.0f} MiB; report: {' '.join(report)}; {a.rounds} rounds, "
          f"partition {a.partition_mb} MiB; {os.cpu_count()} cores")  # fmt: skip
    print(f"| run | best s | median s | vs usagelens (best) |\n|---|---:|---:|---:|")
    base = min(times["usagelens"])
    for name, values in times.items():
        print(f"| {name} | {min(values):.2f} | {statistics.median(values):.2f} | {min(values) / base:.2f}x |")
    print("every output byte-identical to usagelens's: yes")

    if a.overhead:
        overhead(a, usagelens, env)

    if not a.no_kill:
        with tempfile.TemporaryDirectory() as work:
            script = Path(work) / "usagelens"
            marker = Path(work) / "killed"
            script.write_text(KILLER.format(marker=marker, usagelens=usagelens))
            script.chmod(0o755)
            n = max(2, workers[-1] if workers else 2)
            command = [*dask.get(n, dask[workers[0]])]
            command[command.index(usagelens)] = str(script)
            command[command.index("--local") + 1] = str(n)
            elapsed, out = timed(command, env)
            print(f"--local {n} with a worker killed in its first shard task: {elapsed:.2f} s, killed: "
                  f"{'yes' if marker.exists() else 'NO'}, byte-identical: {'yes' if out == expected else 'NO'}")  # fmt: skip
            if out != expected or not marker.exists():
                sys.exit(1)


def overhead(a: argparse.Namespace, usagelens: str, env: dict[str, str]) -> None:
    """One task per file against one task for all: the difference over the extra tasks (shard tasks and the
    merges they need) is what a task costs beyond its reading."""
    files = [f for f in Path(a.overhead).rglob("*") if f.is_file()]
    shards = len(files)
    merges, level = 0, shards
    while level > 1:
        level = -(-level // 8)
        merges += level
    base = [sys.executable, "-m", "usagelens_dask", "--local", "1", "--usagelens", usagelens]
    tail = [*a.report, "--no-cache", a.overhead]
    one, many = [], []
    for _ in range(a.rounds):
        one.append(timed([*base, "--partition-mb", "100000", *tail], env)[0])
        many.append(timed([*base, "--partition-mb", "0.000001", *tail], env)[0])
    extra = shards + merges - 1
    print(f"overhead per task (--local 1, {a.overhead}: 1 task, then {shards} shard tasks and {merges} merges): "
          f"best {min(one):.2f} s against {min(many):.2f} s, {(min(many) - min(one)) / extra * 1000:.0f} ms a task")  # fmt: skip


if __name__ == "__main__":
    main()
