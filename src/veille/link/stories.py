"""Stories: articles about the same real-world event, clustered as they arrive,
whatever their language.

An article joins the story it is most similar to when the similarity reaches
:attr:`StoryOptions.threshold`, else it founds a new story whose id is
``"story-" + <its article id>``. The similarity of an article to a story is,
when the story has a member in the article's language,

    cosine(words, story's words in that language)      TF-IDF over content words
    + evidence_weight × cosine(evidence, story's)       language-independent terms
    + event_bonus   if they share an event key          same PLOVER type and participants
    - date_penalty  if their dates disagree             days apart, or other years

and, when the story is told only in other languages, the evidence cosine alone
scaled so that ``cross_threshold`` meets ``threshold`` (bonus and penalty as
above). The evidence counts only with ``min_shared`` terms in common. Choices,
each in :class:`StoryOptions`:

- **Words.** Folded word tokens and numbers of the title, standfirst and
  body minus the stop words of the article's language (spaCy's lists),
  reduced to Snowball stems, counted 1 + log(count); words inside a named
  entity or an actor mention count ``name_boost`` times, title words
  ``title_boost`` times. Words are compared only within a language (a
  story keeps one word centroid per language). TF-IDF is computed here in a
  few lines of Python over sparse dicts because the document frequencies
  must grow as articles arrive (an online IDF over everything seen so far);
  a fitted vectoriser (scikit-learn, which is not a dependency) would have to
  be refitted, and numpy's dense vectors would waste memory on a vocabulary
  that only grows.
- **Evidence** (:func:`evidence_weights`). What a French and an English report
  of one event share although their words differ: actor ids (Wikidata,
  ``geonames:`` places), event keys and event-participant keys, days (of the
  events, or written in full), numbers (separators normalised) and the words
  of names as written. Same IDF as the words. Within a language it adds to
  the words (two stories of the same kind are told apart by who and where);
  across languages it is all there is.
- **Story centroid.** The sum of its members' length-normalised term
  frequencies, weighted by the current IDF when compared: a story's profile
  is what its articles share, not its first article.
- **Dates.** An article's *anchor* is its publication date; without one, a
  full date near the start (a dateline); else nothing (the year the text
  mentions most only with ``year_anchor``: background years are common).
  Unknown dates never penalise. A story spans its members' anchors; an
  article more than ``date_window_days`` outside that span, or that would
  stretch it beyond ``max_span_days`` (or, at year precision, from another
  year) is late — two earthquakes of the same region a year apart stay apart
  even when they read alike, and a thread of daily reports does not chain
  into one story.
- **Events.** The article's events reduced to keys ``TYPE|actors|recipients``
  (actor ids, else countries); sharing one with the story adds a bonus.

The clusterer is deterministic for a given order of arrival; :func:`cluster`
fixes that order (publication date, then id), primes the IDF with the whole
batch and then runs :meth:`StoryClusterer.refine` (each article put back in
its most similar story, k-means style). Online state is rebuilt from stored
articles and their story ids with :meth:`StoryClusterer.restore`, without
re-deciding anything. Figures on ECB+ and OrangeSum: docs/stories.md.

**Memory.** An online clusterer given a ``window`` keeps only the ``window``
most recent originals: when one more arrives, the oldest leaves — its terms
leave its story (rebuilt from the members left, in their order of arrival),
the document frequencies and the postings. The state is then a function of
the last ``window`` originals and their story ids alone, which is exactly
what :meth:`StoryClusterer.restore` is given from the store, so memory is
flat in the size of the store and a restart continues where it stopped.
"""

from __future__ import annotations

import importlib
import math
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from veille.languages import known, languages
from veille.languages import language as language_data
from veille.model import Article, Event, Participant

STORY_PREFIX = "story-"
_WORD = re.compile(r"[^\W\d_]{2,}|\d+(?:[.,]\d+)?", re.UNICODE)
_NAME_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "MISC", "PRODUCT",
                          "WORK_OF_ART"})


