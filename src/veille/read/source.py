"""Fetch the raw bytes of one input: a path, ``-`` (stdin) or an http(s) URL.

Every failure becomes a coded :class:`~veille.errors.VeilleError` naming the
input, so a caller never sees an OSError or an httpx exception.
"""

from __future__ import annotations

import errno
import gzip
import os
import stat
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Self

from veille.errors import VeilleError
from veille.options import DEFAULT, Options

BOMB_FLOOR = 1 << 20
"""The ratio limit of compressed files applies past 1 MB decompressed."""
BLOCK = 1 << 20
"""Bytes read at a time from a compressed file, so a bomb is caught before it fills memory."""


@dataclass(frozen=True)
class Raw:
    """Bytes of one input and what is known of them before decoding."""

    data: bytes
    source: str
    url: str | None = None
    content_type: str | None = None


def is_url(source: str) -> bool:
    """True for http(s) URLs, which are fetched rather than opened."""
    return source.startswith(("http://", "https://"))


def load(source: str, options: Options) -> Raw:
    """Read ``source`` into memory, refusing anything over ``options.max_bytes``."""
    if source == "-":
        return Raw(_read_limited(sys.stdin.buffer, source, options.max_bytes), source)
    if is_url(source):
        return fetch(source, options)
    return Raw(_read_file(Path(source), source, options.max_bytes, options.max_ratio), source)


def _read_file(path: Path, source: str, limit: int, max_ratio: int = DEFAULT.max_ratio) -> bytes:
    """Open a regular file, with one error per way this can go wrong (a FIFO, a device
    or a socket would block or never end: refused before opening). A ``.gz`` file is
    decompressed, as ``veille ingest`` does, within ``limit`` and ``max_ratio``."""
    st = file_status(path, source)
    if stat.S_ISDIR(st.st_mode):
        raise VeilleError("E002", source)
    if not stat.S_ISREG(st.st_mode):
        raise VeilleError("E039", source, _kind(st.st_mode))
    if st.st_size > limit:
        raise VeilleError("E005", source, f"{st.st_size:,} bytes, limit {limit:,}")
    try:
        with open_file(path, max_ratio) as handle:
            return _read_limited(handle, source, limit)
    except Bomb as exc:
        raise VeilleError("E037", source, str(exc)) from None
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise VeilleError("E009", source, f"not a readable gzip file: {type(exc).__name__}") from None
    except OSError as exc:
        raise VeilleError("E009", source, exc.strerror or type(exc).__name__) from None


class Bomb(Exception):
    """A compressed file that grows past the ratio limit."""


class Gunzip:
    """A ``.gz`` file read through a ratio check: past 1 MB decompressed, the output may
    be at most ``max_ratio`` times the compressed bytes read so far (:class:`Bomb` else)."""

    def __init__(self, path: Path, max_ratio: int) -> None:
        self.raw = path.open("rb")
        self.gz = gzip.GzipFile(fileobj=self.raw, mode="rb")
        self.max_ratio = max_ratio
        self.produced = 0

    def _count(self, data: bytes) -> bytes:
        self.produced += len(data)
        if self.produced > BOMB_FLOOR and self.produced > self.max_ratio * max(1, self.raw.tell()):
            raise Bomb(f"over {self.max_ratio}× its compressed size")
        return data

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` decompressed bytes (all of them, in bounded steps, when negative)."""
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(BLOCK), b""))
        return self._count(self.gz.read(size))

    def readline(self, size: int = -1) -> bytes:
        """One decompressed line, at most ``size`` bytes (:data:`BLOCK` when negative)."""
        if size is None or size < 0:
            size = BLOCK
        return self._count(self.gz.readline(size))

    def close(self) -> None:
        """Close the decompressor and the file."""
        self.gz.close()
        self.raw.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_file(path: Path, max_ratio: int = DEFAULT.max_ratio) -> IO[bytes]:
    """A binary file, decompressed through :class:`Gunzip` when its name ends in ``.gz``."""
    if path.name.lower().endswith(".gz"):
        return Gunzip(path, max_ratio)  # type: ignore[return-value]
    return path.open("rb")


def file_status(path: Path, source: str) -> os.stat_result:
    """``stat`` of what ``path`` names, symbolic links followed; a missing file (E001),
    a dangling link or a loop of links (E040) or an unreadable one (E009) is a coded error."""
    try:
        return path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise VeilleError("E040", source, "it points to nothing") from None
        raise VeilleError("E001", source) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise VeilleError("E040", source, "a loop of links") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise VeilleError("E001", source) from None
        raise VeilleError("E009", source, exc.strerror or type(exc).__name__) from None


def _kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _read_limited(handle, source: str, limit: int) -> bytes:  # noqa: ANN001 - any binary file object
    """Read at most ``limit`` bytes; more is an error, not a silent cut."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise VeilleError("E005", source, f"over {limit:,} bytes")
    return data


def fetch(url: str, options: Options) -> Raw:
    """GET one URL within the limits of :mod:`veille.read.fetch` (public addresses only
    unless ``options.allow_private``, a deadline, bounded redirects and size)."""
    from veille.read.fetch import FetchError, client
    from veille.read.fetch import fetch as get

    try:
        with client(options) as http:
            page = get(http, url, options)
    except FetchError as exc:
        raise exc.error(url) from None
    return Raw(page.data, url, url=page.url, content_type=page.content_type)
