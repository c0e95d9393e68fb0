"""Render an article for people (text, Markdown) or programs (JSON).

The text report is what a person reads in a terminal: where the article sits,
its clean body, what was removed and why, and the quality flags. It speaks
words: removal kinds, boilerplate categories, quality flags and PLOVER types are
said in plain language (``data/report.json``, through ``words.py``, which the web UI
uses too), positions count lines or
paragraphs from 1; the raw names stay in the JSON output.
"""

from __future__ import annotations

import textwrap
from collections import Counter

from veille.model import Article, Block, Event
from veille.serve import words

FORMATS = ("text", "json", "markdown")


def render(article: Article, fmt: str = "text") -> str:
    """The article in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return article.to_json()
    if fmt == "markdown":
        return markdown(article)
    return text_report(article)


def text_report(article: Article) -> str:
    """A terminal report: header, body, removals, quality."""
    lines = [f"# {article.title or '(no title)'}"]
    lines += _meta_lines(article)
    if article.standfirst:
        lines += ["", _wrap(article.standfirst)]
    lines += ["", "── body " + "─" * 60]
    for block in article.blocks:
        lines += ["", _text_block(block)]
    lines += understanding_lines(article)
    lines += ["", "── removed " + "─" * 57, _removed_summary(article)]
    lines += [f"  {line}" for line in removed_lines(article)]
    lines += ["", "── quality " + "─" * 57, _quality_line(article)]
    return "\n".join(lines) + "\n"


def _words() -> dict:
    """The report's plain words (``data/report.json``), shared with the web UI through ``words.py``."""
    return words.words()


def _say(table: str, name: str) -> str:
    """``name`` in plain words from the ``table`` of the words file; itself when missing."""
    return words.say(table, name)


def _unit(article: Article, plural: bool = False) -> str:
    """What a position counts in this article: lines of a text, paragraphs of a page."""
    return words.unit(article.format, plural)


def removed_lines(article: Article) -> list[str]:
    """One line per removal, or per run of copies of a repeated block:
    'lines 19–23 repeat lines 14–18 — “La question…”'."""
    return [f"{r.where}: {r.why} — “{_clip(r.text)}”" for r in words.removals(article.format, article.removed)]


def understanding_lines(article: Article) -> list[str]:
    """Actors with mention counts, quotes with speakers, events as a table, relations."""
    lines: list[str] = []
    if article.actors:
        lines += ["", "── actors " + "─" * 58]
        refs = Counter(m.actor_id for m in article.mentions if m.actor_id and m.form != "name")
        for a in article.actors:
            what = ", ".join(x for x in (a.type, a.country, a.sector, a.role) if x)
            more = f" +{refs[a.id]} by pronoun or description" if refs.get(a.id) else ""
            lines.append(f"  {len(a.mentions):>3}×  {a.name} ({what})  [{a.id}]{more}")
    speech = [q for q in article.quotes if q.kind in ("direct", "indirect", "block")]
    marked = [q for q in article.quotes if q.kind not in ("direct", "indirect", "block")]
    if speech:
        lines += ["", "── quotes " + "─" * 58]
        for q in speech:
            lines.append(f"  {_speaker(q)} ({q.kind}{', ' + q.cue if q.cue else ''}): « {_clip(q.text, 90)} »")
    if marked:
        lines += ["", "── in quotation marks, said by no one " + "─" * 30]
        lines.append("  " + "; ".join(f"« {_clip(q.text, 40)} » ({q.kind})" for q in marked))
    if article.events:
        lines += ["", "── events " + "─" * 58, _event_table(article)]
    if article.relations:
        lines += ["", "── relations " + "─" * 55]
        for r in article.relations:
            lines.append(f"  {_who(r.subject)} {_say('relations', r.type)} {_who(r.object)}  ({r.confidence:.2f})")
    return lines


def _speaker(q) -> str:  # noqa: ANN001 - Quote
    """The speaker as the article names them, the actor table's name beside when it differs
    ('Vladimir Poutine = Vladimir Putin'), and the words of the cue when they are not the name
    ('via « -t-il »'); an unnamed speaker shows the words only ('unnamed: un témoin')."""
    mention = q.speaker_mention.text if q.speaker_mention else None
    if not q.speaker:
        return f"unnamed: {mention}" if mention else "unattributed"
    who = q.speaker
    if q.speaker_name and q.speaker_name.casefold() != q.speaker.casefold():
        who += f" = {q.speaker_name}"
    if mention and mention.casefold() not in q.speaker.casefold():
        who += f" (via « {_clip(mention, 40)} »)"
    return who


