"""Serve stage: how results reach people — reports now; APIs and exports later."""

from veille.serve.report import render

__all__ = ["render"]
