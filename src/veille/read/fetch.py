"""HTTP fetching that cannot be turned against the network veille runs in.

Pages and feeds are written by strangers: a feed entry, a redirect or a
robots.txt can point at ``http://127.0.0.1:5432/``, ``http://169.254.169.254/``
(a cloud's metadata service) or a host whose name resolves to a private
address. Every fetch here therefore

* accepts only ``http`` and ``https`` URLs;
* resolves the host and refuses loopback, private, link-local, multicast,
  reserved and other non-public addresses, IPv4 and IPv6 (IPv4-mapped
  included), before connecting, for the first URL and for every redirect,
  unless ``Options.allow_private`` is set; the connection is then made to the
  very address that was checked (a DNS answer cannot change in between);
* follows at most ``Options.max_redirects`` redirects;
* ends within ``Options.timeout`` seconds in all: connection, redirects and
  every read share one deadline, so a server trickling one byte every few
  seconds cannot hold it;
* streams the body and stops at ``Options.max_bytes`` (decompressed), and at
  ``Options.max_ratio`` times the compressed size (a gzip bomb), never
  holding more than the limit in memory;
* checks the content type against what the caller can use.

httpx does the HTTP; veille supplies the network backend of its connection
pool (name resolution, the address check, the deadline on every read) and
reads raw bytes itself, decompressing them with a bounded output.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import time
import zlib
from typing import Any
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from veille.errors import VeilleError
from veille.options import Options

DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("veille_fetch_deadline", default=None)
"""Monotonic time by which the fetch running in this thread must end."""
_TIMEOUT: contextvars.ContextVar[float] = contextvars.ContextVar("veille_fetch_timeout", default=0.0)

PAGE_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom",
              "application/rdf", "application/json", "application/ld+json")
"""Content types (prefixes) of pages and feeds; a response without a content type is sniffed later."""

ANY_TYPE: tuple[str, ...] = ()
"""Accept any content type (robots.txt)."""

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504}
_BOMB_FLOOR = 1 << 20  # the ratio applies past 1 MB decompressed: small, very compressible pages are fine
_CHUNK = 1 << 16


class FetchError(Exception):
    """A URL that could not be fetched: its error code, the detail, and whether trying again may help."""

    def __init__(self, code: str, detail: str, transient: bool = False, status: int | None = None,
                 retry_after: str | None = None) -> None:
        self.code = code
        self.detail = detail
        self.transient = transient
        self.status = status
        self.retry_after = retry_after
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        """The reason as the error catalogue words it, e.g. ``cannot be fetched (HTTP 404)``."""
        return VeilleError.catalogue[self.code][1].format(detail=self.detail)

    def error(self, source: str) -> VeilleError:
        """The coded error naming ``source``."""
        return VeilleError(self.code, source, self.detail)


@dataclass(frozen=True)
class Response:
    """A fetched response: its final URL, status, headers and (for 2xx) body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    data: bytes = b""

    @property
    def content_type(self) -> str | None:
        """The Content-Type header, if any."""
        return self.headers.get("content-type")


# -- addresses -----------------------------------------------------------------------------------


