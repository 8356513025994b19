"""Where the batch's notebook runs go: threads of the batch process, or a Dask cluster.

Threads, not processes, on one machine: a run's work is done by its kernel, a
process of its own; the batch only relays messages and writes files. Worker
processes each had to start and import papermill, which cost the 4-run
diagnose batch as much as the second core gained (speed-up 1.0–1.3 with 2
processes, 2.0 with 2 threads; ``benchmarks/README.md``). A run must not
change the process's working directory (papermill's ``cwd=`` does): the batch
gives the kernel its folder instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from hlo_design.base.errors import WorkbookError

__all__ = ["SCHEDULER_CONNECT_SECONDS", "closing_event_loop", "job_executor"]

SCHEDULER_CONNECT_SECONDS = 10
"""How long ``--scheduler`` waits for the Dask scheduler to answer before the batch fails, naming it."""

Params = ParamSpec("Params")
Result = TypeVar("Result")


@contextmanager
def job_executor(workers: int, scheduler: str | None) -> Iterator[Executor]:
    """``workers`` threads of this process, or the Dask cluster at ``scheduler``."""
    if scheduler is None:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hlo-batch") as pool:
            yield pool
        return
    from distributed import Client  # only with --scheduler: a second of imports a local batch does without

    try:
        client = Client(scheduler, timeout=SCHEDULER_CONNECT_SECONDS, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, ValueError) as error:  # TimeoutError is an OSError; ValueError: not an address
        raise WorkbookError(
            f"cannot reach the Dask scheduler at {scheduler} ({error}); start one with `dask scheduler` "
            "and give the address it prints, e.g. --scheduler tcp://127.0.0.1:8786"
        ) from None
    with client, client.get_executor(pure=False) as executor:  # type: ignore[no-untyped-call]  # pure=False: two runs never share a result
        yield executor


def closing_event_loop(job: Callable[Params, Result]) -> Callable[Params, Result]:
    """``job`` for a worker thread: the event loop papermill opens in the thread is closed when the job ends.

    Left open, each would hold its sockets until the thread's loop is collected.
    """

    @functools.wraps(job)
    def run(*args: Params.args, **kwargs: Params.kwargs) -> Result:
        try:
            return job(*args, **kwargs)
        finally:
            with contextlib.suppress(RuntimeError):  # no loop in this thread: nothing to close
                asyncio.get_event_loop_policy().get_event_loop().close()
            asyncio.set_event_loop(None)

    return run
