"""Language identification with py3langid (langid.py's maintained fork).

py3langid is small, offline and well tested; veille only needs the ISO 639-1
code. Its reference ``classify`` walks a byte automaton in a Python loop and
converts its float16 table on every call, which made it the slowest step of
reading an article (about 3 ms for 5,000 characters). :class:`_FastLangid`
computes the same thing with numpy — the same features, counted in the same
order, scored against a float32 copy of the same table — so its answers are
py3langid's bit for bit. It checks that against py3langid itself when first
built, and veille falls back to py3langid's own ``classify`` if they ever
differ (e.g. after an upgrade that changes its internals).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from veille.model import Article

Classify = Callable[[str], tuple[str, float]]

# Texts the fast path must score exactly as py3langid does before it is used.
_SELF_TEST = (
    "Le président russe a entamé mercredi une visite d'État de deux jours au Kazakhstan.",
    "The summit ended without a joint statement, officials said on Friday.",
    "Die Bundesregierung hat am Mittwoch neue Regeln für den Energiemarkt beschlossen.",
    "El gobierno anunció nuevas medidas económicas para la región.",
    "Москва и Астана подписали соглашение о сотрудничестве в энергетике.",
    "السلام عليكم ورحمة الله وبركاته",
    "日本語のテキストです。東京で会議が開かれました。",
    "ÉTÉ À PARIS", "ok", "x" * 40, "1234 5678",
)


_WARM_AFTER = 16
"""Texts classified with py3langid's own function before the fast path is built: building it
takes about half a second, which a one-article ``veille analyze`` should not pay (answers are
identical either way)."""
_calls = 0


def _classify() -> Classify:
    """py3langid's own classify for the first few texts, then the exact fast path."""
    global _calls
    if _calls < _WARM_AFTER:
        _calls += 1
        return _reference()
    return _fast()


def warm() -> None:
    """Build the exact fast path now, for a process that will classify many texts (an ingest's
    worker server, before it forks its workers): each worker would otherwise build its own
    (about 1 s of CPU) after classifying its first texts with py3langid's slow function."""
    global _calls
    _fast()
    _calls = _WARM_AFTER


@lru_cache(maxsize=1)
def _identifier():  # noqa: ANN202 - py3langid LanguageIdentifier
    """py3langid's identifier, built from the decompressed model in the user cache when there is
    one (py3langid decompresses its 4.5 MB LZMA model at every start: about 0.4 s), else py3langid's own."""
    try:
        ident = _cached_identifier()
    except Exception:  # noqa: BLE001 - py3langid internals changed or cache unusable: py3langid's own
        ident = None
    if ident is None:
        from py3langid.langid import _get_identifier

        ident = _get_identifier()
    return ident


_MODEL_KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _cached_identifier():  # noqa: ANN202 - py3langid LanguageIdentifier, or None
    """py3langid's default identifier made as ``LanguageIdentifier.from_model_file`` makes it, from
    the same model bytes once decompressed (cached under a hash of the compressed file and the
    version of py3langid); None when the cache is off."""
    import lzma
    import shutil
    from importlib.metadata import version

    import numpy as np
    from py3langid import modelio
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from veille.understand import cache

    folder = cache.cache_dir()
    if folder is None:
        return None
    model = Path(MODEL_DIR) / MODEL_FILE
    name = f"langid-{cache.digest(['py3langid model 1', version('py3langid'), model.read_bytes()])[:32]}.npz"
    try:
        arrays = _read_npz(folder / name)
    except Exception:  # noqa: BLE001 - missing or corrupt: decompress into the cache for the next process
        def fill(path: Path) -> None:
            with lzma.open(model) as src, path.open("wb") as out:
                shutil.copyfileobj(src, out, length=1 << 20)

        written = cache.write_atomic(name, fill)
        if written is None:  # not writable: py3langid loads its model itself
            return None
        arrays = _read_npz(written)
    ptc, pc, classes, nextmove, row, output = (
        arrays["ptc"], arrays["pc"], arrays["classes"].tolist(), modelio._to_array(arrays["nextmove"]),
        modelio._to_array(arrays["nextmove_row"]), arrays["out_feat"].tolist())
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, tk_row=row)


def _read_npz(source):  # noqa: ANN001, ANN202 - a path or a file object; dict of numpy arrays
    """The model's arrays, read as py3langid's ``load_model`` reads them (zip CRCs checked)."""
    import numpy as np

    with np.load(source, allow_pickle=False) as data:
        if set(_MODEL_KEYS) - set(data.files):
            raise ValueError("unexpected model layout")
        return {key: data[key] for key in _MODEL_KEYS}


@lru_cache(maxsize=1)
def _reference() -> Classify:
    """py3langid's ``classify`` (through the cached model when there is one)."""
    classify: Classify = _identifier().classify
    return classify


@lru_cache(maxsize=1)
def _fast() -> Classify:
    """py3langid's classify, through the exact fast path when it agrees with it."""
    reference = _reference()
    try:
        fast = _FastLangid(_identifier(), reference)
    except Exception:  # noqa: BLE001 - py3langid internals changed: use its public function
        return reference
    return fast.classify if fast.agrees(_SELF_TEST) else reference


