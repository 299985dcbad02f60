"""Numbered notes (RUSI / Chicago notes style) → the works they cite, as Records.

A page's notes section ("Notes" heading, then ``1. …``, ``2. …``) is split into notes; each
note into citations (at ``;`` and at sentence ends outside quotes and brackets); each
citation into its parts: authors or a corporate author, the quoted title, a translated
title in square brackets, container, series and number, date, URL in angle brackets and
"accessed" date. Explanatory prose yields nothing; author interviews become ``interview``
records.

Repeats are resolved to the work they repeat, so that there is one record per work with
the numbers of every note that cites it: a full citation repeated word for word, a short
form (author and short title), "see note 41" / "As highlighted in note 41", and "Ibid.".
Page numbers are pin-cites and stay with the :class:`NoteCitation`, not the work.

Notes the parser cannot read are :class:`~pantucci_bib.problems.Problem` s with the
note's number; ``strict=True`` raises on them instead.

>>> result = parse_notes('''Notes
...
... 1. Jane Doe, ‘A Title of Some Length’, Example Times, 2 May 2019, accessed 3 June 2020.
...
... 2. Doe, ‘A Title’, p. 4.
... ''', "page.txt")
>>> [(r.key, r.container_title, r.issued.iso()) for r in result.records]
[('doeTitleSomeLength2019', 'Example Times', '2019-05-02')]
>>> [(c.note_number, c.form, c.pinpoint) for c in result.citations]
[(1, 'full', ''), (2, 'short', 'p. 4')]
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.errors import ParseError
from pantucci_bib.keys import assign_keys
from pantucci_bib.model import (
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
    Relation,
    RelationKind,
)
from pantucci_bib.names import parse_name
from pantucci_bib.problems import ParseResult, Problem

__all__ = [
    "NoteCitation",
    "Note",
    "NotesResult",
    "find_notes",
    "parse_notes",
    "split_citations",
]

CitationForm = Literal["full", "repeat", "short", "note", "ibid"]

#: Prefix of the ``note`` field that carries a title's translation ("[‘…’]" in the note).
TRANSLATED_TITLE = "Translated title: "


@attrs.frozen
class Note:
    """One numbered note: its number, the 1-based line it starts on, and its text."""

    number: int
    line: int
    text: str


@attrs.frozen
class NoteCitation:
    """One note's reference to one work.

    ``form`` says how the note refers to it: ``full`` (first full citation), ``repeat`` (a
    later full citation of the same work), ``short`` (author and short title), ``note``
    ("see note 41") or ``ibid``. ``pinpoint`` is the page or range the note points at.
    """

    note_number: int
    key: str
    form: CitationForm = "full"
    pinpoint: str = ""
    line: int = 0


def _records(items: Iterable[Record]) -> tuple[Record, ...]:
    return tuple(items)


def _notes(items: Iterable[Note]) -> tuple[Note, ...]:
    return tuple(items)


def _citations(items: Iterable[NoteCitation]) -> tuple[NoteCitation, ...]:
    return tuple(items)


def _problems(items: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(items)


@attrs.frozen
class NotesResult:
    """What :func:`parse_notes` read: the notes, one record per cited work, every citation.

    ``records`` holds the works not already in the ``known`` records passed to the parser;
    ``citations`` refer to works by key, known or new.
    """

    source: str
    notes: tuple[Note, ...] = attrs.field(default=(), converter=_notes)
    records: tuple[Record, ...] = attrs.field(default=(), converter=_records)
    citations: tuple[NoteCitation, ...] = attrs.field(default=(), converter=_citations)
    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_problems)

    def relations(self) -> tuple[Relation, ...]:
        """A ``cites`` relation per work, in order of first citation, with its note numbers."""
        numbers: dict[str, list[int]] = {}
        for citation in self.citations:
            seen = numbers.setdefault(citation.key, [])
            if citation.note_number not in seen:
                seen.append(citation.note_number)
        return tuple(
            Relation(RelationKind.CITES, key, tuple(sorted(nums))) for key, nums in numbers.items()
        )

    def parse_result(self) -> ParseResult:
        """The records and problems as a reader's :class:`ParseResult`."""
        return ParseResult(self.records, self.problems)


# --------------------------------------------------------------------------- finding notes

_HEADING = re.compile(
    r"^\s*(?:(?:end|foot)?notes(?:\s+and\s+references)?|references|sources)\s*:?\s*$", re.I
)
_NOTE_START = re.compile(r"^\s*(?:\[(?P<b>\d{1,4})\]|(?P<n>\d{1,4})[.)])\s+(?=\S)")


def find_notes(text: str) -> tuple[Note, ...]:
    """The numbered notes of ``text``: after a "Notes" heading, else every run from "1.".

    A note runs on over following lines until a blank line; a paragraph that is not
    numbered, or a number that does not go up, ends the run.
    """
    notes, _ = _find_notes(text, "")
    return notes


def _find_notes(text: str, source: str) -> tuple[tuple[Note, ...], list[Problem]]:
    lines = text.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if _HEADING.match(line)]
    if not starts:
        starts = [i for i, line in enumerate(lines) if _note_number(line) == 1]
    notes: list[Note] = []
    problems: list[Problem] = []
    done_until = -1
    for start in starts:
        if start <= done_until:
            continue
        run, done_until = _collect_run(lines, start)
        for previous, note in itertools.pairwise(run):
            expected = previous.number + 1
            if note.number != expected:
                missing = f"{expected}" if note.number == expected + 1 else ""
                missing = missing or f"{expected}–{note.number - 1}"
                problems.append(
                    Problem(
                        Provenance(source, note.line, note.number),
                        f"note {missing} missing from the numbering",
                        "warning",
                    )
                )
        notes.extend(run)
    return tuple(notes), problems


