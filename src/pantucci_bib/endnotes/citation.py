"""One citation of a note → the work it cites (a mutable ``_Work``), a back-reference or prose."""

from __future__ import annotations

import re
from typing import Literal

import attrs

from pantucci_bib.dates import find_written
from pantucci_bib.endnotes.recognise import (
    _corporate,
    _is_news_name,
    _is_person,
    _looks_pinyin,
    _person,
    _person_list,
    is_org_name,
)
from pantucci_bib.endnotes.split import _OPENERS, _Quote, _quote_at, _split_top
from pantucci_bib.model import PartialDate, Person, RecordType

_SEE = re.compile(
    r"^(?:(?:for (?:example|instance|more|details)[^,]*,\s*)?(?:see(?:\s+also)?|cf\.?|also)\s+)",
    re.I,
)
_OP_CIT = re.compile(
    r"^(?P<name>[^,‘“\"]+?),?\s+(?:op|loc)\.?\s*cit\.?(?:,?\s*(?P<rest>.+))?$", re.I
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
    kind: Literal["work", "note", "ibid", "opcit", "prose", "unknown"]
    work: _Work | None = None
    pinpoint: str = ""
    short_name: str | None = None  # set when the citation could be a short form
    note_refs: tuple[int, ...] = ()
    warnings: list[str] = attrs.Factory(list)


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
    opcit = _OP_CIT.match(text)
    if opcit:
        rest = (opcit.group("rest") or "").strip()
        return _Piece("opcit", pinpoint=rest, short_name=opcit.group("name").strip())
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
            if _is_news_name(chunk) and not is_org_name(chunk):
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
