"""A user cache directory for data the understanding stage derives from its shipped files.

What is cached is only ever a faster form of something veille can rebuild (the actor table's
folded alias index, py3langid's decompressed model): every file is named by a hash of what it was
built from, written whole to a temporary file and renamed into place, and any failure to read or
write it (a read-only or missing directory, a corrupt file) falls back silently to building the
data in memory. Nothing is ever written into the package directory.

The directory is ``$VEILLE_CACHE_DIR`` if set (empty: no cache), else ``$XDG_CACHE_HOME/veille``,
else ``~/.cache/veille``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = ["IndexReader", "cache_dir", "digest", "read_index", "write_atomic", "write_index"]

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache directory (not created), or None when caching is off."""
    explicit = os.environ.get("VEILLE_CACHE_DIR")
    if explicit is not None:
        return Path(explicit).expanduser() if explicit.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    try:
        root = Path(base) if base.strip() else Path.home() / ".cache"
    except (RuntimeError, KeyError):  # no home directory
        return None
    return root / "veille"


def digest(parts: Iterable[str | bytes]) -> str:
    """Hex sha256 of the parts, each length-prefixed (so that no two lists collide)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def _inside_package(path: Path) -> bool:
    package = Path(__file__).resolve().parent.parent
    try:
        path.resolve().relative_to(package)
    except ValueError:
        return False
    return True


def write_atomic(name: str, fill) -> Path | None:  # noqa: ANN001 - fill(path) writes the file
    """Create ``name`` in the cache directory: ``fill(tmp_path)`` writes a temporary file there,
    which is then renamed into place. Returns the path, or None when the cache is off, not
    writable or ``fill`` failed (never raises)."""
    folder = cache_dir()
    if folder is None:
        return None
    tmp: str | None = None
    try:
        if _inside_package(folder):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        os.close(handle)
        fill(Path(tmp))
        target = folder / name
        os.replace(tmp, target)
        tmp = None
        return target
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache
        return None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_index(name: str, digest_: str, table: str, rows: Iterable[tuple[str, str]]) -> Path | None:
    """Write a key → value index to the cache as ``name``: the sha256 of an SQLite database, then
    the database (one ``table`` of text keys and values, and ``meta`` holding ``digest_``, what
    it was built from). Returns the path, or None when nothing could be written (never raises)."""

    def fill(path: Path) -> None:
        con = sqlite3.connect(":memory:")
        try:
            con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            con.execute(f"CREATE TABLE {table} (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
            con.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
            con.execute("INSERT INTO meta VALUES ('digest', ?)", (digest_,))
            con.commit()
            payload = con.serialize()
        finally:
            con.close()
        path.write_bytes(hashlib.sha256(payload).digest() + payload)

    return write_atomic(name, fill)


def read_index(name: str, digest_: str) -> sqlite3.Connection | None:
    """The index :func:`write_index` wrote as ``name``, read whole, checked against its hash and
    opened in memory (damage is never answered from); None when the cache is off, the file is
    missing or damaged, or it was built from something else than ``digest_``."""
    folder = cache_dir()
    path = folder / name if folder is not None else None
    if path is None or not path.is_file():
        return None
    data = path.read_bytes()
    check, payload = data[:32], data[32:]
    if not payload or hashlib.sha256(payload).digest() != check:
        return None
    con = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        con.deserialize(payload)
        row = con.execute("SELECT value FROM meta WHERE name = 'digest'").fetchone()
    except sqlite3.Error:
        row = None
    if row is None or row[0] != digest_:
        con.close()
        return None
    return con


class IndexReader(Generic[T]):
    """Answers from an index :func:`write_index` wrote, key by key: the database opened on the
    first question (again in a forked child: an SQLite connection does not cross a fork), each
    answer memoised. ``parse`` turns a stored JSON value into the answer (raising on a malformed
    one). ``failed`` says when the cache is missing or unusable; every question then answers
    None, and the caller uses its index in memory."""

    def __init__(self, name: Callable[[], str], digest_: Callable[[], str], table: str,
                 parse: Callable[[Any], T]) -> None:
        self.name, self.digest, self.table, self.parse = name, digest_, table, parse
        self.con: sqlite3.Connection | None = None
        self.pid = 0
        self.failed = False
        self.hits: dict[str, T] = {}

    def get(self, key: str) -> T | None:
        """The answer for ``key`` (``parse`` of ``[]`` when the index lacks it), or None without a usable index."""
        if key in self.hits:
            return self.hits[key]
        if self.failed:
            return None
        try:
            if self.con is None or self.pid != os.getpid():
                self.con, self.pid = read_index(self.name(), self.digest()), os.getpid()
            if self.con is None:
                self.failed = True
                return None
            row = self.con.execute(f"SELECT value FROM {self.table} WHERE key = ?", (key,)).fetchone()
            answer = self.parse(json.loads(row[0]) if row is not None else [])
        except Exception:  # noqa: BLE001 - a corrupt or unreadable cache: the caller's index in memory
            self.failed = True
            return None
        self.hits[key] = answer
        return answer
