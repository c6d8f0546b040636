"""Local worker processes: the default backend of `sessionlens event build`."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from .task import SessionResult, SessionTask, run_session

#: how often a worker checks that the driver is still alive (seconds)
_WATCH_SECONDS = 0.5


class LocalBackend:
    """`workers` processes (spawned: no thread or model state inherited from the driver)."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self.slots = workers
        self.threads = max(1, (os.cpu_count() or 1) // workers)
        self._pool: ProcessPoolExecutor | None = None
        self._pool_of: dict[Future[SessionResult], ProcessPoolExecutor] = {}

    def submit(self, task: SessionTask) -> Future[SessionResult]:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.slots, mp_context=context, initializer=_watch_driver, initargs=(os.getpid(),)
            )
        fut = self._pool.submit(run_session, task)
        self._pool_of[fut] = self._pool
        return fut

    def wait(self, pending: dict[Future[SessionResult], SessionTask]) -> list[tuple[Any, SessionResult]]:
        """At least one finished session; a worker that died fails its sessions (the pool is renewed)."""
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        out = []
        for fut in done:
            task, pool = pending[fut], self._pool_of.pop(fut, None)
            try:
                out.append((fut, fut.result()))
            except (BrokenProcessPool, CancelledError):
                if pool is self._pool:  # not a pool already renewed for an earlier failure
                    self._renew()
                out.append(
                    (
                        fut,
                        SessionResult(task.spec.slug, task.key, reason="worker process died (killed or out of memory)"),
                    )
                )
        return out

    def _renew(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _watch_driver(driver: int) -> None:
    """Exit when the driver is gone (kill -9 leaves orphans that would keep the CPUs busy)."""

    def watch() -> None:
        while os.getppid() == driver:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="watch-driver").start()
