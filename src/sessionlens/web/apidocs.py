"""/docs: the JSON API described from the app's own OpenAPI document, served by the app
(no CDN, no script), so it works offline."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from .state import state

METHODS = ("get", "post", "put", "patch", "delete")


def _readable(request: Request) -> None:
    state(request).guard.require_read(request)


router = APIRouter(include_in_schema=False, dependencies=[Depends(_readable)])


def _schema_name(schema: dict[str, Any] | None) -> str:
    """'SessionDetail', 'list[SpeakerSummary]' or the plain type of a schema."""
    if not schema:
        return ""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list[{_schema_name(schema.get('items'))}]"
    if "anyOf" in schema:
        return " | ".join(_schema_name(s) for s in schema["anyOf"])
    return str(schema.get("type", ""))


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per API operation, grouped by tag order of appearance."""
    ops = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            ok = next((r for code, r in op.get("responses", {}).items() if code.startswith("2")), {})
            body = op.get("requestBody", {}).get("content", {})
            body_schema = next(iter(body.values()), {}).get("schema") if body else None
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or ["other"])[0],
                    "params": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "type": _schema_name(p.get("schema")),
                            "description": p.get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _schema_name(body_schema),
                    "body_type": next(iter(body), "") if body else "",
                    "returns": _schema_name(next(iter(ok.get("content", {}).values()), {}).get("schema")),
                }
            )
    return ops


@router.get("/docs")
def api_reference(request: Request) -> HTMLResponse:
    from .pages import page

    spec = request.app.openapi()
    return page(request, "docs.html", spec=spec, ops=operations(spec), crumbs=[("API reference", None)])
