"""Fetch the raw bytes of one input: a path, ``-`` (stdin) or an http(s) URL.

Every failure becomes a coded :class:`~veille.errors.VeilleError` naming the
input, so a caller never sees an OSError or an httpx exception.
"""

from __future__ import annotations

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
    """Open a file, with one error per way this can go wrong."""
    if not path.exists():
        raise VeilleError("E001", source)
    if path.is_dir():
        raise VeilleError("E002", source)
    size = path.stat().st_size
    if size > limit:
        raise VeilleError("E005", source, f"{size:,} bytes, limit {limit:,}")
    try:
        with path.open("rb") as handle:
            return _read_limited(handle, source, limit)
    except OSError as exc:
        raise VeilleError("E009", source, exc.strerror or type(exc).__name__) from None


def _read_limited(handle, source: str, limit: int) -> bytes:  # noqa: ANN001 - any binary file object
    """Read at most ``limit`` bytes; more is an error, not a silent cut."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise VeilleError("E005", source, f"over {limit:,} bytes")
    return data


def fetch(url: str, options: Options) -> Raw:
    """GET one URL with a timeout, a user agent and a size limit."""
    import httpx  # imported here: only URL inputs pay for it

    headers = {"User-Agent": options.user_agent}
    try:
        with httpx.Client(follow_redirects=True, timeout=options.timeout, headers=headers) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise VeilleError("E007", url, f"HTTP {response.status_code}")
                data = _stream_limited(response, url, options.max_bytes)
                ctype = response.headers.get("content-type")
                return Raw(data, url, url=str(response.url), content_type=ctype)
    except httpx.HTTPError as exc:
        raise VeilleError("E007", url, type(exc).__name__) from None


def _stream_limited(response, url: str, limit: int) -> bytes:  # noqa: ANN001 - httpx.Response
    """Collect a streamed body, stopping as soon as it passes the limit."""
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if total > limit:
            raise VeilleError("E005", url, f"over {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
