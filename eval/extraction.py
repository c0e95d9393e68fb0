"""Extraction quality: veille's HTML path against trafilatura alone, side by side.

Two third-party benchmarks, read from ``../shared`` (never copied here):

* **AEB** (Article Extraction Benchmark, ``data/aeb``): token-level precision,
  recall and F1 of the extracted body against the gold ``articleBody``, computed
  per page and averaged over pages. Tokens are ``\\w+`` runs (text split on
  white space and punctuation), compared as multisets, case kept. A page where
  an extractor finds nothing scores 0 / 0 / 0; no page is skipped. AEB's own
  score (4-gram shingles, per-page normalised counts summed over pages) is
  reported beside it for reference.
* **trafilatura-eval** (``data/trafilatura-eval``): trafilatura's own scoring.
  Each "with" snippet found in the text is a true positive, missing a false
  negative; each "without" snippet found is a false positive, missing a true
  negative. Counts are summed over pages; an empty extraction finds nothing.

Extractors, both given the page's raw bytes:

* ``trafilatura``: ``trafilatura.extract(html, include_comments=False,
  include_tables=True)`` with every other setting at its default (fallback
  extractors on, no deduplication, plain-text output) — the settings veille's
  own ``bare_extraction`` call uses, and trafilatura's "trafilatura + fallback"
  configuration in its evaluation.
* ``veille``: ``veille.analyze_bytes(html, "<name>.html", options)``, text =
  ``article.text`` (the body blocks; the title and standfirst are metadata and
  are left out, as the gold bodies leave out the title). ``options`` switch the
  understanding stage off: read + repair + language, the part measured here.

Run: ``python eval/extraction.py [--limit N] [--shared PATH] [--json OUT]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from multiprocessing import Pool
from pathlib import Path
from statistics import fmean

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(os.environ.get("VEILLE_SHARED", ROOT.parent / "shared"))
EXTRACTORS = ("trafilatura", "veille")
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[bytes, str], str]


# --------------------------------------------------------------------------- extractors


def trafilatura_text(html: bytes, name: str = "") -> str:
    """trafilatura alone: main text as plain text ('' when it finds none)."""
    from trafilatura import extract

    return extract(html, include_comments=False, include_tables=True) or ""


def extraction_options():  # noqa: ANN201 - veille.Options (veille imported lazily)
    """veille's options for measuring extraction: read + repair + language only
    (the understanding stage, where this veille has one, is switched off)."""
    import dataclasses

    import veille

    names = {f.name for f in dataclasses.fields(veille.Options)}
    return veille.Options(understand=False) if "understand" in names else veille.Options()


def veille_text(html: bytes, name: str = "page.html") -> str:
    """veille's HTML path: the clean body ('' when veille refuses the page)."""
    import veille

    try:
        return veille.analyze_bytes(html, name, extraction_options()).text
    except veille.VeilleError:
        return ""


def extractor(name: str) -> Extractor:
    """The extraction function called ``name``."""
    return {"trafilatura": trafilatura_text, "veille": veille_text}[name]


# --------------------------------------------------------------------------- scores


def tokens(text: str) -> list[str]:
    """Words: runs of letters/digits, the text split on white space and punctuation."""
    return _TOKEN.findall(text)


def overlap(pred: Sequence[str], gold: Sequence[str]) -> tuple[int, int, int]:
    """(tp, fp, fn) of two token multisets."""
    p, g = Counter(pred), Counter(gold)
    tp = sum((p & g).values())
    return tp, len(pred) - tp, len(gold) - tp


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 where undefined, so that empty output scores zero)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def token_prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Token-level precision, recall, F1 of one page."""
    return prf(*overlap(tokens(pred), tokens(gold)))


def shingles(text: str, n: int = 4) -> list[tuple[str, ...]]:
    """AEB's shingles: n-grams of tokens (the whole text when shorter than n)."""
    toks = tokens(text)
    if len(toks) < n:
        return [tuple(toks)] if toks else []
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def aeb_shingle_counts(pred: str, gold: str) -> tuple[float, float, float]:
    """AEB's per-page (tp, fp, fn) over 4-gram shingles, normalised to sum 1."""
    tp, fp, fn = overlap(shingles(pred), shingles(gold))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


