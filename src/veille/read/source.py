"""Fetch the raw bytes of one input: a path, ``-`` (stdin) or an http(s) URL.

Every failure becomes a coded :class:`~veille.errors.VeilleError` naming the
input, so a caller never sees an OSError or an httpx exception.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from veille.errors import VeilleError
from veille.options import Options


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
    return Raw(_read_file(Path(source), source, options.max_bytes), source)


def _read_file(path: Path, source: str, limit: int) -> bytes:
    """Open a regular file, with one error per way this can go wrong (a FIFO, a device
    or a socket would block or never end: refused before opening)."""
    st = file_status(path, source)
    if stat.S_ISDIR(st.st_mode):
        raise VeilleError("E002", source)
    if not stat.S_ISREG(st.st_mode):
        raise VeilleError("E039", source, _kind(st.st_mode))
    if st.st_size > limit:
        raise VeilleError("E005", source, f"{st.st_size:,} bytes, limit {limit:,}")
    try:
        with path.open("rb") as handle:
            return _read_limited(handle, source, limit)
    except OSError as exc:
        raise VeilleError("E009", source, exc.strerror or type(exc).__name__) from None


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