def _note_number(line: str) -> int | None:
    match = _NOTE_START.match(line)
    if not match:
        return None
    return int(match.group("b") or match.group("n"))


def _collect_run(lines: Sequence[str], start: int) -> tuple[list[Note], int]:
    """The notes from line index ``start`` on, and the index where the run ended."""
    run: list[Note] = []
    parts: list[str] = []
    blank_since_note = False
    index = start
    while index < len(lines):
        line = lines[index]
        match = _NOTE_START.match(line)
        if match:
            number = int(match.group("b") or match.group("n"))
            if run and number <= run[-1].number:
                break  # numbering starts again: another section
            if run:
                run[-1] = attrs.evolve(run[-1], text=" ".join(parts))
            run.append(Note(number, index + 1, ""))
            parts = [line[match.end() :].strip()]
            blank_since_note = False
        elif not line.strip():
            blank_since_note = True
        elif run and not blank_since_note:
            parts.append(line.strip())  # a note wrapped over several lines
        else:
            break  # prose after the notes, or a heading that leads to no notes
        index += 1
    if run:
        run[-1] = attrs.evolve(run[-1], text=" ".join(parts))
    return run, index


# ------------------------------------------------------------------- splitting a note

_OPENERS = {"‘": "’", "“": "”", '"': '"'}
_ABBREVIATIONS = frozenset(
    """no nos vol vols pp p ed eds trans comp rev cf eg ie jr sr dr mr mrs ms st mt co inc ltd
    corp dept univ fig ch chap sec para n nn op cit art al""".split()  # noqa: SIM905
)


@attrs.frozen
class _Quote:
    start: int  # the opening mark
    body_start: int
    body_end: int
    end: int  # after the closing mark
    closed: bool


def _quote_at(text: str, pos: int) -> _Quote | None:
    """A title in quotation marks opening at ``pos``, if it opens in a citation position."""
    opener = text[pos]
    if opener not in _OPENERS or pos + 1 >= len(text) or text[pos + 1].isspace():
        return None
    before = text[:pos].rstrip()
    if (
        before
        and before[-1] not in ",;:[(."
        and not re.search(r"(?:^|\s)(?:see|in)$", before, re.I)
    ):
        return None
    closer = _OPENERS[opener]
    for k in range(pos + 1, len(text)):
        if text[k] == closer and _closes(text, k):
            return _Quote(pos, pos + 1, k, k + 1, True)
    return _Quote(pos, pos + 1, len(text), len(text), False)


def _closes(text: str, k: int) -> bool:
    after = text[k + 1 :]
    if not after:
        return True
    if after[0] in ",.;:)]":
        return True
    if after[0].isspace():
        if re.match(r"\s*[\[<(]", after) or not after.strip():
            return True
        return text[k - 1] in ",."  # “Title,” Journal (US style: the comma inside)
    return False


def _quotes(text: str) -> list[_Quote]:
    found: list[_Quote] = []
    pos = 0
    while pos < len(text):
        quote = _quote_at(text, pos) if text[pos] in _OPENERS else None
        if quote is not None and quote.closed:
            found.append(quote)
            pos = quote.end
        else:
            pos += 1
    return found


def _protected(text: str) -> list[tuple[int, int]]:
    """Spans a split must not cut: closed quoted titles and bracketed text."""
    spans = [(q.start, q.end) for q in _quotes(text)]
    pairs = {"<": ">", "[": "]", "(": ")"}
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if any(a <= i < b for a, b in spans):
            continue
        if ch in pairs:
            stack.append((pairs[ch], i))
        elif stack and ch == stack[-1][0]:
            _, opened = stack.pop()
            if not stack:
                spans.append((opened, i + 1))
    return spans


def split_citations(text: str) -> list[str]:
    """A note's text cut into its citations and sentences.

    Cuts at ``;`` and at a full stop that ends a sentence (not an abbreviation or an
    initial), never inside quoted titles, square or angle brackets, or parentheses.
    """
    spans = _protected(text)

    def inside(i: int) -> bool:
        return any(a <= i < b for a, b in spans)

    pieces: list[str] = []
    begin = 0
    for i, ch in enumerate(text):
        if inside(i):
            continue
        cut = ch == ";"
        if ch == "." and text[i + 1 : i + 2].isspace():
            rest = text[i + 1 :].lstrip()
            word = re.search(r"([\w’'.]+)$", text[begin:i])
            token = word.group(1) if word else ""
            cut = bool(rest) and (rest[0].isupper() or rest[0] in '‘“"<')
            if token.lower().strip(".") in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", token):
                cut = False
            if "." in token:  # U.S., e.g.
                cut = False
        if cut:
            pieces.append(text[begin:i])
            begin = i + 1
    pieces.append(text[begin:])
    return [p for p in (_clean(piece) for piece in pieces) if p]


def _clean(piece: str) -> str:
    piece = " ".join(piece.split())
    while piece.endswith((".", ";", ",")) and not re.search(
        r"(?:\b(?:[A-Z]|ed|eds|al|Jr|Sr|Co|Ltd|Inc)|\.\w)\.$", piece
    ):
        piece = piece[:-1].rstrip()
    return piece


