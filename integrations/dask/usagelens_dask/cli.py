"""``usagelens-dask``: a usagelens report computed on a Dask cluster, printing what one machine prints.

    usagelens-dask (--scheduler ADDRESS | --local N) [--usagelens PATH] [--partition-mb N] [--progress]
                   [--storage-option KEY=VALUE ...] REPORT [usagelens options] PATHS...

Exit status: the report's own; 2 for a command line usagelens-dask cannot run; 1 when a step fails (the
message names the input and the worker).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings
from contextlib import contextmanager
from typing import Any, Iterator, Sequence

from .args import UsageError
from .inputs import ListingError, client_cwd
from .tasks import TaskFailed

PROG = "usagelens-dask"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{PROG} (--scheduler ADDRESS | --local N) [options] REPORT [usagelens options] PATHS...",
        description=(
            "Run a usagelens report on a Dask cluster: the inputs are cut into tasks balanced by size, each "
            "task writes a shard (usagelens shard) on its worker, the shards are merged in a tree and the "
            "report runs once over the result. The output is what usagelens REPORT [options] PATHS... prints "
            "on one machine. PATHS are local paths (seen at the same absolute path by every worker) or fsspec "
            "URLs such as s3://bucket/logs/."
        ),
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", metavar="ADDRESS", help="the scheduler to use, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--local", metavar="N", type=_positive_int, help="start a LocalCluster of N worker processes")
    p.add_argument(
        "--usagelens",
        metavar="PATH",
        default="usagelens",
        help="the usagelens binary on the workers (default: usagelens on their PATH)",
    )
    p.add_argument(
        "--partition-mb",
        metavar="N",
        type=_positive_float,
        default=64.0,
        help="about how many MiB of input one shard task reads (default 64; a file is never split)",
    )
    p.add_argument("--progress", action="store_true", help="show Dask's progress bar on stderr")
    p.add_argument(
        "--storage-option",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        type=_storage_option,
        help="an fsspec option for URLs (repeatable), e.g. endpoint_url=http://127.0.0.1:9000, anon=true; "
        "true/false/null and JSON objects or lists are parsed, anything else is a string",
    )
    p.add_argument("command", nargs=argparse.REMAINDER, metavar="REPORT [usagelens options] PATHS...")
    return p


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be above 0")
    return value


def _storage_option(text: str) -> tuple[str, Any]:
    key, equals, value = text.partition("=")
    if not equals or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    if value in ("true", "false", "null") or value[:1] in ("{", "["):
        try:
            return key, json.loads(value)
        except json.JSONDecodeError as error:
            raise argparse.ArgumentTypeError(f"{key}: not JSON: {error}") from None
    return key, value


@contextmanager
def connect(scheduler: str | None, local: int | None) -> Iterator[Any]:
    """A client of the given scheduler, or of a LocalCluster of ``local`` processes that lives as long as it."""
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    # The scheduler's HTTP server (health and metrics, started even without a dashboard) tries port 8787 and
    # warns on stderr when another cluster has it: stderr is the report's, as on one machine.
    warnings.filterwarnings("ignore", message=r"Port \d+ is already in use", category=UserWarning)
    with LocalCluster(
        n_workers=local,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster, Client(cluster) as client:
        yield client


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    if not arguments.command:
        parser().error("name a REPORT (daily, models, sessions, ...) and the paths to read")
    from .pipeline import resolve_binary, run

    cwd = client_cwd()
    try:
        with connect(arguments.scheduler, arguments.local) as client:
            result = run(
                client,
                arguments.command,
                usagelens=resolve_binary(arguments.usagelens, cwd),
                partition_mb=arguments.partition_mb,
                storage_options=dict(arguments.storage_option),
                cwd=cwd,
                progress=arguments.progress,
            )
    except UsageError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except ListingError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    except TaskFailed as error:
        print(str(error), file=sys.stderr)
        return 1
    except OSError as error:  # the scheduler cannot be reached, and the like
        print(f"{PROG}: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a worker lost too often (KilledWorker), a cancelled future: still one line
        print(f"{PROG}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    sys.stderr.buffer.write(result.stderr)
    sys.stderr.buffer.flush()
    sys.stdout.buffer.write(result.stdout)
    sys.stdout.buffer.flush()
    return result.code


def entry() -> None:
    """The console script."""
    sys.exit(main())
