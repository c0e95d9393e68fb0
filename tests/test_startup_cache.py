"""The user cache behind a fast ``veille analyze`` start (issue 10): the actor table's folded
alias index and py3langid's decompressed model. Answers must be those of the in-memory
builds, and a missing, read-only or corrupt cache must never break anything."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest

from veille.understand import actor_table as at
from veille.understand import cache
from veille.understand import language as lang_mod

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(folder))
    return folder


def _reference_table(monkeypatch: pytest.MonkeyPatch) -> at.ActorTable:
    """The shipped table with its index built in memory (no cache)."""
    monkeypatch.setenv("VEILLE_CACHE_DIR", "")
    table = at.load_table_from(at.data_dir())
    table.lookup("Paris")
    assert table._fold_index is not None
    return table


def _queries(table: at.ActorTable) -> list[str]:
    texts = sorted({a.text for lg in ("fr", "en") for a in table.alias_entries(lg, phoenix=True)})
    variants = [v for t in texts[::7] for v in (t.upper(), t.lower(), at.fold(t), t.replace("'", "\u2019"), f" {t}  ")]
    return [*texts, *variants, "", "zzz unknown", "Élysée", "ELYSEE", "Straße", "Moscou", "russe", "ONU"]


def _fresh(folder: Path | str, monkeypatch: pytest.MonkeyPatch) -> at.ActorTable:
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(folder))
    return at.load_table_from(at.data_dir())


def test_cached_lookup_is_the_full_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _reference_table(monkeypatch)
    folder = tmp_path / "cache"
    writer = _fresh(folder, monkeypatch)
    assert writer.lookup("Emmanuel Macron") == reference.lookup("Emmanuel Macron")
    assert writer._fold_index is not None  # no cache yet: built in memory, then written
    assert len(list(folder.glob("actors-*.sqlite"))) == 1
    reader = _fresh(folder, monkeypatch)
    queries = _queries(reference)
    assert len(queries) > 20_000
    for text in queries:
        for lang in (None, "fr", "en"):
            assert reader.lookup(text, lang) == reference.lookup(text, lang), (text, lang)
    assert reader._fold_index is None and reader._lazy  # answered from the cache alone
    assert reader.ambiguity("Nice", "fr") == reference.ambiguity("Nice", "fr")


def test_cache_invalidated_when_the_table_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "table"
    data.mkdir()
    row = {"id": "X1", "type": "person", "name": "Jean Test", "names": {"fr": ["Jean Test"]}}
    (data / "people.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(tmp_path / "cache"))
    assert [a.actor_id for a in at.load_table_from(data).lookup("jean test")] == ["X1"]
    assert [a.actor_id for a in at.load_table_from(data).lookup("jean test")] == ["X1"]  # from the cache
    row["id"] = "X2"
    (data / "people.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    table = at.load_table_from(data)
    assert [a.actor_id for a in table.lookup("jean test")] == ["X2"]
    assert len(list((tmp_path / "cache").glob("actors-*.sqlite"))) == 2


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "flipped", "other digest"])
def test_corrupt_actor_cache_falls_back_and_is_rewritten(damage: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _reference_table(monkeypatch)
    folder = tmp_path / "cache"
    _fresh(folder, monkeypatch).lookup("Paris")
    (path,) = folder.glob("actors-*.sqlite")
    good = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"not a database" * 1000)
    elif damage == "truncated":
        path.write_bytes(good[: len(good) // 3])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "flipped":
        middle = len(good) // 2
        path.write_bytes(good[:middle] + bytes([good[middle] ^ 1]) + good[middle + 1:])
    else:
        import hashlib
        import sqlite3

        con = sqlite3.connect(":memory:")
        con.deserialize(good[32:])
        con.execute("UPDATE meta SET value = 'x' WHERE name = 'digest'")
        con.commit()
        payload = con.serialize()
        path.write_bytes(hashlib.sha256(payload).digest() + payload)
    table = _fresh(folder, monkeypatch)
    for text in ("Emmanuel Macron", "Vladimir Poutine", "Moscou", "russe", "Nice", "Barack Obama", "zzz"):
        assert table.lookup(text) == reference.lookup(text), text
    assert path.read_bytes() == good  # rebuilt whole
    again = _fresh(folder, monkeypatch)
    assert again.lookup("Moscou", "fr") == reference.lookup("Moscou", "fr") and again._fold_index is None


def test_unwritable_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reference = _reference_table(monkeypatch)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    table = _fresh(blocker / "cache", monkeypatch)  # cannot be created: a file is in the way
    assert table.lookup("Emmanuel Macron") == reference.lookup("Emmanuel Macron")
    assert not (blocker.is_dir())

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("read-only")

    folder = tmp_path / "ro"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    table = _fresh(folder, monkeypatch)
    assert table.lookup("Moscou") == reference.lookup("Moscou")
    assert list(folder.iterdir()) == []


def test_cache_never_written_into_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    package = Path(at.__file__).resolve().parents[1]
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(package / "understand"))
    before = set(package.rglob("*"))
    assert cache.write_atomic("probe.bin", lambda p: p.write_bytes(b"x")) is None
    assert set(package.rglob("*")) == before


def test_cache_dir_choice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VEILLE_CACHE_DIR", "")
    assert cache.cache_dir() is None
    monkeypatch.delenv("VEILLE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "veille"


# ---------------------------------------------------------------------- py3langid


def _texts() -> list[str]:
    texts = list(lang_mod._SELF_TEST)
    for path in sorted(SAMPLES.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        texts += [body[:5000], body[:200], body[100:160], body.upper()[:300]]
        texts += [line for line in body.splitlines() if line.strip()][:30]
        texts += [sentence for sentence in body.split(". ") if sentence.strip()][:40]
        words = body.split()
        texts += [" ".join(words[i:i + n]) for i in range(0, min(len(words), 400), 25) for n in (3, 8, 20)]
    texts += ["", " ", "a", "!!!", "\u00e9t\u00e9", "12 34", "Москва", "東京", "x" * 5000, "la la la"]
    return texts


def test_cached_langid_model_answers_as_py3langid(cache_in: Path) -> None:
    from py3langid.langid import classify

    first = lang_mod._cached_identifier()  # decompresses into the cache
    assert first is not None and len(list(cache_in.glob("langid-*.npz"))) == 1
    second = lang_mod._cached_identifier()  # reads it back
    texts = _texts()
    assert len(texts) > 150
    for text in texts:
        assert first.classify(text) == classify(text) == second.classify(text), text
    fast = lang_mod._FastLangid(second, second.classify)
    assert all(fast.classify(t) == classify(t) for t in texts)


def test_corrupt_langid_cache_is_rebuilt(cache_in: Path) -> None:
    from py3langid.langid import classify

    assert lang_mod._cached_identifier() is not None
    (path,) = cache_in.glob("langid-*.npz")
    size = path.stat().st_size
    data = bytearray(path.read_bytes())
    data[size // 2: size // 2 + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    ident = lang_mod._cached_identifier()
    assert ident is not None and path.stat().st_size == size
    assert all(ident.classify(t) == classify(t) for t in lang_mod._SELF_TEST)
    path.write_bytes(b"")
    assert lang_mod._cached_identifier() is not None and path.stat().st_size == size


def test_unwritable_langid_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(blocker / "cache"))
    assert lang_mod._cached_identifier() is None  # py3langid then loads its own model
    monkeypatch.setenv("VEILLE_CACHE_DIR", "")
    assert lang_mod._cached_identifier() is None
    shutil.rmtree(tmp_path)


# ---------------------------------------------------------------------- gazetteer


def _gazetteer_keys() -> list[str]:
    from veille.understand import places

    keys = sorted(places._index())
    return [*keys[::40], places._key("Moscou"), places._key("PÉKIN"), places._key("Saint-Pétersbourg"),
            places._key("Paris"), places._key("Springfield"), "", "zzz unknown"]


def test_cached_gazetteer_answers_as_the_index(cache_in: Path) -> None:
    from veille.understand import places

    writer = places._reader()
    assert writer.get(places._key("Paris")) is None and writer.failed  # no cache yet
    places._write_cache()
    assert len(list(cache_in.glob("gazetteer-*.sqlite"))) == 1
    reader = places._reader()
    keys = _gazetteer_keys()
    assert len(keys) > 1000
    for key in keys:
        assert reader.get(key) == places._index().get(key, []), key
    assert reader.con is not None and not reader.failed


def test_lookup_city_writes_the_gazetteer_cache_and_reads_it_back(cache_in: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from veille.understand import places

    monkeypatch.setattr(places, "_CACHE", places._reader())
    places._index.cache_clear()
    assert places.lookup_city("Moscou").country == "RUS"  # no cache: built in memory, then written
    assert len(list(cache_in.glob("gazetteer-*.sqlite"))) == 1
    places._index.cache_clear()
    monkeypatch.setattr(places, "_CACHE", places._reader())
    assert places.lookup_city("Pékin").country == "CHN"
    assert places._index.cache_info().currsize == 0  # answered from the cache alone


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "flipped"])
def test_corrupt_gazetteer_cache_falls_back_and_is_rewritten(damage: str, cache_in: Path) -> None:
    from veille.understand import places

    places._write_cache()
    (path,) = cache_in.glob("gazetteer-*.sqlite")
    good = path.read_bytes()
    middle = len(good) // 2
    path.write_bytes({"garbage": b"not a database" * 100, "truncated": good[: len(good) // 3], "empty": b"",
                      "flipped": good[:middle] + bytes([good[middle] ^ 1]) + good[middle + 1:]}[damage])
    fallback = places._reader()
    assert fallback.get("moscou") is None and fallback.failed  # the caller answers from the index in memory
    places._write_cache()
    assert path.read_bytes() == good  # rewritten whole
    assert places._reader().get("moscou") == places._index()["moscou"]


def test_unwritable_gazetteer_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from veille.understand import places

    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("VEILLE_CACHE_DIR", str(blocker / "cache"))
    places._write_cache()
    assert places._reader().get("moscou") is None
    monkeypatch.setenv("VEILLE_CACHE_DIR", "")
    assert places._reader().get("moscou") is None
    assert places.lookup_city("Moscou") is not None and places.lookup_city("Moscou").country == "RUS"