# ------------------------------------------------------------------ recognising names

#: Words that make a leading name an organisation (a corporate author).
_ORG_WORDS = frozenset(
    """ministry ministries embassy consulate government republic kingdom federation council
    commission committee organisation organization association structure institute
    institution university college school academy centre center foundation fund bank company
    corporation corp llc ltd inc plc group office department palace presidential president
    parliament assembly secretariat programme program initiative forum network society
    administration authority bureau court nations""".split()  # noqa: SIM905
)
#: Words that make a leading name a news outlet (the container, not the author).
_NEWS_WORDS = frozenset(
    """daily times news post journal herald tribune gazette telegraph radio television tv
    archives wire press today express observer monitor chronicle courier mail weekly
    magazine caijing business insider digest bulletin reporter broadcasting newswire
    newspaper""".split()  # noqa: SIM905
)
#: News agencies, broadcasters and outlets known by a bare name (no telltale word).
_NEWS_OUTLETS = frozenset(
    [
        "xinhua", "xinhuanet", "reuters", "associated press", "ap", "afp",
        "agence france presse", "upi", "united press international", "tass", "itar tass",
        "ria novosti", "interfax", "sputnik", "bbc", "cnn", "cgtn", "cctv", "cri",
        "al jazeera", "bloomberg", "kyodo", "yonhap", "dpa", "efe", "ansa", "anadolu agency",
        "pti", "ani", "kabar", "akipress", "24 kg", "kazinform", "tengrinews", "trend", "uza",
        "kun uz", "gazeta uz", "kursiv", "fergana", "eurasianet", "azattyk", "ozodi", "rferl",
        "rfe rl", "voa", "caixin", "caixin global", "nikkei", "nikkei asia", "scmp",
        "the paper", "sina", "sohu", "ifeng", "phoenix", "global times", "eurasia review",
    ]
)  # fmt: skip
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|asia|[a-z]{2})$", re.I)
_PARTICLES = frozenset(
    """van von der den de del della di da dos du la le ter ten bin ibn al""".split()  # noqa: SIM905
)
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'\-.]*$")
_PINYIN_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|ve|er|an|en|"
    r"in|un|vn|ia|ua|uo|a|o|e|i|u|v)"
)
# a syllable has an initial, or its final starts with a, o or e ("an", "ou", "er")
_PINYIN_SYLLABLE = (
    rf"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]){_PINYIN_FINAL}"
    r"|(?:ang|eng|ai|ei|ao|ou|er|an|en|a|o|e))"
)
_ONE_SYLLABLE = re.compile(_PINYIN_SYLLABLE, re.I)
_TWO_SYLLABLES = re.compile(f"{_PINYIN_SYLLABLE}{_PINYIN_SYLLABLE}", re.I)
_TONE_MARKS = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")
_NOT_PINYIN = frozenset("şçʙğıäëößøåñ")


