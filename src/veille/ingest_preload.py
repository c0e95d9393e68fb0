"""Imported by the worker server of ingest before it forks workers: loads the pipelines once
(see :func:`veille.ingest.preload`)."""

from veille.ingest import preload

preload()
