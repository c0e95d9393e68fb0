"""Ingest gives every stored article its story: reports of one event share a story,
another event of the same kind gets its own, duplicates follow their original,
and a later ingest continues the stories already stored."""

from __future__ import annotations

import json
from pathlib import Path

from veille.ingest import IngestOptions, ingest
from veille.serve.merged import merged_events
from veille.store import open_store, query

SUMMIT_A1 = ("Sommet de l'OTSC à Astana", "2024-11-28",
             "Les dirigeants des pays membres de l'Organisation du traité de sécurité collective se sont réunis jeudi à Astana. "
             "Vladimir Poutine et Kassym-Jomart Tokaïev ont appelé à renforcer la défense aérienne commune de l'alliance.")
SUMMIT_A2 = ("À Astana, l'OTSC promet une défense aérienne commune", "2024-11-28",
             "Réunis à Astana jeudi, les chefs d'État de l'OTSC, dont Vladimir Poutine et Kassym-Jomart Tokaïev, "
             "ont adopté une déclaration sur la défense aérienne commune de l'Organisation du traité de sécurité collective.")
SUMMIT_B = ("Sommet de l'Union africaine à Addis-Abeba", "2025-02-15",
            "Les chefs d'État de l'Union africaine se sont réunis samedi à Addis-Abeba pour un sommet consacré "
            "aux conflits au Soudan et dans l'est de la République démocratique du Congo.")


def corpus(path: Path, items) -> Path:
    path.write_text("".join(json.dumps({"id": f"x{i}", "title": t, "published": d, "text": body, "lang": "fr"},
                                       ensure_ascii=False) + "\n" for i, (t, d, body) in enumerate(items)), "utf-8")
    return path


def stories_of(db: Path) -> dict[str, str]:
    with open_store(str(db), create=False) as store:
        return {r["external_id"]: r["story_id"] for r in store.rows("SELECT external_id, story_id FROM articles")}


def test_ingest_clusters_stories_and_continues_them(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    opts = IngestOptions(jobs=1, understand=True)
    with open_store(str(db)) as store:
        ingest([str(corpus(tmp_path / "a.jsonl", [SUMMIT_A1, SUMMIT_B]))], store, opts)
    first = stories_of(db)
    assert first["x0"] and first["x1"] and first["x0"] != first["x1"]
    with open_store(str(db)) as store:  # a later run: the same story continues
        ingest([str(corpus(tmp_path / "b.jsonl", [SUMMIT_A2, SUMMIT_A1]))], store, opts)
    rows = query.articles(str(db))
    story = {r["title"]: r["story_id"] for r in rows}
    assert story[SUMMIT_A2[0]] == first["x0"] != story[SUMMIT_B[0]]
    assert all(r["story_id"] for r in rows)  # the exact duplicate of A1 follows its original
    assert len({s["story_id"] for s in query.stories(str(db))}) == 2


MEETING_1 = ("Poutine et Tokaïev à Astana", "2024-11-28",
             "Vladimir Poutine a rencontré jeudi à Astana le président kazakh Kassym-Jomart Tokaïev. "
             "Les deux dirigeants ont parlé d'énergie et de sécurité régionale.")
MEETING_2 = ("Entretien Poutine-Tokaïev", "2024-11-28",
             "Le président russe Vladimir Poutine s'est entretenu jeudi avec Kassym-Jomart Tokaïev à Astana, "
             "a indiqué le Kremlin. L'énergie et la sécurité régionale étaient au menu.")


def test_the_same_event_from_two_outlets_is_merged(tmp_path: Path) -> None:
    from veille.cli import main

    db = tmp_path / "m.db"
    with open_store(str(db)) as store:
        ingest([str(corpus(tmp_path / "m.jsonl", [MEETING_1, MEETING_2, SUMMIT_B]))], store,
               IngestOptions(jobs=1, understand=True))
    merged = [m for m in merged_events(str(db), type="CONSULT")
              if any((a.get("name") or "") == "Vladimir Putin" for a in m["actors"])]
    assert len(merged) == 1, merged
    event = merged[0]
    assert len({m["article_id"] for m in event["mentions"]}) == 2
    assert event["date"]["value"] == "2024-11-28" and event["location"]["name"] == "Astana"
    assert event["confidence"] >= max(m["confidence"] for m in event["mentions"])
    assert main(["events", "--db", str(db), "--merged", "--json"]) == 0


def test_ingest_puts_a_french_and_an_english_report_of_one_event_in_one_story(tmp_path: Path) -> None:
    """A mixed-language feed: each item's language is detected, analysed with its own
    pipeline, and the French report joins the English story of its event (not the other
    event of the same kind, the same day)."""
    from test_stories_crosslang import BERLIN_EN, PARIS_EN, PARIS_FR

    items = [("paris-en", PARIS_EN), ("berlin-en", BERLIN_EN), ("paris-fr", PARIS_FR)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("".join(json.dumps({"id": key, "title": text.split("\n\n")[0], "published": "2024-02-16",
                                        "text": text.split("\n\n", 1)[1]}, ensure_ascii=False) + "\n"
                            for key, text in items), "utf-8")
    db = tmp_path / "x.db"
    with open_store(str(db)) as store:
        ingest([str(path)], store, IngestOptions(jobs=1, understand=True))
    story = stories_of(db)
    assert story["paris-fr"] == story["paris-en"] != story["berlin-en"]
    with open_store(str(db), create=False) as store:
        langs = {r["external_id"]: r["language"] for r in store.rows("SELECT external_id, language FROM articles")}
    assert langs == {"paris-en": "en", "berlin-en": "en", "paris-fr": "fr"}