@dataclass(frozen=True)
class StoryOptions:
    """Weights and thresholds of story clustering (defaults chosen on ECB+, docs/stories.md)."""

    threshold: float = 0.4
    """Smallest similarity (cosine plus bonus minus penalty) for an article to join a story."""
    name_boost: float = 3.0
    """Weight of a word that is part of a named entity or an actor mention (other words: 1)."""
    title_boost: float = 2.0
    """Extra weight of title words (multiplies the name boost)."""
    actor_term_weight: float = 1.0
    """Evidence: weight of the ``@<actor id>`` term each linked actor adds (times 1 + log of
    its mentions), and of an event's ``@geonames:<id>`` place."""
    event_term_weight: float = 1.0
    """Evidence: weight of an event key ``%TYPE|actors|recipients`` (half for each
    ``%TYPE|participant``)."""
    date_term_weight: float = 1.0
    """Evidence: weight of a day (``~YYYY-MM-DD``) of an event or written in full."""
    number_term_weight: float = 0.5
    """Evidence: weight of a number (``#957948``)."""
    name_term_weight: float = 0.5
    """Evidence: weight of a word of a named entity as written (``$amatrice``)."""
    stem: bool = True
    """Reduce words to their Snowball stem ("arrests", "arrested" → "arrest")."""
    sublinear_tf: bool = True
    """Weigh a word 1 + log(count) rather than its count: one article repeating a name
    should not outweigh the rest of its vocabulary."""
    max_terms: int = 150
    """Keep only an article's this many heaviest terms (0: all): bounds the memory of a
    large store's clusterer; most articles have fewer (ECB+: 120 on average)."""
    event_bonus: float = 0.1
    """Added when the article and the story share an event key (type and participants)."""
    date_window_days: int = 5
    """An article whose date anchor lies this many days or fewer outside the story's span is
    on time (a story grows day by day with its follow-ups; a like event a week after the
    last report is another story)."""
    max_span_days: int = 7
    """A story's dated members lie within this many days of each other (0: no limit): an
    article that would stretch it further is late. Without it a thread of like reports,
    each a day after the last (daily case counts, a week of protests), chains into one
    story however many events it tells."""
    date_penalty: float = 1.0
    """Subtracted when the dates disagree (further apart than the window, a span beyond
    ``max_span_days``, or different years). 1.0: a late article founds its own story however
    alike it reads (the same kind of event a month later is another story)."""
    dateline_chars: int = 300
    """Without a publication date, a full date within this many characters of the start
    (title, standfirst, body) is taken as the article's date: a dateline, not a date in the story."""
    year_anchor: bool = False
    """Without any such date, anchor the article on the year its text mentions most
    (noisy: background years are common)."""
    batch_idf: bool = True
    """:func:`cluster`: count every article of the batch in the IDF before clustering."""
    refine_passes: int = 2
    """:func:`cluster`: passes of :meth:`StoryClusterer.refine` after the single pass (0: none)."""
    max_candidates: int = 50
    """At most this many stories, those sharing the article's rarest terms, are scored."""
    max_postings: int = 500
    """Terms already shared by more stories than this are not used to find candidates:
    they say little about which story an article belongs to, and scanning their
    postings would make each arrival cost as much as the whole corpus."""
    query_terms: int = 30
    """Number of the article's highest-weighted terms used to find candidate stories."""
    evidence_weight: float = 0.2
    """Weight of the cosine of the language-independent evidence (actor and place ids, event
    keys, dates, numbers, names) added to the cosine of the words, for an article and a story
    that have a language in common."""
    cross_threshold: float = 0.4
    """Smallest cosine of the evidence alone for an article to join a story with no member in
    its language (a French report of a story so far told in English): the words cannot meet."""
    min_shared: int = 2
    """The evidence counts only when the article and the story share this many evidence
    terms: one shared country, number or date is no story."""
    max_evidence: int = 60
    """Keep only an article's this many heaviest evidence terms (0: all)."""


