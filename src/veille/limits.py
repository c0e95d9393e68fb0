"""Limits on one item's time and memory, for workers that must not stall or blow up.

:func:`time_limit` interrupts the work on one item after some seconds (a
``SIGALRM`` timer, so it works on pure Python and on regular expressions,
which check for signals, but only in a process's main thread: elsewhere it
does nothing and the caller's own watchdog must serve). :class:`ItemTimeout`
derives from ``BaseException`` so that no library's ``except Exception``
swallows it on the way up.

:func:`limit_memory` caps a worker process's address space, so an input that
needs too much memory raises ``MemoryError`` in that worker (a recorded
failure) instead of the system killing a process, or the machine swapping.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ItemTimeout(BaseException):
    """The item took longer than its time limit."""


def _alarm(signum: int, frame: object) -> None:
    raise ItemTimeout()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ItemTimeout` in the block after ``seconds`` (0 or less: no limit;
    outside the main thread: no limit). The previous ``SIGALRM`` handler is restored."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def limit_memory(max_bytes: int) -> None:
    """Cap this process's address space at ``max_bytes`` (0: no cap; a no-op where the
    platform has no ``RLIMIT_AS``). Meant for worker processes, never the main one."""
    if max_bytes <= 0:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    if not hasattr(resource, "RLIMIT_AS"):  # pragma: no cover
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = max_bytes if hard == resource.RLIM_INFINITY else min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
