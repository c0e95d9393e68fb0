"""Queries and exports of events, quotes, actors, relations and stories, on SQLite and PostgreSQL.

Most tests use a small hand-built store (three articles and a duplicate, every fact written through
``Store.write_article``), so filters can be checked exactly; one test ingests short articles with
understanding on and checks that what the pipeline finds comes out of the same queries.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from corpus_fixtures import write_jsonl

from veille.cli import main
from veille.model import (
    Actor,
    Article,
    Block,
    Event,
    EventDate,
    Evidence,
    Participant,
    Place,
    Quote,
    Relation,
    Span,
)
from veille.store import ArticleRecord, StoreError, open_store, query

TOKAYEV = Participant(text="Kassym-Jomart Tokaïev", actor_id="veille:person:kassym-jomart-tokayev",
                      name="Kassym-Jomart Tokayev", country="KAZ", sector="GOV")
MACRON = Participant(text="Emmanuel Macron", actor_id="Q3052772", name="Emmanuel Macron", country="FRA",
                     sector="GOV")
PUTIN = Participant(text="Vladimir Putin", actor_id="Q7747", name="Vladimir Putin", country="RUS", sector="GOV")
KAZAKHSTAN = Participant(text="Le Kazakhstan", actor_id="Q232", name="Kazakhstan", country="KAZ")
RUSSIA = Participant(text="la Russie", actor_id="Q159", name="Russia", country="RUS")
CSTO = Participant(text="Collective Security Treaty Organization", actor_id="veille:igo:csto",
                   name="Collective Security Treaty Organization", sector="IGO")
PARIS = Place(name="Paris", country="FRA", latitude=48.8534, longitude=2.3488, geonames_id=2988507)
ASTANA = Place(name="Astana", country="KAZ", latitude=51.1801, longitude=71.446, geonames_id=1526273)
MOSCOW = Place(name="Moscow", country="RUS", latitude=55.7522, longitude=37.6156, geonames_id=524901)

VISIT = ("Le président kazakh Kassym-Jomart Tokaïev a rencontré Emmanuel Macron à Paris le 26 novembre 2024.",
         "« Le Kazakhstan est un partenaire stratégique », a déclaré le président français.",
         "Les deux dirigeants se retrouveront à Astana en décembre.")
SUMMIT = (("Russian President Vladimir Putin will meet Kassym-Jomart Tokaïev in Astana on 28 November 2024 at a "
           "summit of the Collective Security Treaty Organization."),
          "Kazakhstan is a member of the Collective Security Treaty Organization.",
          '"We expect concrete decisions on regional security," said Tokayev.')
NO_DEAL = ("Le Kazakhstan n'a pas signé l'accord gazier avec la Russie le 5 novembre 2024 à Moscou.",
           "Le Kazakhstan et la Russie se consulteront encore.")


class Builder:
    """An article whose facts are given by the substrings that support them."""

    def __init__(self, aid: str, title: str, paragraphs: tuple[str, ...], language: str, published: str,
                 site: str) -> None:
        blocks, pos = [], 0
        for para in paragraphs:
            blocks.append(Block(kind="paragraph", text=para, start=pos, end=pos + len(para)))
            pos += len(para) + 2
        self.article = Article(id=aid, source=f"test:{aid}", language=language, title=title, blocks=blocks,
                               published=published, url=f"https://{site}/{aid}", site=site)
        self.facts: dict[str, list] = {"actors": [], "quotes": [], "events": [], "relations": []}

    def span(self, text: str) -> Span:
        start = self.article.text.index(text)
        return Span(start=start, end=start + len(text), text=text)

    def evidence(self, text: str) -> Evidence:
        s = self.span(text)
        return Evidence(article_id=self.article.id, start=s.start, end=s.end, text=s.text)

    def actor(self, p: Participant, kind: str, *mentions: str) -> None:
        self.facts["actors"].append(Actor(id=p.actor_id, name=p.name, type=kind, country=p.country,
                                          sector=p.sector, mentions=[self.span(m) for m in mentions]))

    def quote(self, text: str, speaker: str, actor_id: str | None) -> None:
        self.facts["quotes"].append(Quote(text=text, kind="direct", speaker=speaker, speaker_actor_id=actor_id,
                                          cue="a déclaré", span=self.span(text)))

    def event(self, evidence: str, type_: str, cameo: str, actors: list[Participant],
              recipients: list[Participant], place: Place | None, date: EventDate, flags: list[str] = (),
              mode: str | None = None) -> None:
        n = len(self.facts["events"])
        self.facts["events"].append(Event(
            id=f"ev_{self.article.id}_{n}", type=type_, mode=mode, cameo=cameo, actors=actors,
            recipients=recipients, location=place, date=date, flags=list(flags), trigger=evidence.split()[3],
            evidence=self.evidence(evidence), confidence=0.9 - n / 10))

    def relation(self, kind: str, subject: Participant, obj: Participant, evidence: str) -> None:
        self.facts["relations"].append(Relation(type=kind, subject=subject, object=obj,
                                                evidence=self.evidence(evidence), confidence=0.8))

    def build(self) -> Article:
        return self.article.model_copy(update=self.facts)


def visit() -> Article:
    b = Builder("visit", "Tokaïev reçu à l'Élysée par Macron", VISIT, "fr", "2024-11-27", "lemonde.example")
    b.actor(TOKAYEV, "person", "Kassym-Jomart Tokaïev")
    b.actor(MACRON, "person", "Emmanuel Macron", "le président français")
    b.actor(KAZAKHSTAN, "country", "Le Kazakhstan")
    b.quote("Le Kazakhstan est un partenaire stratégique", "le président français", "Q3052772")
    b.event(VISIT[0], "CONSULT", "042", [TOKAYEV], [MACRON], PARIS,
            EventDate(text="26 novembre 2024", value="2024-11-26", precision="day"), mode="visit")
    b.event(VISIT[2], "CONSULT", "043", [Participant(text="Les deux dirigeants", sector="GOV")], [], ASTANA,
            EventDate(text="en décembre", value="2024-12", precision="month"), ["future"], mode="meet")
    return b.build()


def summit() -> Article:
    b = Builder("summit", "Putin to attend CSTO summit in Astana", SUMMIT, "en", "2024-11-20", "news.example")
    b.actor(PUTIN, "person", "Vladimir Putin")
    b.actor(CSTO, "igo", "Collective Security Treaty Organization")
    b.actor(KAZAKHSTAN, "country", "Kazakhstan")
    b.actor(TOKAYEV, "person", "Kassym-Jomart Tokaïev", "Tokayev")
    b.quote("We expect concrete decisions on regional security", "Tokayev", TOKAYEV.actor_id)
    b.event(SUMMIT[0], "CONSULT", "043", [PUTIN], [TOKAYEV], ASTANA,
            EventDate(text="28 November 2024", value="2024-11-28", precision="day"), ["future"], mode="meet")
    b.relation("member_of", KAZAKHSTAN.model_copy(update={"text": "Kazakhstan"}), CSTO, SUMMIT[1])
    return b.build()


def no_deal() -> Article:
    b = Builder("nodeal", "Pas d'accord gazier entre Astana et Moscou", NO_DEAL, "fr", "2024-11-06",
                "lemonde.example")
    b.actor(KAZAKHSTAN, "country", "Le Kazakhstan")
    b.actor(RUSSIA, "country", "la Russie")
    b.event(NO_DEAL[0], "AGREE", "057", [KAZAKHSTAN], [RUSSIA], MOSCOW,
            EventDate(text="5 novembre 2024", value="2024-11-05", precision="day"), ["negated"])
    b.event(NO_DEAL[1], "CONSULT", "040", [KAZAKHSTAN], [RUSSIA], None, EventDate(), ["future"])
    return b.build()


@pytest.fixture
def store(store_target: str) -> str:
    """Three articles and an exact duplicate of the first (from another site)."""
    with open_store(store_target) as s:
        a = visit()
        s.write_article(ArticleRecord(a, content_hash="h-visit", external_id="lm-1"))
        s.write_article(ArticleRecord(summit(), content_hash="h-summit", external_id="n-1"))
        s.write_article(ArticleRecord(no_deal(), content_hash="h-nodeal", external_id="lm-2"))
        copy = a.model_copy(update={"id": "copy", "site": "copy.example", "url": "https://copy.example/1",
                                    "actors": [], "quotes": [], "events": [], "relations": []})
        s.write_article(ArticleRecord(copy, content_hash="h-visit", external_id="c-1", status="duplicate",
                                      duplicate_of="visit"))
    return store_target


def keys(rows: list[dict]) -> list[tuple[str, int]]:
    return [(r["article_id"], r["n"]) for r in rows]


# -- events ---------------------------------------------------------------------------------------

def test_event_rows_carry_participants_place_date_flags_and_evidence(store: str) -> None:
    rows = query.events(store)
    assert keys(rows) == [("visit", 0), ("visit", 1), ("summit", 0), ("nodeal", 0), ("nodeal", 1)]
    assert all(tuple(r) == query.EVENT_COLUMNS for r in rows)
    first = rows[0]
    assert (first["type"], first["mode"], first["cameo"]) == ("CONSULT", "visit", "042")
    assert first["actors"] == [TOKAYEV.model_dump()] and first["recipients"] == [MACRON.model_dump()]
    assert (first["location_name"], first["location_country"], first["latitude"], first["longitude"],
            first["geonames_id"]) == ("Paris", "FRA", 48.8534, 2.3488, 2988507)
    assert (first["date_value"], first["date_precision"], first["flags"]) == ("2024-11-26", "day", [])
    assert first["article_published"] == "2024-11-27" and first["article_url"] == "https://lemonde.example/visit"
    text = visit().text
    assert text[first["start_char"]:first["end_char"]] == first["evidence_text"] == VISIT[0]
    assert first["field"] == "body" and first["confidence"] == pytest.approx(0.9)
    assert rows[4]["location_name"] is None and rows[4]["date_value"] is None


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"actor": "KAZ"}, [("visit", 0), ("nodeal", 0), ("nodeal", 1)]),              # country code
    ({"actor": "Q7747"}, [("summit", 0)]),                                         # Wikidata id
    ({"actor": "veille:person:kassym-jomart-tokayev"}, [("visit", 0)]),           # veille id
    ({"actor": "tokayev"}, [("visit", 0)]),                                        # name, any case
    ({"actor": "Tokaïev"}, [("visit", 0)]),                                        # name as written
    ({"recipient": "Tokayev"}, [("summit", 0)]),
    ({"recipient": "FRA"}, [("visit", 0)]),
    ({"actor": ["Q7747", "FRA"]}, [("summit", 0)]),                                # several: any
    ({"actor": "KAZ", "recipient": "RUS"}, [("nodeal", 0), ("nodeal", 1)]),
    ({"actor": "100%_"}, []),                                                      # LIKE syntax is literal
    ({"type": "consult"}, [("visit", 0), ("visit", 1), ("summit", 0), ("nodeal", 1)]),
    ({"type": ["AGREE"]}, [("nodeal", 0)]),
    ({"flag": "future"}, [("visit", 1), ("summit", 0), ("nodeal", 1)]),
    ({"flag": ["future", "negated"]}, []),
    ({"negated": False}, [("visit", 0), ("visit", 1), ("summit", 0), ("nodeal", 1)]),
    ({"article_id": "summit"}, [("summit", 0)]),
])
def test_event_filters(store: str, kwargs: dict, expected: list) -> None:
    assert keys(query.events(store, **kwargs)) == expected


@pytest.mark.parametrize(("since", "until", "expected"), [
    ("2024-11-01", "2024-11-30", [("visit", 0), ("summit", 0), ("nodeal", 0)]),
    ("2024-11-26", "2024-11-26", [("visit", 0)]),                                  # bounds are inclusive
    ("2024-11-27", None, [("visit", 1), ("summit", 0)]),                           # 2024-12 is after
    ("2024-12-15", None, [("visit", 1)]),                                          # a month overlaps its days
    (None, "2024-12-01", [("visit", 0), ("visit", 1), ("summit", 0), ("nodeal", 0)]),
    (None, "2024-11-05", [("nodeal", 0)]),
    ("2024-11", "2024-11", [("visit", 0), ("summit", 0), ("nodeal", 0)]),          # prefixes as bounds
    ("2025-01-01", None, []),
])
def test_event_date_ranges_respect_precision_and_leave_undated_events_out(store: str, since: str | None,
                                                                         until: str | None, expected: list) -> None:
    assert keys(query.events(store, since=since, until=until)) == expected


def test_event_limit_and_streaming(store: str) -> None:
    assert keys(query.events(store, limit=2)) == [("visit", 0), ("visit", 1)]
    with open_store(store) as s:  # an open store works too, and stays open
        assert len(list(query.iter_events(s, actor="KAZ"))) == 3
        assert s.counts()["events"] == 5


# -- GDELT layout and GeoJSON ---------------------------------------------------------------------

def test_gdelt_layout(store: str) -> None:
    rows = query.events(store, layout="gdelt")
    assert all(tuple(r) == query.GDELT_COLUMNS for r in rows)
    assert "GoldsteinScale" not in query.GDELT_COLUMNS
    visit0, visit1, summit0, nodeal0, nodeal1 = rows
    assert len({r["GLOBALEVENTID"] for r in rows}) == 5 and all(isinstance(r["GLOBALEVENTID"], int) for r in rows)
    assert (visit0["SQLDATE"], visit0["MonthYear"], visit0["Year"]) == (20241126, 202411, 2024)
    assert visit1["SQLDATE"] == 20241127  # month precision: the article's date, as GDELT dates by report
    assert nodeal1["SQLDATE"] == 20241106
    assert (visit0["Actor1Code"], visit0["Actor1Name"], visit0["Actor1CountryCode"], visit0["Actor1Type1Code"]) == (
        "KAZGOV", "Kassym-Jomart Tokayev", "KAZ", "GOV")
    assert (visit0["Actor2Code"], visit0["Actor2Name"], visit0["Actor2CountryCode"]) == ("FRAGOV", "Emmanuel Macron",
                                                                                          "FRA")
    assert (visit1["Actor1Code"], visit1["Actor1Name"], visit1["Actor2Code"]) == ("GOV", "Les deux dirigeants", None)
    assert (visit0["EventCode"], visit0["EventBaseCode"], visit0["EventRootCode"], visit0["QuadClass"]) == (
        "042", "042", "04", 1)
    assert nodeal0["QuadClass"] == 1 and query.quad_class("190") == 4 and query.quad_class("112") == 3
    assert query.quad_class("0874") == 2 and query.quad_class(None) is None
    # the duplicate on another site counts as a second article and source for the visit's events
    assert (visit0["NumMentions"], visit0["NumSources"], visit0["NumArticles"]) == (2, 2, 2)
    assert (summit0["NumMentions"], summit0["NumSources"], summit0["NumArticles"]) == (1, 1, 1)
    assert (visit0["ActionGeo_FullName"], visit0["ActionGeo_CountryCode"], visit0["ActionGeo_Lat"],
            visit0["ActionGeo_Long"], visit0["ActionGeo_FeatureID"]) == ("Paris", "FRA", 48.8534, 2.3488, 2988507)
    assert visit0["SOURCEURL"] == "https://lemonde.example/visit"
    assert len(str(visit0["DATEADDED"])) == 14
    assert (visit0["PloverType"], visit0["PloverMode"], visit0["VeilleFlags"]) == ("CONSULT", "visit", None)
    assert nodeal0["VeilleFlags"] == "negated" and nodeal0["VeilleArticleId"] == "nodeal"
    assert [r["GLOBALEVENTID"] for r in query.events(store, layout="gdelt", actor="Q7747")] == [
        summit0["GLOBALEVENTID"]]


def test_geojson_is_a_feature_collection_of_located_events_in_lon_lat_order(store: str, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    assert query.export(store, "events", "geojson", out) == 4  # the undated, unplaced event has no point
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert [f["properties"]["event_id"] for f in doc["features"]] == [
        "ev_visit_0", "ev_visit_1", "ev_summit_0", "ev_nodeal_0"]
    for f in doc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (f["properties"]["latitude"], f["properties"]["longitude"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    paris = doc["features"][0]
    assert paris["geometry"]["coordinates"] == [2.3488, 48.8534]   # [lon, lat]: Paris, not the Somali sea
    assert paris["properties"]["actors"][0]["name"] == "Kassym-Jomart Tokayev"
    out2 = tmp_path / "gdelt.geojson"
    assert query.export(store, "events", "geojson", out2, layout="gdelt", filters={"flag": "future"}) == 2
    feats = json.loads(out2.read_text(encoding="utf-8"))["features"]
    assert [f["geometry"]["coordinates"] for f in feats] == [[71.446, 51.1801]] * 2
    assert feats[0]["properties"]["PloverType"] == "CONSULT"
    empty = tmp_path / "none.geojson"
    assert query.export(store, "events", "geojson", empty, filters={"since": "2030"}) == 0
    assert json.loads(empty.read_text()) == {"type": "FeatureCollection", "features": []}


# -- quotes, actors, relations, stories -----------------------------------------------------------

def test_quotes_by_speaker_and_text(store: str) -> None:
    rows = query.quotes(store)
    assert [r["text"] for r in rows] == ["Le Kazakhstan est un partenaire stratégique",
                                         "We expect concrete decisions on regional security"]
    assert tuple(rows[0]) == query.QUOTE_COLUMNS
    assert rows[0]["speaker"] == "le président français" and rows[0]["speaker_name"] == "Emmanuel Macron"
    assert visit().text[rows[0]["start_char"]:rows[0]["end_char"]] == rows[0]["text"]

    def by(**kw):
        return [r["article_id"] for r in query.quotes(store, **kw)]

    assert by(speaker="Macron") == ["visit"]                  # canonical name, though written otherwise
    assert by(speaker="président français") == ["visit"]      # as written
    assert by(speaker="Q3052772") == ["visit"]
    assert by(speaker="veille:person:kassym-jomart-tokayev") == ["summit"]
    assert by(speaker="Putin") == []
    assert by(search="partenaires") == ["visit"]              # French stem
    assert by(search="decision") == ["summit"]                # English stem
    assert by(search="partenaire", speaker="Tokayev") == []
    assert by(search="") == [] and by(limit=1) == ["visit"]


def test_actors_count_mentions_and_articles(store: str) -> None:
    rows = query.actors(store)
    assert tuple(rows[0]) == query.ACTOR_COLUMNS
    by_id = {r["actor_id"]: r for r in rows}
    assert (by_id["Q232"]["mentions"], by_id["Q232"]["articles"]) == (3, 3)
    assert (by_id["Q3052772"]["mentions"], by_id["Q3052772"]["articles"]) == (2, 1)
    assert (by_id[TOKAYEV.actor_id]["mentions"], by_id[TOKAYEV.actor_id]["articles"]) == (3, 2)
    assert [r["actor_id"] for r in rows[:2]] == ["Q232", TOKAYEV.actor_id]  # most mentioned first, then by id
    assert by_id["Q232"]["name"] == "Kazakhstan" and by_id["Q232"]["type"] == "country"
    assert {r["actor_id"] for r in query.actors(store, type="person")} == {TOKAYEV.actor_id, "Q3052772", "Q7747"}
    assert {r["actor_id"] for r in query.actors(store, country="kaz")} == {"Q232", TOKAYEV.actor_id}
    assert [r["actor_id"] for r in query.actors(store, type="igo")] == ["veille:igo:csto"]
    assert len(query.actors(store, limit=2)) == 2


def test_relations(store: str) -> None:
    [row] = query.relations(store)
    assert tuple(row) == query.RELATION_COLUMNS
    assert (row["type"], row["subject_actor_id"], row["subject_name"], row["object_actor_id"],
            row["object_name"]) == ("member_of", "Q232", "Kazakhstan", "veille:igo:csto",
                                    "Collective Security Treaty Organization")
    assert row["evidence_text"] == SUMMIT[1] and row["article_url"] == "https://news.example/summit"
    assert query.relations(store, type="member_of") == [row]
    assert query.relations(store, type=["allied_with", "recognises"]) == []


def test_stories_are_empty_until_clustering_fills_story_id(store: str) -> None:
    assert not query.has_stories(store) and query.stories(store) == []
    with open_store(store) as s:
        s._execute("UPDATE articles SET story_id = 'story-visit' WHERE id IN ('visit', 'copy', 'summit')")
        s._execute("UPDATE articles SET story_id = 'story-nodeal' WHERE id = 'nodeal'")
    assert query.has_stories(store)
    rows = query.stories(store)
    assert [tuple(r) for r in rows] == [query.STORY_COLUMNS] * 2
    big, small = rows
    assert (big["story_id"], big["articles"], big["originals"], big["first_published"],
            big["last_published"]) == ("story-visit", 3, 2, "2024-11-20", "2024-11-27")
    assert big["titles"] == ["Tokaïev reçu à l'Élysée par Macron", "Putin to attend CSTO summit in Astana"]
    assert big["article_ids"] == ["visit", "summit", "copy"]
    assert (small["story_id"], small["articles"]) == ("story-nodeal", 1)
    assert [r["story_id"] for r in query.stories(store, limit=1)] == ["story-visit"]
    assert [r["story_id"] for r in query.articles(store) if r["id"] == "copy"] == ["story-visit"]


# -- exports --------------------------------------------------------------------------------------

@pytest.mark.parametrize("what", ["events", "quotes", "actors", "relations", "articles"])
def test_csv_and_parquet_round_trips(store: str, tmp_path: Path, what: str) -> None:
    import pyarrow.parquet as pq

    rows = list(query._ITERATORS[what](store))
    assert rows
    assert query.export(store, what, "csv", tmp_path / "x.csv") == len(rows)
    with (tmp_path / "x.csv").open(encoding="utf-8", newline="") as handle:
        back = list(csv.DictReader(handle))
    assert tuple(back[0]) == query.columns_of(what)
    for row, got in zip(rows, back):
        for k, v in row.items():
            want = "" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)
            assert got[k] == want, (k, got[k], want)
    assert query.export(store, what, "parquet", tmp_path / "x.parquet") == len(rows)
    table = pq.read_table(tmp_path / "x.parquet")
    assert tuple(table.column_names) == query.columns_of(what)
    if what != "articles":  # article flags and differences stay JSON text in Parquet, as before
        assert table.to_pylist() == rows
    else:
        assert table.column("external_id").to_pylist() == ["lm-1", "n-1", "lm-2", "c-1"]
        assert table.column("duplicate_of").to_pylist() == [None, None, None, "visit"]
        assert "story_id" in table.column_names
    assert query.export(store, what, "jsonl", tmp_path / "x.jsonl") == len(rows)
    assert [json.loads(x) for x in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()] == rows


def test_gdelt_csv_and_parquet(store: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = query.events(store, layout="gdelt")
    assert query.export(store, "events", "csv", tmp_path / "g.csv", layout="gdelt") == 5
    with (tmp_path / "g.csv").open(encoding="utf-8", newline="") as handle:
        back = list(csv.DictReader(handle))
    assert tuple(back[0]) == query.GDELT_COLUMNS
    assert back[0]["EventCode"] == "042" and back[0]["SQLDATE"] == "20241126"  # the leading zero stays
    assert query.export(store, "events", "parquet", tmp_path / "g.parquet", layout="gdelt") == 5
    table = pq.read_table(tmp_path / "g.parquet")
    assert table.to_pylist() == rows
    assert table.schema.field("SQLDATE").type == pa.int64() and table.schema.field("EventCode").type == pa.string()


def test_parquet_types_of_events(store: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    query.export(store, "events", "parquet", tmp_path / "e.parquet")
    schema = pq.read_schema(tmp_path / "e.parquet")
    assert schema.field("latitude").type == pa.float64() and schema.field("n").type == pa.int64()
    assert schema.field("flags").type == pa.list_(pa.string())
    assert pa.types.is_struct(schema.field("actors").type.value_type)


def test_export_refuses_what_it_cannot_write(store: str, tmp_path: Path) -> None:
    for kwargs in ({"what": "quotes", "fmt": "geojson"}, {"what": "articles", "layout": "gdelt"},
                   {"what": "events", "layout": "acled"}, {"what": "bogus"}, {"fmt": "xlsx"},
                   {"what": "events", "fmt": "parquet", "out": "-"}):
        with pytest.raises(StoreError) as err:
            query.export(store, **{"out": tmp_path / "x", **kwargs})
        assert err.value.code == "E025", kwargs
    with pytest.raises(StoreError):
        query.events(store, layout="acled")


# -- the CLI --------------------------------------------------------------------------------------

def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_listings(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "events", "--db", store, "--actor", "KAZ", "--since", "2024-11-01", "--until",
                       "2024-11-30", "--no-negated", "--json")
    assert code == 0
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["event_id"] == "ev_visit_0" and tuple(row) == query.EVENT_COLUMNS
    code, out, _ = cli(capsys, "events", "--db", store, "--type", "CONSULT", "--flag", "future", "-n", "1")
    assert code == 0 and out.count("\n") == 2
    assert out.splitlines()[0] == "date\ttype\tcameo\tactors\trecipients\tplace\tflags\tevidence"
    assert out.splitlines()[1].split("\t")[:3] == ["2024-12", "CONSULT/meet", "043"] and "Astana (KAZ)" in out
    code, out, _ = cli(capsys, "events", "--db", store, "--recipient", "Macron")
    assert "Kassym-Jomart Tokayev (KAZ)\tEmmanuel Macron (FRA)\tParis (FRA)" in out
    code, out, _ = cli(capsys, "quotes", "--db", store, "--speaker", "Macron")
    assert code == 0 and "Emmanuel Macron\tdirect\tLe Kazakhstan est un partenaire stratégique" in out
    code, out, _ = cli(capsys, "quotes", "--db", store, "--search", "regional security", "--json")
    assert [json.loads(x)["speaker_name"] for x in out.splitlines()] == ["Kassym-Jomart Tokayev"]
    code, out, _ = cli(capsys, "actors", "--db", store, "--type", "country", "--country", "KAZ")
    assert out == "actor_id\tname\ttype\tcountry\tsector\tmentions\tarticles\nQ232\tKazakhstan\tcountry\tKAZ\t\t3\t3\n"
    code, out, _ = cli(capsys, "relations", "--db", store, "--type", "member_of")
    assert out.startswith("type\tsubject\tobject\tevidence\nmember_of\tKazakhstan\tCollective Security Treaty Organization\t")
    code, out, err = cli(capsys, "stories", "--db", store)
    assert code == 0 and out == "" and "no stories yet" in err
    with open_store(store) as s:
        s._execute("UPDATE articles SET story_id = 'story-visit' WHERE id IN ('visit', 'copy')")
    code, out, err = cli(capsys, "stories", "--db", store)
    assert out == ("story_id\tarticles\tfirst\tlast\ttitle\n"
                   "story-visit\t2\t2024-11-27\t2024-11-27\tTokaïev reçu à l'Élysée par Macron\n") and err == ""
    code, out, _ = cli(capsys, "stories", "--db", store, "--json")
    assert json.loads(out)["article_ids"] == ["visit", "copy"]


def test_cli_listings_on_a_terminal_are_aligned_columns(store: str, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal a listing has a header and columns that line up (piped, it is TSV, above)."""
    monkeypatch.setattr("veille.cli_table._is_terminal", lambda: True)
    code, out, _ = cli(capsys, "actors", "--db", store)
    lines = out.splitlines()
    assert code == 0 and "\t" not in out and len(lines) == 7
    header = lines[0]
    assert header.split() == ["actor_id", "name", "type", "country", "sector", "mentions", "articles"]
    for name in ("name", "type", "country", "mentions"):  # each column starts where its header does
        at = header.index(f" {name}") + 1
        assert all(line[at - 2:at] == "  " for line in lines[1:] if len(line) > at), name
        assert any(line[at] != " " for line in lines[1:] if len(line) > at), name
    assert all(line == line.rstrip() for line in lines)


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
@pytest.mark.parametrize(("args", "noun", "columns"), [
    (["events", "--type", "PROTEST"], "events", "date\ttype\tcameo\tactors\trecipients\tplace\tflags\tevidence"),
    (["quotes", "--speaker", "nobody at all"], "quotes", "published\twho\tkind\ttext"),
    (["actors", "--country", "ZZZ"], "actors", "actor_id\tname\ttype\tcountry\tsector\tmentions\tarticles"),
    (["relations", "--type", "recognises"], "relations", "type\tsubject\tobject\tevidence"),
    (["search", "introuvablexyz"], "results", "id\tpublished\ttitle\tsnippet"),
    (["alerts"], "alerts", "created_at\trule\tkind\ttitle"),
])
def test_cli_empty_listings_say_zero(store: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                     terminal: bool, args: list[str], noun: str, columns: str) -> None:
    """An empty listing says '0 <things>' on stderr; piped, stdout is still a TSV header (and with
    --json, nothing): scripts read no row rather than a message."""
    monkeypatch.setattr("veille.cli_table._is_terminal", lambda: terminal)
    code, out, err = cli(capsys, *args, "--db", store)
    assert code == 0 and err == f"0 {noun}\n"
    assert out == ("" if terminal else columns + "\n")
    code, out, err = cli(capsys, *args, "--db", store, "--json")
    assert code == 0 and out == "" and err == f"0 {noun}\n"