DEFAULT_STORY_OPTIONS = StoryOptions()


@dataclass(frozen=True)
class Anchor:
    """When an article is about: a day, or only a year."""

    day: date | None = None
    year: int | None = None


@dataclass(frozen=True)
class Profile:
    """What story clustering keeps of an article: computed from the article alone."""

    article_id: str
    terms: dict[str, float]
    anchor: Anchor
    events: frozenset[str]
    published: str | None = None
    language: str = ""
    """The article's language ("" when unknown): words are only compared within a language."""
    evidence: dict[str, float] = field(default_factory=dict)
    """Language-independent terms (:func:`evidence_weights`), normalised to sum to 1."""


@dataclass
class Story:
    """A story's running state: members, summed term profile, date span, event keys."""

    id: str
    members: list[str] = field(default_factory=list)
    words: dict[str, Counter] = field(default_factory=dict)
    """Language → the summed word profiles of the members in that language."""
    evidence: Counter = field(default_factory=Counter)
    """The summed evidence profiles of all members, whatever their language."""
    first_day: date | None = None
    last_day: date | None = None
    years: Counter = field(default_factory=Counter)
    events: set[str] = field(default_factory=set)
    norms: dict[str, float] = field(default_factory=dict)
    """Cached TF-IDF norms (of each language's words, and of the evidence under ``"@"``),
    and the number of articles seen when they were computed."""
    norm_docs: int = -1

    def has(self, term: str) -> bool:
        """True when a member brought ``term`` (a word in some language, or evidence)."""
        return term in self.evidence or any(term in w for w in self.words.values())


@lru_cache(maxsize=8)
def _stop_words(lang: str | None) -> frozenset[str]:
    """spaCy's stop words for ``lang`` (those of every language veille has data for when
    unknown); the ``spacy_lang`` of the language's data names the spaCy module."""
    words: set[str] = set()
    for code in ([lang] if language_data(lang) else languages()):
        module = importlib.import_module(f"spacy.lang.{(language_data(code) or {})['spacy_lang']}.stop_words")
        words |= {_fold(w) for w in module.STOP_WORDS}
    return frozenset(words)


def _fold(word: str) -> str:
    """Lower case, accents and typographic apostrophes removed."""
    word = unicodedata.normalize("NFKD", word.lower().replace("\u2019", "'"))
    return "".join(c for c in word if not unicodedata.combining(c))


def _words(text: str, stop: frozenset[str]) -> list[str]:
    """Content words of ``text``: folded, at least two letters, not stop words."""
    return [w for w in (_fold(m) for m in _WORD.findall(text)) if w not in stop]


@lru_cache(maxsize=8)
def _stemmer(lang: str | None) -> Callable[[str], str]:
    """Snowball stemmer of ``lang`` (the fallback language's when unknown); identity without snowballstemmer."""
    try:
        import snowballstemmer
    except ImportError:  # the corpus extra is not installed
        return lambda w: w
    stem = snowballstemmer.stemmer((language_data(known(lang)) or {})["snowball"]).stemWord
    return lru_cache(maxsize=65536)(stem)


def _name_words(article: Article, stop: frozenset[str]) -> set[str]:
    """Words that belong to a named entity or an actor mention of the article."""
    names: set[str] = set()
    for ent in article.entities:
        if ent.label in _NAME_LABELS:
            names.update(_words(ent.text, stop))
    for actor in article.actors:
        names.update(_words(actor.name, stop))
        for span in actor.mentions:
            names.update(_words(span.text, stop))
    return names


