"""Constructors for the model's frozen classes, for loaders that hold converted values.

A public constructor (``Record(...)``) runs every field's converter (a list of authors
becomes a tuple, ``"book"`` becomes :attr:`RecordType.BOOK`) and, the class being frozen,
sets each of Record's ~90 slots with a call of ``object.__setattr__``: most of the time
taken to read 10,000 native records. :func:`builder` makes, for one class, a function that
takes every field's value in field order and runs only the converters of the fields the
caller did not declare converted. It fills an instance of an unfrozen subclass that adds
nothing to the class's layout (so each slot is set by a plain attribute store), then gives
the instance the class itself (``__class__`` assignment, which Python allows between such
layouts) and runs the class's validation (``__attrs_post_init__``): from the same values,
the object the constructor makes, of the class itself and as frozen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

import attrs

T = TypeVar("T")


@attrs.frozen
class Builder(Generic[T]):
    """``build(values)`` makes an instance from ``values``, one per field in field order;
    ``defaults`` holds each field's default (converted where the caller converts), with
    :data:`attrs.NOTHING` for a field that has none, and ``index`` maps a field to its place.
    """

    build: Callable[[list[Any]], T]
    defaults: tuple[Any, ...]
    index: dict[str, int]


def builder(
    cls: type[T], *, converted: Iterable[str] = (), order: Iterable[str] | None = None
) -> Builder[T]:
    """A :class:`Builder` for the frozen, slotted attrs class ``cls``; the caller hands the
    fields named in ``converted`` over as their converter would leave them, so that converter
    is not run (nor is any other: those of the other fields are). A caller that lists the
    values in code names the fields in ``order``: ValueError unless that is their order."""
    trusted = frozenset(converted)
    fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)  # type: ignore[arg-type]
    if order is not None and tuple(order) != tuple(field.name for field in fields):
        raise ValueError(f"{cls.__qualname__}'s fields are in another order: {fields}")
    unknown = trusted - {field.name for field in fields if field.converter is not None}
    if unknown:
        raise ValueError(f"not fields with a converter: {sorted(unknown)}")
    if hasattr(cls, "__attrs_pre_init__"):
        raise ValueError(f"{cls.__qualname__}: __attrs_pre_init__ is not supported")
    if set(getattr(cls, "__slots__", ())) - {field.name for field in fields} - {"__weakref__"}:
        raise ValueError(f"{cls.__qualname__}: slots beyond its fields (a cached hash?)")
    unfrozen = type(
        f"_Unfrozen{cls.__name__}",
        (cls,),
        {"__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__},
    )
    probe: Any = object.__new__(unfrozen)
    probe.__class__ = cls  # raises TypeError now, not at the first record, if not allowed
    namespace: dict[str, Any] = {"_new": object.__new__, "_unfrozen": unfrozen, "_cls": cls}
    namespace["_NOTHING"] = attrs.NOTHING
    lines = ["def build(values):", "    self = _new(_unfrozen)"]
    defaults: list[Any] = []
    for i, field in enumerate(fields):
        _check(cls, field)
        value = f"values[{i}]"
        default = field.default
        if (convert := field.converter) is not None:
            if isinstance(convert, attrs.Converter):
                raise ValueError(f"{cls.__qualname__}.{field.name}: attrs.Converter unsupported")
            if field.name in trusted:
                default = default if default is attrs.NOTHING else convert(default)
            else:
                namespace[f"_convert_{i}"] = convert
                value = f"_convert_{i}({value})"
        if default is attrs.NOTHING:
            lines.append(f"    if values[{i}] is _NOTHING: raise TypeError('no {field.name}')")
        lines.append(f"    self.{field.name} = {value}")
        defaults.append(default)
    lines.append("    self.__class__ = _cls")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    self.__attrs_post_init__()")
    lines.append("    return self")
    exec(compile("\n".join(lines), f"<builder for {cls.__qualname__}>", "exec"), namespace)
    index = {field.name: i for i, field in enumerate(fields)}
    return Builder(namespace["build"], tuple(defaults), index)


def _check(cls: type, field: attrs.Attribute[Any]) -> None:
    """Refuse what the built function would not do as the constructor does."""
    if (
        field.validator is not None
        or not field.init
        or isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
        or type(cls.__dict__.get(field.name)).__name__ != "member_descriptor"  # a slot
    ):
        raise ValueError(f"{cls.__qualname__}.{field.name}: not a plain slotted field")
