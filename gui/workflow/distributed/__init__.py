"""Normalizing on more than one machine: `dask_engine` (`textwash clean --engine dask`).

`EngineError` is here, not in `dask_engine`, so callers can catch it without importing Dask.
"""


class EngineError(Exception):
    """The cluster cannot be used (Dask missing, no scheduler at the address); in words."""
