"""Real text for veille's evaluations, read from ``../shared`` at run time.

Nothing here is copied into the repository: the gold sets in ``eval/gold/``
are stand-off (a document id, character offsets, labels) and this module
rebuilds the text they point into. A document id names its corpus:

- ``orangesum:<id>``: the ``article`` field of OrangeSum's parsed JSON lines
  (title, ``heading`` as the standfirst and ``date`` come with it);
- ``ecbplus:<name>``: an ECB+ document (``1_1ecb``), its text rebuilt from the
  tokens, one sentence a line (:func:`ecb_text`);
- ``aeb:<id>``: the gold ``articleBody`` of an Article Extraction Benchmark page;
- ``gsr:<id>``: one sentence of the PLOVER gold standard records.

The text of a document, and so every offset into it, is frozen by this
module: change :func:`ecb_text` or :func:`split_sentences` and the gold sets
must be rebuilt (``python eval/gold/annotate.py check`` says so).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import tarfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_root() -> Path:
    """``$VEILLE_SHARED`` or the ``shared/`` folder beside the repository."""
    return Path(os.environ.get("VEILLE_SHARED", ROOT.parent / "shared"))


@dataclass(frozen=True)
class Doc:
    """One document of a real-text set: its text and what a reader knows about it."""

    id: str
    lang: str
    text: str
    title: str | None = None
    standfirst: str | None = None
    published: str | None = None
    url: str | None = None
    meta: dict = field(default_factory=dict, hash=False, compare=False)


# ---------------------------------------------------------------- OrangeSum


@lru_cache(maxsize=1)
def orangesum_rows() -> dict[int, dict]:
    """All OrangeSum rows by id (36,152; a few seconds to read)."""
    path = shared_root() / "data/orangesum/orangesum_parsed.jsonl.gz"
    rows: dict[int, dict] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows[int(row["id"])] = row
    return rows


def orangesum_category(doc_id: int) -> str | None:
    """The site section of an article of the raw HTML sample ('politique', 'monde',
    'france', 'societe/fait-divers' …), read from its canonical URL; None elsewhere."""
    path = shared_root() / f"data/orangesum/raw_html_sample/{doc_id}.html.gz"
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
        html = handle.read()
    m = re.search(r"actu\.orange\.fr/((?:societe/)?[a-z]+)/", html)
    return m.group(1) if m else None


def _orangesum(key: str) -> Doc:
    row = orangesum_rows()[int(key)]
    return Doc(id=f"orangesum:{key}", lang="fr", text=row["article"], title=row.get("title"),
               standfirst=row.get("heading"), published=(row.get("date") or "")[:10] or None)


# ---------------------------------------------------------------- ECB+

_ECB_NAME = re.compile(r"(?:^|/)(\d+)/(\d+_\d+(?:ecb|ecbplus))\.xml$")
_NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "n't", "'", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}
_QUOTES = {"``": '"', "''": '"'}


def detokenize(tokens: list[str]) -> str:
    """Tokens joined back into running text (no space before closing punctuation)."""
    out: list[str] = []
    for tok in (_QUOTES.get(t, t) for t in tokens):
        if out and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out.append(" ")
        out.append(tok)
    return "".join(out)


def ecb_text(xml: bytes) -> str:
    """An ECB+ document's text, one sentence a line; a sentence that is only a URL is dropped."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in ET.fromstring(xml).iter("token"):
        sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
    lines = [detokenize(toks) for _, toks in sorted(sentences.items())]
    return "\n".join(line for line in lines if line and not re.match(r"^https?\s*:\s*/", line))


@lru_cache(maxsize=1)
def ecb_xml() -> dict[str, tuple[int, bytes]]:
    """ECB+ documents by name ('1_1ecb'): (topic, XML bytes)."""
    out: dict[str, tuple[int, bytes]] = {}
    with tarfile.open(shared_root() / "data/ecbplus/ECBplus_xml.tar.gz") as tar:
        for member in tar:
            m = _ECB_NAME.search(member.name)
            if m and member.isfile():
                out[m.group(2)] = (int(m.group(1)), tar.extractfile(member).read())  # type: ignore[union-attr]
    return out


