"""The one data model every stage shares.

An :class:`Article` is created by a reader (``veille.read``), filled by the
repair stage (``veille.repair``) and, later, by understanding and linking.
Stages take an article and return it; none reaches into another's internals.
Everything here serialises to JSON, and ``schema/article.schema.json`` is
generated from these classes (``python scripts/gen_schema.py``) and checked by a test.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BlockKind = Literal["heading", "paragraph", "quote", "list_item"]
RemovalKind = Literal["repeat", "boilerplate", "navigation", "empty"]

SCHEMA_VERSION = "1"


def article_id(data: bytes) -> str:
    """Stable article id: the same input bytes always give the same id.

    Here, not in a stage, because the reader (raw bytes) and the repair stage (clean text)
    both name articles this way and stages do not import one another.
    """
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Fetched:
    """HTTP validators of a fetched page, kept for the next conditional GET.

    Made by the corpus readers when they fetch a page, kept by the store; it lives in the
    shared model so neither stage imports the other.
    """

    url: str
    etag: str | None = None
    last_modified: str | None = None


class _Model(BaseModel):
    """Base: forbid unknown fields so typos fail loudly."""

    model_config = ConfigDict(extra="forbid")


class Block(_Model):
    """One unit of the clean body, in reading order.

    ``start``/``end`` are character offsets of ``text`` in :attr:`Article.text`,
    so any later fact can point at its evidence.
    """

    kind: BlockKind
    text: str
    speaker: str | None = Field(None, description="quote blocks: the name on the attribution line")
    speaker_role: str | None = Field(None, description="quote blocks: the role on the attribution line")
    start: int = 0
    end: int = 0


class Removal(_Model):
    """A piece of the input that is not in the clean body, and why."""

    kind: RemovalKind
    text: str
    reason: str
    position: int = Field(description="index of the unit (line or paragraph) in the input")


class Signals(_Model):
    """Quality signals of one version of the text (before or after repair).

    The duplicate fractions are Gopher's (Rae et al. 2021): share of lines
    (paragraphs) that repeat an earlier one, and the share of characters in them.
    """

    lines: int
    paragraphs: int
    words: int
    chars: int
    dup_line_frac: float
    dup_para_frac: float
    dup_line_char_frac: float
    dup_para_char_frac: float


class Quality(_Model):
    """Signals before and after repair, and human-readable flags."""

    before: Signals
    after: Signals
    flags: list[str] = Field(default_factory=list)


TextField = Literal["title", "standfirst", "body"]
EventFlag = Literal["negated", "future", "hypothetical", "historical"]
RelationType = Literal["member_of", "allied_with", "partner_of", "recognises", "does_not_recognise"]


class Span(_Model):
    """Where something stands in the article: ``field`` and character offsets in it.

    For ``field == "body"`` the offsets index :attr:`Article.text`; for the
    title and standfirst they index those strings.
    """

    field: TextField = "body"
    start: int
    end: int
    text: str


class Evidence(Span):
    """A span that supports a fact, with the article it belongs to."""

    article_id: str


class Actor(_Model):
    """A canonical actor of the actor table that the article mentions."""

    id: str = Field(description="actor table key: a Wikidata id where one exists")
    name: str = Field(description="canonical English name")
    type: Literal["person", "country", "organisation", "igo", "place", "group"]
    country: str | None = Field(None, description="ISO 3166-1 alpha-3")
    sector: str | None = Field(None, description="PLOVER/CAMEO sector code: GOV, MIL, IGO, ...")
    role: str | None = Field(None, description="role at the article's date, e.g. 'head of state'")
    mentions: list[Span] = Field(default_factory=list)


class Entity(_Model):
    """A named-entity mention; ``actor_id`` is None when no actor of the table fits."""

    text: str
    label: str = Field(description="PER, ORG, LOC, GPE, MISC, ...")
    span: Span
    actor_id: str | None = None


class Participant(_Model):
    """An actor or recipient of an event, as written and as linked."""

    text: str
    actor_id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    implied: bool = Field(False, description="not named in the sentence: the actor the event itself implies "
                                             "(the police of an arrest, the court of a sentence)")


QuoteKind = Literal["direct", "indirect", "block", "scare", "title", "term"]
MentionForm = Literal["name", "surname", "title", "description", "pronoun"]


class Quote(_Model):
    """Something a speaker said, with the cue that introduces it.

    ``kind``: ``direct`` (words between quotation marks that someone said or wrote),
    ``indirect`` (reported speech: "X said that ..."), ``block`` (a quotation paragraph),
    or words in quotation marks that no one is reported to say: ``scare`` (irony, emphasis,
    a label), ``title`` (a work, law, plan, programme or event), ``term`` (an expression
    being mentioned). Those three never have a speaker.
    """

    text: str
    kind: QuoteKind
    speaker: str | None = Field(None, description="the speaker as the article names them: the full name where "
                                "the article gives it ('Vladimir Poutine'), else the words of the cue ('un témoin')")
    speaker_actor_id: str | None = None
    speaker_name: str | None = Field(None, description="the actor table's canonical name of the speaker ('Vladimir Putin')")
    speaker_mention: Span | None = Field(None, description="the words the cue attaches to, as written "
                                         "('-t-il', 'le ministre', 'Poutine')")
    cue: str | None = None
    span: Span


class ResolvedMention(_Model):
    """A mention of a person or organisation resolved through the article (coreference):
    a name, a surname, a title or description ('le ministre'), or a pronoun ('il', 'she'),
    with the referent it stands for and the earlier mention that decided it."""

    span: Span
    text: str
    form: MentionForm
    name: str | None = Field(None, description="the referent's name as the article gives it in full")
    actor_id: str | None = None
    antecedent: Span | None = Field(None, description="the mention this one was resolved through")


class Place(_Model):
    """Where an event happened, from an offline gazetteer."""

    name: str
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None


class EventDate(_Model):
    """When: an ISO date where the article's date allows, else the expression."""

    text: str | None = None
    value: str | None = None
    precision: Literal["day", "month", "year", "unknown"] = "unknown"