def test_cli_export(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "export", "--db", store, "--what", "events", "--layout", "gdelt", "--format", "csv")
    assert code == 0 and out.startswith("GLOBALEVENTID,SQLDATE,MonthYear,Year,Actor1Code,")
    target = tmp_path / "e.geojson"
    code, _, err = cli(capsys, "export", "--db", store, "--what", "events", "--format", "geojson", "-o", str(target))
    assert code == 0 and err.strip() == f"4 events with a place written to {target}"
    assert len(json.loads(target.read_text())["features"]) == 4
    code, _, err = cli(capsys, "export", "--db", store, "--what", "quotes", "--format", "geojson")
    assert code == 2 and err.startswith("veille: error E025")
    code, out, _ = cli(capsys, "export", "--db", store, "--what", "actors", "--format", "jsonl")
    assert len(out.splitlines()) == 6


# -- with the understand stage --------------------------------------------------------------------

UNDERSTOOD = [
    {"id": "visit", "published": "2024-11-27", "url": "https://fr.example/visite",
     "title": "Tokaïev reçu à l'Élysée par Macron",
     "text": "Le président kazakh Kassym-Jomart Tokaïev a rencontré Emmanuel Macron à Paris le 26 novembre 2024. "
             "« Le Kazakhstan est un partenaire stratégique », a déclaré le président français."},
    {"id": "summit", "published": "2024-11-20", "url": "https://en.example/summit",
     "title": "Putin to attend CSTO summit in Astana",
     "text": "Russian President Vladimir Putin will meet Kazakh President Kassym-Jomart Tokayev in Astana on "
             "28 November 2024 at a summit of the Collective Security Treaty Organization, the Kremlin announced "
             "on Wednesday.\n\nKazakhstan is a member of the Collective Security Treaty Organization. "
             '"We expect concrete decisions on regional security," said Tokayev.'},
]


