"""Issue 15: ``format``, ``export`` and ``keys`` reading the user's own files — standard input
without ``--from``, ``--keys`` and ``--aux`` naming what is not there, a key in two files, a
filter that matches nothing — and the refusals being added with them (an output suffix that
names no format, ``--strict`` on warnings, ``format -o`` of nothing).

Any that do not behave as described yet are in
:data:`support.failure_cases.known.KNOWN_FAILURES`.
"""

from __future__ import annotations

from support.failure_cases.base import GOOD_ITEM, Case, bib, convert, csl_json, entry

_BIB = bib(entry("doe2020", "First"), entry("roe2021", "Second", "2021"))
_OTHER_BIB = bib(entry("doe2020", "First, again"), entry("poe2022", "Third", "2022"))
#: Line 7 is an entry missing its closing brace (then a good one, line 11).
_SYNTAX_ERROR_BIB = bib(
    entry("doe2020", "First"),
    "@article{broken,\n  title = {No closing brace,\n  year = 2020,\n",
    entry("roe2021", "Second", "2021"),
)
_ONLY_ENTRY_BROKEN = b"@article{a,\n  title = {T},\n  year = 20"
_AUX = b"\\relax\n\\citation{doe2020,nobody2019}\n"
_RIS_WITHOUT_ER = b"TY  - JOUR\nTI  - A title\nPY  - 2020\n"
#: An interview with no container: apa renders nothing for it (citeproc-js leaves it out too).
_RENDERS_EMPTY = csl_json(
    GOOD_ITEM,
    '{"id": "yau2021", "type": "interview", "title": "Ports", "author": [{"family": "Yau"}], '
    '"issued": {"date-parts": [[2021]]}}',
)
_AUTHOR_IS_A_STRING = csl_json(
    GOOD_ITEM, '{"id": "bad", "type": "book", "title": "T", "author": "Doe"}'
)

