"""Understand stage: what an article says. For now: its language."""

from veille.understand.language import detect_language

__all__ = ["detect_language"]
