"""Web UI and JSON API over the story database: `create_app(db_path, submit_token=None)` and `serve(...)`."""

from __future__ import annotations

from typing import Any


def create_app(db_path: str, submit_token: str | None = None) -> Any:
    """The FastAPI app over the database at `db_path` (read-only; `/api/submit` needs a token)."""
    from triangulate.web.app import create_app as _create

    return _create(db_path, submit_token=submit_token)


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, submit_token: str | None = None) -> None:
    """Serve the app with uvicorn (blocking)."""
    from triangulate.web.app import serve as _serve

    _serve(db_path, host=host, port=port, submit_token=submit_token)


__all__ = ["create_app", "serve"]