def term_weights(article: Article, options: StoryOptions = DEFAULT_STORY_OPTIONS) -> dict[str, float]:
    """The article's weighted word frequencies (in its language), normalised to sum to 1."""
    stop = _stop_words(article.language)
    names = _name_words(article, stop)
    stem = _stemmer(article.language) if options.stem else (lambda w: w)
    counts: dict[str, float] = defaultdict(float)
    for text, boost in ((article.title or "", options.title_boost), (article.standfirst or "", 1.0),
                        (article.text, 1.0)):
        for w in _words(text, stop):
            counts[stem(w)] += boost * (options.name_boost if w in names else 1.0)
    if options.sublinear_tf:
        counts = {t: 1.0 + math.log(c) if c >= 1 else c for t, c in counts.items()}
    return _normalised(_heaviest(counts, options.max_terms))


def evidence_weights(article: Article, options: StoryOptions = DEFAULT_STORY_OPTIONS) -> dict[str, float]:
    """The article's language-independent terms, normalised to sum to 1: what a French
    and an English report of one event share although their words differ.

    - ``@<id>``: each linked actor (person, country, organisation, place: a Wikidata or
      ``geonames:`` id), ``actor_term_weight`` × (1 + log mentions); an event's place
      adds its ``geonames:`` id;
    - ``%TYPE|actors|recipients`` for each asserted event with known participants, and
      ``%TYPE|<id>`` for each participant (the two sides of one report often name one
      side each), ``event_term_weight``;
    - ``~YYYY-MM-DD``: days of the events and full dates written in the text,
      ``date_term_weight``;
    - ``#<number>``: numbers of two digits or more, thousands separators and decimal
      commas normalised ("957.948" = "957,948"; "6,1" = "6.1"), ``number_term_weight``;
    - ``$<name>``: the words of named entities as written (folded, not stemmed: "Amatrice",
      "Tusk" are spelt alike in both languages), ``name_term_weight``."""
    o = options
    counts: dict[str, float] = defaultdict(float)
    for actor in article.actors:
        counts["@" + actor.id] += o.actor_term_weight * (1.0 + math.log(max(1, len(actor.mentions))))
    for event in article.events:
        key = event_key(event)
        if key:
            counts["%" + key] += o.event_term_weight
            for p in (*event.actors, *event.recipients):
                who = p.actor_id or p.country
                if who:
                    counts[f"%{event.type}|{who}"] += o.event_term_weight / 2
        if event.location is not None and event.location.geonames_id is not None:
            counts[f"@geonames:{event.location.geonames_id}"] += o.actor_term_weight
        if event.date.precision == "day" and event.date.value and not set(event.flags) & {"negated", "hypothetical"}:
            counts["~" + event.date.value[:10]] += o.date_term_weight
    text = "\n".join(t for t in (article.title, article.standfirst, article.text) if t)
    for day in _written_days(text, article.language):
        counts["~" + day] += o.date_term_weight
    for number in _numbers(text):
        counts["#" + number] += o.number_term_weight
    stop = _stop_words(None)
    for ent in article.entities:
        if ent.label in _NAME_LABELS:
            for m in _WORD.finditer(ent.text):
                w = m.group()
                if w[0].isupper() and len(w) > 2 and _fold(w) not in stop:
                    counts["$" + _fold(w)] += o.name_term_weight
    if o.sublinear_tf:
        counts = {t: 1.0 + math.log(c) if c >= 1 else c for t, c in counts.items()}
    return _normalised(_heaviest(counts, o.max_evidence))


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+|\d+)(?:[.,](\d{1,2}|\d{4,}))?(?![\w])")


def _numbers(text: str) -> set[str]:
    """Numbers of two digits or more (or with decimals), spelt alike in French and
    English: thousands separators dropped, decimal comma made a point."""
    out: set[str] = set()
    for m in _NUMBER.finditer(text):
        whole = re.sub(r"\D", "", m.group(1))
        number = f"{int(whole)}.{m.group(2)}" if m.group(2) else str(int(whole))
        if len(whole) >= 2 or m.group(2):
            out.add(number)
    return out


