"""Whole events: many sessions built in one resumable batch (`sessionlens event build`).

Modules: `manifest` (a CSV/YAML manifest or a folder into sessions), `task` (one session's
pipeline, the same on every backend), `local` (worker processes), `ray_backend` (Ray,
extra `cluster`), `ledger` (per-session state under OUT/.state), `batch` (the driver).
"""