def fold(text: str) -> str:
    """Lower-case ASCII-ish text with punctuation removed, for comparing names and titles."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", bare).split())


def _words(name: str) -> list[str]:
    return re.findall(r"[\w’'\-./]+", name)


def _is_news_name(name: str) -> bool:
    if fold(name) in _NEWS_OUTLETS or _DOMAIN.match(name.strip()):
        return True
    for word in _words(name):
        low = word.casefold().strip(".")
        if low in _NEWS_WORDS:
            return True
        # CamelCase compounds: UzDaily, NewsDay
        for news in _NEWS_WORDS:
            cut = len(word) - len(news)
            if cut > 0 and low.endswith(news) and word[cut].isupper():
                return True
    return False


def _is_org_name(name: str) -> bool:
    for word in _words(name):
        bare = word.casefold().strip(".").removesuffix("’s").removesuffix("'s")
        if bare in _ORG_WORDS:
            return True
    return False


def _is_person(name: str) -> bool:
    tokens = name.replace(" et al.", "").split()
    if not 2 <= len(tokens) <= 5:
        return False
    for token in tokens:
        if token.lower() in _PARTICLES and token.islower():
            continue
        if not _NAME_TOKEN.match(token) or any(ch.isdigit() for ch in token):
            return False
        letters = [ch for ch in token if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            return False  # an acronym: SCO, LLC
        if token.endswith(("’s", "'s")):
            return False
    return not (_is_org_name(name) or _is_news_name(name))


def _person_list(text: str) -> list[str] | None:
    """Names in "A and B" / "A, B and C" form if every one is a personal name."""
    text = re.sub(r"\s+et al\.?$", "", text.strip())
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if n.strip()]
    if names and all(_is_person(n) for n in names):
        return names
    return None


def _person(text: str) -> Person:
    tokens = text.split()
    family_first: bool | None = None
    if (
        len(tokens) == 2
        and _ONE_SYLLABLE.fullmatch(fold(tokens[0]))
        and _TWO_SYLLABLES.fullmatch(fold(tokens[1]))
    ):
        family_first = True  # Xi Jinping, Li Lifan: a one-syllable surname, two-syllable name
    return parse_name(text, family_first=family_first)


def _corporate(text: str) -> tuple[Person, list[str]]:
    """A corporate name and its aliases ("Shanghai Cooperation Organisation (SCO)")."""
    aliases: list[str] = []
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text.strip())
    if match:
        text, alias = match.group(1), match.group(2)
        aliases.append(alias)
    return Person(literal=text.strip()), aliases


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w’'-]*", name) if w[0].isupper())


def _looks_pinyin(title: str) -> bool:
    marked = [ch for ch in title if ch in _TONE_MARKS]
    return len(marked) >= 2 and not any(ch in _NOT_PINYIN for ch in title.casefold())


# ------------------------------------------------------------------ parsing one citation

_SEE = re.compile(
    r"^(?:(?:for (?:example|instance|more|details)[^,]*,\s*)?(?:see(?:\s+also)?|cf\.?|also)\s+)",
    re.I,
)
_IBID = re.compile(r"^ibid\.?(?:,?\s*(?P<rest>.+))?$", re.I)
_NOTE_REF = re.compile(
    r"\b(?:see|in|at|cf\.?|from)\s+(?:the\s+)?(?:endnotes?|notes?|nn?\.)\s*(?P<a>\d+)"
    r"(?P<more>(?:\s*(?:,|and|&|–|-)\s*\d+)*)"
    r"|\b(?:notes?|nn?\.)\s*(?P<b>\d+)\s+(?:above|supra)\b",
    re.I,
)
_INTERVIEW = re.compile(
    r"^(?:(?:the\s+)?authors?(?:[’']s|s[’'])?\s+)?interviews?(?:\s+by\s+the\s+authors?)?\b"
    r"(?P<rest>.*)$",
    re.I,
)
_URL = re.compile(r"(?P<lt><+)\s*(?P<url>(?:https?://|www\.)[^>\s]+)\s*>|(?P<bare>https?://\S+)")
_ACCESSED = re.compile(
    r"\(?\b(?:last\s+)?(?:accessed|retrieved|consulted|viewed)(?:\s+on)?:?\s+(?P<date>[^,;()<]+?\d{4})\)?",
    re.I,
)
_PINPOINT = re.compile(
    r"^(?:pp?\.|pages?|at|paras?\.|ch\.|chap\.)\s*[\dxivlc]+(?:\s*[–—-]\s*[\dxivlc]+)?"
    r"(?:\s*(?:,|and)\s*[\dxivlc]+(?:\s*[–—-]\s*[\dxivlc]+)?)*$",
    re.I,
)
_VOLUME = re.compile(r"^(?:vol\.|volume)\s*(?P<v>[\w.-]+)$", re.I)
_NUMBER = re.compile(r"^(?:no\.|nos\.|number|issue)\s*(?P<n>[\w.-]+)$", re.I)
_SERIES = re.compile(r"^(?P<series>.+?),?\s+(?:no\.|number)\s*(?P<n>[\w.-]+)$", re.I)
_REPORT_WORDS = re.compile(
    r"\b(?:reports?|papers?|briefs?|briefings?|series|studies|analys[ie]s|notes|commentar(?:y|ies))\b",
    re.I,
)
_SPEECH = re.compile(
    r"^(?:(?:a\s+)?(?:speech|address|remarks|lecture|keynote(?:\s+speech)?|statement)"
    r"(?:\s+(?:given|delivered|made))?\s+(?:at|to|before)\s+)(?P<where>.+)$",
    re.I,
)
_JOURNAL = re.compile(
    r"^(?P<container>.+?)\s+(?P<vol>\d+)(?:,\s*no\.\s*(?P<no>[\w-]+))?\s*\((?P<date>[^()]+)\)"
    r"(?::\s*(?P<pages>[\dxivlc]+(?:\s*[–—-]\s*[\dxivlc]+)?))?$",
    re.I,
)
_PAREN = re.compile(r"^(?P<head>.*?)\s*\((?P<inner>[^()]*)\)$")
_FACTS = re.compile(r"^(?:(?P<place>[^:]+):\s*)?(?P<publisher>[^,]+?)?,?\s*(?P<year>\d{4})$")
_WORKS_OF = re.compile(r"^(?:selected|collected|complete)\s+works\s+of\s+(?P<who>.+)$", re.I)
_EDITOR = re.compile(r"^(?P<names>.+?)\s*(?:\((?:eds?\.?)\)|,?\s+eds?\.)$", re.I)
_SITE_LEAD = re.compile(
    r"^(?:data|figures|statistics|information)\s+(?:from|at)\s*|^(?:available|online)\s+(?:at|from)\s*",
    re.I,
)
_SITE_NAME = re.compile(
    r"(?:^|\s)(?:on|at|from|in|see|by)\s+(?:the\s+)?(?P<site>(?:[A-Z0-9][\w’'&.-]*\s+){1,6}"
    r"(?:website|web\s+site|site|homepage|portal|database))\s*$",
)
_SEASON = re.compile(r"^(?:(?P<season>spring|summer|autumn|fall|winter)\s+)?(?P<year>\d{4})$", re.I)


@attrs.define
class _Work:
    """A cited work while the notes are being read (mutable; becomes a Record)."""

    type: RecordType = RecordType.DOCUMENT
    title: str = ""
    translated: str = ""
    author: list[Person] = attrs.Factory(list)
    editor: list[Person] = attrs.Factory(list)
    aliases: list[str] = attrs.Factory(list)
    container: str = ""
    container_is_news: bool = False
    publisher: str = ""
    place: str = ""
    volume: str = ""
    issue: str = ""
    issued: PartialDate | None = None
    accessed: PartialDate | None = None
    url: str = ""
    language: str = ""
    genre: str = ""
    notes: list[tuple[int, int]] = attrs.Factory(list)  # (note number, line)
    known_key: str = ""


@attrs.define
class _Piece:
    kind: Literal["work", "note", "ibid", "prose", "unknown"]
    work: _Work | None = None
    pinpoint: str = ""
    short_name: str | None = None  # set when the citation could be a short form
    note_refs: tuple[int, ...] = ()
    warnings: list[str] = attrs.Factory(list)


def _split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` outside quotes, brackets and parentheses."""
    spans = _protected(text)
    parts: list[str] = []
    begin = 0
    for i, ch in enumerate(text):
        if ch == sep and not any(a <= i < b for a, b in spans):
            parts.append(text[begin:i])
            begin = i + 1
    parts.append(text[begin:])
    return [p.strip() for p in parts if p.strip()]


