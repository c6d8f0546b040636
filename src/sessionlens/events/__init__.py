"""Whole events: many sessions built in one batch, and the hub over them (issue 15)."""
