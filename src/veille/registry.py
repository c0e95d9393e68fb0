"""A tiny registry of named extensions: name -> object, filled by a decorator.

Readers of corpus files (:mod:`veille.read.registry`), store backends
(:mod:`veille.store.backends`) and export formats (:mod:`veille.store.exporters`)
are each one :class:`Registry`: a new input format, database or export format is
one module that registers itself, and the code choosing among them looks it up
by name instead of walking an if-chain. Names keep the order they were registered
in, which is the order of precedence where one is needed (readers) and the order
``--help`` lists them in.

This module is neutral (any stage may import it); it knows nothing of what it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from veille.errors import VeilleError

T = TypeVar("T")

UNKNOWN = "E048"
"""The code of an unknown name (``get``), unless the registry is given another."""


class Registry(Generic[T]):
    """Named objects of one kind (``"reader"``, ``"store backend"``, ``"export format"``).

    ``error`` and ``code`` say what :meth:`get` raises for a name it does not know,
    so a registry replacing older code can keep that code's error (a
    :class:`~veille.store.StoreError` E025 for an unknown export format).
    """

    def __init__(self, kind: str, code: str = UNKNOWN, error: type[VeilleError] = VeilleError,
                 hint: str | None = None) -> None:
        self.kind = kind
        self.code = code
        self.error = error
        self.hint = hint
        self._entries: dict[str, T] = {}

    def add(self, name: str, entry: T, replace: bool = False) -> T:
        """Register ``entry`` under ``name``; a name already taken is a ValueError unless ``replace``
        (two modules claiming one name is a programming error, never silently resolved)."""
        if not name or name != name.strip():
            raise ValueError(f"{self.kind} name must be non-empty without surrounding spaces: {name!r}")
        if name in self._entries and not replace:
            raise ValueError(f"{self.kind} {name!r} is already registered")
        self._entries[name] = entry
        return entry

    def register(self, name: str, replace: bool = False) -> Callable[[T], T]:
        """Decorator form of :meth:`add`: ``@EXPORTERS.register("csv")`` above the object."""

        def decorate(entry: T) -> T:
            return self.add(name, entry, replace)

        return decorate

    def remove(self, name: str) -> T:
        """Take ``name`` out (tests register and remove their own entries)."""
        return self._entries.pop(name)

    def get(self, name: str, source: str | None = None) -> T:
        """The entry named ``name``; an unknown name raises the registry's coded error listing the
        known ones, naming ``source`` (the input the name came from) or else the name itself."""
        try:
            return self._entries[name]
        except KeyError:
            raise self.error(self.code, name if source is None else source,
                             f"{self.kind} one of {', '.join(self._entries)}", self.hint) from None

    def names(self) -> tuple[str, ...]:
        """The registered names, in registration order."""
        return tuple(self._entries)

    def items(self) -> Iterator[tuple[str, T]]:
        """``(name, entry)`` pairs in registration order."""
        return iter(list(self._entries.items()))

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, {list(self._entries)!r})"
