"""An item seen with some of its variables hidden: what a cs:substitute already rendered
(``substitute-suppression``) is not rendered again by a later cs:names."""

from __future__ import annotations

from typing import Any

from citeproc.source import VariableError


class _ReferenceProxy:
    """An item whose reference hides some variables."""

    def __init__(self, item: Any, hide: frozenset[str]) -> None:
        self._item = item
        self.reference = _ReferenceView(item.reference, hide)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)


class _ReferenceView:
    def __init__(self, reference: Any, hide: frozenset[str]) -> None:
        self._reference = reference
        self._hide = hide | {h.replace("-", "_") for h in hide}

    def __contains__(self, key: str) -> bool:
        return key not in self._hide and key in self._reference

    def __getitem__(self, key: str) -> Any:
        if key in self._hide:
            raise VariableError
        return self._reference[key]

    def get(self, key: str, default: Any = None) -> Any:
        return default if key in self._hide else self._reference.get(key, default)

    def __getattr__(self, name: str) -> Any:
        if name in self._hide:
            raise VariableError
        return getattr(self._reference, name)
