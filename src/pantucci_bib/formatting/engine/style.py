"""The parsed style: citeproc-py's element classes, or their corrections, memoised."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from citeproc import LANGUAGE_NAMES, LOCALES_PATH, PRIMARY_DIALECTS, model
from citeproc.frontend import CitationStylesStyle
from citeproc.source import VariableError
from citeproc.string import String
from lxml import etree

from pantucci_bib.formatting.engine.compiled import compile_children
from pantucci_bib.formatting.engine.conditions import Choose, Else_If, If
from pantucci_bib.formatting.engine.dates import Date, Date_Part
from pantucci_bib.formatting.engine.layout import Layout
from pantucci_bib.formatting.engine.names import Name, Name_Part, Names, Substitute
from pantucci_bib.formatting.engine.rendering import Group, Label, Number, Text
from pantucci_bib.formatting.engine.seams import affixed, join
from pantucci_bib.formatting.engine.sorting import Key, Sort
from pantucci_bib.formatting.engine.state import CSL_NS


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

    def get_formatter(self) -> Any:
        """citeproc-py's, finding the root once (it looked it up twice)."""
        root = self.get_root()
        return root.style.formatter if isinstance(root, model.Locale) else root.formatter

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

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        """citeproc-py's ``Parent.render_children`` over the remembered children; without
        keyword arguments (a layout rendering a cite), through their compiled closures."""
        if not kwargs:
            return compile_children(self, delimiter)(item, None)
        output = []
        for child in self._children():
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        return join(output, delimiter) if output else None

    def get_term(self, name: str, form: str | None = None, *args: Any, **kwargs: Any) -> Any:
        """A term, looked up once per element and form (the locales never change)."""
        terms: dict[Any, Any] = self.__dict__.setdefault("_pb_terms", {})
        key = (name, form, args, tuple(sorted(kwargs.items())))
        if key not in terms:
            terms[key] = super().get_term(name, form, *args, **kwargs)  # type: ignore[misc]
        return terms[key]

    def get_single_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        terms: dict[Any, Any] = self.__dict__.setdefault("_pb_single", {})
        key = (name, args, tuple(sorted(kwargs.items())))
        if key not in terms:
            terms[key] = super().get_single_term(name, *args, **kwargs)  # type: ignore[misc]
        return terms[key]

    def get_locale_option(self, name: str) -> Any:
        """A locale's style option, looked up once per element (the locales never change)."""
        options: dict[str, Any] = self.__dict__.setdefault("_pb_locale_options", {})
        if name not in options:
            options[name] = super().get_locale_option(name)  # type: ignore[misc]
        return options[name]

    def get_plural_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        terms: dict[Any, Any] = self.__dict__.setdefault("_pb_plural", {})
        key = (name, args, tuple(sorted(kwargs.items())))
        if key not in terms:
            terms[key] = super().get_plural_term(name, *args, **kwargs)  # type: ignore[misc]
        return terms[key]

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
            string = super().format(string)  # type: ignore[misc]
        elif isinstance(string, int | float):
            string = str(string)
        return string

    def wrap(self, string: Any) -> Any:
        affixes: tuple[str, str, str] | None = self.__dict__.get("_pb_affixes")
        if affixes is None:
            attributes = self.attrib  # type: ignore[attr-defined]
            affixes = self.__dict__["_pb_affixes"] = (
                attributes.get("prefix", ""),
                attributes.get("suffix", ""),
                attributes.get("display", ""),
            )
            # (citeproc-py's own wrap, not a correction of it: done by seams.affixed)
            parent = getattr(super(), "wrap", None)
            self.__dict__["_pb_affixed"] = getattr(parent, "__func__", None) is model.Affixed.wrap
        prefix, suffix, display = affixes
        if prefix or suffix:  # without affixes citeproc-py's ``Affixed.wrap`` gives ``string``
            if string is not None and self.__dict__["_pb_affixed"]:
                string = affixed(prefix, string, suffix)
            else:
                string = super().wrap(string)  # type: ignore[misc]
        if display and string and getattr(self.get_formatter(), "markup", None) == "html":  # type: ignore[attr-defined]
            # ``display``: block, left-margin, right-inline and indent as citeproc-js's divs,
            # around the element and its affixes
            return String(f'<div class="csl-{display}">') + string + String("</div>")
        return string


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