class EventFields(_Model):
    """What an event is, shared by one article's event and an event merged across articles."""

    id: str
    type: str = Field(description="PLOVER event type, e.g. CONSULT")
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    cameo: str | None = None
    actors: list[Participant] = Field(default_factory=list)
    recipients: list[Participant] = Field(default_factory=list)
    location: Place | None = None
    date: EventDate = Field(default_factory=EventDate)
    flags: list[EventFlag] = Field(default_factory=list)


class Event(EventFields):
    """Who did what to whom, in PLOVER with the CAMEO code beside, as one article states it.

    An article may state one event several times (the standfirst and the body, or
    "the arrest" two paragraphs after "police arrested"): it is one event, with
    ``evidence`` its fullest statement and ``mentions`` every other one."""

    trigger: str | None = None
    trigger_span: Span | None = Field(None, description="the trigger word(s) in the article")
    evidence: Evidence
    mentions: list[Evidence] = Field(default_factory=list, description="other statements of the same event")
    confidence: float


class Relation(_Model):
    """A lasting relation between two actors, with its evidence."""

    type: RelationType
    subject: Participant
    object: Participant
    evidence: Evidence
    confidence: float


class Article(_Model):
    """One news article: metadata, clean body, and what was removed."""

    schema_version: str = SCHEMA_VERSION
    id: str = Field(description="stable: sha256 of the raw input, 16 hex digits")
    source: str = Field(description="path, URL or '-' for stdin")
    language: str | None = Field(None, description="ISO 639-1")
    title: str | None = None
    section: list[str] = Field(default_factory=list)
    standfirst: str | None = None
    author: str | None = None
    site: str | None = None
    published: str | None = Field(None, description="ISO 8601 date")
    url: str | None = None
    format: Literal["text", "html"] = "text"
    blocks: list[Block] = Field(default_factory=list)
    removed: list[Removal] = Field(default_factory=list)
    quality: Quality | None = None
    actors: list[Actor] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    mentions: list[ResolvedMention] = Field(default_factory=list,
                                            description="people and organisations' mentions resolved through the article")
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """The clean body: block texts joined by blank lines (offsets refer to this)."""
        return "\n\n".join(b.text for b in self.blocks)

    def field_text(self, field: TextField) -> str:
        """The text a :class:`Span` with this ``field`` indexes."""
        if field == "body":
            return self.text
        return (self.title if field == "title" else self.standfirst) or ""

    def to_json(self, indent: int | None = 2) -> str:
        """Serialise to JSON (UTF-8 text, non-ASCII kept)."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def article_schema() -> dict:
    """JSON Schema of :class:`Article`, as shipped in ``schema/article.schema.json``."""
    schema = Article.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://veille.invalid/schema/article.schema.json"
    return schema
