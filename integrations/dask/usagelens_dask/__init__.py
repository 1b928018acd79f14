"""usagelens on a Dask cluster, through shard files, with the same numbers as one machine.

The command is ``usagelens-dask`` (``usagelens_dask.cli``); the steps are functions for Dask users' own
pipelines:

- ``shard_tasks(client, paths, ...)``: futures of the shards of the inputs, one per partition;
- ``merge(client, futures, ...)``: a future of the one shard they make together (a tree of merges);
- ``report(client, merged, ["daily", "--json"], ...)``: (stdout, stderr, exit status) of the report over it.

See docs/scale-out.md in the usagelens repository.
"""

from .args import UsageError
from .inputs import Input, ListingError, plan
from .pipeline import describe, list_inputs, merge, report, resolve_binary, run, shard_tasks, submit_report
from .tasks import ReportResult, TaskFailed

__version__ = "0.1.0"

__all__ = [
    "Input",
    "ListingError",
    "ReportResult",
    "TaskFailed",
    "UsageError",
    "describe",
    "list_inputs",
    "merge",
    "plan",
    "report",
    "resolve_binary",
    "run",
    "shard_tasks",
    "submit_report",
]
