r"""Reading a bibliography file in any registered input format: :func:`load` and :func:`loads`.

>>> from pantucci_bib import loads
>>> result = loads(r"@article{k, author={M{\"u}ller, Jos{\'e}}, title={T}, year=2020}", "bibtex")
>>> [person.display() for person in result.records[0].author]
['José Müller']
"""

from __future__ import annotations

import os
from pathlib import Path

from pantucci_bib.errors import ParseError, UnknownFormatError
from pantucci_bib.sources import READERS, SUFFIXES, ParseResult, Problem


def _known() -> str:
    return ", ".join(sorted(READERS))


def format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The input format named by ``format``, else the one the file suffix implies."""
    if format:
        if format not in READERS:
            raise UnknownFormatError(f"unknown input format {format!r}; known: {_known()}")
        return format
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    raise UnknownFormatError(
        f"cannot tell the input format from the suffix {suffix or '(none)'!r}; "
        f"name one (--from): {_known()}",
        where=str(path),
    )


def errors(result: ParseResult) -> list[Problem]:
    """The problems of ``result`` that made a reader skip something."""
    return [problem for problem in result.problems if problem.severity == "error"]


def check_strict(result: ParseResult) -> ParseResult:
    """``result`` unchanged, or ParseError naming the first skipped entry and how many."""
    skipped = errors(result)
    if skipped:
        first = skipped[0]
        more = f" (and {len(skipped) - 1} more)" if len(skipped) > 1 else ""
        raise ParseError(f"{first.message}{more}; strict mode", where=str(first.where))
    return result


def loads(text: str, format: str, *, source: str = "<string>", strict: bool = False) -> ParseResult:
    """Records read from ``text`` in the input format ``format`` (``bibtex``, ``biblatex``,
    ``csl-json``, ``ris`` …).

    A malformed entry is a :class:`~pantucci_bib.sources.Problem` naming ``source:line``,
    and is skipped while the rest loads; with ``strict=True`` it raises ParseError instead.
    Warnings (a guessed type, a date not understood) never raise.
    """
    if format not in READERS:
        raise UnknownFormatError(f"unknown input format {format!r}; known: {_known()}")
    result = READERS[format](text, source)
    return check_strict(result) if strict else result


def load(
    path: str | os.PathLike[str], format: str | None = None, *, strict: bool = False
) -> ParseResult:
    """Records read from the file ``path``; the format is ``format`` or the file's suffix
    (``.bib`` BibTeX, ``.json`` CSL-JSON, ``.ris`` RIS). See :func:`loads`."""
    fmt = format_for(path, format)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(f"not UTF-8 text (byte {exc.start})", where=str(path)) from exc
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", where=str(path)) from exc
    return loads(text, fmt, source=str(path), strict=strict)
