"""CSL 1.0.2 \u00a7 Choose: cs:choose, cs:if, cs:else-if."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from citeproc import model


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
        return bool(self.predicate()(item, context))

    def predicate(self) -> Callable[[Any, Any], bool]:
        """The branch's tests as one function of (item, context), made once."""
        test: Callable[[Any, Any], bool] | None = self.__dict__.get("_pb_test")
        if test is None:
            test = self.__dict__["_pb_test"] = self._predicate()
        return test

    def type_test(self) -> tuple[frozenset[str], bool] | None:
        """(types, negated) where the branch tests the item's type alone (the branch holds
        when the type is in ``types``, or with ``negated`` when it is not); else None."""
        tested = [name for name in self.attrib.keys() if name != "match"]
        if tested != ["type"]:
            return None
        match = self.get("match") or "all"
        types = frozenset(name.lower() for name in self.get("type").split())
        if match == "any" or (len(types) == 1 and match != "none"):
            return types, False
        return (types, True) if match == "none" else None

    def _predicate(self) -> Callable[[Any, Any], bool]:
        match = self.get("match") or "all"
        tested = [name for name in self.attrib.keys() if name != "match"]
        by_type = self.type_test()
        if by_type is not None:  # the most common branch: a set lookup
            types, negated = by_type
            if negated:
                return lambda item, context: item.reference.type not in types
            return lambda item, context: item.reference.type in types
        if tested == ["variable"]:
            names = [name.replace("-", "_") for name in self.get("variable").split()]
            if not {"locator", "first_reference_note_number"} & set(names):
                if match == "any":
                    return lambda item, context: any(n in item.reference for n in names)
                if match == "none":
                    return lambda item, context: not any(n in item.reference for n in names)
                return lambda item, context: all(n in item.reference for n in names)
        testers, match_option = self._compile()

        def passes(item: Any, context: Any) -> bool:
            results: list[Any] = []
            for tester in testers:
                results += tester(item, context)
            if match_option == "any":
                return any(results)
            return not any(results) if match_option == "none" else all(results)

        return passes

    def _compile(self) -> tuple[list[Callable[[Any, Any], list[Any]]], str | None]:
        testers: list[Callable[[Any, Any], list[Any]]] = []
        attributes = self.attrib
        if "disambiguate" in attributes:
            testers.append(lambda item, context: [bool(item.get("pb_disambiguate"))])
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
                    ("locator" in item)
                    if n == "locator"
                    else bool(item.get("pb_first_note"))
                    if n == "first_reference_note_number"
                    else (n in item.reference)
                    for n in names
                ]
            )
        if "is-numeric" in attributes:
            numeric = self.re_numeric.match
            variables = [name.replace("-", "_") for name in self.get("is-numeric").split()]

            def numeric_test(item: Any, context: Any) -> list[bool]:
                # ``locator`` is the cite's, not a variable of the item
                results = []
                for name in variables:
                    if name == "locator":
                        value = item.locator.identifier if "locator" in item else None
                    else:
                        value = item.reference.get(name)
                    results.append(value is not None and bool(numeric(str(value))))
                return results

            testers.append(numeric_test)
        if "is-uncertain-date" in attributes:
            dates = [name.replace("-", "_") for name in self.get("is-uncertain-date").split()]

            def uncertain_test(item: Any, context: Any) -> list[Any]:
                # citeproc-py's _is_uncertain_date (each date's circa, else False), without
                # raising for a date the item lacks
                reference = item.reference
                results = []
                for name in dates:
                    date = reference.get(name) if name in reference else None
                    circa = date.get("circa", False) if isinstance(date, dict) else False
                    results.append(circa)
                return results

            testers.append(uncertain_test)
        if "locator" in attributes:
            labels = [name.replace("-", " ") for name in self.get("locator").split()]

            def locator_test(item: Any, context: Any) -> list[bool]:
                # citeproc-py's _locator, the labels split once
                if not item.has_locator:
                    return [False] * len(labels)
                label = item.locator.label
                return [name == label for name in labels]

            testers.append(locator_test)
        if "position" in attributes:
            wanted = self.get("position").split()

            def position_test(item: Any, context: Any) -> list[bool]:
                # ``position``: the positions of a cite are worked out for the whole document
                # beforehand (engine.citations); a bibliography entry has none
                held = item.get("pb_positions")
                return [held is not None and name in held for name in wanted]

            testers.append(position_test)
        return testers, self.get("match")


class Choose(model.Choose):  # type: ignore[misc]
    """The first branch whose tests hold, asked directly (citeproc-py raises and catches an
    exception for every branch that fails, most of them)."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        branches = self.__dict__.get("_pb_branches")
        if branches is None:
            branches = self.__dict__["_pb_branches"] = [
                (branch.predicate() if isinstance(branch, If) else None, branch)
                for branch in self.iterchildren()
            ]
        for test, branch in branches:
            if test is not None:
                if test(item, context):
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