LIBRARY: tuple[Case, ...] = (
    # ---- the user's own files: reading them and selecting from them
    Case(
        "stdin-without-from",
        "standard input (-) without --from",
        ("export", "-"),
        2,
        "standard input (-) needs --from FORMAT",
        "--from",
        (),
        "out.bib",
    ),
    Case(
        "keys-unknown-key",
        "--keys naming a key no input file has",
        ("export", "in.bib", "--keys", "doe2021"),
        2,
        "no record with key 'doe2021'; did you mean",
        "doe2020",
        (("in.bib", _BIB),),
        "out.bib",
    ),
    Case(
        "aux-missing",
        "--aux naming a file that does not exist",
        ("format", "in.bib", "--style", "apa", "--aux", "paper.aux"),
        2,
        "cannot read: No such file or directory",
        "paper.aux",
        (("in.bib", _BIB),),
        "out.txt",
    ),
    Case(
        "aux-unknown-key",
        "an .aux file citing a key no input file has",
        ("format", "in.bib", "--style", "apa", "--aux", "paper.aux"),
        2,
        "no record with key 'nobody2019'",
        "nobody2019",
        (("in.bib", _BIB), ("paper.aux", _AUX)),
        "out.txt",
    ),
    Case(
        "key-in-two-files",
        "the same key in two input files",
        ("format", "in.bib", "other.bib", "--style", "apa"),
        2,
        "duplicate citation key 'doe2020': in in.bib and other.bib",
        "in.bib",
        (("in.bib", _BIB), ("other.bib", _OTHER_BIB)),
        "out.txt",
    ),
    Case(
        "bibliography-missing",
        "--bibliography naming a file that does not exist",
        ("export", "--bibliography", "gone.bib"),
        2,
        "cannot read: No such file or directory",
        "gone.bib",
        (),
        "out.bib",
    ),
    Case(
        "format-syntax-error",
        ".bib with a syntax error given to format (lenient: the good entries are formatted)",
        ("format", "in.bib", "--style", "apa"),
        0,
        "wrote 2 references to out.txt; 1 entry skipped",
        "in.bib:7: error: malformed entry skipped",
        (("in.bib", _SYNTAX_ERROR_BIB),),
        "out.txt",
        lines=2,
        written=True,
    ),
    Case(
        "export-syntax-error",
        ".bib with a syntax error given to export (lenient: the good entries are written)",
        ("export", "in.bib"),
        0,
        "wrote 2 records to out.bib; 1 entry skipped",
        "in.bib:7: error: malformed entry skipped",
        (("in.bib", _SYNTAX_ERROR_BIB),),
        "out.bib",
        lines=2,
        written=True,
    ),
    Case(
        "export-every-entry-broken",
        ".bib whose only entry is malformed, given to export",
        ("export", "in.bib"),
        2,
        "nothing written to out.bib",
        "in.bib:1: error: malformed entry skipped",
        (("in.bib", _ONLY_ENTRY_BROKEN),),
        "out.bib",
        lines=3,
    ),
    Case(
        "format-every-entry-broken",
        ".bib whose only entry is malformed, given to format",
        ("format", "in.bib", "--style", "apa"),
        2,
        "nothing written to out.txt",
        "in.bib:1: error: malformed entry skipped",
        (("in.bib", _ONLY_ENTRY_BROKEN),),
        "out.txt",
        lines=3,
    ),
    Case(
        "export-matches-nothing",
        "export -o with filters that match no record of the file",
        ("export", "in.bib", "--year", "1900"),
        2,
        "nothing written to out.bib",
        "warning: no records match --year 1900",
        (("in.bib", _BIB),),
        "out.bib",
        lines=2,
    ),
    Case(
        "format-matches-nothing",
        "format -o with filters that match no record of the file",
        ("format", "in.bib", "--style", "apa", "--year", "1900"),
        2,
        "nothing written to out.txt",
        "warning: no records match --year 1900",
        (("in.bib", _BIB),),
        "out.txt",
        lines=2,
    ),
    # ---- an -o suffix that names no output format
    convert(
        "convert-unknown-output-suffix",
        "convert -o with a suffix that names no output format",
        "in.bib",
        _BIB,
        exit=2,
        says='unknown output suffix ".docx"',
        where="refs.docx",
        output="refs.docx",
    ),
    Case(
        "export-unknown-output-suffix",
        "export -o with a suffix that names no output format",
        ("export", "in.bib"),
        2,
        'unknown output suffix ".docx"',
        "refs.docx",
        (("in.bib", _BIB),),
        "refs.docx",
    ),
    Case(
        "format-unknown-output-suffix",
        "format -o with a suffix that names no output format",
        ("format", "in.bib", "--style", "apa"),
        2,
        'unknown output suffix ".pdf"',  # .docx until issue 18 made format write Word
        "refs.pdf",
        (("in.bib", _BIB),),
        "refs.pdf",
    ),
    # ---- --strict and warnings: an entry read but guessed fails a strict run too
    convert(
        "convert-strict-warning",
        "convert --strict of a file that gives a warning",
        "in.json",
        _AUTHOR_IS_A_STRING,
        exit=3,
        says="1 warning in strict mode; nothing written",
        where="in.json:3: warning: author not read",
        lines=2,
        extra=("--strict",),
        output="out.bib",
    ),
    Case(
        "format-strict-entry-left-out",
        "format --strict of a record the style renders nothing for",
        ("format", "in.json", "--style", "apa", "--strict"),
        3,
        "1 record left out (the style renders nothing for them) in strict mode; nothing written",
        "yau2021: style 'apa' renders nothing for this record",
        (("in.json", _RENDERS_EMPTY),),
        "out.txt",
        lines=2,
    ),
    Case(
        "cite-strict-entry-left-out",
        "cite --strict --with-bibliography of a record the style renders nothing for",
        (
            "cite",
            "yau2021",
            "--bibliography",
            "in.json",
            "--style",
            "apa",
            "--strict",
            "--with-bibliography",
        ),
        3,
        "1 record left out (the style renders nothing for them) in strict mode; nothing written",
        "yau2021: style 'apa' renders nothing for this record",
        (("in.json", _RENDERS_EMPTY),),
        "out.txt",
        lines=2,
    ),
    Case(
        "export-strict-warning",
        "export --strict of a file that gives a warning",
        ("export", "in.ris", "--strict"),
        3,
        "in.ris: 1 warning in strict mode; nothing written",
        "in.ris:1: warning: last record not closed by ER",
        (("in.ris", _RIS_WITHOUT_ER),),
        "out.bib",
        lines=2,
    ),
)
