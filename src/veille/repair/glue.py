"""Paragraphs that scraping glued together, cut apart again.

Text saved from a page, or a data set's "parsed" field, often loses the
breaks between paragraphs: "… dans la nuit de jeudi.Le ministre a …",
"… en 2019.Il a …", "… des évacuationsDix personnes …" (a heading glued to
the paragraph after it). The parser then reads one long sentence, or a token
"jeudi.Le", and every fact in it is lost. This step cuts a unit where a
sentence end is glued straight to the capital that starts the next one, and
where a lower-case word runs into a capitalised one (a heading glued to its
paragraph). Nothing is removed: the pieces keep every character but the
missing break, and the article records how many cuts it made.

Written by hand because no extraction library repairs text that has already
lost its markup (trafilatura works on the HTML).
"""

from __future__ import annotations

import re
from itertools import pairwise

_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÛÙÜŸŒÆ"
_LOW = "a-zàâäçéèêëîïôöûùüÿœæß"
# a sentence end glued to the next sentence: 'jeudi.Le', '2019.Il', 'fin."Le', 'dit».Les', 'HATVP.M. Delevoye'
# ('mesure.L'oncle', 'fin.C'est', 'elle.A partir de': an elided word or a lone capital 'A' starts it too)
_GLUED_END = re.compile(rf"(?<=[{_UP}{_LOW}0-9%»\"”)\]])[.!?…]+(?P<close>[»\"”]?)"
                        rf"(?=[{_UP}][{_LOW}]|[{_UP}]['’][{_UP}{_LOW}]|[AÀ] [{_LOW}]|À [{_UP}]|[«\"“][{_UP}]|M(?:me)?\.? [{_UP}])")
# a heading glued to its paragraph: 'des évacuationsDix personnes' (a lower-case word of 4+ letters
# running into a capitalised word; brand names such as 'iPhone' or 'MasterCard' do not match)
_GLUED_WORD = re.compile(rf"(?<![{_UP}{_LOW}])[{_LOW}]*[{_LOW}]{{4}}(?=[{_UP}][{_LOW}]+\b|[{_UP}]['’][{_UP}{_LOW}])")
# a heading in capitals glued to its paragraph: 'EFFROI DES ÉLUS LOCAUXLaurent Fabius',
# 'QUI EST TOUCHÉE"Dans les rangs', 'UN "MARTYR"D'autres ténors'
_GLUED_CAPS = re.compile(rf"(?<=[{_UP}]{{3}})(?:\s?[»\"”])?(?=[{_UP}](?:[{_LOW}]+\b|['’][{_LOW}]))")
# a quoted heading glued to its paragraph: '"Un homme engagé"Le Premier ministre', '… droite Buisson"L'Express'
# (the mark closes a quotation and runs into a capitalised word, with no end punctuation inside)
_GLUED_QUOTE = re.compile(rf"(?<=[{_LOW}])(?:[\"”]|[\s\u00a0\u202f]?»)(?=[{_UP}][{_LOW}]|[{_UP}]['’][{_UP}{_LOW}])")
# a heading between dashes glued between two paragraphs, as AFP's intertitles come out of scraped pages:
# '… 3.500 morts.- "Véritable amie" -Le Premier ministre …', '… à Nantes. - Appels à l'aide -"J'étais …'
_GLUED_DASHED = re.compile(rf"(?<=[{_UP}{_LOW}0-9%»\"”)\]+][.!?…])\s?-\s?[^.!?\n-]{{2,80}}?\s-(?=\s?[«\"“]?[{_UP}])")
_ABBREV = {"m", "mm", "mme", "dr", "st", "mr", "mrs", "ms", "jr", "vs", "etc", "no", "art", "p"}


def glue_points(text: str) -> list[int]:
    """Offsets where ``text`` should be cut into separate paragraphs."""
    cuts: list[int] = []
    for m in _GLUED_END.finditer(text):
        before = re.search(rf"([{_UP}{_LOW}0-9]+)$", text[:m.start()])
        word = before.group(1) if before else ""
        if word.lower() in _ABBREV or len(word) == 1 or _in_url(text, m.start()):
            continue
        end = m.end()
        if m.group("close") == '"' and text.count('"', cuts[-1] if cuts else 0, m.start()) % 2 == 0:
            end -= 1  # no quotation open: this mark opens the next sentence ('fin."Le ministre…"')
        cuts.append(end)
    for m in _GLUED_QUOTE.finditer(text):
        mark = m.group().strip()
        if mark == '"' and text.count('"', 0, m.start()) % 2 == 0:
            continue  # no quotation open: this mark opens one ('le mot"Liberté"')
        if mark == "”" and "“" not in text[:m.start()] or mark == "»" and "«" not in text[:m.start()]:
            continue
        if not _in_url(text, m.start()):
            cuts.append(m.end())
    for m in _GLUED_DASHED.finditer(text):
        if not _in_url(text, m.start()):
            cuts += [m.start(), m.end()]
    for m in _GLUED_WORD.finditer(text):
        if not _in_url(text, m.start()):
            cuts.append(m.end())
    for m in _GLUED_CAPS.finditer(text):
        if _in_url(text, m.start()):
            continue
        start = _caps_run_start(text, m.start())
        if start is None:
            continue
        cuts.append(m.end())
        if start > 0:
            cuts.append(start)
    return sorted(set(cuts))


def _caps_run_start(text: str, end: int) -> int | None:
    """Where the run of words in capitals that ends at ``end`` begins, when it is a heading:
    two words or more (eight letters at least), after the start of the text or a sentence
    end. None otherwise (an acronym glued to a word: 'OTANLe' is no heading)."""
    words = list(re.finditer(r"\S+", text[:end]))
    start, letters, n = None, 0, 0
    for w in reversed(words):
        token = w.group()
        if any(c.islower() for c in token):
            if start is None and w.end() == end:  # 'du MoDEMLe': a word glued before the capitals
                return None
            break
        if not any(c.isalpha() for c in token) and token not in (":", "-", "–", "«", "»", ","):
            break
        start = w.start()
        letters += sum(c.isalpha() for c in token)
        n += any(c.isalpha() for c in token)
    if start is None or n < 2 or letters < 8:
        return None
    before = text[:start].rstrip()
    if before and before[-1] not in ".!?…»\"”)":
        return None
    while start < end and text[start] in ":-–«», ":
        start += 1
    return start


def _in_url(text: str, pos: int) -> bool:
    """Inside an address or a domain name ('actu.orange.fr', 'www.Example.com')."""
    start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    token = text[start:pos + 30].split(" ", 1)[0]
    return "://" in token or "www." in token.lower() or "@" in token


def split_glued(text: str) -> list[str]:
    """``text`` cut at its glue points, each piece stripped (one piece when there is none)."""
    cuts = glue_points(text)
    if not cuts:
        return [text]
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b].strip() for a, b in pairwise(bounds)]
    return [p for p in pieces if p]
