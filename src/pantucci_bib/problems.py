"""What every reader returns: records, and the problems met on the way, as data."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from pantucci_bib.model import Provenance, Record


@attrs.frozen
class Problem:
    """Something a reader could not read or had to guess, with the place it happened."""

    where: Provenance
    message: str
    severity: str = "error"  # "error": something was skipped; "warning": read, but guessed

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


def _records(items: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(items)


def _problems(items: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(items)


@attrs.frozen
class ParseResult:
    """Records read from one input, and the problems met (never raised in lenient mode)."""

    records: tuple[Record, ...] = attrs.field(default=(), converter=_records)
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)

    def __add__(self, other: ParseResult) -> ParseResult:
        return ParseResult(self.records + other.records, self.problems + other.problems)
