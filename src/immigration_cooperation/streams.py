"""Query results read a chunk at a time, and handed out one key's rows at a time: how the
explorer reads a national package's rows in bounded memory, several streams side by side in
the same (jurisdiction or source) order."""

from __future__ import annotations

from itertools import groupby
from typing import Callable, Iterable, Iterator


def fetched(cursor, chunk_rows: int = 10_000) -> Iterator[tuple]:
    """The rows of an executed `cursor`, fetched `chunk_rows` at a time."""
    while chunk := cursor.fetchmany(chunk_rows):
        yield from chunk


class Grouped:
    """Rows ordered by `key`, handed out one key's rows at a time, in that order."""

    def __init__(self, rows: Iterable, key: Callable):
        self._groups = groupby(rows, key=key)
        self._next = next(self._groups, None)

    def take(self, value) -> list:
        """The rows whose key is `value` (none if the next rows have another key)."""
        if self._next is None or self._next[0] != value:
            return []
        rows = list(self._next[1])
        self._next = next(self._groups, None)
        return rows

    def finish(self, what: str) -> None:
        """Raise if rows are left: their key was not asked for in order, and a page would miss them."""
        if self._next is not None:
            raise RuntimeError(f"explorer: {what} rows of {self._next[0]!r} were not placed on any page; "
                               "the streams are not in the same order")
