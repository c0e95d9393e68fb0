"""Story clustering: same event together, another event of the same kind apart."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from conftest import ROOT, shared_path
from veille import analyze_text
from veille.link.stories import (
    STORY_PREFIX, Anchor, StoryClusterer, StoryOptions, arrival_order, cluster, date_anchor, evidence_weights, profile, term_weights,
)
from veille.model import Article, Block
from veille.options import Options
from veille.repair import with_offsets

ASTANA_1 = (
    "Vladimir Poutine a rencontré Kassym-Jomart Tokaïev à Astana mercredi lors du sommet de l'OTSC. "
    "Les deux présidents ont parlé de sécurité régionale, de l'Arménie et du gazoduc vers la Chine. "
    "Le sommet de l'Organisation du traité de sécurité collective s'achève jeudi à Astana."
)
ASTANA_2 = (
    "Le président russe Vladimir Poutine s'est entretenu mercredi à Astana avec son homologue kazakh "
    "Kassym-Jomart Tokaïev, en marge du sommet de l'Organisation du traité de sécurité collective (OTSC). "
    "Sécurité régionale, Arménie et gazoduc vers la Chine étaient au menu à Astana."
)
BEIJING = (
    "Vladimir Poutine a rencontré Xi Jinping à Pékin mercredi lors du sommet de l'Organisation de "
    "coopération de Shanghai. Les deux dirigeants ont évoqué le commerce, le yuan et les sanctions "
    "occidentales. Xi Jinping a salué une amitié « sans limites » à Pékin."
)


@pytest.fixture(scope="module")
def summits() -> dict[str, Article]:
    """Two outlets on the Astana summit, and a Beijing summit a week later (French)."""
    return {
        "astana_1": analyze_text(ASTANA_1, "outlet-a", Options(published="2024-11-27")),
        "astana_2": analyze_text(ASTANA_2, "outlet-b", Options(published="2024-11-27")),
        "beijing": analyze_text(BEIJING, "outlet-a", Options(published="2024-12-04")),
    }


def plain(article_id: str, text: str, published: str | None = None, title: str | None = None) -> Article:
    """An article built by hand (no understanding): English, body paragraphs from blank-line splits."""
    blocks = with_offsets([Block(kind="paragraph", text=p) for p in text.split("\n\n")])
    return Article(id=article_id, source="<test>", language="en", title=title, published=published, blocks=blocks)


QUAKE_1 = ("A magnitude 6.1 earthquake struck near Amatrice in central Italy early on Wednesday, "
           "flattening houses in Amatrice and Accumoli; rescuers searched the rubble for survivors.")
QUAKE_2 = ("Rescuers dug through rubble in Amatrice and Accumoli after the magnitude 6.1 earthquake "
           "that hit central Italy on Wednesday, the civil protection agency said.")
QUAKE_3 = ("A magnitude 6.6 earthquake struck near Norcia in central Italy on Sunday; houses collapsed "
           "in Norcia and Visso and rescuers searched the rubble, the civil protection agency said.")


def test_two_outlets_same_summit_share_a_story_a_later_summit_does_not(summits: dict[str, Article]) -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(summits["astana_1"])
    assert first == STORY_PREFIX + summits["astana_1"].id
    assert clusterer.add(summits["astana_2"]) == first
    assert clusterer.add(summits["beijing"]) != first
    assert len(clusterer.stories) == 2 and len(clusterer) == 3
    assert clusterer.add(summits["astana_2"]) == first  # adding twice changes nothing


def test_batch_helper_agrees_and_keeps_input_order(summits: dict[str, Article]) -> None:
    arts = [summits["beijing"], summits["astana_2"], summits["astana_1"]]
    ids = cluster(arts)
    assert ids[1] == ids[2] != ids[0]
    assert cluster(arts) == ids  # deterministic
    assert cluster(list(reversed(arts))) == list(reversed(ids))  # arrival order does not depend on input order


def test_same_kind_of_event_elsewhere_and_later_stays_apart() -> None:
    arts = [plain("q1", QUAKE_1, "2016-08-24"), plain("q2", QUAKE_2, "2016-08-24"), plain("q3", QUAKE_3, "2016-10-30")]
    ids = cluster(arts)
    assert ids[0] == ids[1] != ids[2]


def test_dates_months_apart_separate_like_reports() -> None:
    same_week = [plain("a", QUAKE_1, "2016-08-24"), plain("b", QUAKE_2, "2016-08-27")]
    months_apart = [plain("a", QUAKE_1, "2016-08-24"), plain("b", QUAKE_2, "2017-03-01")]
    assert len(set(cluster(same_week))) == 1
    assert len(set(cluster(months_apart))) == 2
    assert len(set(cluster(months_apart, StoryOptions(date_penalty=0.0)))) == 1


def test_date_anchor_publication_dateline_or_nothing() -> None:
    assert date_anchor(plain("a", "Text.", "2024-11-27")) == Anchor(day=date(2024, 11, 27), year=2024)
    dateline = plain("b", "Updated Saturday, December 05, 2009 8:28 PM\n\nA Texas escapee was caught.")
    assert date_anchor(dateline).day == date(2009, 12, 5)
    far = plain("c", "x " * 400 + "It happened on December 05, 2009.")
    assert date_anchor(far) == Anchor()  # a date deep in the body is not the article's date
    assert date_anchor(plain("d", "He was born in 1950 and again in 1950.")) == Anchor()
    assert date_anchor(plain("d", "He was born in 1950.", None), StoryOptions(year_anchor=True)).year == 1950


def test_term_weights_boost_names_and_drop_stop_words(summits: dict[str, Article]) -> None:
    weights = term_weights(summits["astana_1"])
    assert abs(sum(weights.values()) - 1.0) < 1e-9
    assert "les" not in weights and "du" not in weights
    assert weights["astan"] > 2 * weights["gazoduc"]  # a place name outweighs an ordinary word (stems)
    assert not any(t.startswith("@") for t in weights)  # words only: linked actors are evidence
    evidence = evidence_weights(summits["astana_1"])
    assert abs(sum(evidence.values()) - 1.0) < 1e-9
    assert "@Q7747" in evidence  # Vladimir Putin, whatever the language calls him


def test_restore_rebuilds_state_without_redeciding(summits: dict[str, Article]) -> None:
    live = StoryClusterer()
    ids = {a.id: live.add(a) for a in (summits["astana_1"], summits["astana_2"])}
    rebuilt = StoryClusterer()
    assert rebuilt.restore((a, ids[a.id]) for a in (summits["astana_1"], summits["astana_2"])) == 2
    assert rebuilt.members() == live.members()
    assert rebuilt.add(summits["beijing"]) == live.add(summits["beijing"])
    forced = StoryClusterer()  # stored ids win, even when the clusterer would have decided otherwise
    forced.restore([(summits["astana_1"], "story-x"), (summits["beijing"], "story-x"), (summits["astana_2"], None)])
    assert forced.members()["story-x"][:2] == [summits["astana_1"].id, summits["beijing"].id]


def test_refine_moves_an_article_to_a_better_story() -> None:
    clusterer = StoryClusterer(StoryOptions(threshold=0.2, date_penalty=0.0))
    a, b, c = plain("a", QUAKE_1), plain("b", QUAKE_3), plain("c", QUAKE_2)
    for art in (a, b, c):
        clusterer.add(art)
    clusterer.refine(3)
    assert clusterer.story_of["a"] == clusterer.story_of["c"]
    assert sum(len(m) for m in clusterer.members().values()) == 3


def test_arrival_order_is_dated_first_then_by_id() -> None:
    arts = [plain("z", "x"), plain("b", "x", "2024-01-02"), plain("a", "x", "2024-01-02"),
            plain("c", "x", "2023-12-31")]
    assert arrival_order(arts) == [3, 2, 1, 0]


def test_profile_event_keys(summits: dict[str, Article]) -> None:
    keys = profile(summits["astana_1"]).events
    assert any(k.startswith("CONSULT|Q7747|") for k in keys)


@pytest.mark.shared
def test_ecbplus_smoke_three_topics(tmp_path) -> None:
    """Three ECB+ topics through veille and the clusterer: sane figures (speed: benchmarks/bench_understand.py
    and bench_stories.py)."""
    archive = shared_path("data", "ecbplus", "ECBplus_xml.tar.gz")
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        import stories as ecb  # eval/stories.py
    finally:
        sys.path.pop(0)
    docs = ecb.load_corpus(archive, {1, 3, 6})
    assert len(docs) > 40 and {d.gold for d in docs} == {f"{t}/{s}" for t in (1, 3, 6) for s in ("ecb", "ecbplus")}
    assert not any(d.text.startswith("http") for d in docs)
    arts = ecb.analyse(docs, tmp_path / "cache.jsonl", batch=64)
    result = ecb.evaluate(docs, arts)
    assert result["pairwise"]["f1"] > 0.6 and result["b_cubed"]["f1"] > 0.6
    assert ecb.analyse(docs, tmp_path / "cache.jsonl")[0] == arts[0]  # read back from the cache


def test_scores_of_the_evaluation() -> None:
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        import stories as ecb
    finally:
        sys.path.pop(0)
    gold = ["a", "a", "b", "b"]
    assert ecb.pairwise(gold, ["x", "x", "y", "y"]) == (1.0, 1.0, 1.0)
    p, r, _ = ecb.pairwise(gold, ["x", "x", "x", "x"])
    assert (p, r) == (2 / 6, 1.0)
    bp, br, _ = ecb.b_cubed(gold, ["x", "y", "z", "w"])
    assert (bp, br) == (1.0, 0.5)
    assert ecb.detokenize(["He", "said", "``", "no", "''", ",", "(", "twice", ")", "."]) == 'He said " no ", (twice).'


def _state(c: StoryClusterer) -> tuple:
    """Everything a decision depends on (norm caches aside)."""
    stories = {sid: (list(s.members), {k: dict(v) for k, v in s.words.items()}, dict(s.evidence), s.first_day,
                     s.last_day, dict(s.years), set(s.events))
               for sid, s in c.stories.items()}
    postings = {t: set(v) for t, v in c._postings.items() if v}
    return stories, dict(c._df), c._docs, postings, list(c._order)


def test_a_windowed_clusterer_forgets_the_oldest_and_equals_one_restored_from_the_window() -> None:
    import random

    rng = random.Random(4)
    words = ("earthquake rubble rescuers summit leaders budget election vote strike union rail floods river "
             "storm wildfire drought harvest court verdict trial border troops talks ceasefire aid vaccine").split()
    arts = [plain(f"a{i:03d}", " ".join(rng.choice(words) for _ in range(30)), f"2024-01-{1 + i // 8:02d}")
            for i in range(120)]
    window = 25
    live = StoryClusterer(window=window)
    decided = [(a, live.add(a)) for a in arts[:100]]
    assert len(live._profiles) == window and live._docs == window and len(live) == window
    rebuilt = StoryClusterer(window=window)
    rebuilt.restore(decided[-window:])
    assert _state(rebuilt) == _state(live)
    for art in arts[100:]:  # the same decisions from here on
        assert rebuilt.add(art) == live.add(art)
    unbounded = StoryClusterer()
    for art in arts[:10]:
        unbounded.add(art)
    assert len(unbounded._profiles) == 10  # no window: nothing forgotten (cluster() and the evaluations)
