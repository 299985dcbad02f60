"""Line predicates: what one line looks like on its own (a caption, a byline, a dateline, a
"Continue reading" link, a bio, a name ...). Each is a small pure function the later stages use.
"""

from __future__ import annotations

import re

from pantucci_bib.dates import find_written
from pantucci_bib.model import (
    PartialDate,
)
from pantucci_bib.names import split_name_list
from pantucci_bib.pages.blocks import _Q_OPEN
from pantucci_bib.pages.phrasings import (
    BYLINE_WORD,
    FIRST_PUBLISHED,
    GENRES,
    HONORIFIC,
    INLINE_MORE,
    INLINE_TRANSLATOR,
    LISTING_FURNITURE,
    MORE,
    NON_AUTHOR_LABEL,
    PIECE_WORD,
    PUBLICATION,
    STAMP,
    STAMP_WORD,
)

_PIECE_WORD = PIECE_WORD
_VOICE = re.compile(r"\b(?:I|I[’']m|I[’']ve|I[’']d|[Mm]y|me|Am|am|[Hh]ere|[Mm]ine)\b")
_GENRES = GENRES
_TERMINAL = (".", ",", ";", ":", "。", "，", "；")
_CAPTION = re.compile(
    r"(?:\b(?:photo(?:graph)?|image|illustration|picture|pic|credit|graphic)s?\b\s*"
    r"(?:by\b|:|credit\b|from\b|courtesy\b|source\b)"
    r"|\bcourtesy\s+of\b|©|\bgetty images\b|/(?:AFP|AP|Reuters|Getty|EPA)\b"
    r"|\(pic from here\)|\bpic from here\b|\bvia (?:AP|AFP|Reuters|Getty)\b)",
    re.I,
)
_MORE = MORE
_FULL_ARTICLE_LINK = re.compile(
    r"^(?:please\s+)?(?:follow|click|see|read|go)\b.{0,40}\b(?:full|entire|whole|rest of)\b"
    r".{0,30}\b(?:article|piece|text|paper)\b",
    re.I,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_ROLE_WORDS = _words(
    """senior junior fellow research researcher director editor professor correspondent analyst
    associate staff writer reporter contributor chief head deputy lecturer visiting scholar
    programme program institute university centre center department share published updated
    photo credit illustration publication"""
)
_NOT_NAMES = _words(
    """china chinese russia russian us u.s. uk eu europe european beijing moscow the a an this
    that president minister government council organization organisation union bank summit
    central asia asian west western east eastern new my our his her their its it if in on at
    for of from with by and or but why how what when where who notes note conclusion
    introduction"""
)
_PARTICLES = _words("van von der den de del della di da dos du la le ter ten al el bin ibn")
_NAME = r"[A-Z][\w’'.-]*(?:\s+(?:(?:van|von|de|der|da|di|del|la|le|bin|al)\s+)?[A-Z][\w’'.-]*){1,3}"
_NAME_LIST = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"


def is_cjk(text: str) -> bool:
    """True when most of ``text`` is written in Chinese, Japanese or Korean characters."""
    letters = [ch for ch in text if not ch.isspace()]
    if not letters:
        return False
    cjk = sum(1 for ch in letters if "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return cjk / len(letters) > 0.3


def looks_like_name(text: str) -> bool:
    """True when ``text`` could be one personal name ("Anna B. Smith", "Wang Wei", "王小明")."""
    text = text.strip()
    if is_cjk(text):
        return 2 <= len(text.replace(" ", "")) <= 4
    tokens = text.split()
    if not 1 <= len(tokens) <= 5:
        return False
    if any(t.lower().strip(".,") in _ROLE_WORDS | _NOT_NAMES for t in tokens):
        return False
    if all(t.lower() in _PARTICLES for t in tokens):
        return False
    return all(t[0].isupper() or t.lower() in _PARTICLES for t in tokens if t) and not any(
        ch.isdigit() for ch in text
    )


_FURNITURE = re.compile(
    r"^(?:Posted in\b|Filed under\b|Tags?:|Tagged\b|Categories:|Leave a (?:comment|reply)\b|"
    r"\d+ (?:Comments?|Responses?)\b|No (?:Comments|Responses)\b|Comments? (?:\(\d+\)|Off\b|"
    r"are closed)|Share this:|Like this:|Permalink\b|«\s*(?:Older|Newer|Previous)|"
    r"(?:Older|Newer|Previous|Next) (?:Entries|Posts)\b)",
    re.I,
)


def is_more(text: str) -> bool:
    """A "Continue reading" / "More" link, a pointer to the full article elsewhere, or the
    blog's own furniture that ends a post ("Posted in …", "3 Comments", "Tags: …")."""
    return bool(
        _MORE.match(text)
        or _FULL_ARTICLE_LINK.match(text)
        or _FURNITURE.match(text)
        or LISTING_FURNITURE.match(text)
    )


def ends_with_more(text: str) -> bool:
    """A paragraph that ends with an inline "Continue reading" link."""
    return bool(INLINE_MORE.search(text)) and not is_more(text)


def is_caption(text: str) -> bool:
    """An image caption, credit or alt text that says so ("Photo: …", "© …", a file name)."""
    if len(text) < 400 and _CAPTION.search(text):
        return True
    if " " not in text and re.search(r"[\d_-]", text) and not re.match(r"^\d+\.", text):
        return True
    return bool(re.search(r"\.(?:jpe?g|png|gif|webp)\b", text, re.I))


def is_titlelike(text: str) -> bool:
    """A line that could be a headline: short, no closing full stop, not a known line form."""
    if not text or len(text) > 200 or len(text.split()) > 30:
        return False
    first = text[0]
    if not (first.isupper() or first.isdigit() or first in _Q_OPEN):
        return False
    if text.endswith(_TERMINAL) or re.match(r"^\d{1,3}[.)]\s", text):
        return False
    if is_cjk(text) or is_caption(text) or is_more(text) or is_bio(text):
        return False
    if ends_with_more(text):
        return False  # the last words of a body paragraph and its "Continue reading" link
    if byline_names(text) is not None or dateline(text) is not None:
        return False
    return not (len(text.split()) > 1 and text.isupper())


def looks_like_alt_text(text: str) -> bool:
    """A short lower-case label of an image ("station platform photo"), or a caption."""
    return is_caption(text) or (
        text[:1].islower() and len(text.split()) <= 8 and not text.endswith(".")
    )


_BYLINE = re.compile(rf"^{BYLINE_WORD}\s*:?\s+(?P<names>.+)$", re.I)
_TRAILING_BYLINE = re.compile(r"(?:^|[,;|–—-]\s*)by\s+(?P<names>[A-Z][^,;|]*)$")


def byline_names(text: str) -> list[str] | None:
    """The names of a byline ("By A and B", "By: AB", "… – 1:32pm, by A"), or None."""
    if len(text) > 250:
        return None
    if (meta := meta_names(text)) is not None and find_written(text) is None:
        return meta  # "A B · Reading lists": the theme's meta line without a date
    match = _BYLINE.match(text)
    labelled = match is None and (match := _labelled_byline(text)) is not None
    if match is None:
        found = find_written(text)
        if found is None:
            return None
        match = _TRAILING_BYLINE.search(text[found[1][1] :])
        if match is None:
            return None
    names = match.group("names")
    if translated := INLINE_TRANSLATOR.search(names):
        names = names[: translated.start()]  # "By X, translated from the Russian by Y"
    found = find_written(names)
    if found is not None:
        names = names[: found[1][0]]
    names = re.split(r"\s+[–—|]\s*|\s+-\s+|\bShare\b", names)[0].strip(" ,;:–—-")
    # "By A and B for the X": the names end where an outlet's cue begins
    names = re.split(r"\s+(?:for|in|at|on)\s+(?=(?:the\s+)?[A-Z])", names)[0]
    names = re.sub(r"\s+with\s+(?=[A-Z])", " and ", names)  # "Written by A with B"
    if not names:
        return None
    if names.upper() == names:
        names = names.title()
    names = re.sub(r"\s+(?:And|AND)\s+", " and ", names)
    # run-together names: "SmithJones" → "Smith and Jones"
    names = re.sub(r"(?<=[a-z]{3})(?=[A-Z][a-z])", " and ", names)
    people: list[str] = []
    for name in split_name_list(names):
        name = HONORIFIC.sub("", name).strip(" .")
        if any(w.lower().strip(".,") in _ROLE_WORDS for w in name.split()) and people:
            break  # "By A, Senior Research Fellow, Some Institute"
        if people and _outlet_like(name):
            break  # "By A and B, Some Trade Monitor": the outlet after the names
        if looks_like_name(name) and not (labelled and _not_a_person(name, _label(match))):
            people.append(name)
        else:
            return None  # "Weekend Reading: Uzbekistan" is a headline, not a label and a name
    return people or None


def _not_a_person(name: str, label: str = "") -> bool:
    """A name after a label ("Words: A") the person recogniser rules out: one word it finds
    no evidence for; or, after a label in title case of two or more words, as headlines
    have ("Reading List: Winter Edition"), any name it counts against."""
    from pantucci_bib.pages.directory import bundled_directory
    from pantucci_bib.pages.persons import person_score

    headline_label = len(label.split()) >= 2 and all(w[:1].isupper() for w in label.split())
    if len(name.split()) > 1 and not headline_label:
        return False
    return person_score(name, bundled_directory()) < 0


def _label(match: re.Match[str]) -> str:
    """The label of a labelled byline's match ("Words" of "Words: A"), or ""."""
    return match["label"] if "label" in match.re.groupindex else ""


def _outlet_like(name: str) -> bool:
    """A part of a byline's name list that the person recogniser rules out as a name."""
    from pantucci_bib.pages.persons import person_score

    return person_score(name) <= -2


#: "Words: A", "Guest contributor: A and B": a short label, a colon, names (the first sentence).
_LABELLED = re.compile(r"^(?P<label>[A-Za-z][\w’'-]*(?:\s+[\w’'-]+){0,2})\s*:\s+(?P<names>[^.]+)")


def bare_names(text: str) -> list[str] | None:
    """A line that is nothing but two or more personal names ("Karim Daulet and Olga
    Petrenko"): under a headline, a byline without its "By". Every name has two or three
    words, none an outlet's word."""
    from pantucci_bib.pages.phrasings import OUTLET_WORD

    if len(text) > 90 or text.endswith(_TERMINAL) or OUTLET_WORD.search(text):
        return None
    names = split_name_list(text)
    if len(names) < 2 or not all(
        2 <= len(n.split()) <= 3 and looks_like_name(n) and n.istitle() for n in names
    ):
        return None
    return names


def _labelled_byline(text: str) -> re.Match[str] | None:
    """A byline in the form "Label: names", unless the label says the names are not the
    authors' (``non_author_labels``: "Photo:", "Editor:", "Q:") or is a genre's name."""
    match = _LABELLED.match(text)
    if match is None:
        return None
    if any(word.casefold() in NON_AUTHOR_LABEL for word in match["label"].split()):
        return None
    if any(pattern.fullmatch(match["label"].strip()) for pattern, _genre in GENRES):
        return None  # "Interview: …", "Op-ed: …": a headline naming its genre, no byline
    return match


def dateline(text: str) -> tuple[PartialDate, str] | None:
    """A line that is (mostly) a date; returns the date and what else the line says.

    "June 24, 2022", "PUBLISHED : Tuesday, 16 February, 2016, 2:00pm", "Global Times |
    2012-12-17 19:25:05", "Policy Notes, 11 Apr 2014", "July 19, 2012 03:30 PM Age: 2 days".
    """
    if len(text) > 160 or _CAPTION.search(text):
        return None
    found = find_written(text)
    if found is None:
        return None
    date, (start, end) = found
    residue = f"{text[:start]} {text[end:]}"
    residue = re.sub(r"\bAge:\s*\d+\s*\w+|\bShare\b|发表于", " ", residue)
    residue = _ZONE_OFFSET.sub(" ", residue)  # "2019-03-18T09:42:00+06:00": the zone is the date's
    residue = re.sub(r"^\s*(?P<which>\w+)(?:\s*:|\s+on\b)", _stamp_word, residue)
    residue = residue.strip(" ,;:|–—-·•\u3000")
    if STAMP_WORD.match(residue):
        residue = ""  # "Published 21 Sep 2019": the stamp without a colon
    if _BYLINE.match(residue) or _TRAILING_BYLINE.search(" " + residue):
        return date, residue
    if len(residue.split()) <= 5 and not residue.endswith("."):
        return date, residue
    if _credit_residue(residue):
        return date, residue  # "A B, Some Policy Review, 21.10.2019": who, where, when
    return None


#: A time zone left over after a date ("+06:00", "UTC+5", "GMT"), part of the date.
_ZONE_OFFSET = re.compile(r"(?:^|(?<=\s))(?:(?:UTC|GMT)\s*)?[+−-]\d{2}:?\d{2}\b|\b(?:UTC|GMT|Z)\b")
#: The parts of a theme's meta line ("A B · Kazakhstan, Trade", "A B | Reading lists").
_META_SEP = re.compile(r"\s+[·•|]\s+")


def meta_names(text: str) -> list[str] | None:
    """The person a theme's meta line names first ("A B · Kazakhstan, Trade": the author, then
    the post's categories), or None when the line is not one: parts split by a middle dot,
    bullet or bar, the first a personal name, none a sentence."""
    from pantucci_bib.pages.persons import is_person
    from pantucci_bib.pages.phrasings import OUTLET_WORD as OUTLET_WORD_RE

    parts = _META_SEP.split(text.strip())
    if len(parts) < 2 or len(text) > 120 or any(p.endswith(_TERMINAL) for p in parts):
        return None
    first = parts[0]
    if any(OUTLET_WORD_RE.search(part) for part in parts[1:]):
        return None  # "A B | Ferghana Weekly | DATE": a credit line, the outlet after the name
    if looks_like_name(first) and is_person(first) and len(first.split()) >= 2:
        return [first]
    return None


#: A bare year after "in" ("this ran in the X back in 2014"), for a line with no fuller date.
PAST_YEAR = re.compile(r"\bin\s+(?P<year>(?:19|20)\d{2})\b(?![-/.]\d)")
#: A dateline's leftover that names only who posted it ("posted by A B", "uploaded by A B").
POSTED_BY_PHRASE = re.compile(
    r"^(?:posted|uploaded|published|added|shared)\s+by\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})$",
    re.I,
)


def _credit_residue(residue: str) -> bool:
    """A dateline's leftover that is a credit: a person's name, then one more part after a
    comma or bar ("A B, The X Review")."""
    from pantucci_bib.pages.persons import is_person

    parts = [p for p in re.split(r"\s*[|,]\s*", residue) if p]
    return len(parts) == 2 and len(residue) <= 90 and is_person(parts[0])


def _stamp_word(match: re.Match[str]) -> str:
    """A stamp word ("Published:", "Published on") left over in a dateline is not part of
    what it says."""
    return " " if STAMP.match(match.group(0) + " x") else match.group(0)


_FIRST_PUBLISHED = FIRST_PUBLISHED
_STAMP = STAMP
_PUBLICATION = PUBLICATION
_PRINT_EDITION = re.compile(
    r"^This (?:article|piece|story|op-?ed) (?:appeared|was published|ran) in (?:the )?"
    r"(?P<outlet>.+?)\s+print edition\s+(?:as|under the (?:title|headline))\s*:?\s+"
    r"(?P<title>.+?)\.?$",
    re.I,
)
_BIO = re.compile(
    rf"^(?:(?:The|This)\s+(?:author|writer)s?\s+(?:is|are|was)\b"
    rf"|(?:Dr\.?\s+)?(?P<names>{_NAME}(?:\s+(?:and|&)\s+{_NAME})?)\s+(?:is|are|was|were)\s+"
    r"(?i:(?:(?:now|currently|also|a|an|the|both)\s+)*"
    r"(?:senior|junior|visiting|associate|non-?resident|research|director|deputy|secretary|"
    r"head|professor|lecturer|editor|co-?editor|authors?|co-?authors?|fellow|founder|chair|"
    r"analyst|researcher|adviser|advisor|consultant|journalist|correspondent|writer|"
    r"contributor|programme|program|doctoral|phd|post-?doctoral|former|assistant|"
    r"based|working)\b))"
)


def is_print_edition(text: str) -> bool:
    """ "This article appeared in the X print edition as TITLE"."""
    return bool(_PRINT_EDITION.match(text))


def is_bio(text: str) -> bool:
    """A contributor note: "X is a senior fellow at …", "The author is …"."""
    return len(text) <= 800 and bool(_BIO.match(text))


def bio_names(text: str) -> list[str]:
    """The people a contributor note is about, as written."""
    found: list[str] = []
    for sentence in _sentences(text):
        match = _BIO.match(sentence)
        if match and match.group("names"):
            found.extend(n for n in split_name_list(match.group("names")) if looks_like_name(n))
    return found


def _sentences(text: str) -> list[str]:
    # a full stop followed by a capital ends a sentence, and so does a run-together bio
    # ("… of StudiesAnna Smith is …")
    return [
        s
        for s in re.split(
            r"(?<=[.!?])\s+(?=[A-Z“\"‘(])|(?<=[a-z.])(?=[A-Z][a-z]+ [A-Z][a-z]+ is )", text
        )
        if s
    ]
