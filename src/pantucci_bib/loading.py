r"""Reading a bibliography file in any registered input format: :func:`load` and :func:`loads`.

>>> from pantucci_bib import loads
>>> result = loads(r"@article{k, author={M{\"u}ller, Jos{\'e}}, title={T}, year=2020}", "bibtex")
>>> [person.display() for person in result.records[0].author]
['José Müller']
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Sequence
from pathlib import Path

from pantucci_bib.errors import ParseError, UnknownFormatError
from pantucci_bib.formats.registry import READERS, SUFFIXES, collection_paused
from pantucci_bib.problems import ParseResult, Problem


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


def strict_message(problems: Sequence[Problem]) -> str:
    """The first of ``problems`` and how many there are, as strict mode reports them:
    ``error: … (and 2 more problems); strict mode``."""
    first = problems[0]
    rest = len(problems) - 1
    more = f" (and {rest} more problem{'' if rest == 1 else 's'})" if rest else ""
    return f"{first.severity}: {first.message}{more}; strict mode"


def check_strict(result: ParseResult) -> ParseResult:
    """``result`` unchanged when it has no problem at all; else ParseError naming the first
    problem's place and how many there are. Strict means any problem, a warning as much as
    an error (an ``@string`` used before its definition, a RIS record without ``ER``)."""
    if result.problems:
        raise ParseError(strict_message(result.problems), where=str(result.problems[0].where))
    return result


def loads(text: str, format: str, *, source: str = "<string>", strict: bool = False) -> ParseResult:
    """Records read from ``text`` in the input format ``format`` (``bibtex``, ``biblatex``,
    ``csl-json``, ``ris`` …).

    A malformed entry is a :class:`~pantucci_bib.problems.Problem` naming ``source:line``,
    and is skipped while the rest loads; so is a warning (a guessed type, a date not
    understood), and the entry is read. With ``strict=True`` any problem, error or warning,
    raises ParseError instead (see :func:`check_strict`).
    """
    if format not in READERS:
        raise UnknownFormatError(f"unknown input format {format!r}; known: {_known()}")
    with collection_paused():
        result = READERS[format](text, source)
    return check_strict(result) if strict else result


#: Byte order marks of other encodings, longest first (UTF-32 LE starts like UTF-16 LE).
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def read_text(path: str | os.PathLike[str]) -> str:
    """The text of the file ``path`` (UTF-8, a leading BOM dropped).

    Raises ParseError naming ``path`` (and ``path:line`` for a bad byte) when the file cannot
    be read, is UTF-16/UTF-32, is not valid UTF-8 (Latin-1, say) or holds a NUL byte (binary).
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ParseError(f"cannot read: {exc.strerror or exc}", where=str(path)) from exc
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise ParseError(
                f"{encoding} text (it starts with a {encoding} byte order mark); save it as UTF-8",
                where=f"{path}:1",
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ParseError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02X} at column {column} "
            "(Latin-1 or another encoding?); save it as UTF-8",
            where=f"{path}:{line}",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ParseError("binary data (a NUL byte), not a text file", where=f"{path}:{line}")
    return text


def load(
    path: str | os.PathLike[str], format: str | None = None, *, strict: bool = False
) -> ParseResult:
    """Records read from the file ``path``; the format is ``format`` or the file's suffix
    (``.bib`` BibTeX, ``.json`` CSL-JSON, ``.ris`` RIS). See :func:`loads`.

    A file that cannot be read as UTF-8 text raises ParseError (see :func:`read_text`).
    """
    fmt = format_for(path, format)
    return loads(read_text(path), fmt, source=str(path), strict=strict)
