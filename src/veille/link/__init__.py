"""Link stage: relations between articles. For now: exact and near duplicates.

Story clustering and event merging across articles come next and will hang
off the same store columns (``articles.story_id``, ``duplicate_of``).
"""

from veille.link.dedup import Deduplicator, Fingerprint, Match, content_hash, fingerprint

__all__ = ["Deduplicator", "Fingerprint", "Match", "content_hash", "fingerprint"]