def _date(text: str) -> PartialDate | None:
    """A date that is the whole of ``text`` ("11 November 2000", "May 2018", "2013")."""
    text = text.strip().rstrip(".")
    season = _SEASON.fullmatch(text)
    if season:
        return PartialDate(int(season.group("year")), as_written=text)
    found = find_written(text)
    if found is None:
        return None
    date, (start, end) = found
    if text[:start].strip(" ,") or text[end:].strip(" ,."):
        return None
    return date


def _parse_piece(piece: str) -> _Piece:
    text = _SEE.sub("", piece).strip()
    ibid = _IBID.match(text)
    if ibid:
        return _Piece("ibid", pinpoint=(ibid.group("rest") or "").strip())
    first_quote = next(
        (q for i, ch in enumerate(text) if ch in _OPENERS and (q := _quote_at(text, i))), None
    )
    ref = _NOTE_REF.search(text)
    if ref and (first_quote is None or first_quote.start > ref.start()):
        numbers = [int(ref.group("a") or ref.group("b"))]
        numbers += [int(n) for n in re.findall(r"\d+", ref.group("more") or "")]
        return _Piece("note", note_refs=tuple(numbers))
    interview = _INTERVIEW.match(text)
    if interview:
        return _interview(interview.group("rest"))
    if first_quote is not None:
        return _titled(text, first_quote)
    if _URL.search(text):
        return _website(text)
    book = _book(text)
    if book is not None:
        return book
    words = text.split()
    lower = sum(1 for w in words if w[:1].islower())
    if len(words) >= 6 and lower / len(words) >= 0.3:
        return _Piece("prose")
    return _Piece("unknown")


def _take_url_and_accessed(text: str, work: _Work, warnings: list[str]) -> str:
    match = _URL.search(text)
    if match:
        url = match.group("url") or match.group("bare") or ""
        url = url.rstrip(".,;)")
        if match.group("lt") and len(match.group("lt")) > 1:
            warnings.append("stray '<' before the URL")
        work.url = url if url.startswith("http") else "https://" + url
        text = text[: match.start()] + text[match.end() :]
    accessed = _ACCESSED.search(text)
    if accessed:
        date = _date(accessed.group("date"))
        if date is not None:
            work.accessed = date
            text = text[: accessed.start()] + text[accessed.end() :]
    return text


def _titled(text: str, quote: _Quote) -> _Piece:
    warnings: list[str] = []
    work = _Work()
    pre = text[: quote.start].strip().rstrip(",").strip()
    title = text[quote.body_start : quote.body_end].strip()
    after = text[quote.end :]
    if not quote.closed:
        warnings.append("the title's quotation mark is not closed")
        # the title runs to the first part that cannot be a title
        cut = re.search(r",\s*(?:<|https?://|accessed\b)", title)
        if cut:
            after = title[cut.start() :]
            title = title[: cut.start()]
        title = title.rstrip(". ")
    work.title = title.rstrip(",").strip()
    translation = re.match(r"\s*\[(?P<t>[^\]]+)\]", after)
    if translation:
        work.translated = _unquote(translation.group("t").strip())
        after = after[translation.end() :]
    after = _take_url_and_accessed(after, work, warnings)
    if work.translated and _looks_pinyin(work.title):
        work.language = "zh"
    tail = after.strip().lstrip(",").strip().rstrip(".")
    # Chicago's "Journal 12, no. 3 (2010): 45–67" is one unit despite its comma
    rest = [tail] if _JOURNAL.match(tail) else _split_top(after)
    # a short form: one name (or none), the title, at most a pin-cite after it
    short = (
        not (work.url or work.accessed)
        and all(_is_pinpoint(c.rstrip(".")) and not _date(c) for c in rest)
        and _names_only(pre)
    )
    _read_pre(pre, work)
    pinpoint = _read_rest(rest, work)
    work.type = _work_type(work, pre)
    return _Piece("work", work, pinpoint, pre if short else None, warnings=warnings)


def _names_only(pre: str) -> bool:
    """True for what a short form puts before its title: one name, or family names only."""
    chunks = _split_top(pre)
    if len(chunks) <= 1:
        return True
    return all(re.fullmatch(r"(?:and\s+)?[A-Z][\w’'-]+", c) for c in chunks)


def _is_pinpoint(chunk: str) -> bool:
    """A pin-cite: "p. 4", "pp. 3–29", or a bare "46" (once a date is ruled out)."""
    return bool(_PINPOINT.match(chunk) or re.fullmatch(r"\d{1,4}(?:\s*[–—-]\s*\d+)?", chunk))


def _unquote(text: str) -> str:
    """``‘Title’`` → ``Title``: one pair of outer quotation marks, not nested ones."""
    if len(text) >= 2 and text[0] in _OPENERS and text[-1] == _OPENERS[text[0]]:
        return text[1:-1].strip()
    return text


