"""Comparison keys: two units are "the same" when their keys are equal.

Near-exact means equal after Unicode normalisation, case folding and removal
of white space, punctuation and quote-mark variants — the differences a copy
picks up when a page is re-rendered or pasted, not edits of its words.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def unit_key(text: str) -> str:
    """Key of a unit for near-exact comparison ('' for units with no letters or digits)."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def word_count(text: str) -> int:
    """Whitespace-separated words."""
    return len(text.split())