def _who(p) -> str:  # noqa: ANN001 - Participant
    name = p.name or p.text
    return f"{name} [{p.country}]" if p.country and p.country not in name else name


def event_name(event: Event) -> str:
    """The PLOVER type with its meaning in words, the CAMEO code beside:
    'ACCUSE (accuse, criticise) · CAMEO 112'."""
    return words.event_name(event.type, event.cameo)


def _event_table(article: Article) -> str:
    """Events as an aligned table: what (type in words), how (mode), CAMEO code, who → whom,
    where, when, flags, confidence; then each event's evidence."""
    rows = [("event", "how", "CAMEO", "who", "to whom", "where", "when", "flags", "confidence")]
    for e in article.events:
        rows.append((
            words.plover(e.type), e.mode or "—", e.cameo or "—",
            "; ".join(_who(p) for p in e.actors), "; ".join(_who(p) for p in e.recipients) or "—",
            e.location.name if e.location else "—", e.date.value or e.date.text or "—",
            ",".join(e.flags) or "—", f"{e.confidence:.2f}",
        ))
    widths = [min(32, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    out = ["  " + "  ".join(_clip(c, w).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    for e in article.events:
        out.append(f"  · {event_name(e)}: “{_clip(e.evidence.text, 100)}” "
                   f"[{e.evidence.field} {e.evidence.start}–{e.evidence.end}]")
    return "\n".join(out)


def _meta_lines(article: Article) -> list[str]:
    fields = [
        ("section", " › ".join(article.section)), ("language", article.language),
        ("published", article.published), ("author", article.author), ("site", article.site),
        ("source", article.source), ("id", article.id),
    ]
    return [f"{name}: {value}" for name, value in fields if value]


def _text_block(block: Block) -> str:
    if block.kind == "heading":
        return f"## {block.text}"
    if block.kind == "quote":
        who = ", ".join(x for x in (block.speaker, block.speaker_role) if x)
        quoted = textwrap.indent(_wrap(block.text, 76), "  │ ")
        return quoted + (f"\n  — {who}" if who else "")
    if block.kind == "list_item":
        return "  • " + block.text
    return _wrap(block.text)


def _removed_summary(article: Article) -> str:
    """'13 of 31 lines removed: 11 repeated, 1 breadcrumb, 1 page furniture'."""
    counts = Counter(r.kind for r in article.removed)
    before = article.quality.before.lines if article.quality else 0
    parts = ", ".join(f"{n} {words.kind(kind)}" for kind, n in counts.most_common()) or "nothing"
    return f"{len(article.removed)} of {before} {_unit(article, True)} removed: {parts}"


def _quality_line(article: Article) -> str:
    """Sizes and repeated share before and after repair, then the flags in words."""
    q = article.quality
    if q is None:
        return "not measured"
    units = _unit(article, True)
    notes = [f"  · {words.flag(f)}" for f in q.flags] or ["  none"]
    return "\n".join([
        f"before repair: {q.before.lines} {units}, {q.before.words} words, {q.before.dup_line_frac:.0%} of {units} are repeats",
        f"after repair:  {q.after.lines} {units}, {q.after.words} words, {q.after.dup_line_frac:.0%} of {units} are repeats",
        "notes:", *notes,
    ])


def markdown(article: Article) -> str:
    """The clean article as Markdown, metadata as a front list, removals as a footnote list."""
    out = [f"# {article.title or '(no title)'}", ""]
    out += [f"- **{line.split(': ', 1)[0]}**: {line.split(': ', 1)[1]}" for line in _meta_lines(article)]
    if article.standfirst:
        out += ["", f"*{article.standfirst}*"]
    for block in article.blocks:
        out += ["", _md_block(block)]
    if article.removed:
        out += ["", "---", "", f"**Removed** ({_removed_summary(article)}):", ""]
        out += [f"- {line}" for line in removed_lines(article)]
    return "\n".join(out) + "\n"


def _md_block(block: Block) -> str:
    if block.kind == "heading":
        return f"## {block.text}"
    if block.kind == "quote":
        who = ", ".join(x for x in (block.speaker, block.speaker_role) if x)
        return f"> {block.text}" + (f"\n>\n> — {who}" if who else "")
    if block.kind == "list_item":
        return f"- {block.text}"
    return block.text


def _wrap(text: str, width: int = 80) -> str:
    return textwrap.fill(text, width=width)


def _clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