def refused_address(address: str) -> str | None:
    """Why veille must not connect to this IP address, or None when it is public.

    Refused: loopback, private (RFC 1918, unique-local fc00::/7), link-local
    (169.254/16 with the cloud metadata services, fe80::/10), multicast,
    reserved, unspecified, shared (100.64/10) and documentation ranges: every
    address for which :attr:`ipaddress.IPv4Address.is_global` is false. An IPv6
    address embedding an IPv4 one (mapped, 6to4, Teredo) is judged by the IPv4 one.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            reason = refused_address(str(embedded))
            return f"{ip} embeds {reason}" if reason else None
    for name in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return f"{ip} is {name.replace('_', '-')}"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def resolve(host: str, port: int, allow_private: bool) -> list[tuple[int, tuple]]:
    """``(family, sockaddr)`` of every address ``host`` resolves to, all checked.

    One refused address refuses the host (a name that resolves to a public and a
    private address is how DNS rebinding starts). Raises :class:`FetchError`.
    """
    host = host.strip("[]")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        raise FetchError("E007", f"host {host!r} not found: {exc}") from None
    out: list[tuple[int, tuple]] = []
    for family, _, _, _, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        if not allow_private:
            reason = refused_address(str(sockaddr[0]))
            if reason:
                raise FetchError("E031", f"{host} → {reason}")
        out.append((family, sockaddr))
    if not out:
        raise FetchError("E007", f"host {host!r} has no IP address")
    return out


def check_url(url: str, allow_private: bool) -> tuple[str, int]:
    """Refuse a URL veille must not fetch (before any connection): not http(s), no
    host, or a host resolving to a refused address. Returns ``(host, port)``."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError("E036", str(exc)) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError("E036", f"scheme {parts.scheme or 'missing'!r}")
    host = parts.hostname
    if not host:
        raise FetchError("E036", "no host")
    port = port or (443 if parts.scheme.lower() == "https" else 80)
    resolve(host, port, allow_private)
    return host, port


# -- the network backend of httpx's connection pool ----------------------------------------------


