"""The web UI and JSON API of ``veille serve`` (FastAPI, server-rendered templates).

:func:`create_app` builds the ASGI app over a store; see :mod:`veille.serve.web.app`.
Needs the ``serve`` extra (FastAPI, Jinja2, uvicorn, python-multipart, fastapi-offline for the API explorer).
"""

from __future__ import annotations

from veille.serve.web.app import create_app

__all__ = ["create_app"]