def _read_pre(pre: str, work: _Work) -> None:
    """Names before the title: authors or editors, a corporate author, or a news outlet."""
    chunks = _split_top(pre)
    rest: list[str] = []
    for chunk in chunks:
        bare = re.sub(r"^and\s+", "", chunk)
        if bare.casefold() in ("ed.", "eds.", "ed", "eds", "(ed.)", "(eds)", "(eds.)"):
            work.editor.extend(work.author)  # "Jane Doe, ed., Title"
            work.author.clear()
            continue
        editors = _editor_names(bare)
        people = _person_list(bare)
        if editors is not None and not rest:
            work.editor.extend(_person(n) for n in editors)
            work.aliases.extend(editors)
        elif people is not None and not rest:
            work.author.extend(_person(n) for n in people)
            work.aliases.extend(people)
        else:
            rest.append(chunk)
    for index, chunk in enumerate(rest):
        volume = _VOLUME.match(chunk)
        if volume:
            work.volume = volume.group("v")
            continue
        works_of = _WORKS_OF.match(chunk)
        if works_of:  # "Selected Works of Jiang Zemin": the book, and its author
            work.container = chunk
            who = works_of.group("who")
            if not work.author:
                work.author.append(_person(who) if _is_person(who) else Person(literal=who))
            continue
        if index + 1 < len(rest) and _VOLUME.match(rest[index + 1]):
            work.container = chunk
        elif not work.author and not work.container and index == 0:
            if _is_news_name(chunk) and not _is_org_name(chunk):
                work.container = chunk
                work.container_is_news = True
                work.aliases.append(chunk)
            else:
                person, aliases = _corporate(chunk)
                work.author.append(person)
                work.aliases.extend([person.literal, *aliases])
        elif not work.container:
            work.container = chunk
        else:
            work.publisher = ", ".join(p for p in (work.publisher, chunk) if p)


def _editor_names(text: str) -> list[str] | None:
    """Editors in "Jane Roe (ed.)", "Jane Roe, ed.", "ed. Jane Roe" or "edited by Jane Roe"."""
    match = _EDITOR.match(text) or re.match(r"^(?:eds?\.|edited\s+by)\s+(?P<names>.+)$", text)
    return _person_list(match.group("names")) if match else None


def _read_rest(chunks: list[str], work: _Work) -> str:
    """What follows the title: container, series and number, date, pages, speech venue."""
    pinpoint = ""
    texts: list[str] = []
    series = ""
    in_speech = False
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if _PINPOINT.match(chunk):
            pinpoint = chunk
            continue
        date = _date(chunk)
        if date is not None:
            work.issued = work.issued or date
            in_speech = False
            continue
        if _is_pinpoint(chunk):
            pinpoint = chunk  # Chicago gives a bare page number
            continue
        journal = _JOURNAL.match(chunk)
        if journal and not _date(journal.group("container")):
            work.container = work.container or journal.group("container")
            work.volume, work.issue = journal.group("vol"), journal.group("no") or ""
            work.issued = work.issued or _date(journal.group("date"))
            pinpoint = journal.group("pages") or pinpoint
            work.type = RecordType.ARTICLE_JOURNAL
            continue
        paren = _PAREN.match(chunk)
        if paren and paren.group("inner"):
            inner = paren.group("inner")
            facts = _FACTS.match(inner)
            if facts and ":" in inner:
                work.place = (facts.group("place") or "").strip()
                work.publisher = (facts.group("publisher") or "").strip()
                work.issued = work.issued or _date(facts.group("year"))
                head = paren.group("head").strip()
                if (editors := _editor_names(head)) is not None:
                    work.editor.extend(_person(n) for n in editors)
                elif head:
                    texts.append(head)
                continue
            if re.search(r"\b(?:vol\.|volume|no\.)", inner, re.I):
                if paren.group("head"):
                    texts.append(paren.group("head"))
                _read_rest(_split_top(inner), work)
                work.type = RecordType.ARTICLE_JOURNAL
                continue
        if (volume := _VOLUME.match(chunk)) is not None:
            work.volume = volume.group("v")
            continue
        if (number := _NUMBER.match(chunk)) is not None:
            work.issue = number.group("n")
            if texts and not work.volume:
                series = texts.pop()
            continue
        if (numbered := _SERIES.match(chunk)) is not None and not _date(numbered.group("series")):
            series, work.issue = numbered.group("series"), numbered.group("n")
            continue
        speech = _SPEECH.match(chunk)
        if speech:
            work.type = RecordType.SPEECH
            work.genre = "speech"
            work.place = speech.group("where")
            in_speech = True
            continue
        if in_speech:
            work.place = f"{work.place}, {chunk}"
            continue
        if (editors := _editor_names(chunk.removeprefix("in "))) is not None:
            work.editor.extend(_person(n) for n in editors)
            if chunk.startswith("in "):
                work.type = RecordType.CHAPTER
            continue
        if chunk.startswith("in "):
            work.type = RecordType.CHAPTER
            chunk = chunk[3:]
        texts.append(chunk)
    if series:
        if work.container:  # the outlet named before the title publishes the series
            work.publisher = ", ".join(p for p in (work.publisher, work.container) if p)
        work.container = series
        work.publisher = ", ".join(p for p in (work.publisher, *texts) if p)
        if _REPORT_WORDS.search(series) or work.publisher:
            work.type = RecordType.REPORT
    elif texts:
        if work.container:
            work.publisher = ", ".join(p for p in (work.publisher, *texts) if p)
        else:
            work.container = texts[0]
            work.publisher = ", ".join(p for p in (work.publisher, *texts[1:]) if p)
            work.aliases.append(texts[0])
    return pinpoint


