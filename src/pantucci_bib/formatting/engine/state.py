"""Render state of one parsed style, and what the engine raises.

The state lives on the style root (lxml proxies of the root live as long as the style).
"""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.source import VariableError

CSL_NS = "http://purl.org/net/xbiblio/csl"


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
        # in-text citations: what the outermost cs:names of a cite does ("suppress": renders
        # nothing, for suppress-author; "capture": renders, for author-only and collapsing),
        # and the text it rendered
        self.cite_names: str | None = None
        self.cite_names_done = False
        self.captured_names: str | None = None
        self.names_depth = 0
        # ``implicit-year-suffix``: whether the style prints year suffixes after the first year
        # (it asks for them but never renders the variable), and whether this entry has one
        # ``leading-term``: whether the cite being rendered has printed anything yet, and
        # whether that was a term (ibid.), which citeproc-js capitalises at a citation's start
        self.cite_started = False
        self.leading_term = False
        self.implicit_suffix: bool | None = None
        self.suffix_shown = False


def implicit_suffix(element: Any) -> bool:
    """``implicit-year-suffix``: whether the style asks for year suffixes but never prints
    the variable (they then follow the first year, or the citation-label, printed)."""
    state = _state(element)
    if state.implicit_suffix is None:
        root = element.get_root()
        if isinstance(root, model.Locale):
            root = root.style
        citation = root.citation
        state.implicit_suffix = (
            citation is not None
            and citation.get("disambiguate-add-year-suffix", "false") == "true"
            and not root.xpath_search(".//cs:text[@variable='year-suffix']")
        )
    return state.implicit_suffix


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
    """True for a variable a cs:substitute already rendered in this entry (not to repeat,
    after the substitute or within it: a macro it calls may name the variable twice)."""
    return variable in _state(element).substituted


def _new_entry(element: Any) -> None:
    state = _state(element)
    state.substituted = set()
    state.substituting = 0
    state.suffix_shown = False


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
        state.cite_started = True
    return text