def test_ingest_with_understanding_then_query(store_target: str, tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from veille.ingest import IngestOptions, ingest

    src = write_jsonl(tmp_path / "u.jsonl", UNDERSTOOD + [{**UNDERSTOOD[0], "id": "visit-copy",
                                                           "url": "https://copy.example/1"}])
    with open_store(store_target) as s:
        stats = ingest([str(src)], s, IngestOptions(jobs=1, understand=True))
    assert (stats.new, stats.duplicate, stats.failed) == (2, 1, 0)
    [meeting] = query.events(store_target, actor="KAZ", recipient="Macron", type="CONSULT")
    assert meeting["location_name"] == "Paris" and meeting["date_value"] == "2024-11-26"
    assert "rencontré" in meeting["evidence_text"]
    future = query.events(store_target, actor="Putin", flag="future", since="2024-11-28", until="2024-11-28")
    assert [e["location_name"] for e in future] == ["Astana"]
    assert query.events(store_target, actor="Putin", negated=False, until="2024-11-27") == []
    [row] = query.events(store_target, recipient="Q3052772", layout="gdelt")
    assert (row["Actor1CountryCode"], row["Actor2Code"], row["EventRootCode"], row["NumArticles"]) == (
        "KAZ", "FRAGOV", "04", 2)
    assert any(r["object_actor_id"] == "veille:igo:csto" for r in query.relations(store_target, type="member_of"))
    assert [q["speaker_name"] for q in query.quotes(store_target, speaker="Macron")] == ["Emmanuel Macron"]
    summit_id = next(r["id"] for r in query.articles(store_target) if r["external_id"] == "summit")
    # the direct quote and the Kremlin's announcement ('…, the Kremlin announced') both say 'security'
    assert {q["article_id"] for q in query.quotes(store_target, search="security")} == {summit_id}
    top = {r["actor_id"]: r for r in query.actors(store_target, country="KAZ")}
    assert top["veille:person:kassym-jomart-tokayev"]["articles"] == 2
    out = tmp_path / "u.geojson"
    assert query.export(store_target, "events", "geojson", out) >= 2
    coords = {f["properties"]["location_name"]: f["geometry"]["coordinates"]
              for f in json.loads(out.read_text())["features"]}
    assert coords["Paris"][0] == pytest.approx(2.35, abs=0.1) and coords["Astana"][1] == pytest.approx(51.2, abs=0.1)
