"""``python -m usagelens_dask``: the same as the ``usagelens-dask`` command."""

from .cli import entry

if __name__ == "__main__":
    entry()