@dataclass
class SnippetCounts:
    """trafilatura-eval confusion counts."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, other: SnippetCounts) -> None:
        """Add another page's counts to these."""
        self.tp += other.tp
        self.fn += other.fn
        self.fp += other.fp
        self.tn += other.tn

    def scores(self) -> dict[str, float]:
        """Precision, recall, F1 and accuracy of the summed counts."""
        precision, recall, f1 = prf(self.tp, self.fp, self.fn)
        total = self.tp + self.fn + self.fp + self.tn
        accuracy = (self.tp + self.tn) / total if total else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "accuracy": accuracy}


def snippet_counts(text: str, with_: Iterable[str], without: Iterable[str]) -> SnippetCounts:
    """trafilatura's scoring of one page: exact substring search of each snippet."""
    counts = SnippetCounts()
    for snippet in with_:
        if snippet in text:
            counts.tp += 1
        else:
            counts.fn += 1
    for snippet in without:
        if snippet in text:
            counts.fp += 1
        else:
            counts.tn += 1
    return counts


# --------------------------------------------------------------------------- data


@dataclass
class Page:
    """One evaluation page: where its HTML is, and what it is judged against."""

    dataset: str
    id: str
    path: str
    gold: str = ""
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)


def aeb_pages(shared: Path, limit: int | None = None) -> list[Page]:
    """AEB pages sorted by id (the first ``limit`` of them)."""
    root = shared / "data" / "aeb"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    ids = sorted(truth)[:limit]
    return [Page("aeb", i, str(root / "html" / f"{i}.html.gz"), gold=truth[i]["articleBody"] or "") for i in ids]


def treval_pages(shared: Path, limit: int | None = None) -> list[Page]:
    """trafilatura-eval pages sorted by file name (the first ``limit`` of them)."""
    root = shared / "data" / "trafilatura-eval"
    data = json.loads((root / "evaldata.json").read_text("utf-8"))
    items = sorted(data.values(), key=lambda v: v["file"])[:limit]
    return [
        Page("trafilatura-eval", v["file"], str(root / "html" / f"{v['file']}.gz"),
             with_=list(v["with"]), without=list(v["without"]))
        for v in items
    ]


def load_html(page: Page) -> bytes:
    """The page's raw bytes."""
    return gzip.decompress(Path(page.path).read_bytes())


def page_name(page: Page) -> str:
    """The source name veille is given: the file name without '.gz'."""
    name = Path(page.path).name.removesuffix(".gz")
    return name if name.endswith((".html", ".htm")) else f"{name}.html"


# --------------------------------------------------------------------------- run


def extract_page(page: Page, names: Sequence[str] = EXTRACTORS) -> dict[str, str]:
    """Texts of one page by each extractor (errors other than VeilleError propagate)."""
    logging.disable(logging.WARNING)
    html = load_html(page)
    return {name: extractor(name)(html, page_name(page)) for name in names}


def score_page(page: Page, texts: dict[str, str]) -> dict:
    """Per-page scores of each extractor."""
    row: dict = {"dataset": page.dataset, "id": page.id}
    for name, text in texts.items():
        if page.dataset == "aeb":
            p, r, f = token_prf(text, page.gold)
            row[name] = {"precision": p, "recall": r, "f1": f, "empty": not text.strip(),
                         "shingles": aeb_shingle_counts(text, page.gold)}
        else:
            row[name] = {**asdict(snippet_counts(text, page.with_, page.without)), "empty": not text.strip()}
    return row


def _work(page: Page) -> dict:
    """Worker: extract and score one page."""
    return score_page(page, extract_page(page))


def run(pages: Sequence[Page], jobs: int = 1) -> list[dict]:
    """Per-page score rows, in page order."""
    if jobs <= 1:
        return [_work(p) for p in pages]
    with Pool(jobs) as pool:
        return pool.map(_work, pages, chunksize=4)


def summarise_aeb(rows: Sequence[dict], names: Sequence[str] = EXTRACTORS) -> dict:
    """Per-extractor means over AEB pages, plus AEB's shingle score."""
    out: dict = {}
    for name in names:
        scores = [r[name] for r in rows]
        tp, fp, fn = (sum(s["shingles"][k] for s in scores) for k in range(3))
        sp, sr, sf = prf(tp, fp, fn)
        out[name] = {
            "precision": fmean(s["precision"] for s in scores),
            "recall": fmean(s["recall"] for s in scores),
            "f1": fmean(s["f1"] for s in scores),
            "empty": sum(s["empty"] for s in scores),
            "aeb_shingle": {"precision": sp, "recall": sr, "f1": sf},
        }
    return {"pages": len(rows), **out}