def _work_type(work: _Work, pre: str) -> RecordType:
    if work.type is not RecordType.DOCUMENT:
        return work.type
    personal = any(not p.literal for p in work.author)
    if work.container and work.volume and any(_VOLUME.match(c) for c in _split_top(pre)):
        return RecordType.CHAPTER
    if work.container and (work.volume or work.issue):
        return RecordType.ARTICLE_JOURNAL
    if work.container and (work.container_is_news or personal or _is_news_name(work.container)):
        return RecordType.ARTICLE_NEWSPAPER
    if work.publisher and not work.container and work.issued and not work.url:
        return RecordType.BOOK
    if work.url:
        return RecordType.WEBPAGE
    return RecordType.DOCUMENT


def _website(text: str) -> _Piece:
    """A citation of a site with no quoted title: "StatCounter, <https://…>, accessed …"."""
    warnings: list[str] = []
    work = _Work(type=RecordType.WEBPAGE)
    match = _URL.search(text)
    assert match is not None
    name = text[: match.start()].strip().rstrip(",").strip()
    rest = _take_url_and_accessed(text[match.start() :], work, warnings)
    name = _SITE_LEAD.sub("", name).strip()
    site = _SITE_NAME.search(name)
    chunks = _split_top(name)
    if site:
        work.title = " ".join(site.group("site").split())
    elif chunks and len(chunks[0].split()) <= 6 and chunks[0][:1].isupper():
        work.title = chunks[0]
        for chunk in chunks[1:]:
            if (date := _date(chunk)) is not None:
                work.issued = work.issued or date
    else:
        host = re.sub(r"^https?://(?:www\.)?", "", work.url).split("/")[0]
        work.title = host
        warnings.append(f"no title for the site; named it by its address ({host})")
    for chunk in _split_top(rest):
        if (date := _date(chunk)) is not None:
            work.issued = work.issued or date
    return _Piece("work", work, warnings=warnings)


def _book(text: str) -> _Piece | None:
    """A book with its facts in parentheses: "Jane Doe, Title (Place: Publisher, 2001), p. 3"."""
    chunks = _split_top(text)
    for index, chunk in enumerate(chunks):
        paren = _PAREN.match(chunk)
        if not paren or not _FACTS.match(paren.group("inner")) or ":" not in paren.group("inner"):
            continue
        work = _Work(type=RecordType.BOOK)
        names = chunks[:index]
        work.title = paren.group("head").strip()
        if not work.title and names:
            work.title = names.pop()
        if not names or not work.title:
            return None
        _read_pre(", ".join(names), work)
        pinpoint = _read_rest([f"({paren.group('inner')})", *chunks[index + 1 :]], work)
        work.type = RecordType.BOOK
        return _Piece("work", work, pinpoint)
    return None


def _interview(rest: str) -> _Piece:
    """ "Author interview, RATS, 2012" / "author interview with officials in Osh, 2019"."""
    work = _Work(type=RecordType.INTERVIEW, genre="author interview")
    chunks = _split_top(rest.strip().removeprefix(",").strip())
    if chunks and (date := _date(chunks[-1])) is not None:
        work.issued = date
        chunks.pop()
    who = chunks.pop(0) if chunks else ""
    who = re.sub(r"^with\s+", "", who, flags=re.I)
    place_parts: list[str] = []
    where = re.match(r"(?P<who>.+?)\s+in\s+(?P<place>[A-Z].*)$", who)
    if where:
        who = where.group("who")
        place_parts.append(where.group("place"))
    place_parts.extend(chunks)
    work.place = ", ".join(place_parts)
    if who:
        work.author.append(Person(literal=who))
        work.aliases.append(who)
    return _Piece("work", work)


# ------------------------------------------------------------------ matching repeats


def _title_matches(short: str, full: str) -> bool:
    a, b = fold(short), fold(full)
    if not a:
        return False
    if a == b or b.startswith(a + " "):
        return True
    strip = re.compile(r"^(?:the|a|an) ")
    return strip.sub("", b).startswith(strip.sub("", a))


def _names_of(work: _Work) -> set[str]:
    names: set[str] = set()
    for person in work.author + work.editor:
        if person.literal:
            names |= {fold(person.literal), fold(_acronym(person.literal))}
        else:
            names |= {fold(person.display()), fold(person.family)}
    names |= {fold(a) for a in work.aliases}
    if work.container:
        names.add(fold(work.container))
    names.discard("")
    return names


def _name_matches(name: str, work: _Work) -> bool:
    if not name:
        return True
    first = re.split(r",|\s+and\s+|\s*&\s*", name)[0].strip()
    candidates = {fold(name), fold(first)}
    if _is_person(first):
        candidates.add(fold(first.split()[-1]))
    return bool(candidates & _names_of(work))


def _same_work(new: _Work, old: _Work) -> bool:
    def norm_url(url: str) -> str:
        return re.sub(r"^https?://(?:www\.)?", "", url).rstrip("/").casefold()

    if new.url and old.url:
        return norm_url(new.url) == norm_url(old.url)
    if new.type is RecordType.INTERVIEW or old.type is RecordType.INTERVIEW:
        return (
            new.type is old.type
            and _names_of(new) == _names_of(old)
            and new.issued == old.issued
            and new.place == old.place
        )
    if not new.title or fold(new.title) != fold(old.title):
        return False
    new_names, old_names = _names_of(new), _names_of(old)
    return not new_names or not old_names or bool(new_names & old_names)


