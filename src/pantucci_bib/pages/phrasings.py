"""The phrasings table (``data/phrasings.json``) compiled into the patterns the stages use.

The wording pages use for pieces, "Continue reading" links, repost lines, date stamps, outlet
labels and translators is data; this module only turns each list into one regular expression.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any


def _table() -> dict[str, Any]:
    text = resources.files("pantucci_bib.data").joinpath("phrasings.json").read_text("utf-8")
    table: dict[str, Any] = json.loads(text)
    return table


def _any(fragments: list[str]) -> str:
    return "(?:" + "|".join(fragments) + ")"


PHRASINGS = _table()

#: A word naming the piece in an intro ("a new op-ed for …").
PIECE_WORD = re.compile(rf"\b{_any(PHRASINGS['piece_words'])}\b", re.I)
#: (pattern, genre) for each genre an intro can name.
GENRES = [
    (re.compile(rf"\b{_any(words)}\b", re.I), genre) for genre, words in PHRASINGS["genres"].items()
]
#: A line that is only a "Continue reading" link.
MORE = re.compile(rf"^{_any(PHRASINGS['more_links'])}\W*$", re.I)
#: A paragraph ending with such a link.
INLINE_MORE = re.compile(rf"\s{_any(PHRASINGS['inline_more'])}\W*$")
#: A repost line: "First published in X, March 2016" (group ``rest``: what follows the verb).
FIRST_PUBLISHED = re.compile(
    r"^\(?(?:this\s+(?:article|piece|op-?ed|one|post|column|essay|paper)\s+(?:was\s+)?)?"
    rf"{_any(PHRASINGS['first_published'])}(?:\s+in\s+{_any(PHRASINGS['languages'])})?"
    rf"(?:\s+{_any(PHRASINGS['repost_prepositions'])}|\s*:)"
    r"\s+(?P<rest>.+?)\)?$",
    re.I,
)
#: A date stamp (group ``which``: the stamp word, ``rest``: the date).
STAMP = re.compile(
    rf"^(?P<which>{_any(PHRASINGS['stamps']['date'] + PHRASINGS['stamps']['updated'])})"
    rf"{_any(PHRASINGS['stamp_joins'])}\s*(?P<rest>.+)$",
    re.I,
)
#: A line giving the blog's own post date ("Posted on March 3, 2014 by admin").
POSTED_LINE = re.compile(rf"^{_any(PHRASINGS['posted_lines'])}", re.I)
#: A stamp word alone ("Published" left over from "Published 21 Sep 2019").
STAMP_WORD = re.compile(
    rf"^{_any(PHRASINGS['stamps']['date'] + PHRASINGS['stamps']['updated'])}$", re.I
)
UPDATED_STAMP = re.compile(rf"^{_any(PHRASINGS['stamps']['updated'])}$", re.I)
#: An outlet label: "Publication: X Volume: 3 Issue: 2", "Source: X".
PUBLICATION = re.compile(
    rf"^{_any(PHRASINGS['source_labels'])}:\s*(?P<outlet>.+?)(?:\s+Volume:\s*(?P<volume>\S+))?"
    r"(?:\s+Issue:\s*(?P<issue>\S+))?\s*$",
    re.I,
)
#: A translator's line (group ``names``).
TRANSLATOR = re.compile(rf"^{_any(PHRASINGS['translator_lines'])}\s*(?P<names>.+)$", re.I)
#: A translator named inside a byline (group ``names``): ", translated from the Russian by Y".
INLINE_TRANSLATOR = re.compile(
    rf"[,;]?\s*\b{_any(PHRASINGS['inline_translator'])}\s+(?P<names>.+)$", re.I
)
#: What may stand before an outlet in an intro sentence that has no piece word before it.
INTRO_OUTLET_VERB = re.compile(rf"\b{_any(PHRASINGS['intro_outlet_verbs'])}\s+", re.I)
#: (CSL type, pattern): the type an unknown outlet's name suggests, first match wins.
OUTLET_TYPES = [
    (kind, re.compile(rf"\b{_any(words)}\b")) for kind, words in PHRASINGS["outlet_types"].items()
]
#: A word that makes a name a publication's.
_TYPE_WORDS = [word for words in PHRASINGS["outlet_types"].values() for word in words]
OUTLET_WORD = re.compile(rf"\b{_any(PHRASINGS['outlet_words'] + _TYPE_WORDS)}\b")
#: A word describing an outlet before its name ("the Kazakh weekly X"), case-sensitive.
OUTLET_DESCRIPTOR = _any(PHRASINGS["outlet_descriptors"])
#: Words that may start an outlet's name of two or more words ("New Eastern Outlook"), each
#: with the words after it that make a place or a season instead ("New York", "New Year").
OUTLET_OPENERS: dict[str, tuple[str, ...]] = {
    word.casefold(): tuple(after) for word, after in PHRASINGS["outlet_openers"].items()
}
#: A word of a paragraph that introduces only pictures (an untitled photo post).
PHOTO_POST = re.compile(rf"\b{_any(PHRASINGS['photo_posts'])}\b", re.I)
#: A byline's opening word ("By", "Par"), for lines.py's byline rule.
BYLINE_WORD = _any(PHRASINGS["byline_words"])
#: What an outlet did with the piece, after its name ("which X carried").
OUTLET_THEN_VERB = _any(PHRASINGS["outlet_then_verbs"])
#: An intro's words saying the piece has just come out ("went up this week").
RECENT = re.compile(rf"\b{_any(PHRASINGS['recent_words'])}\b", re.I)
#: A verb whose object may be a person, not an outlet ("spoke to Alex Brown").
PERSON_VERB = re.compile(rf"^{_any(PHRASINGS['person_verbs'])}\b", re.I)
#: separator → the day/month order numeric dates with it have by convention ("." → "dmy").
NUMERIC_CONVENTIONS: dict[str, str] = dict(PHRASINGS["numeric_conventions"])
#: A label of a post's categories or tags ("Posted in X, Y | Tagged a, b"), per part.
TERM_LINE = re.compile(rf"^\s*{_any(PHRASINGS['term_lines'])}\s*(?P<terms>.+?)\s*$", re.I)


def terms_of(line: str) -> list[str]:
    """The categories and tags a footer line names, in order ("Posted in A, B | Tagged c")."""
    out: list[str] = []
    for part in line.split("|"):
        if match := TERM_LINE.match(part):
            out.extend(t.strip(" .") for t in re.split(r"\s*[,;]\s*", match["terms"]))
    return [t for t in out if t]


#: Words before a name that make it likely an outlet's ("for", "at the", "courtesy of").
OUTLET_CUE = _any(PHRASINGS["outlet_cues"])
#: Words before a name that make it likely a person's ("with Anna Smith").
PERSON_CUE = _any(PHRASINGS["person_cues"])
#: A description after a name that makes it an outlet's (", a newsletter out of Almaty").
OUTLET_APPOSITION = re.compile(
    rf"^\s*[,(–—-]\s*(?:an?|the)\s+(?:[\w’'-]+\s+){{0,3}}?{OUTLET_DESCRIPTOR}\b"
)
#: A word of a repost line in any wording ("This ran in X", "A version appeared in X").
PUBLICATION_VERB = re.compile(rf"\b{_any(PHRASINGS['publication_verbs'])}\b", re.I)
#: Labels before a colon that are not bylines ("Photo: A B").
NON_AUTHOR_LABEL = frozenset(word.casefold() for word in PHRASINGS["non_author_labels"])
#: A title before a personal name ("Dr. ", "Prof "), dropped from the name.
HONORIFIC = re.compile(rf"^{_any(PHRASINGS.get('honorifics', ['Dr']))}\.?\s+(?=[A-Z])")
#: Such a title ending the text before a name ("— Dr. " before "A B").
HONORIFIC_BEFORE = re.compile(rf"\b{_any(PHRASINGS.get('honorifics', ['Dr']))}\.?\s*$")

_QUOTES = "‘'\"“«’”»"
#: A search-results page's header ("Search Results for: water", "You searched for “dams”");
#: group ``words``: what was searched for.
SEARCH_HEADER = re.compile(
    rf"^{_any(PHRASINGS['search_headers'])}(?:\s*:\s*|\s+(?=[{_QUOTES}])|(?<=for)\s+)"
    rf"[{_QUOTES}]?(?P<words>[^{_QUOTES}]+?)[{_QUOTES}]?\.?$",
    re.I,
)
#: An author archive's header ("Author: A B", "Posts by A B"); group ``name``: the author.
AUTHOR_HEADER = re.compile(
    rf"^{_any(PHRASINGS['author_headers'])}(?:\s*:\s*|\s+)(?P<name>[^:|·•]+?)\s*$", re.I
)
#: A whole line of a listing page's furniture ("6 results found", "Search again:").
LISTING_FURNITURE = re.compile(rf"^{_any(PHRASINGS['listing_furniture'])}\s*[:.!]?\s*$", re.I)
#: Words opening a post's first paragraph before its co-authors ("Written with A B, who …").
COAUTHOR_OPENER = re.compile(
    rf"^(?i:{_any(PHRASINGS['coauthor_openers'])})\s+(?P<names>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,2}}"
    r"(?:(?:\s*,\s*|\s*,?\s+and\s+)[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})*)"
)
#: What a piece did when it came out ("The episode went out on DATE"), in an intro's later
#: sentence.
RELEASE_VERB = re.compile(rf"\b{_any(PHRASINGS['release_verbs'])}\b", re.I)
#: A translator line's words before the translated piece's author ("from a Russian draft by
#: C D"); group ``names``: the author(s).
DRAFT_BY = re.compile(
    rf"\b(?i:{_any(PHRASINGS['draft_by'])})\s+(?P<names>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{1,2}}"
    r"(?:\s+and\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})?)"
)
#: Credit cues (pantucci_bib.pages.credits): the word before a crediting "by", a writing verb
#: earlier in its clause, what stands before a crediting "from", a guest's label.
CREDIT_BY_WORD = _any(PHRASINGS["credit_by_words"])
CREDIT_VERB = _any(PHRASINGS["credit_verbs"])
CREDIT_FROM = re.compile(rf"\b{_any(PHRASINGS['credit_from'])}\s+$", re.I)
GUEST_LABEL = re.compile(rf"(?:^|[.;:]\s+)(?:an?\s+)?{_any(PHRASINGS['guest_labels'])},?\s+$", re.I)
CREDIT_AFTER = re.compile(rf"^\s+(?:{_any(PHRASINGS['credit_verbs_after'])})\b")
#: "by our correspondents": what stands between a crediting "by" and the names.
CREDIT_DESCRIPTOR = rf"(?:(?:our|the|its)\s+(?:own\s+)?{_any(PHRASINGS['credit_descriptors'])}\s+)?"
CREDIT_LABEL = re.compile(rf"(?:^|[.;]\s+){_any(PHRASINGS['credit_labels'])}\s*:\s*$", re.I)
#: ", writes A B": a credit verb before the names, after a comma.
CREDIT_INVERTED = re.compile(rf",\s+(?:{_any(PHRASINGS['credit_verbs_after'])})\s+$", re.I)
#: "kept by NAME" in a page's own description: NAME keeps a copy of the site (group ``name``).
KEEPER = re.compile(
    rf"\b{_any(PHRASINGS['keeper_verbs'])}\s+by\s+(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)+)"
)
#: A sentence citing another person's piece: "As A B argued in the X" (``citing_verbs``).
CITING = re.compile(
    r"\b[A-Z][\w’'-]+\s+[A-Z][\w’'-]+\s+(?:has\s+|had\s+)?"
    rf"{_any(PHRASINGS['citing_verbs'])}\s+(?:in|for|at)\s"
)
#: An author account named for a group, not a person ("CiCA Editors", ``account_words``).
ACCOUNT = re.compile(rf"\b{_any(PHRASINGS['account_words'])}$", re.I)
