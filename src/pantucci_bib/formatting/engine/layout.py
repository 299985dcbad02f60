"""CSL 1.0.2 \u00a7 Layout: cs:layout rendering an entry or a cite, and finishing its text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from citeproc import model
from citeproc.source import VariableError

from pantucci_bib.formatting.engine.compiled import compile_children, compile_element
from pantucci_bib.formatting.engine.punctuation import _MARK_FIELD, finish_entry
from pantucci_bib.formatting.engine.rich_text import finish_html, punctuation_into_div
from pantucci_bib.formatting.engine.seams import add
from pantucci_bib.formatting.engine.state import ENGINE_ERRORS, EntryError, _new_entry, _state


def finish(element: Any, text: str) -> str:
    """An entry or citation finished: quotes and punctuation resolved; for HTML, flip-flopped
    decorations and superscript characters as markup."""
    html = getattr(element.get_formatter(), "markup", None) == "html"
    text = finish_entry(punctuation_into_div(text) if html else text)
    return finish_html(text) if html else text


class Layout(model.Layout):  # type: ignore[misc]
    """``second-field-align`` and ``subsequent-author-substitute``; one result per item."""

    def render_bibliography(self, citation_items: Iterable[Any]) -> list[str | None]:
        bibliography = self.getparent()
        state = _state(self)
        substitute = bibliography.get("subsequent-author-substitute")
        aligned = bibliography.get("second-field-align") is not None
        state.previous_names = None
        render_all = compile_children(self)
        output: list[str | None] = []
        try:
            for item in citation_items:
                self.repressed: dict[str, Any] = {}
                _new_entry(self)
                state.substitute = substitute
                state.first_names_done = False
                try:
                    body = self._render_aligned(item) if aligned else render_all(item, None)
                except ENGINE_ERRORS as exc:
                    raise EntryError(item.key, f"{type(exc).__name__}: {exc}") from exc
                text = self.format(self.wrap(body)) if body is not None else None
                output.append(finish(self, str(text)) if text is not None else None)
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
        return add(add(head, _MARK_FIELD), rest)

    @staticmethod
    def render_children_of(children: Sequence[Any], item: Any) -> Any:
        output = []
        for child in children:
            try:
                text = compile_element(child)(item, None)
            except VariableError:
                continue
            if text is not None:
                output.append(text)
        if not output:
            return None
        result = output[0]
        for text in output[1:]:
            result = add(result, text)
        return result