def _remaining(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this thread's fetch deadline."""
    deadline = DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("fetch deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the fetch deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _remaining(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _remaining(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> _DeadlineStream:  # noqa: ANN001
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _remaining(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """Resolve, check every address, and connect to a checked one (never by name again)."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for _, sockaddr in resolve(host, port, self.allow_private):
            try:  # by address: TLS still checks the certificate against the host name (the origin's)
                stream = super().connect_tcp(str(sockaddr[0]), port, _remaining(timeout), local_address,
                                             socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
                continue
            return _DeadlineStream(stream)
        raise last or httpcore.ConnectError(f"cannot connect to {host}")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with :class:`GuardedBackend` under its connection pool."""

    def __init__(self, allow_private: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        pool = self._pool
        if not hasattr(pool, "_network_backend"):  # pragma: no cover - an httpcore without it
            raise RuntimeError("this httpcore version has no pluggable network backend")
        pool._network_backend = GuardedBackend(allow_private)


def client(options: Options, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An httpx client for :func:`fetch`: guarded transport, no redirects of its own, no
    proxies from the environment (a proxy would connect where veille did not check)."""
    return httpx.Client(
        transport=transport or GuardedTransport(allow_private=options.allow_private),
        follow_redirects=False, trust_env=False, timeout=options.timeout,
        headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
    )


# -- one fetch -----------------------------------------------------------------------------------


def fetch(http: httpx.Client, url: str, options: Options, headers: dict[str, str] | None = None,
          accept: tuple[str, ...] = PAGE_TYPES, max_bytes: int | None = None) -> Response:
    """GET ``url`` within every limit of ``options``; a 304 comes back with no body.

    Raises :class:`FetchError` with a code: E031 refused address, E032 redirect,
    E033 deadline, E034 content type, E036 not an http(s) URL, E005 too large,
    E037 compression bomb, E007 anything else (HTTP ≥ 400, network errors).
    """
    limit = options.max_bytes if max_bytes is None else max_bytes
    token = DEADLINE.set(time.monotonic() + options.timeout)
    seconds = _TIMEOUT.set(options.timeout)
    try:
        for _ in range(options.max_redirects + 1):
            check_url(url, options.allow_private)
            response = _send(http, url, headers)
            try:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    url = urljoin(url, location.strip())
                    continue
                return _response(response, url, options, accept, limit)
            finally:
                response.close()
        raise FetchError("E032", f"more than {options.max_redirects} redirects")
    finally:
        DEADLINE.reset(token)
        _TIMEOUT.reset(seconds)


def _send(http: httpx.Client, url: str, headers: dict[str, str] | None) -> httpx.Response:
    """Send the request, mapping every failure to a :class:`FetchError`."""
    try:
        request = http.build_request("GET", url, headers=headers)
        return http.send(request, stream=True)
    except FetchError:
        raise
    except httpx.InvalidURL as exc:
        raise FetchError("E036", str(exc)) from None
    except httpx.TimeoutException as exc:
        raise _timeout(exc) from None
    except httpx.ConnectError as exc:  # refused or unreachable: a dead host, left to the caller's circuit breaker
        raise FetchError("E007", f"{type(exc).__name__}: {str(exc)[:120]}" if str(exc) else type(exc).__name__,
                         ) from None
    except httpx.HTTPError as exc:
        raise FetchError("E007", type(exc).__name__, transient=True) from None


def _timeout(exc: Exception) -> FetchError:
    deadline = DEADLINE.get()
    if deadline is not None and time.monotonic() >= deadline - 0.05:
        return FetchError("E033", f"over the {_TIMEOUT.get():g} s deadline of one fetch")
    return FetchError("E007", type(exc).__name__, transient=True)


def _response(response: httpx.Response, url: str, options: Options, accept: tuple[str, ...],
              limit: int) -> Response:
    """Check status and content type, then read the body within the limits."""
    status = response.status_code
    headers = {k.lower(): v for k, v in response.headers.items()}
    if status == 304:
        return Response(url, status, headers)
    if status >= 400 or status < 200:
        raise FetchError("E007", f"HTTP {status}", transient=status in _RETRY_STATUS, status=status,
                         retry_after=headers.get("retry-after"))
    if status in _REDIRECTS:
        raise FetchError("E032", "no Location header")
    ctype = (headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    if accept and ctype and not ctype.startswith(accept):
        raise FetchError("E034", ctype[:80])
    data = read_body(response, headers.get("content-encoding", ""), limit, options.max_ratio)
    return Response(str(response.url), status, headers, data)


def read_body(response: httpx.Response, encoding: str, limit: int, max_ratio: int) -> bytes:
    """The decoded body, streamed: never more than ``limit`` bytes held, a bomb stopped early."""
    encoding = encoding.strip().lower()
    chunks: list[bytes] = []
    total = 0
    try:
        raw = response.iter_raw(_CHUNK)
        pieces = raw if encoding in ("", "identity") else inflate(raw, encoding, limit, max_ratio)
        for piece in pieces:
            total += len(piece)
            if total > limit:
                raise FetchError("E005", f"over {limit:,} bytes")
            chunks.append(piece)
    except httpx.TimeoutException as exc:
        raise _timeout(exc) from None
    except httpx.HTTPError as exc:
        raise FetchError("E007", f"{type(exc).__name__} while reading", transient=True) from None
    return b"".join(chunks)


def inflate(chunks: Iterable[bytes], encoding: str, limit: int, max_ratio: int) -> Iterator[bytes]:
    """Decompress gzip or deflate ``chunks`` with a bounded output per step; stop past
    ``limit`` bytes (E005) or past ``max_ratio`` times the input once over 1 MB (E037)."""
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = None  # zlib-wrapped or raw deflate: decided on the first bytes
    else:
        raise FetchError("E034", f"content encoding {encoding[:40]!r}")
    consumed = produced = 0
    for chunk in chunks:
        consumed += len(chunk)
        if decoder is None:
            decoder = zlib.decompressobj(zlib.MAX_WBITS if chunk[:1] == b"\x78" else -zlib.MAX_WBITS)
        data = chunk
        while data and not decoder.eof:
            try:
                out = decoder.decompress(data, _CHUNK)
            except zlib.error as exc:
                raise FetchError("E007", f"corrupt {encoding} body: {exc}") from None
            data = decoder.unconsumed_tail
            produced += len(out)
            if produced > limit:
                raise FetchError("E005", f"over {limit:,} bytes decompressed")
            if produced > _BOMB_FLOOR and produced > max_ratio * consumed:
                raise FetchError("E037", f"over {max_ratio}× its compressed size")
            if out:
                yield out
        if decoder.eof:
            return
    if decoder is not None:
        tail = decoder.flush(_CHUNK)
        if tail:
            yield tail


def retry_status(status: int | None) -> bool:
    """True for statuses worth retrying (429, 5xx gateway and availability errors)."""
    return status in _RETRY_STATUS
