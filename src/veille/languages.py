"""The languages veille knows, as data: one place to ask which they are and what their words are.

A neutral module, not a stage: dates, full-text search, story linking and the
understanding stage all read it, and stages do not import one another.

Each language is a JSON file, ``data/lang/<code>.json`` inside the package, checked against
``data/lang.schema.json`` (a misspelt key is an error, not a silent default). More languages,
or replacements of the built-in ones, come from the directories named by the environment
variable ``VEILLE_LANGUAGE_DATA`` (separated by ``os.pathsep``), laid out as the package's data:
``lang/<code>.json`` (this schema), ``events/<code>.json`` (event lexicons) and ``quotes.json``,
``coref.json``, ``agents.json``, ``relations.json`` (sections by language, each replacing the
built-in section of its language). The variable is read once per process: a program that
changes it afterwards calls :func:`reload`.
Whether a language is *analysed* is still decided by ``Options.pipelines`` (its spaCy pipeline).
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from veille.options import Options

ENV = "VEILLE_LANGUAGE_DATA"
"""Environment variable: extra directories of language data (``os.pathsep``-separated)."""

FALLBACK = "en"
"""The language assumed where one must be and an article's is unknown (stemming, dates, stories)."""


class LanguageDataError(ValueError):
    """A language file that does not follow ``data/lang.schema.json``."""


@lru_cache(maxsize=1)
def _env() -> str:
    """The value of ``VEILLE_LANGUAGE_DATA``, read once per process (:func:`reload` reads it
    again): the functions below are asked for words hundreds of thousands of times a batch,
    and each ``os.environ`` read encodes the name and looks it up anew."""
    return os.environ.get(ENV, "")


def reload() -> None:
    """Read ``VEILLE_LANGUAGE_DATA`` again on the next call: a program (or test) that changes
    the variable after veille has read it calls this (and empties the lexicon caches that
    depend on it, as the variable's value is not their key)."""
    _env.cache_clear()


def extra_dirs() -> list[Path]:
    """The directories named by ``VEILLE_LANGUAGE_DATA``, in order (later ones win)."""
    return [Path(p) for p in _env().split(os.pathsep) if p]


def languages() -> tuple[str, ...]:
    """Codes of every language veille has data for: the default pipelines' order first
    (French, then English), then the others alphabetically."""
    return _catalogue(_env())[0]


def language(code: str | None) -> dict[str, Any] | None:
    """The data of language ``code`` (see ``data/lang.schema.json``), or None without any."""
    return _catalogue(_env())[1].get(code or "")


def known(code: str | None) -> str:
    """``code`` when veille has data for it, else :data:`FALLBACK`."""
    return code if code and language(code) is not None else FALLBACK


def closed_words(key: str) -> frozenset[str]:
    """The ``words[key]`` lists of every language, joined: closed-class words tested on
    text whose language they do not depend on (a French article quoting 'in Paris')."""
    return _words(key, _env())


@lru_cache(maxsize=256)
def _words(key: str, env: str) -> frozenset[str]:
    """:func:`closed_words`, cached per value of the variable."""
    del env  # the cache key: languages() reads the variable again
    _declared("words", key)
    return frozenset(w for code in languages() for w in (language(code) or {}).get("words", {}).get(key, ()))


def own_words(code: str | None, key: str) -> frozenset[str]:
    """The ``words[key]`` list of language ``code`` alone (empty when absent or unknown): for
    tests that only make sense in that language ('monsieur' before a description)."""
    return _own_words(code or "", key, _env())


@lru_cache(maxsize=256)
def _own_words(code: str, key: str, env: str) -> frozenset[str]:
    """:func:`own_words`, cached per value of the variable."""
    del env  # the cache key: language() reads the variable again
    _declared("words", key)
    return frozenset((language(code) or {}).get("words", {}).get(key, ()))


def grammar(code: str | None, switch: str) -> bool:
    """Whether ``grammar[switch]`` is on for language ``code`` (off when absent or unknown)."""
    return _grammar(code or "", switch, _env())


@lru_cache(maxsize=1024)
def _grammar(code: str, switch: str, env: str) -> bool:
    """:func:`grammar`, cached per value of the variable."""
    del env  # the cache key: language() reads the variable again
    _declared("grammar", switch)
    return bool((language(code) or {}).get("grammar", {}).get(switch, False))


