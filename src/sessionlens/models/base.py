"""What every model shares: strict fields (a misspelt key is an error) and the schema version."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = "2"
#: Older report JSON versions that `Report` migrates on read.
MIGRATES_FROM = ("1",)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)