class _FastLangid:
    """py3langid's naive Bayes classifier with its feature walk vectorised.

    py3langid's features come from an Aho–Corasick automaton over the UTF-8
    bytes: after each byte the automaton is in the state of the longest suffix
    of the text read so far that is a prefix of some feature string, and that
    state may emit one feature. The strings are at most a few bytes long, so
    the state at each position is found level by level — the k-byte suffix is
    a state of depth k exactly when the (k-1)-byte suffix before it is one and
    the automaton steps from it to a state of depth k. Features are then
    counted and ordered by first occurrence, as py3langid's ``Counter`` does,
    so that the dot product sums in the same order.
    """

    def __init__(self, ident, reference: Classify) -> None:  # noqa: ANN001 - py3langid LanguageIdentifier
        import numpy as np

        if ident._norm_probs or ident.min_confidence is not None:
            raise ValueError("only the default identifier is reproduced")
        self.np = np
        self.ident = ident
        self.reference = reference
        moves = ident.tk_nextmove
        self.moves = np.frombuffer(moves, dtype=moves.typecode) if hasattr(moves, "typecode") else np.asarray(moves)
        self.rowbase = np.asarray(ident.tk_row, dtype=np.intp) << 8
        self.root = int(self.rowbase[0])
        self.output = np.asarray(ident.tk_output, dtype=np.intp)
        self.depth = self._depths()
        self.max_depth = int(self.depth.max())
        self.table = np.asarray(ident.nb_ptc, dtype=np.float32)  # numpy would cast each gathered row anyway
        self.prior = ident.nb_pc
        self.classes = list(ident.nb_classes)
        self.aliases = list(ident._alias_pairs)
        from py3langid.langid import RAW_FLOOR

        self.floor = RAW_FLOOR

    def _depths(self):  # noqa: ANN202 - numpy array
        """Depth of every automaton state (length of its string), by breadth-first search."""
        np = self.np
        depth = np.full(len(self.rowbase), -1, dtype=np.int16)
        depth[0] = 0
        frontier, level = np.zeros(1, dtype=np.intp), 0
        every_byte = np.arange(256, dtype=np.intp)
        while len(frontier):
            level += 1
            reached = self.moves[(self.rowbase[frontier][:, None] + every_byte).ravel()].astype(np.intp)
            frontier = np.unique(reached[depth[reached] < 0])
            depth[frontier] = level
        if depth[0] != 0 or (depth < 0).any():
            raise ValueError("unexpected automaton")
        return depth

    def _states(self, data: bytes):  # noqa: ANN202 - numpy array
        """Automaton state after each byte of ``data``."""
        np = self.np
        text = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        best = self.moves[self.root + text].astype(np.intp)  # depth 1, or the root for a byte no feature starts with
        pos, prev = np.arange(1, len(text), dtype=np.intp), best[:-1]
        for level in range(2, self.max_depth + 1):
            step = self.moves[self.rowbase[prev] + text[pos]]
            keep = self.depth[step] == level
            pos = pos[keep]
            if not len(pos):
                break
            prev = step[keep].astype(np.intp)
            best[pos] = prev
            if pos[-1] == len(text) - 1:
                pos, prev = pos[:-1], prev[:-1]
            pos = pos + 1
        return best

    def _features(self, data: bytes):  # noqa: ANN202 - (indices, counts) numpy arrays, or None
        """Emitted features and their counts, in order of first occurrence."""
        np = self.np
        found = self.output[self._states(data)]
        found = found[found >= 0]
        n = len(found)
        if not n:
            return None
        keys = np.sort(found * n + np.arange(n, dtype=np.intp))  # by feature, then position
        feature = keys // n
        starts = np.flatnonzero(np.concatenate(([True], feature[1:] != feature[:-1])))
        first = keys[starts] - feature[starts] * n
        counts = np.diff(np.append(starts, n))
        order = np.argsort(first)
        return feature[starts][order], counts[order].astype(np.float32)

    def classify(self, text: str) -> tuple[str, float]:
        """(language, score), as py3langid's ``classify``."""
        np = self.np
        data = self.ident._encode(text)
        features = self._features(data) if isinstance(data, bytes) else None
        if features is None:  # nothing to score: py3langid's own floor handling
            return self.reference(text)
        index, counts = features
        scores = np.log1p(counts) @ self.table[index] + self.prior
        for i, j in self.aliases:
            scores[i] = max(scores[i], scores[j])
            scores[j] = self.floor
        best = int(scores.argmax())
        return self.classes[best], float(scores[best])

    def agrees(self, texts: tuple[str, ...]) -> bool:
        """True when every text gets exactly py3langid's answer."""
        return all(self.classify(t) == self.reference(t) for t in texts)


def language_of(text: str) -> str | None:
    """ISO 639-1 code of ``text``, or None when there is too little to judge."""
    if len(text.split(None, 2)) < 3:  # fewer than three words (counted no further)
        return None
    code, _score = _classify()(text[:5000])
    return code


def detect_language(article: Article) -> Article:
    """Fill ``article.language`` unless the caller already set it."""
    if article.language:
        return article
    sample = " ".join(filter(None, [article.title, article.standfirst, article.text]))
    return article.model_copy(update={"language": language_of(sample)})