def _written_days(text: str, language: str | None) -> set[str]:
    """Full dates written in the text ("15 mars 2024", "March 15, 2024"), as ISO days."""
    from veille.dates import find_dates

    days: set[str] = set()
    for m in find_dates(text, known(language)):
        if m.kind in ("iso", "full") and len(m.value) >= 3 and m.value[0]:
            try:
                days.add(date(*m.value[:3]).isoformat())
            except ValueError:
                continue
    return days


def _heaviest(counts: dict[str, float], keep: int) -> dict[str, float]:
    """The ``keep`` heaviest terms (ties by term; 0: all)."""
    if keep and len(counts) > keep:
        return dict(sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:keep])
    return counts


def _normalised(counts: dict[str, float]) -> dict[str, float]:
    """Weights divided by their sum (empty when there are none)."""
    total = sum(counts.values())
    return {t: c / total for t, c in sorted(counts.items())} if total else {}


def date_anchor(article: Article, options: StoryOptions = DEFAULT_STORY_OPTIONS) -> Anchor:
    """Publication date; else a full date at the start of the text (a dateline); else,
    when ``options.year_anchor``, the year the text mentions most; else nothing."""
    from veille.dates import find_dates, parse_iso

    published = parse_iso(article.published)
    if published:
        return Anchor(day=published, year=published.year)
    lang = known(article.language)
    text = "\n".join(t for t in (article.title, article.standfirst, article.text) if t)
    years: Counter = Counter()
    for m in find_dates(text, lang):
        if (m.kind == "iso" or (m.kind == "full" and m.value[0])) and m.start < options.dateline_chars:
            try:
                day = date(*m.value[:3])
            except ValueError:
                continue
            return Anchor(day=day, year=day.year)
        if m.value and m.kind in ("monthyear", "year") and m.value[0]:
            years[m.value[0]] += 1
    for ev in article.events:
        if ev.date.value and ev.date.precision in ("day", "month", "year"):
            years[int(ev.date.value[:4])] += 1
    if years and options.year_anchor:
        return Anchor(year=min(years, key=lambda y: (-years[y], y)))
    return Anchor()


def _who(people: list[Participant]) -> str:
    """Participants as a sorted key: actor ids, else countries, else nothing."""
    return ",".join(sorted({p.actor_id or p.country or "" for p in people} - {""}))


def event_key(event: Event) -> str | None:
    """``TYPE|actors|recipients`` for an asserted event with at least one known participant."""
    if set(event.flags) & {"negated", "hypothetical"}:
        return None
    actors, recipients = _who(event.actors), _who(event.recipients)
    if not actors and not recipients:
        return None
    return f"{event.type}|{actors}|{recipients}"


def profile(article: Article, options: StoryOptions = DEFAULT_STORY_OPTIONS) -> Profile:
    """Everything :class:`StoryClusterer` needs from one article."""
    keys = frozenset(k for k in (event_key(e) for e in article.events) if k)
    return Profile(article.id, term_weights(article, options), date_anchor(article, options), keys,
                   article.published, article.language or "", evidence_weights(article, options))


