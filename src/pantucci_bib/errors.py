"""The library's exceptions: one root, each subclass also the matching built-in."""

from __future__ import annotations


class PantucciBibError(Exception):
    """Root of every error the library raises on purpose.

    ``where`` names the file and place (``path:line``, an entry key, a note number) so
    that a one-line message can point the user at the input.
    """

    def __init__(self, message: str, *, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ParseError(PantucciBibError, ValueError):
    """Input that cannot be read: malformed file, entry or page."""


class UnknownFormatError(PantucciBibError, LookupError):
    """A format, style or locale name nobody registered."""


class FilterError(PantucciBibError, ValueError):
    """A filter value that cannot be applied (bad year range, unknown type …)."""


class OutputError(PantucciBibError, OSError):
    """An output location that cannot be written."""


class DataError(PantucciBibError, ValueError):
    """Records that break the model's rules (duplicate key, dangling relation …)."""


class FormattingWarning(UserWarning):
    """Something left out of formatted output, and why (an entry the style renders empty).

    ``where`` names the record's key. The command line prints each as one line on stderr.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