def _ecbplus(key: str) -> Doc:
    topic, xml = ecb_xml()[key]
    return Doc(id=f"ecbplus:{key}", lang="en", text=ecb_text(xml), meta={"topic": topic})


# ---------------------------------------------------------------- AEB and PLOVER


@lru_cache(maxsize=1)
def aeb_truth() -> dict[str, dict]:
    return json.loads((shared_root() / "data/aeb/ground-truth.json").read_text("utf-8"))


def _aeb(key: str) -> Doc:
    row = aeb_truth()[key]
    return Doc(id=f"aeb:{key}", lang="en", text=row["articleBody"], url=row.get("url"))


@lru_cache(maxsize=1)
def gsr_records() -> dict[str, dict]:
    """The PLOVER gold standard records with a sentence, by id."""
    records = json.loads((shared_root() / "data/plover/PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    return {str(r["id"]): r for r in records if r.get("text")}


def _gsr(key: str) -> Doc:
    rec = gsr_records()[key]
    return Doc(id=f"gsr:{key}", lang="en", text=rec["text"], meta={"record": rec})


_LOADERS = {"orangesum": _orangesum, "ecbplus": _ecbplus, "aeb": _aeb, "gsr": _gsr}


def load_doc(doc_id: str) -> Doc:
    """The document a gold set names, read from ``../shared``."""
    corpus, _, key = doc_id.partition(":")
    if corpus not in _LOADERS:
        raise KeyError(f"unknown corpus in document id {doc_id!r}")
    return _LOADERS[corpus](key)


# ---------------------------------------------------------------- sentences

_ABBREV = {"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "mr", "mrs", "ms", "jr", "sr", "gen",
           "gén", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev", "prof", "av", "bd", "no", "vs", "etc",
           "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "jan", "feb", "mar", "apr", "jun", "jul",
           "aug", "sep", "dec", "inc", "ltd", "corp", "co", "u.s", "u.n", "p", "art", "al", "cf", "ex"}
_CLOSERS = "\"'»”’)]"
_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` ((start, end) offsets, whitespace trimmed).

    A sentence ends at '.', '!', '?' or '…' (with closing quotes) followed by
    white space and a capital, an opening quote or a digit, or glued straight
    to a capital ('jeudi.Le ministre', '2019.Il'), and at every line break.
    Abbreviations (M., Mme, Dr., U.S.), initials and decimals do not end one.
    Frozen: the gold sets' offsets and sentence numbers depend on it.
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in _END.finditer(line.group()):
            dot, end = line.start() + m.start(), line.start() + m.end()
            if text[end - 1] == '"' and text.count('"', start, dot) % 2 == 0:
                end -= 1  # 'forces".' + '"Malgré…': the second mark opens the next sentence
            if _is_boundary(text, dot, end, line.end()):
                spans.append((start, end))
                start = end
        spans.append((start, line.end()))
    return [t for s, e in spans if (t := _trim(text, s, e))]


def _is_boundary(text: str, dot: int, end: int, line_end: int) -> bool:
    if end >= line_end:
        return False  # the line break ends it
    nxt = text[end]
    word = re.search(r"(\w+)$", text[:dot])
    prev = word.group(1).lower() if word else ""
    chunk = re.search(r"([\w.]+)$", text[:dot])
    dotted = bool(chunk and re.fullmatch(r"(\w\.)+\w", chunk.group(1)))  # U.S, J.-L
    if text[dot] == "." and (prev in _ABBREV or (len(prev) == 1 and prev.isalpha()) or dotted):
        return False
    if nxt.isspace():
        after = text[end:line_end].lstrip()
        return bool(after) and (after[0].isupper() or after[0].isdigit() or after[0] in "«\"“'(-–—")
    if text[dot] == "." and prev[-1:].isdigit() and nxt.isdigit():
        return False  # 3.5
    return nxt.isupper() or nxt in "«\"“"


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