def date_words(key: str) -> list[str]:
    """The ``dates[key]`` lists of every language, joined in language order without repeats."""
    out: list[str] = []
    for code in languages():
        out += [w for w in (language(code) or {})["dates"].get(key, ()) if w not in out]
    return out


def extra_file(relative: str) -> Path | None:
    """The last file ``relative`` (e.g. ``events/es.json``) found in the extra directories."""
    found = [d / relative for d in extra_dirs() if (d / relative).is_file()]
    return found[-1] if found else None


def extra_sections(name: str) -> dict[str, Any]:
    """The language sections of ``name`` (``quotes.json``, ``coref.json``, ...) in the extra
    directories, merged in order: ``{code: section}``, keys starting with '_' left out."""
    found: dict[str, Any] = {}
    for directory in extra_dirs():
        if (directory / name).is_file():
            raw = json.loads((directory / name).read_text("utf-8"))
            found.update({code: section for code, section in raw.items() if not code.startswith("_")})
    return found


@lru_cache(maxsize=4)
def _catalogue(env: str) -> tuple[tuple[str, ...], dict[str, dict[str, Any]]]:
    """Every language file, built-in then extra (``env`` is the variable's value: the cache key)."""
    del env  # read again through extra_dirs(); only the cache depends on it
    files: dict[str, Path | Any] = {}
    for entry in resources.files("veille").joinpath("data", "lang").iterdir():
        if entry.name.endswith(".json"):
            files[entry.name[:-5]] = entry
    for directory in extra_dirs():
        for path in sorted((directory / "lang").glob("*.json")):
            files[path.stem] = path
    data = {code: _checked(json.loads(path.read_text("utf-8")), code) for code, path in files.items()}
    order = list(Options().pipelines)
    codes = sorted(data, key=lambda c: (order.index(c) if c in order else len(order), c))
    return tuple(codes), data


def _declared(section: str, key: str) -> None:
    """Refuse a key the schema does not declare: code asking for a misspelt word list would
    otherwise get an empty one, silently."""
    if key not in schema()["properties"][section]["properties"]:
        raise LanguageDataError(f"{section}.{key} is not declared in data/lang.schema.json")


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of a language file."""
    return json.loads(resources.files("veille").joinpath("data", "lang.schema.json").read_text("utf-8"))


def _checked(raw: Any, code: str) -> dict[str, Any]:
    """``raw`` when it follows the schema and names itself ``code``; else LanguageDataError."""
    _check(raw, schema(), f"{code}.json")
    if raw["code"] != code:
        raise LanguageDataError(f"{code}.json: code {raw['code']!r} is not the file's name")
    return dict(raw)


_TYPES: dict[str, type | tuple[type, ...]] = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool}


def _check(value: Any, rule: dict[str, Any], where: str) -> None:
    """Check ``value`` against the subset of JSON Schema the language schema uses
    (type, enum, properties, required, additionalProperties, items); jsonschema is not
    a runtime dependency, and the tests validate the files with it too."""
    expected = _TYPES.get(rule.get("type", ""))
    if expected and (not isinstance(value, expected) or (expected is int and isinstance(value, bool))):
        raise LanguageDataError(f"{where}: expected {rule['type']}, found {type(value).__name__}")
    if "enum" in rule and value not in rule["enum"]:
        raise LanguageDataError(f"{where}: {value!r} is not one of {rule['enum']}")
    if isinstance(value, dict):
        _check_object(value, rule, where)
    if isinstance(value, list) and "items" in rule:
        for k, item in enumerate(value):
            _check(item, rule["items"], f"{where}[{k}]")


def _check_object(value: dict[str, Any], rule: dict[str, Any], where: str) -> None:
    """Required keys present; unknown keys refused (or checked by ``additionalProperties``)."""
    props = rule.get("properties", {})
    missing = [k for k in rule.get("required", ()) if k not in value]
    if missing:
        raise LanguageDataError(f"{where}: missing key(s) {missing}")
    extra = rule.get("additionalProperties", True)
    for key, item in value.items():
        if key in props:
            _check(item, props[key], f"{where}: {key}")
        elif extra is False:
            raise LanguageDataError(f"{where}: unknown key {key!r} (known: {sorted(props)})")
        elif isinstance(extra, dict):
            _check(item, extra, f"{where}: {key}")