class StoryClusterer:
    """Online story clustering: :meth:`add` one article at a time, get its story id."""

    def __init__(self, options: StoryOptions | None = None, window: int = 0) -> None:
        """``window``: keep only this many most recent originals (0: all, as :func:`cluster` does)."""
        self.options = options or DEFAULT_STORY_OPTIONS
        self.window = window
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self._df: Counter = Counter()
        self._docs = 0
        self._seen = 0  # articles ever counted (``_docs`` counts those still in the window)
        self._counted: set[str] = set()
        self._idf_memo: dict[str, float] = {}
        self._profiles: dict[str, Profile] = {}
        self._order: deque[str] = deque()
        self._postings: dict[str, set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self.story_of)

    def add(self, article: Article) -> str:
        """Assign ``article`` to a story (an existing one or a new one) and return its id."""
        return self.add_profile(profile(article, self.options))

    def add_profile(self, prof: Profile) -> str:
        """:meth:`add` for a profile already computed (e.g. by a worker)."""
        if prof.article_id in self.story_of:
            return self.story_of[prof.article_id]
        self._count(prof)
        best = self.best_story(prof)
        story_id = best[0] if best and best[1] >= self.options.threshold else STORY_PREFIX + prof.article_id
        self._join(story_id, prof)
        self._trim()
        return story_id

    def restore(self, items: Iterable[tuple[Article | Profile, str | None]]) -> int:
        """Rebuild the state from stored articles and their story ids (None: decide now).

        Give them in the order they arrived; returns how many were loaded."""
        n = 0
        for item, story_id in items:
            prof = item if isinstance(item, Profile) else profile(item, self.options)
            if story_id is None:
                self.add_profile(prof)
            elif prof.article_id not in self.story_of:
                self._count(prof)
                self._join(story_id, prof)
                self._trim()
            n += 1
        return n

    def _trim(self) -> None:
        """Forget the oldest originals beyond the window (nothing without one)."""
        while self.window and len(self._order) > self.window:
            self._forget(self._order[0])

    def _forget(self, article_id: str) -> None:
        """Take an original out of every state: its story (rebuilt from the members left),
        the document frequencies, the postings of terms its story no longer has."""
        prof = self._profiles.pop(article_id)
        if self._order and self._order[0] == article_id:
            self._order.popleft()
        else:
            self._order.remove(article_id)
        sid = self.story_of[article_id]
        self._leave(article_id)
        left = self.stories.get(sid)
        for term in _all_terms(prof):
            if left is None or not left.has(term):
                postings = self._postings.get(term)
                if postings is not None:
                    postings.discard(sid)
                    if not postings:
                        del self._postings[term]
        if article_id in self._counted:
            self._counted.discard(article_id)
            self._docs -= 1
            self._df.subtract(_all_terms(prof))
            for term in _all_terms(prof):
                if self._df[term] <= 0:
                    del self._df[term]
            self._idf_memo.clear()

    def members(self) -> dict[str, list[str]]:
        """Story id → article ids, in order of arrival."""
        return {sid: list(s.members) for sid, s in self.stories.items()}

    def best_story(self, prof: Profile) -> tuple[str, float] | None:
        """The most similar story and its similarity, or None when no story shares a term."""
        vectors = self._vectors(prof)
        scored = [(self._score(prof, vectors, self.stories[sid]), sid) for sid in self._candidates(prof)]
        if not scored:
            return None
        score, sid = max(scored, key=lambda x: (x[0], x[1]))
        return sid, score

    def similarity(self, prof: Profile, story: Story) -> float:
        """Words and evidence cosines, plus the event bonus, minus the date penalty."""
        return self._score(prof, self._vectors(prof), story)

    def _vectors(self, prof: Profile) -> tuple[tuple[dict[str, float], float], tuple[dict[str, float], float]]:
        """The article's IDF-weighted word and evidence vectors, each with its norm."""
        idf = self._idf
        words = {t: w * idf(t) for t, w in prof.terms.items()}
        evidence = {t: w * idf(t) for t, w in prof.evidence.items()}
        return ((words, math.sqrt(sum(v * v for v in words.values()))),
                (evidence, math.sqrt(sum(v * v for v in evidence.values()))))

    def _score(self, prof: Profile, vectors: tuple, story: Story) -> float:
        """:meth:`similarity` with the article's vectors already weighted.

        A story with a member in the article's language: cosine of the words (against
        that language's members) + ``evidence_weight`` × cosine of the evidence. A story
        told only in other languages: the evidence alone, scaled so that
        ``cross_threshold`` meets ``threshold``. The evidence counts only when the article
        and the story share ``min_shared`` evidence terms."""
        o = self.options
        words, evidence = vectors
        same = story.words.get(prof.language)
        shared = sum(1 for t in evidence[0] if t in story.evidence)
        cos_e = self._cosine(evidence, story.evidence, story, "@") if shared >= o.min_shared else 0.0
        if same is not None:
            score = self._cosine(words, same, story, prof.language) + o.evidence_weight * cos_e
        else:
            score = min(1.0, cos_e * o.threshold / o.cross_threshold) if o.cross_threshold else 0.0
        if prof.events & story.events:
            score += o.event_bonus
        if not self._on_time(prof.anchor, story):
            score -= o.date_penalty
        return score

    def refine(self, passes: int = 2) -> int:
        """Batch clean-up after the single pass: take each article out of its story and put
        it back in the most similar one (k-means style), ``passes`` times or until nothing
        moves. Returns how many moves were made. Story ids are kept; a story left empty
        disappears. An online caller may run it on a recent window and store the changes."""
        moves = 0
        for _ in range(passes):
            moved = 0
            for article_id in list(self._order):
                prof = self._profiles[article_id]
                own = self.story_of[article_id]
                self._leave(article_id)
                best = self.best_story(prof)
                target = best[0] if best and best[1] >= self.options.threshold else own
                self._join(target, prof)
                moved += target != own
            moves += moved
            if not moved:
                break
        return moves

    # -- internals -------------------------------------------------------

    def _leave(self, article_id: str) -> None:
        """Take the article out of its story (deleting the story when it empties)."""
        sid = self.story_of.pop(article_id)
        story = self.stories[sid]
        story.members.remove(article_id)
        if not story.members:
            del self.stories[sid]
            return
        fresh = Story(sid)
        self.stories[sid] = fresh
        for member in story.members:
            self._join(sid, self._profiles[member], track=False)

    def _idf(self, term: str) -> float:
        """Smoothed inverse document frequency over the articles seen so far (memoised
        until the next article is counted; never 0, at least 1.0: hot loops read the memo
        first, ``memo.get(t) or self._idf(t)``)."""
        idf = self._idf_memo.get(term)
        if idf is None:
            idf = self._idf_memo[term] = math.log((1 + self._docs) / (1 + self._df[term])) + 1.0
        return idf

    def _cosine(self, vector: tuple[dict[str, float], float], terms: Counter, story: Story, key: str) -> float:
        """Cosine of an article's IDF-weighted vector and a story's summed profile
        (``terms``: its words in one language, or its evidence, cached norm under ``key``)
        weighted by the current IDF."""
        vec, na = vector
        if not na or not terms:
            return 0.0
        memo, idf = self._idf_memo, self._idf  # the memo holds every term of the article's vectors
        dot = sum(v * terms[t] * (memo.get(t) or idf(t)) for t, v in vec.items() if t in terms)
        return dot / (na * self._norm(story, terms, key)) if dot else 0.0

    def _norm(self, story: Story, terms: Counter, key: str) -> float:
        """The TF-IDF norm of a story's ``terms``, recomputed when the story changed or the
        IDF drifted (the number of articles seen grew by a tenth since, or by a tenth of the window)."""
        seen = self._seen
        drifted = seen > story.norm_docs * 1.1 or (self.window and seen - story.norm_docs > self.window // 10)
        if story.norm_docs < 0 or drifted:
            story.norms.clear()
            story.norm_docs = seen
        norm = story.norms.get(key)
        if norm is None:
            memo, idf = self._idf_memo, self._idf
            norm = story.norms[key] = math.sqrt(sum((w * (memo.get(t) or idf(t))) ** 2 for t, w in terms.items()))
        return norm

    def _on_time(self, anchor: Anchor, story: Story) -> bool:
        """False only when both sides have a date and they disagree."""
        if anchor.day and story.first_day and story.last_day:
            o = self.options
            gap = max((story.first_day - anchor.day).days, (anchor.day - story.last_day).days, 0)
            span = (max(story.last_day, anchor.day) - min(story.first_day, anchor.day)).days
            return gap <= o.date_window_days and (not o.max_span_days or span <= o.max_span_days)
        if anchor.year and story.years:
            return anchor.year in story.years
        return True

    def _candidates(self, prof: Profile) -> list[str]:
        """Stories sharing one of the article's highest-weighted terms, most shared first."""
        o = self.options
        top = sorted(prof.terms, key=lambda t: (-prof.terms[t] * self._idf(t), t))[: o.query_terms]
        top += sorted(prof.evidence, key=lambda t: (-prof.evidence[t] * self._idf(t), t))[: o.query_terms // 3]
        hits: Counter = Counter()
        for term in top:
            postings = self._postings.get(term, ())
            if len(postings) > self.options.max_postings:
                continue
            for sid in postings:
                if sid in self.stories:  # postings may name a story emptied by refine()
                    hits[sid] += 1
        return [sid for sid, _ in sorted(hits.items(), key=lambda x: (-x[1], x[0]))[: self.options.max_candidates]]

    def observe(self, prof: Profile) -> None:
        """Count an article in the document frequencies before it is added (a batch
        primes its IDF with all its articles; :meth:`add` will not count it twice)."""
        self._count(prof)

    def _count(self, prof: Profile) -> None:
        """Add the article to the document frequencies (once)."""
        if prof.article_id in self._counted:
            return
        self._counted.add(prof.article_id)
        self._idf_memo.clear()
        self._docs += 1
        self._seen += 1
        self._df.update(_all_terms(prof))

    def _join(self, story_id: str, prof: Profile, track: bool = True) -> None:
        """Put the article in the story (creating it) and update the story's state;
        ``track``: remember the article's profile and order of arrival (first join)."""
        if track and prof.article_id not in self._profiles:
            self._profiles[prof.article_id] = prof
            self._order.append(prof.article_id)
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id)
        story.members.append(prof.article_id)
        story.words.setdefault(prof.language, Counter()).update(prof.terms)
        story.evidence.update(prof.evidence)
        a = prof.anchor
        if a.day:
            story.first_day = min(story.first_day or a.day, a.day)
            story.last_day = max(story.last_day or a.day, a.day)
        if a.year:
            story.years[a.year] += 1
        story.events |= prof.events
        story.norm_docs = -1
        for term in _all_terms(prof):
            self._postings[term].add(story_id)
        self.story_of[prof.article_id] = story_id


def _all_terms(prof: Profile) -> list[str]:
    """The article's words and evidence terms (their prefixes keep them apart)."""
    return [*prof.terms, *prof.evidence]


def arrival_order(articles: list[Article] | list[Profile]) -> list[int]:
    """Indexes of ``articles`` (or their profiles) by publication date (undated last), then
    id: a fixed order."""
    def key(i: int) -> tuple[str, str]:
        item = articles[i]
        return (item.published or "9999", item.id if isinstance(item, Article) else item.article_id)

    return sorted(range(len(articles)), key=key)


def cluster(articles: list[Article], options: StoryOptions | None = None,
            order: list[int] | None = None) -> list[str]:
    """Story id of each article, in the input order: the batch helper.

    The articles are added one by one in ``order`` (default :func:`arrival_order`),
    with the IDF primed by the whole batch when ``options.batch_idf``, then
    :meth:`StoryClusterer.refine` runs ``options.refine_passes`` times."""
    options = options or DEFAULT_STORY_OPTIONS
    return cluster_profiles([profile(a, options) for a in articles], options, order)


def cluster_profiles(profiles: list[Profile], options: StoryOptions | None = None,
                     order: list[int] | None = None) -> list[str]:
    """:func:`cluster` for profiles already computed (evaluations try many options
    that do not change the profiles)."""
    clusterer = StoryClusterer(options)
    if clusterer.options.batch_idf:
        for prof in profiles:
            clusterer.observe(prof)
    for i in order if order is not None else arrival_order(profiles):
        clusterer.add_profile(profiles[i])
    clusterer.refine(clusterer.options.refine_passes)
    return [clusterer.story_of[p.article_id] for p in profiles]
