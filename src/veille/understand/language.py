"""Language identification with py3langid (langid.py's maintained fork).

py3langid is small, offline and fast (well under a millisecond per article),
which matters at ingest volume; veille only needs the ISO 639-1 code.
"""

from __future__ import annotations

from functools import lru_cache

from veille.model import Article


@lru_cache(maxsize=1)
def _classify():  # noqa: ANN202 - py3langid's classify function
    from py3langid import classify

    return classify


def language_of(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when there is too little to judge."""
    if len(text.split()) < 3:
        return None
    code, _score = _classify()(text[:5000])
    return code


def detect_language(article: Article) -> Article:
    """Fill ``article.language`` unless the caller already set it."""
    if article.language:
        return article
    sample = " ".join(filter(None, [article.title, article.standfirst, article.text]))
    return article.model_copy(update={"language": language_of(sample)})