def summarise_treval(rows: Sequence[dict], names: Sequence[str] = EXTRACTORS) -> dict:
    """Per-extractor summed counts and scores over trafilatura-eval pages."""
    out: dict = {}
    for name in names:
        total = SnippetCounts()
        for r in rows:
            total.add(SnippetCounts(*(r[name][k] for k in ("tp", "fn", "fp", "tn"))))
        out[name] = {**asdict(total), **total.scores(), "empty": sum(r[name]["empty"] for r in rows)}
    return {"pages": len(rows), **out}


def report(summary: dict) -> str:
    """The figures as a small text table."""
    lines = []
    if "aeb" in summary:
        s = summary["aeb"]
        lines.append(f"AEB ({s['pages']} pages): token-level, mean over pages  [AEB 4-gram shingle score]")
        lines.append(f"  {'extractor':<12} {'P':>6} {'R':>6} {'F1':>6}  empty  [{'P':>6} {'R':>6} {'F1':>6}]")
        for name in EXTRACTORS:
            m, sh = s[name], s[name]["aeb_shingle"]
            lines.append(f"  {name:<12} {m['precision']:6.4f} {m['recall']:6.4f} {m['f1']:6.4f}  {m['empty']:5d}"
                         f"  [{sh['precision']:6.4f} {sh['recall']:6.4f} {sh['f1']:6.4f}]")
    if "trafilatura-eval" in summary:
        s = summary["trafilatura-eval"]
        lines.append(f"trafilatura-eval ({s['pages']} pages): snippets, counts summed over pages")
        lines.append(f"  {'extractor':<12} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6}  {'tp':>5} {'fn':>5} {'fp':>5} "
                     f"{'tn':>5}  empty")
        for name in EXTRACTORS:
            m = s[name]
            lines.append(f"  {name:<12} {m['precision']:6.4f} {m['recall']:6.4f} {m['f1']:6.4f} {m['accuracy']:6.4f}"
                         f"  {m['tp']:5d} {m['fn']:5d} {m['fp']:5d} {m['tn']:5d}  {m['empty']:5d}")
    return "\n".join(lines)


def evaluate(shared: Path, limit: int | None = None, datasets: Sequence[str] = ("aeb", "trafilatura-eval"),
             jobs: int = 1) -> tuple[dict, list[dict]]:
    """Run both extractors over the chosen datasets: (summary, per-page rows)."""
    summary: dict = {}
    rows: list[dict] = []
    loaders = {"aeb": (aeb_pages, summarise_aeb), "trafilatura-eval": (treval_pages, summarise_treval)}
    for dataset in datasets:
        load, summarise = loaders[dataset]
        start = time.perf_counter()
        these = run(load(shared, limit), jobs)
        summary[dataset] = {**summarise(these), "seconds": round(time.perf_counter() - start, 1)}
        rows.extend(these)
    return summary, rows


def _versions() -> dict[str, str]:
    """Versions of what was measured."""
    from importlib.metadata import version

    return {"veille": version("veille"), "trafilatura": version("trafilatura"), "python": sys.version.split()[0]}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the figures, optionally write them (and per-page rows) as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each dataset (sorted by id)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ data folder")
    parser.add_argument("--json", type=Path, default=None, help="write the summary and per-page scores here")
    parser.add_argument("--dataset", choices=("aeb", "trafilatura-eval", "all"), default="all")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    args = parser.parse_args(argv)
    if not (args.shared / "data").is_dir():
        parser.error(f"no data/ folder under {args.shared} (use --shared or VEILLE_SHARED)")
    datasets = ("aeb", "trafilatura-eval") if args.dataset == "all" else (args.dataset,)
    summary, rows = evaluate(args.shared, args.limit, datasets, args.jobs)
    print(report(summary))
    if args.json:
        payload = {"versions": _versions(), "limit": args.limit, "summary": summary, "pages": rows}
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
