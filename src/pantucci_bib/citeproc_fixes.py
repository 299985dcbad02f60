"""The one place where citeproc-py's behaviour is corrected, measured against citeproc-js.

citeproc-js (the engine in Zotero) is the reference CSL processor; citeproc-py 0.11.1 (pinned in
pyproject.toml: these corrections are written against its internals) differs from it on the
corpus in the ways listed in :data:`FIXES`. Each correction is a subclass of one citeproc-py
element class, wired in through the XML class lookup of :func:`load_style`: nothing in
citeproc-py is patched, so styles that other code in the process parses with citeproc-py's own
loader behave as before. ``tests/test_citeproc_fixes.py`` has one test per entry of
:data:`FIXES`; ``tests/test_citeproc_js.py`` measures the agreement with citeproc-js.

This module imports citeproc-py and lxml at the top: :mod:`pantucci_bib.formatting` imports it
only when it formats, so ``import pantucci_bib`` stays light.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import Any

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, NAMES, PRIMARY_DIALECTS, model
from citeproc.frontend import CitationStylesBibliography, CitationStylesStyle
from citeproc.source import Citation, CitationItem, VariableError
from citeproc.source.json import CiteProcJSON
from citeproc.string import MixedString, NoCase, String
from lxml import etree

#: The citeproc-py release these corrections were written against (pinned in pyproject.toml).
CITEPROC_PY_VERSION = "0.11.1"

CSL_NS = "http://purl.org/net/xbiblio/csl"

#: Every correction, by name: what citeproc-py does and what citeproc-js (and CSL 1.0.2) does.
FIXES: dict[str, str] = {
    "punctuation-in-quote": "a period or comma after a closing quote moves inside it when the "
    "locale says punctuation-in-quote (en-US): “Title.” not “Title”.; “Sit?” absorbs the "
    "period and keeps the comma (“Sit?,”), as citeproc-js merges punctuation",
    "nested-quotes": "quotation marks inside a quoted title become the inner marks "
    "(“A Tale of ‘Two Cities’”), as citeproc-js flips them",
    "merged-punctuation": "a period after ? or ! is dropped (“Where Does China Sit? RUSI”)",
    "initialize-false": 'initialize="false" keeps given names spelled out (Raffaello, not R.); '
    "citeproc-py ignored the attribute",
    "static-ordering": "names marked static-ordering, and romanised names in Chinese or Japanese "
    "items, print family name first without a comma (Li Lifan, Li L.); names in a non-Latin "
    "script print as written (李鸣燕) and are never initialised",
    "empty-label": "a cs:label whose variable is empty renders nothing (no spurious 'Edition.' "
    "after a newspaper date)",
    "group-suppression": "a cs:group is suppressed when it calls variables and all of them are "
    "empty, wherever they sit (inside cs:choose or macros)",
    "year-suffix": "same-author, same-year (and same n.d./circa) entries get a, b, c … in "
    "bibliography order when the style asks for disambiguate-add-year-suffix",
    "disambiguate-condition": 'cs:if disambiguate="true" is false (citeproc-py took the branch '
    "for every entry); bibliographies here are disambiguated by year-suffix",
    "date-range-year": "a year-month range within one year keeps its year where only the year "
    "is shown (2022, not an empty date)",
    "title-case": "text-case=title follows citeproc-js: its stop-word list (than, out, over …), "
    "words after a hyphen or period capitalised (Co-Operation, CABAR.Asia), words that already "
    "hold a capital (And, In) left alone",
    "sort-keys": "sorting as citeproc-js: dates in keys compare as its sort strings (a range "
    "after a single date of the same start); names in nested macros sort family-first too; "
    "keys compare case-, accent- and punctuation-blind with numbers as numbers",
    "escape": "variable text and names pass through the output format's escaping (a title "
    "with & or < is valid HTML, a name with & valid LaTeX); citeproc-py escaped only terms",
    "substitute-suppression": "a variable a cs:substitute rendered (the editor standing in for "
    "the author) is not printed again later in the entry (no 'Edited by' after 'Green, G. (Ed.)')",
    "group-success": "a macro is a group, and a group that renders counts as a rendered "
    "variable for the groups around it, as in citeproc-js ([Online] stays in IEEE)",
    "substitute-inherits": "a bare cs:names inside cs:substitute, also within cs:choose, "
    "formats its names like the cs:names it stands in for (Green, Gina, ed.; not G. Green)",
    "hyphenated-names": "name variables spelled with a hyphen (original-author) render; "
    "citeproc-py looked them up under its own underscored key and found nothing",
    "linear": "formatting N records costs O(N log N) at worst: citeproc-py registered items "
    "and numbered them by searching a list (quadratic)",
    "second-field-align": "with second-field-align the first field is followed by a space "
    "([1] R. Pantucci, not [1]R. Pantucci)",
    "subsequent-author-substitute": "the names of an entry equal to the previous entry's are "
    "replaced by the style's subsequent-author-substitute (———. in MLA)",
}

_MARK_OPEN = "\ue000"  # precedes a closing quote into which punctuation may move
_MARK_CLOSE = "\ue001"  # follows it
_MARK_FIELD = "\ue002"  # separates the first field of second-field-align from the rest
_PUNCT = ".,;:!?"
# citeproc-js's table (CSL.Output.Queue.adjust LtoR_MAP): left mark + right mark -> result.
_MERGE: dict[str, dict[str, str]] = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
_QUOTED_PUNCT = re.compile(
    "(["
    + re.escape(_PUNCT)
    + "]?)"
    + _MARK_OPEN
    + "([^"
    + _MARK_CLOSE
    + "]*)"
    + _MARK_CLOSE
    # closing tags of the rich formats may sit between the quote and the punctuation
    + r"((?:</[a-z]+>)*)([.,]?)"
)
_DOUBLED_STOP = re.compile(r"([?!])((?:</[a-z]+>|[*}`])*)\.(?=\s|$|<)")

# citeproc-js CSL.SKIP_WORDS: words title case leaves in lower case.
_STOP_WORDS = frozenset(
    """about above across afore after against al along alongside amid amidst among amongst
    anenst apropos apud around as aside astride at athwart atop barring before behind below
    beneath beside besides between beyond but by circa despite down during et except for
    forenenst from given in inside into lest like modulo near next notwithstanding of off on
    onto out over per plus pro qua sans since than through throughout thruout till to toward
    towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis with within
    without or yet so and nor a an the de d' von van c ca""".split()  # noqa: SIM905
)
# the separators citeproc-js's title case splits on (quotes, dashes, slash, punctuation, brackets)
_CASE_TAGS = re.compile(
    "(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]|\\(|\\))"
)
_ROMANESQUE = re.compile(
    "[-0-9a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)
_STARTS_ROMANESQUE = re.compile(
    "^[&a-zA-Z\u0e01-\u0e5b\u00c0-\u017f\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u1f00-\u1fff\u0600-\u06ff\u200c\u200d\u200e\u0218-\u021b\u202a-\u202e]"
)
_NOT_COUNTED = frozenset({"year-suffix", "citation-number", "locator"})


#: What citeproc-py raises on data or styles it cannot handle (turned into one-line errors);
#: NameError: an unknown attribute value leaves one of its locals unbound (and="sideways").
ENGINE_ERRORS = (
    VariableError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    NameError,
)


class EntryError(Exception):
    """An entry citeproc-py could not render; carries the item's key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


# -- text helpers ------------------------------------------------------------------------------


def merge_punctuation(left: str, right: str) -> str:
    """Two adjacent punctuation marks as citeproc-js merges them (``?`` + ``.`` → ``?``)."""
    if not left:
        return right
    if not right or left == right:
        return left
    return _MERGE.get(left, {}).get(right, left + right)


def finish_entry(text: str) -> str:
    """Resolve the quote marks of :class:`Text` and merge doubled punctuation; trim."""

    def move_inside(match: re.Match[str]) -> str:
        before, quote, tags, after = match.groups()
        return merge_punctuation(before, after) + quote + tags

    text = _QUOTED_PUNCT.sub(move_inside, text)
    text = text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, "")
    text = _DOUBLED_STOP.sub(r"\1\2", text)
    return text.strip()


def split_fields(entry: str) -> tuple[str, str] | None:
    """(first field, rest) of an entry of a second-field-align style, else None."""
    head, mark, rest = entry.partition(_MARK_FIELD)
    return (head.strip(), rest.strip()) if mark else None


def title_case(text: str) -> str:
    """Title case as citeproc-js applies it to one string (see ``title-case`` in FIXES)."""
    return "".join(_title_case_parts([(text, False)]))


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:] if word else word


_SPACES = re.compile("([\u0020\u00a0\u2000-\u200b\u205f\u3000]+)")
_OPENERS = {"\u2018": "\u2019", "\u201c": "\u201d", ' "': '"', " '": "'"}
_CLOSERS = frozenset({"\u2019", "\u201d", '"', "'"})


def _title_case_parts(parts: Sequence[tuple[str, bool]]) -> list[str]:
    """citeproc-js's title case over the segments of one string (nocase segments kept).

    The text is split at citeproc-js's separators; each word of more than one letter that is
    not a stop word, and the first word, a word after ``: ? !`` and the last word, is
    capitalised if it has no capital yet. After a closing quote that opens nothing (an
    apostrophe: "Don’t") the next letter keeps its case.
    """
    first, after_punct = True, False
    last: tuple[int, int, int] | None = None
    quotes: list[str] = []  # closers expected, innermost last
    pieces: list[list[list[str]]] = []  # segment -> token -> words and spaces (tags: [tag])
    for index, (segment, nocase) in enumerate(parts):
        tokens = _CASE_TAGS.split(segment)  # even: text between separators; odd: separators
        split = [_SPACES.split(tok) if t % 2 == 0 else [tok] for t, tok in enumerate(tokens)]
        pieces.append(split)
        if nocase:
            if segment.strip():
                first, last = False, None
            continue
        for t in range(0, len(split), 2):
            words = split[t]
            following = tokens[t + 1] if t + 1 < len(tokens) else ""
            positions = [w for w in range(0, len(words), 2) if words[w]]
            for w in positions:
                word = words[w]
                lower = word.lower()
                capitalise = (
                    (len(word) > 1 and lower not in _STOP_WORDS)
                    # citeproc-js passes this test's tag to its first text chunk only
                    or (index == t == 0 and w == positions[-1] and following == "-")
                    or first
                    or after_punct
                )
                if capitalise and word == lower:
                    words[w] = _capitalise(word)
                first = after_punct = False
                last = (index, t, w)
            if t and _unmatched_closer(tokens[t - 1], quotes):
                _restore_first(words, tokens[t])
            if following[-1:] in ("!", "?", ":"):
                after_punct = True
            if following in _OPENERS:
                quotes.append(_OPENERS[following])
    if last is not None:
        index, t, w = last
        word = pieces[index][t][w]
        if len(word) > 1 and word.lower() in _STOP_WORDS:
            pieces[index][t][w] = _capitalise(word)
    return ["".join("".join(token) for token in segment) for segment in pieces]


def _unmatched_closer(separator: str, quotes: list[str]) -> bool:
    """True for a closing quote that closes nothing open (popping the one it closes)."""
    if separator in _OPENERS or separator[:1] not in _CLOSERS:
        return False
    if quotes and quotes[-1] == separator:
        quotes.pop()
        return False
    return True


def _restore_first(words: list[str], original: str) -> None:
    """Give the first character of a text token back its original case."""
    for w, word in enumerate(words):
        if word:
            words[w] = original[:1] + word[1:] if original[:1].strip() else word
            return


def _escaped(element: Any, value: Any) -> Any:
    """``escape``: variable text through the output format's preformat (HTML: ``&amp;``)."""
    if not isinstance(value, str | MixedString):
        return value
    preformat = element.get_formatter().preformat
    if isinstance(value, MixedString):
        return MixedString([type(part)(preformat(part)) for part in value])
    return type(value)(preformat(value)) if isinstance(value, String) else String(preformat(value))


def _map_text(text: Any, change: Any) -> Any:
    """``change`` applied to each segment's text, keeping the segment types (NoCase …)."""
    if isinstance(text, MixedString):
        return MixedString([type(part)(change(str(part))) for part in text])
    return type(text)(change(str(text))) if isinstance(text, str) else text


def _segments(text: Any) -> list[Any]:
    return list(text) if isinstance(text, MixedString) else [text]


def _romanesque(name: Any, language: str) -> int:
    """0: non-Latin script; 1: romanised name in a Chinese/Japanese item; 2: Western."""
    family = str(name.get("family") or "").replace('"', "")
    if not _ROMANESQUE.search(family):
        given = str(name.get("given") or "")
        return 1 if given and _STARTS_ROMANESQUE.match(given) else 0
    return 1 if language[:2] in ("zh", "ja") else 2


def _item_language(item: Any) -> str:
    try:
        return str(item.reference.language)
    except (VariableError, AttributeError):
        return ""


def date_sort_key(date: Any, parts: Sequence[str] = ("year", "month", "day")) -> str:
    """A date as citeproc-js sorts it: begin and end, each year (1-prefixed), month, day."""
    if date is None or not hasattr(date, "get"):
        return ""
    begin, end = (date.get("begin"), date.get("end")) if "begin" in date else (date, None)
    if begin is None or not begin.get("year"):
        return ""
    key = ""
    for which in (begin, end):
        for part in ("year", "month", "day"):
            value = which.get(part) if which is not None and part in parts else None
            number = int(value) if isinstance(value, int) else 0
            key += f"1{number:04d}" if part == "year" else f"{number:02d}"
    return key


# -- render state kept on the style root (lxml proxies of the root live as long as the style) --


class _State:
    def __init__(self) -> None:
        self.called = 0
        self.rendered = 0
        self.substitute: str | None = None  # subsequent-author-substitute while rendering
        self.first_names_done = False
        self.previous_names: tuple[Any, ...] | None = None
        self.rendered_names: list[tuple[str, ...]] | None = None  # collected for the substitute
        self.sorting = False  # rendering sort keys: dates render as citeproc-js sort strings
        self.sort_options: dict[str, Any] | None = None  # name options of the key being rendered
        self.substituting = 0  # depth of cs:substitute being rendered
        self.substituted: set[str] = set()  # variables a cs:substitute rendered in this entry
        self.macros: dict[str, Any] = {}  # ``linear``: macros by name, found once (an XPath each)


def _state(element: Any) -> _State:
    state: _State | None = element.__dict__.get("_pb_state")
    if state is not None:
        return state
    root = element.get_root()
    if isinstance(root, model.Locale):
        root = root.style
    state = getattr(root, "pb_state", None)
    if state is None:
        state = root.pb_state = _State()
    element.__dict__["_pb_state"] = state
    return state


def _substituted(element: Any, variable: str) -> bool:
    """True for a variable a cs:substitute already rendered in this entry (not to repeat)."""
    state = _state(element)
    return not state.substituting and variable in state.substituted


def _new_entry(element: Any) -> None:
    state = _state(element)
    state.substituted = set()
    state.substituting = 0


def _macro(element: Any, name: str) -> Any:
    macros = _state(element).macros
    if name not in macros:
        macros[name] = model.CitationStylesElement.get_macro(element, name)
    return macros[name]


def _counted(element: Any, render: Any, *args: Any, **kwargs: Any) -> Any:
    """Call ``render``, counting one variable called and, if it gave text, one rendered."""
    state = _state(element)
    state.called += 1
    text = render(*args, **kwargs)  # a VariableError propagates, counted as called
    if text:
        state.rendered += 1
    return text


# -- the corrected element classes -------------------------------------------------------------


class _TitleCased(model.TextCased):  # type: ignore[misc]
    """``title-case``: citeproc-js's title case; other text-case values unchanged."""

    def case(self, text: Any, language: str | None = None) -> Any:
        if self.get("text-case") != "title":
            return super().case(text, language)
        if language not in (None, "en"):
            return text
        segments = _segments(text)
        parts = [(str(s), isinstance(s, NoCase)) for s in segments]
        cased = _title_case_parts(parts)
        rebuilt = [type(s)(c) for s, c in zip(segments, cased, strict=True)]
        return MixedString(rebuilt) if isinstance(text, MixedString) else rebuilt[0]


class Style(model.Style):  # type: ignore[misc]
    """System locales parsed with the corrected classes (their cs:date elements render dates)."""

    def set_locale_list(self, output_locale: str, validate: bool = True) -> None:
        self.locales: list[Any] = []
        added: set[str] = set()

        def add_instyle(lang: str | None) -> None:
            expr = f'./cs:locale[@xml:lang="{lang}"]' if lang else "./cs:locale[not(@xml:lang)]"
            found = self.xpath_search(expr)
            if found:
                self.locales.append(found[0])

        def add_system(lang: str) -> None:
            if lang not in added:
                path = Path(LOCALES_PATH) / f"locales-{lang}.xml"
                self.locales.append(etree.parse(str(path), _parser()).getroot())
                added.add(lang)

        language = output_locale.split("-")[0]
        add_instyle(output_locale)
        add_instyle(language)
        add_instyle(None)
        if output_locale in LANGUAGE_NAMES:
            add_system(output_locale)
        if language in PRIMARY_DIALECTS:
            add_system(PRIMARY_DIALECTS[language])
        add_system("en-US")
        for locale in self.locales:
            locale.style = self


class Layout(model.Layout):  # type: ignore[misc]
    """``second-field-align`` and ``subsequent-author-substitute``; one result per item."""

    def render_bibliography(self, citation_items: Iterable[Any]) -> list[str | None]:
        bibliography = self.getparent()
        state = _state(self)
        substitute = bibliography.get("subsequent-author-substitute")
        aligned = bibliography.get("second-field-align") is not None
        state.previous_names = None
        output: list[str | None] = []
        try:
            for item in citation_items:
                self.repressed: dict[str, Any] = {}
                _new_entry(self)
                state.substitute = substitute
                state.first_names_done = False
                try:
                    body = self._render_aligned(item) if aligned else self.render_children(item)
                except ENGINE_ERRORS as exc:
                    raise EntryError(item.key, f"{type(exc).__name__}: {exc}") from exc
                text = self.format(self.wrap(body)) if body is not None else None
                output.append(finish_entry(str(text)) if text is not None else None)
        finally:
            state.substitute = None
        return output

    def sort_bibliography(self, citation_items: Any) -> Any:
        state = _state(self)
        state.sorting = True
        try:
            return super().sort_bibliography(citation_items)
        finally:
            state.sorting = False

    def _render_aligned(self, item: Any) -> Any:
        children = list(self.iterchildren())
        if not children:
            return None
        head = self.__class__.render_children_of(children[:1], item)
        rest = self.__class__.render_children_of(children[1:], item)
        if head is None or rest is None:
            return head if rest is None else rest
        return head + _MARK_FIELD + rest

    @staticmethod
    def render_children_of(children: Sequence[Any], item: Any) -> Any:
        output = []
        for child in children:
            try:
                text = child.render(item)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if not output:
            return None
        result = output[0]
        for text in output[1:]:
            result = result + text
        return result


class Text(_TitleCased, model.Text):  # type: ignore[misc]
    """Quote marks for ``punctuation-in-quote``; counts variables for group suppression."""

    def get_macro(self, name: str) -> Any:
        return _macro(self, name)

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        variable = self.get("variable")
        if "macro" in self.attrib:  # a macro is a group, as in citeproc-js
            state = _state(self)
            called, rendered = state.called, state.rendered
            text = super().render(item, *args, **kwargs)
            if state.called > called and state.rendered == rendered:
                return None
            if text:
                state.rendered += 1
            return text
        if variable is None or variable in _NOT_COUNTED:
            return super().render(item, *args, **kwargs)
        if _substituted(self, variable):
            return None
        text = _counted(self, super().render, item, *args, **kwargs)
        if text and _state(self).substituting:
            _state(self).substituted.add(variable)
        return text

    def _variable(self, item: Any, context: Any) -> Any:
        variable = self.get("variable")
        try:
            value = super()._variable(item, context)
        except VariableError:
            if variable in _NOT_COUNTED:
                return None
            raise
        if variable in ("URL", "DOI") and value:
            link = getattr(self.get_formatter(), "Link", None)
            if link is not None:
                raw = str(value)
                url = (
                    raw if variable == "URL" or raw.startswith("http") else "https://doi.org/" + raw
                )
                return String(link(_escaped(self, value), url))
        return _escaped(self, value)

    def quote(self, string: Any) -> Any:
        if self.get("quotes", "false").lower() != "true":
            return string
        open_quote = self.get_single_term(name="open-quote")
        close_quote = self.get_single_term(name="close-quote")
        inner_open = str(self.get_single_term(name="open-inner-quote"))
        inner_close = str(self.get_single_term(name="close-inner-quote"))
        if inner_open and inner_close and str(open_quote) in str(string):
            # a pair of outer marks inside (not an apostrophe: no opening mark before it)
            pair = re.compile(
                re.escape(str(open_quote)) + r"(.*?)" + re.escape(str(close_quote)) + r"(?!\w)"
            )
            string = _map_text(
                string, lambda text: pair.sub(inner_open + r"\1" + inner_close, text)
            )
        if self.get_locale_option("punctuation-in-quote").lower() == "true":
            close_quote = String(_MARK_OPEN + str(close_quote) + _MARK_CLOSE)
        return open_quote + string + close_quote


class Number(_TitleCased, model.Number):  # type: ignore[misc]
    """Counts its variable for group suppression."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        return _counted(self, super().render, item, *args, **kwargs)


class Label(_TitleCased, model.Label):  # type: ignore[misc]
    """``empty-label``: nothing for an empty variable."""

    def process(self, item: Any, variable: str | None = None, *args: Any, **kwargs: Any) -> Any:
        if variable is None:
            own = self.get("variable")
            if own == "locator":
                if not item.has_locator:
                    return None
            elif own is not None:
                key = own.replace("-", "_")
                if key not in item.reference or not str(item.reference[key]).strip():
                    return None
        return super().process(item, variable, *args, **kwargs)


class Group(model.Group):  # type: ignore[misc]
    """``group-suppression``: counts the variables its descendants call and render."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = _state(self)
        called, rendered = state.called, state.rendered
        output = []
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if output and (state.called == called or state.rendered > rendered):
            state.rendered += 1  # a group that renders is a success for the groups around it
            return self.join(output)
        raise VariableError


class Date(model.Date):  # type: ignore[misc]
    """``date-range-year``, ``sort-keys``; counts the date variable for group suppression."""

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        if self.is_locale_date():
            return super().render(item, *args, **kwargs)
        if _state(self).sorting:
            return _counted(self, self._sort_key, item)
        return _counted(self, super().render, item, *args, **kwargs)

    def _sort_key(self, item: Any) -> Any:
        date = item.reference.get(self.get("variable").replace("-", "_"))
        if self.get("form") is not None:
            parts: Sequence[str] = self.get("date-parts", "year-month-day").split("-")
        else:
            parts = [p.get("name") for p in self.iterchildren()] or ["year", "month", "day"]
        return String(date_sort_key(date, parts)) or None

    def render_date_range(
        self, date_range: Any, show_parts: Any = None, context: Any = None
    ) -> Any:
        end = date_range.get("end")
        if end is not None and not end.is_nil() and show_parts is not None:
            begin = date_range.begin
            shown = {child.get("name") for child in self.iterchildren()} & set(show_parts)
            differs = any(begin.get(part) != end.get(part) for part in shown)
            if not differs:
                return self.render_single_date(begin, list(show_parts), context)
        return super().render_date_range(date_range, show_parts, context)


class Date_Part(_TitleCased, model.Date_Part):  # type: ignore[misc]
    """Title case as citeproc-js on date parts (month names)."""


class Name_Part(_TitleCased, model.Name_Part):  # type: ignore[misc]
    """Title case as citeproc-js on name parts."""


class Names(model.Names):  # type: ignore[misc]
    """``subsequent-author-substitute`` on the first names of an entry; counts for groups."""

    def process(self, item: Any, names_context: Any = None, context: Any = None, **kw: Any) -> Any:
        if names_context is None and self.name is None:
            # ``substitute-inherits``: a bare cs:names anywhere inside cs:substitute (also in a
            # cs:choose) takes its name, label and et-al from the cs:names substituted for
            outer = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names")
            names_context = outer[0] if outer else None
        target = names_context if names_context is not None else self
        if target.name is None:  # citeproc-py would add an uncorrected cs:name on every call
            target.insert(0, target.makeelement(f"{{{CSL_NS}}}name"))
        return super().process(item, names_context=names_context, context=context, **kw)

    def render(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        state = _state(self)
        first = state.substitute is not None and not state.first_names_done
        roles = self.get("variable", "").split()
        hidden = frozenset(r for r in roles if _substituted(self, r))
        if hidden:
            item = _ReferenceProxy(item, hide=hidden)
        present = [r for r in roles if r not in hidden and r in item.reference]
        if not first:
            text = _counted(self, self.process, item, *args, **kwargs)
            if text and state.substituting:
                state.substituted.update(present)
            return self.markup(text)
        state.first_names_done = True
        state.rendered_names = []
        try:
            text = _counted(self, self.process, item, *args, **kwargs)
        finally:
            collected, state.rendered_names = state.rendered_names, None
        if text and state.substituting:
            state.substituted.update(present)
        if text:
            # compared by name parts, as citeproc-js does: "Pantucci Raffaello" in a Chinese
            # item is the same author as "Pantucci, Raffaello"
            signature = tuple(collected) if collected else (str(text),)
            if signature == state.previous_names and state.substitute is not None:
                text = String(state.substitute)
            state.previous_names = signature
        return self.markup(text)


class Name(model.Name):  # type: ignore[misc]
    """``initialize-false`` and ``static-ordering``."""

    def _inherited(self, name: str, default: str, context: Any, sort_options: Any) -> str:
        if sort_options and name in sort_options:
            return str(sort_options[name])
        if name in self.attrib:
            return str(self.get(name))
        scope = (context if context is not None else self).xpath_search(
            "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
        )
        for element in (*scope, self.get_root()):
            if name in element.attrib:
                return str(element.get(name))
        return default

    def process(
        self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kwargs: Any
    ) -> Any:
        state = _state(self)
        if sort_options is None:
            sort_options = state.sort_options
        if state.sorting and self.get_root().get("demote-non-dropping-particle") == "sort-only":
            # ``sort-keys``: "sort-only" demotes the particle when sorting (van Gogh by G)
            sort_options = {
                **(sort_options or {}),
                "demote-non-dropping-particle": "display-and-sort",
            }
        names = item.reference.get(variable, [])
        if state.rendered_names is not None:
            state.rendered_names.extend(
                tuple(str(name.get(part) or "") for part in ("family", "given", "literal"))
                for name in names
            )
        language = _item_language(item)
        views = [_NameView(name, self, context, sort_options, language) for name in names]
        proxy = _ReferenceProxy(item, variable, views)
        return super().process(proxy, variable, context, sort_options, **kwargs)

    def initialize(self, given: str, mark: str, context: Any) -> str:
        if self._inherited("initialize", "true", context, None) != "true":
            return self._normalise_initials(given, mark, context)
        return str(super().initialize(given, mark, context))

    def _normalise_initials(self, given: str, mark: str, context: Any) -> str:
        out: list[str] = []
        for token in given.split():
            if re.fullmatch(r"[A-Z]\.?", token):
                out.append(token[0] + mark)
            else:
                out.append(token + " ")
        return " ".join("".join(out).split())


class _NameView(dict):  # type: ignore[type-arg]
    """A name as citeproc-py's Name.process should see it: its parts escaped for the output
    format, and a name in fixed order (``static-ordering``) as one ready-made literal."""

    def __init__(
        self, name: Any, element: Name, context: Any, sort_options: Any, language: str
    ) -> None:
        super().__init__(name)
        preformat = element.get_formatter().preformat
        fixed = "literal" not in name and (
            bool(name.get("static-ordering")) or _romanesque(name, language) < 2
        )
        if not fixed:
            self._parts = tuple(preformat(p) if p else p for p in name.parts())
            return
        particle_family = (name.get("non-dropping-particle"), name.get("family"))
        family = " ".join(str(p) for p in particle_family if p)
        given = str(name.get("given") or "")
        form = element._inherited(
            "form", element.get_option("form", context, sort_options), context, sort_options
        )
        if _romanesque(name, language) == 0:
            text = family + given if form != "short" else family
        elif form == "short":
            text = family
        else:
            mark = element.get_option("initialize-with", context, sort_options)
            if given and mark is not None:
                given = element.initialize(given, mark, context)
            text = " ".join(p for p in (family, given) if p)
        self._parts = (None, preformat(text), None, None, None)

    def parts(self) -> tuple[Any, ...]:
        return self._parts


class _ReferenceProxy:
    """An item whose reference hides some variables and may answer one with other names."""

    def __init__(
        self,
        item: Any,
        variable: str | None = None,
        names: list[Any] | None = None,
        hide: frozenset[str] = frozenset(),
    ) -> None:
        self._item = item
        self.reference = _ReferenceView(item.reference, variable, names, hide)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)


class _ReferenceView:
    def __init__(
        self, reference: Any, variable: str | None, names: list[Any] | None, hide: frozenset[str]
    ) -> None:
        self._reference = reference
        self._variable = variable
        self._names = names
        self._hide = hide | {h.replace("-", "_") for h in hide}

    def __contains__(self, key: str) -> bool:
        return key not in self._hide and key in self._reference

    def __getitem__(self, key: str) -> Any:
        if key in self._hide:
            raise VariableError
        return self._reference[key]

    def get(self, key: str, default: Any = None) -> Any:
        if self._variable is not None and key == self._variable:
            return self._names
        return default if key in self._hide else self._reference.get(key, default)

    def __getattr__(self, name: str) -> Any:
        if name in self._hide:
            raise VariableError
        return getattr(self._reference, name)


def collation_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of citeproc-js's collator: case, accents, punctuation and spaces ignored, and
    runs of digits compared as numbers (Intl.Collator sensitivity=base, ignorePunctuation,
    numeric)."""
    folded = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(
        c
        for c in folded
        if not unicodedata.combining(c) and unicodedata.category(c)[0] not in "PZC"
    )
    return tuple(
        (0, int(run), "") if run.isdigit() else (1, 0, run) for run in re.findall(r"\d+|\D+", kept)
    )


class Sort(model.Sort):  # type: ignore[misc]
    """``sort-keys``: keys compared with :func:`collation_key`; missing keys last; ties keep
    the input order.

    A key is rendered only for the items that tie on every key before it (most entries differ
    by author or year, so the title and source macros are rendered for few of them); the order
    is the one comparing all keys would give.
    """

    def sort(self, items: Any, context: Any) -> list[Any]:
        keys = self.findall("cs:key", self.nsmap)
        descending = [key.get("sort", "ascending").lower() == "descending" for key in keys]

        def column(depth: int, indices: list[int]) -> list[str | None]:
            values = keys[depth].sort_keys([items[i] for i in indices], context)
            return [None if value is None else str(value) for value in values]

        return [items[i] for i in sort_order(len(items), descending, column)]


class Key(model.Key):  # type: ignore[misc]
    """``sort-keys``: a date variable key sorts as citeproc-js's (ranges after single dates)."""

    def get_macro(self, name: str) -> Any:
        return _macro(self, name)

    def sort_keys(self, items: Any, context: Any) -> Any:
        variable = (self.get("variable") or "").replace("-", "_")
        if variable in (
            "issued",
            "accessed",
            "original_date",
            "event_date",
            "submitted",
            "container",
        ):
            return [date_sort_key(item.reference.get(variable)) or None for item in items]
        state = _state(self)
        options: dict[str, Any] = {"name-as-sort-order": "all"}
        for option in ("names-min", "names-use-first", "names-use-last"):
            if option in self.attrib:
                options[option.replace("names", "et-al")] = self.get(option)
        state.sort_options = options  # citeproc-py passes them one macro deep only
        try:
            if "macro" not in self.attrib:
                return super().sort_keys(items, context)
            keys = []
            for item in items:  # one at a time, so that each is a new entry
                _new_entry(self)
                keys.extend(super().sort_keys([item], context))
            return keys
        finally:
            state.sort_options = None


class Substitute(model.Substitute):  # type: ignore[misc]
    """``substitute-suppression``: what a cs:substitute rendered is not repeated later."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = _state(self)
        state.substituting += 1
        try:
            return super().render(item, context=context, **kwargs)
        finally:
            state.substituting -= 1


class If(model.If):  # type: ignore[misc]
    """``disambiguate-condition``: disambiguate="true" never holds.

    The tests of an element are read from its attributes once (citeproc-py splits and
    lower-cases them for every entry): ``cs:choose`` trees are most of a style's work.
    """

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not self.passes(item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def passes(self, item: Any, context: Any = None) -> bool:
        """Whether the branch's tests hold for ``item``."""
        compiled = self.__dict__.get("_pb_tests")
        if compiled is None:
            compiled = self.__dict__["_pb_tests"] = self._compile()
        testers, match = compiled
        results: list[Any] = []
        for tester in testers:
            results += tester(item, context)
        if match == "any":
            return any(results)
        return not any(results) if match == "none" else all(results)

    def _compile(self) -> tuple[list[Callable[[Any, Any], list[Any]]], str | None]:
        testers: list[Callable[[Any, Any], list[Any]]] = []
        attributes = self.attrib
        if "disambiguate" in attributes:
            testers.append(lambda item, context: [False])
        if "type" in attributes:
            types = [name.lower() for name in self.get("type").split()]
            by_type: dict[str, list[bool]] = {}  # the answers for each item type, once

            def type_test(item: Any, context: Any) -> list[bool]:
                item_type = item.reference.type
                answer = by_type.get(item_type)
                if answer is None:
                    answer = by_type[item_type] = [t == item_type for t in types]
                return answer

            testers.append(type_test)
        if "variable" in attributes:
            names = [name.replace("-", "_") for name in self.get("variable").split()]
            testers.append(
                lambda item, context: [
                    ("locator" in item) if n == "locator" else (n in item.reference) for n in names
                ]
            )
        if "is-numeric" in attributes:
            testers.append(lambda item, context: self._is_numeric(item))
        if "is-uncertain-date" in attributes:
            testers.append(lambda item, context: self._is_uncertain_date(item))
        if "locator" in attributes:
            testers.append(lambda item, context: self._locator(item))
        if "position" in attributes:
            testers.append(self._position)
        return testers, self.get("match")


class Choose(model.Choose):  # type: ignore[misc]
    """The first branch whose tests hold, asked directly (citeproc-py raises and catches an
    exception for every branch that fails, most of them)."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        for branch in self.iterchildren():
            if isinstance(branch, If):
                if branch.passes(item, context):
                    return branch.render_children(
                        item, context=context, delimiter=delimiter, **kwargs
                    )
                continue
            try:
                return branch.render(item, context=context, delimiter=delimiter, **kwargs)
            except model.ConditionFailed:
                continue
        return None


class Else_If(If):
    """Same as :class:`If`."""


_FIXED: dict[str, type] = {
    "style": Style,
    "layout": Layout,
    "text": Text,
    "number": Number,
    "label": Label,
    "group": Group,
    "date": Date,
    "date-part": Date_Part,
    "name-part": Name_Part,
    "names": Names,
    "name": Name,
    "if": If,
    "choose": Choose,
    "substitute": Substitute,
    "key": Key,
    "sort": Sort,
    "else-if": Else_If,
}


class _Memoised:
    """Structural lookups answered once per element: the tree never changes while rendering.

    citeproc-py finds terms, layouts, options and child elements with an XPath or a ``find``
    on every call (a third of its time). :class:`FixedStyle` keeps every element proxy of the
    style and its locales alive, so a cache in the proxy's ``__dict__`` lives as long as the
    style.
    """

    def get_root(self) -> Any:
        cache = self.__dict__
        root = cache.get("_pb_root")
        if root is None:
            root = cache["_pb_root"] = self.getroottree().getroot()
        return root

    def xpath_search(self, expression: str) -> Any:
        found: dict[str, Any] = self.__dict__.setdefault("_pb_xpath", {})
        if expression not in found:
            found[expression] = self.xpath(expression, namespaces=self.nsmap)
        return found[expression]

    def _children(self) -> list[Any]:
        children: list[Any] | None = self.__dict__.get("_pb_kids")
        if children is None:
            children = self.__dict__["_pb_kids"] = list(super().iterchildren())  # type: ignore[misc]
        return children

    def iterchildren(self, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return super().iterchildren(*args, **kwargs)  # type: ignore[misc]
        return iter(self._children())

    def getchildren(self) -> list[Any]:
        return list(self._children())

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # private or dunder: never a CSL child element
            raise AttributeError(name)
        children: dict[str, Any] = self.__dict__.setdefault("_pb_children", {})
        if name not in children:
            children[name] = self.find("cs:" + name, self.nsmap)
        return children[name]


class _PlainFormatted:
    """``Formatted.format`` without its five formatter lookups for the (most) elements that
    set none of the font and decoration attributes: the text is returned as it is."""

    _ATTRIBUTES = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")

    def format(self, string: Any) -> Any:
        plain = self.__dict__.get("_pb_plain")
        if plain is None:
            attributes = self.attrib  # type: ignore[attr-defined]
            plain = self.__dict__["_pb_plain"] = not any(a in attributes for a in self._ATTRIBUTES)
        if not plain:
            return super().format(string)  # type: ignore[misc]
        return str(string) if isinstance(string, int | float) else string


@functools.cache
def _element_classes() -> dict[str | None, type]:
    """CSL tag → element class: citeproc-py's, or its correction, with :class:`_Memoised`."""
    classes: dict[str | None, type] = {None: model.CitationStylesElement}
    for cls in model.CitationStylesElement.__subclasses__():
        if cls.__module__ == model.__name__:
            classes[cls.__name__.replace("_", "-").lower()] = cls
    classes.update(_FIXED)
    return {
        tag: type(
            cls.__name__,
            (_PlainFormatted, _Memoised, cls)
            if issubclass(cls, model.Formatted)
            else (_Memoised, cls),
            {"__module__": __name__},
        )
        for tag, cls in classes.items()
    }


def _parser() -> etree.XMLParser:
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace.update(_element_classes())
    parser = etree.XMLParser(
        remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False
    )
    parser.set_element_class_lookup(lookup)
    return parser


class FixedStyle(CitationStylesStyle):  # type: ignore[misc]
    """A CSL style parsed with the corrected element classes (never validated per use)."""

    def __init__(self, path: Path, locale: str) -> None:
        self.xml = etree.parse(str(path), _parser())
        self.root = self.xml.getroot()
        if not isinstance(self.root, Style):
            raise ValueError(f"the root element is {self.root.tag!r}, not a CSL style")
        self.root.set_locale_list(locale, validate=False)
        # one live proxy per element, so that the caches of _Memoised last (see there)
        self._elements = [e for tree in (self.root, *self.root.locales) for e in tree.iter()]


def load_style(path: Path, locale: str) -> FixedStyle:
    """Parse the style at ``path`` for ``locale`` (raises lxml/ValueError on bad input)."""
    return FixedStyle(path, locale)


class _Source(CiteProcJSON):  # type: ignore[misc]
    """CSL-JSON input that keeps ``static-ordering`` on names without citeproc-py's warning.

    ``hyphenated-names``: name variables are also stored under their CSL spelling
    (``original-author``), which is what cs:names looks up.
    """

    def __init__(self, json_data: list[dict[str, Any]]) -> None:
        super().__init__(json_data)
        for reference in self.values():
            for variable in NAMES:
                if "_" in variable and variable in reference:
                    reference[variable.replace("_", "-")] = reference[variable]

    def parse_names(self, json_data: list[dict[str, Any]]) -> list[Any]:
        from citeproc.source import Name as SourceName

        names = []
        for data in json_data:
            fields = {k: v for k, v in data.items() if k != "static-ordering"}
            name = SourceName(**fields)
            if data.get("static-ordering"):
                name["static-ordering"] = True
            names.append(name)
        return names


class _CitationItem(CitationItem):  # type: ignore[misc]
    """A cite whose reference is looked up once (citeproc-py follows three properties and two
    dictionary lookups each time a variable is read)."""

    @functools.cached_property
    def reference(self) -> Any:
        return self.citation.bibliography.source[self.key]


class _Keys(list):  # type: ignore[type-arg]
    """The bibliography's keys with a constant-time ``index`` (citation numbers)."""

    def __init__(self, keys: Iterable[str]) -> None:
        super().__init__(keys)
        self._position = {key: i for i, key in enumerate(self)}

    def index(self, key: Any, *args: Any) -> int:
        return self._position[key]


def _suffix(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _ambiguity_key(style: FixedStyle, item: Any, names_rule: str | None) -> tuple[Any, ...]:
    citation = style.root.citation
    layout = citation.layout
    citation.cites = []
    layout.repressed = {}
    _new_entry(layout)
    try:
        text = str(layout.render_children(item) or "")
    except ENGINE_ERRORS:
        return (item.key,)  # unrenderable: never ambiguous
    key: tuple[Any, ...] = (text,)
    if names_rule is None:
        return key
    language = _item_language(item)
    for name in item.reference.get("author") or item.reference.get("editor") or []:
        family, given = str(name.get("family") or name.get("literal")), str(name.get("given") or "")
        if names_rule == "names":
            key += (family,)
        elif names_rule.endswith("with-initials"):
            key += (family, given[:1])
        elif names_rule == "by-cite":  # expanded in the cite as rendered: order matters
            static = bool(name.get("static-ordering")) or _romanesque(name, language) < 2
            key += (family, given, static)
        else:  # all-names, primary-name: the same person, whatever the order
            key += (family, given)
    return key


def _suffix_rule(style: FixedStyle) -> tuple[bool, str | None]:
    """Whether the style asks for year suffixes, and the names rule that may make them moot."""
    citation = style.root.citation
    if citation is None or citation.get("disambiguate-add-year-suffix", "false") != "true":
        return False, None
    if citation.get("disambiguate-add-givenname", "false") == "true":
        return True, citation.get("givenname-disambiguation-rule", "by-cite")
    if citation.get("disambiguate-add-names", "false") == "true":
        return True, "names"
    return True, None


def year_suffixes(ambiguity_keys: Sequence[Hashable]) -> list[str]:
    """``year-suffix``: a, b, c … for entries (in bibliography order) whose keys are equal.

    Entries are ambiguous when their first citations render identically and, where the style
    disambiguates by names or given names, adding those would not tell them apart: the same
    family names (add-names); the same given names, or initials for the ``*-with-initials``
    rules; under ``by-cite`` also the same name order, since the expanded cite shows it.
    """
    groups: dict[Hashable, list[int]] = {}
    for position, key in enumerate(ambiguity_keys):
        groups.setdefault(key, []).append(position)
    suffixes = [""] * len(ambiguity_keys)
    for members in groups.values():
        if len(members) > 1:
            for index, position in enumerate(members):
                suffixes[position] = _suffix(index)
    return suffixes


def sort_order(
    count: int,
    descending: Sequence[bool],
    column: Callable[[int, list[int]], Sequence[str | None]],
) -> list[int]:
    """Indices of ``count`` items in the order of a CSL ``cs:sort`` (see :class:`Sort`).

    ``column(depth, indices)`` gives the values of sort key ``depth`` for those items (None or
    "" when missing). It is asked once per key, and only for the items that tie on every key
    before it: all of them in one call, so that the work can be shared between processes.
    """
    runs = [list(range(count))]  # consecutive runs of the order; items in a run tie so far
    for depth, reverse in enumerate(descending):
        tied = [index for run in runs if len(run) > 1 for index in run]
        if not tied:
            break
        values = dict(zip(tied, column(depth, tied), strict=True))
        refined: list[list[int]] = []
        for run in runs:
            if len(run) < 2:
                refined.append(run)
                continue
            groups: dict[Any, list[int]] = {}
            for index in run:  # in input order, which ties keep
                value = values[index]
                groups.setdefault(collation_key(value) if value else None, []).append(index)
            present = sorted((k for k in groups if k is not None), reverse=reverse)
            refined.extend(groups[k] for k in present)
            if None in groups:  # missing values last, whatever the direction
                refined.append(groups[None])
        runs = refined
    return [index for run in runs for index in run]


class Renderer:
    """One bibliography of CSL-JSON ``items`` in one parsed style, rendered phase by phase.

    The phases (sort keys, ambiguity keys, entries) each work on any subset of the items, so
    that :mod:`pantucci_bib.formatting` can take some results from its cache and share the
    rest between processes: :func:`sort_order`, :meth:`set_order` with
    :func:`year_suffixes`, then :meth:`entries`.
    """

    def __init__(
        self,
        style: FixedStyle,
        items: list[dict[str, Any]],
        formatter: Any,
        key_formatter: Any = None,
    ) -> None:
        self.style = style
        self._formatter = formatter
        # sort and ambiguity keys are compared as plain text, as citeproc-js does: markup of
        # the output format (an HTML <i>) must not change the order or the year suffixes
        self._key_formatter = key_formatter or formatter
        self.ids = [str(item["id"]) for item in items]
        self._bib = CitationStylesBibliography(style, _Source(items), formatter)
        citation = Citation([_CitationItem(key) for key in self.ids])
        citation.bibliography = self._bib
        self._cites = list(citation.cites)
        bibliography = style.root.bibliography
        self._layout = bibliography.layout
        sort = bibliography.find("cs:sort", bibliography.nsmap)
        self._keys = [] if sort is None else sort.findall("cs:key", sort.nsmap)
        #: Per sort key: whether it sorts descending.
        self.descending = [k.get("sort", "ascending").lower() == "descending" for k in self._keys]
        self.suffixes, self._names_rule = _suffix_rule(style)
        #: Whether an entry depends on the one before it (subsequent-author-substitute).
        self.chained = bibliography.get("subsequent-author-substitute") is not None
        self._order: list[int] = list(range(len(items)))

    def sort_column(self, depth: int, indices: Sequence[int]) -> list[str | None]:
        """The values of sort key ``depth`` for the items at ``indices`` (None if missing)."""
        state = _state(self._layout)
        state.sorting = True
        self.style.root.formatter = self._key_formatter
        try:
            values = self._keys[depth].sort_keys([self._cites[i] for i in indices], self._layout)
        finally:
            state.sorting = False
            self.style.root.formatter = self._formatter
        return [None if value is None or str(value) == "" else str(value) for value in values]

    def set_order(self, order: Sequence[int], suffixes: Sequence[str] = ()) -> None:
        """Put the items in bibliography ``order`` (citation numbers follow it); give the item
        at each position its year suffix."""
        self._order = list(order)
        self._bib.items = [self._cites[i] for i in order]
        self._bib.keys = _Keys(item.key for item in self._bib.items)
        for item, suffix in zip(self._bib.items, suffixes, strict=False):
            if suffix:
                item.reference["year_suffix"] = String(suffix)
            else:
                item.reference.pop("year_suffix", None)

    def ambiguity_keys(self, indices: Sequence[int]) -> list[tuple[Any, ...]]:
        """The key telling apart the first citations of the items at ``indices``."""
        self.style.root.formatter = self._key_formatter
        try:
            return [_ambiguity_key(self.style, self._cites[i], self._names_rule) for i in indices]
        finally:
            self.style.root.formatter = self._formatter

    def entries(self, start: int, stop: int) -> list[str | None]:
        """The entries at bibliography positions ``start`` to ``stop`` (after :meth:`set_order`);
        None for an entry that renders nothing. Raises :class:`EntryError`."""
        warm_up = 1 if self.chained and start > 0 else 0  # the entry it may repeat names of
        items = self._bib.items[start - warm_up : stop]
        try:
            entries: list[str | None] = self._layout.render_bibliography(items)
        except EntryError as exc:
            key = self.ids[next(i for i in self._order if self._cites[i].key == exc.key)]
            raise EntryError(key, str(exc)) from exc
        return entries[warm_up:]
