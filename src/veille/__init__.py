"""veille: raw news in; a sourced, deduplicated knowledge base out.

The public API is what ``__all__`` lists; everything else may change.
"""

from veille.errors import ExitCode, VeilleError
from veille.model import Article, Block, Quality, Removal, Signals, article_schema
from veille.options import Options
from veille.pipeline import analyze, analyze_bytes, analyze_text, process
from veille.read import read
from veille.repair import repair

__version__ = "0.1.0"
"""The version, written only here: pyproject.toml reads it (``dynamic = ["version"]``)."""

__all__ = [
    "Article",
    "Block",
    "ExitCode",
    "Options",
    "Quality",
    "Removal",
    "Signals",
    "VeilleError",
    "__version__",
    "analyze",
    "analyze_bytes",
    "analyze_text",
    "article_schema",
    "process",
    "read",
    "repair",
]
