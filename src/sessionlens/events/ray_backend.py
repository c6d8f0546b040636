"""The Ray backend (extra `cluster`): the same task function on a local or remote Ray cluster.

`--ray auto` starts a local Ray (no dashboard, a small object store) and stops it at the end;
`--ray ADDRESS` joins a running cluster (`ray start --head` on one node, `ray start
--address …` on the others). Every node needs sessionlens installed and the inputs at the
same path (a shared folder); outputs come back to the driver, which writes them.
"""

from __future__ import annotations

from typing import Any

from ..errors import InputError, one_line
from .task import SessionResult, SessionTask, run_session

#: the object store of a local Ray: sessions' outputs are small, the default (30 % of RAM) is not
LOCAL_OBJECT_STORE_BYTES = 100 * 1024 * 1024


class RayBackend:
    """Sessions as Ray tasks of one CPU each; `slots` is the cluster's CPU count."""

    name = "ray"

    def __init__(self, address: str, workers: int | None = None) -> None:
        try:
            import ray
        except ImportError:
            raise InputError("--ray", "needs the cluster extra: pip install 'sessionlens[cluster]'") from None
        self._ray = ray
        if address == "auto":
            ray.init(
                num_cpus=workers,
                include_dashboard=False,
                object_store_memory=LOCAL_OBJECT_STORE_BYTES,
                log_to_driver=False,
                configure_logging=False,
            )
        else:
            try:
                ray.init(address=address, log_to_driver=False, configure_logging=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise InputError("--ray", f"cannot join the Ray cluster at {address} ({one_line(exc)})") from None
        self.slots = max(1, int(ray.cluster_resources().get("CPU", 1)))
        self.threads = 1  # one CPU per task: the cluster's cores are the parallelism
        self._remote = ray.remote(num_cpus=1, max_retries=0)(run_session)

    def submit(self, task: SessionTask) -> Any:
        return self._remote.remote(task)

    def wait(self, pending: dict[Any, SessionTask]) -> list[tuple[Any, SessionResult]]:
        """At least one finished session; a task whose worker died fails with that reason."""
        ready, _ = self._ray.wait(list(pending), num_returns=1)
        out = []
        for ref in ready:
            task = pending[ref]
            try:
                out.append((ref, self._ray.get(ref)))
            except self._ray.exceptions.RayError as exc:
                out.append((ref, SessionResult(task.spec.slug, task.key, reason=f"ray: {one_line(exc)}")))
        return out

    def close(self) -> None:
        self._ray.shutdown()