def _known_match(work: _Work, known: Sequence[Record]) -> str:
    if not work.title:
        return ""
    for record in known:
        if fold(record.title) != fold(work.title):
            continue
        families = {fold(p.family or p.literal) for p in record.author}
        mine = {fold(p.family or p.literal) for p in work.author}
        if not families or not mine or families & mine:
            return record.key
    return ""


# ------------------------------------------------------------------ the whole section


def parse_notes(
    text: str,
    source: str = "<string>",
    *,
    known: Iterable[Record] = (),
    taken: Iterable[str] = (),
    strict: bool = False,
) -> NotesResult:
    """Read the numbered notes of ``text`` (a page or a notes file) into cited works.

    ``source`` names the input in provenance and problems. Works that match a ``known``
    record (same title, same author) are cited by that record's key and not repeated in
    ``records``; new records get keys unique against ``taken`` and the known keys.
    ``strict=True`` raises :class:`~pantucci_bib.errors.ParseError` on the first note that
    cannot be read instead of returning it as a problem.
    """
    known = tuple(known)
    notes, problems = _find_notes(text, source)
    works: list[_Work] = []
    by_note: dict[int, list[int]] = {}
    raw: list[tuple[Note, int, CitationForm, str]] = []  # note, work index, form, pinpoint

    def cite(note: Note, index: int, form: CitationForm, pinpoint: str) -> None:
        raw.append((note, index, form, pinpoint))
        by_note.setdefault(note.number, [])
        if index not in by_note[note.number]:
            by_note[note.number].append(index)
        if (note.number, note.line) not in works[index].notes:
            works[index].notes.append((note.number, note.line))

    def problem(note: Note, message: str, severity: str = "error") -> None:
        where = Provenance(source, note.line, note.number)
        if strict and severity == "error":
            raise ParseError(message, where=str(where))
        problems.append(Problem(where, message, severity))

    previous: Note | None = None
    for note in notes:
        pieces = [_parse_piece(p) for p in split_citations(note.text)]
        for piece in pieces:
            for warning in piece.warnings:
                problem(note, warning, "warning")
            if piece.kind in ("note", "ibid"):
                targets = piece.note_refs if piece.kind == "note" else ()
                if piece.kind == "ibid":
                    targets = (previous.number,) if previous else ()
                form: CitationForm = "note" if piece.kind == "note" else "ibid"
                for target in targets:
                    if target >= note.number or not by_note.get(target):
                        problem(note, f"note {target} cites no work this note could repeat")
                        continue
                    pin = piece.pinpoint if _PINPOINT.match(piece.pinpoint) else ""
                    for index in by_note[target]:
                        cite(note, index, form, pin)
                if not targets:
                    problem(note, "'Ibid.' with no note before it")
            elif piece.kind == "work" and piece.work is not None:
                work = piece.work
                if piece.short_name is not None:
                    match = next(
                        (
                            i
                            for i in reversed(range(len(works)))
                            if _title_matches(work.title, works[i].title)
                            and _name_matches(piece.short_name, works[i])
                        ),
                        None,
                    )
                    if match is not None:
                        cite(note, match, "short", piece.pinpoint)
                        continue
                    problem(note, "no date, outlet or URL: read as a full citation", "warning")
                same = next((i for i, old in enumerate(works) if _same_work(work, old)), None)
                if same is not None:
                    cite(note, same, "repeat", piece.pinpoint)
                    continue
                works.append(work)
                cite(note, len(works) - 1, "full", piece.pinpoint)
        kinds = {p.kind for p in pieces}
        if note.number not in by_note and "unknown" in kinds:
            problem(note, "no quoted title, URL or note reference found: not read")
        elif "unknown" in kinds:
            problem(note, "part of the note is neither a citation nor prose: skipped", "warning")
        previous = note

    for work in works:
        work.known_key = _known_match(work, known)
    new = [w for w in works if not w.known_key]
    drafts = [_record(w, source, "x") for w in new]
    keys = assign_keys(drafts, taken=[*taken, *(r.key for r in known)])
    for work, key in zip(new, keys, strict=True):
        work.known_key = key
    records = [attrs.evolve(d, key=k) for d, k in zip(drafts, keys, strict=True)]
    citations = [
        NoteCitation(note.number, works[index].known_key, form, pin, note.line)
        for note, index, form, pin in raw
    ]
    return NotesResult(source, notes, records, citations, problems)


def _record(work: _Work, source: str, key: str) -> Record:
    appearances = [Provenance(source, line, number) for number, line in sorted(work.notes)]
    return Record(
        key=key,
        type=work.type,
        title=work.title,
        author=work.author,
        editor=work.editor,
        genre=work.genre,
        container_title=work.container,
        publisher=work.publisher,
        publisher_place=work.place,
        volume=work.volume,
        # a report's "No. 14" is its number (CSL number); a periodical's is its issue
        issue="" if work.type is RecordType.REPORT else work.issue,
        number=work.issue if work.type is RecordType.REPORT else "",
        issued=work.issued,
        accessed=work.accessed,
        language=work.language,
        url=work.url,
        note=TRANSLATED_TITLE + work.translated if work.translated else "",
        appearances=appearances,
    )
