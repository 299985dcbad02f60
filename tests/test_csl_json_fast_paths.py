"""The CSL-JSON reader's and writer's quick paths give what the plain ones give.

``same_json`` lets the reader skip writing out a value that is the same on both sides; it
must never call two values the same that :func:`canonical` writes differently. The writer's
generated ``own_fields`` must put in the same variables, in the same order, as a walk of the
mapping tables. The reader's one-table dispatch must report what the table walk reported.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pantucci_bib import corpus, loads
from pantucci_bib.formats.csl_json.mapping import DATES, NAMES, TEXT
from pantucci_bib.formats.csl_json.read import date_from_csl, same_json
from pantucci_bib.formats.csl_json.write import canonical, csl_date, csl_name, own_item
from pantucci_bib.vocabulary import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True),
    st.sampled_from(["", "a", "1", "true", "A"]),
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from("abc"), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=600, deadline=None)
@given(_JSON, _JSON)
def test_same_json_implies_the_same_canonical_text(one: Any, other: Any) -> None:
    if same_json(one, other):
        assert canonical(one) == canonical(other)


_NO_FLOATS = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=3)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=2), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(_NO_FLOATS)
def test_a_value_without_floats_is_the_same_json_as_its_copy(value: Any) -> None:
    assert same_json(value, json.loads(json.dumps(value)))


def test_same_json_tells_apart_what_python_calls_equal() -> None:
    assert not same_json(1, True)
    assert not same_json(1, 1.0)
    assert not same_json(0.0, -0.0)
    assert not same_json({"a": [1]}, {"a": [True]})
    assert same_json({"a": [1, "x"], "b": None}, {"b": None, "a": [1, "x"]})


def _walked(record: Any) -> dict[str, Any]:
    """own_item as the table walk it replaces made it."""
    item: dict[str, Any] = {}
    for variable, attr in NAMES.items():
        if people := getattr(record, attr):
            item[variable] = [csl_name(p) for p in people]
    for variable, attr in TEXT.items():
        if value := getattr(record, attr):
            item[variable] = value
    for variable, attr in DATES.items():
        if date := getattr(record, attr):
            item[variable] = csl_date(date)
    return item


def test_own_item_puts_every_field_in_the_tables_order() -> None:
    records = list(corpus())
    text = json.dumps(
        [
            {
                "id": "every",
                "type": "book",
                **{f.replace("_", "-"): [{"family": f, "given": "A"}] for f in NAME_FIELDS},
                **{f.replace("_", "-"): f"{f} text" for f in TEXT_FIELDS},
                **{f.replace("_", "-"): {"date-parts": [[2001, 2, 3]]} for f in DATE_FIELDS},
            }
        ]
    )
    records += loads(text, "csl-json").records
    for record in records:
        item = own_item(record)
        fields = {k: v for k, v in item.items() if k in NAMES or k in TEXT or k in DATES}
        walked = _walked(record)
        assert list(fields) == list(walked)
        assert fields == walked
    assert len(_walked(records[-1])) > 60  # (the last record has every kind of field)


def test_reader_messages_keep_the_tables_order() -> None:
    item = {
        "id": "x",
        "type": "book",
        "issued": {"nothing": 1},
        "title": ["not text"],
        "author": "not a list",
    }
    problems = loads(json.dumps([item]), "csl-json").problems
    said = [p.message.split(" not read")[0] for p in problems]
    assert said == ["author", "title", "issued"]


_part = st.one_of(st.integers(-2, 40), st.booleans(), st.none(), st.just(""), st.just("3"))


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.lists(_part, max_size=4), max_size=3))
def test_a_plain_date_read_at_once_is_the_general_reading(parts: list[list[Any]]) -> None:
    """``{"date-parts": …}`` alone takes a quick path; with a key that changes nothing
    (``"season": null``) it takes the general one: the same date, or the same error."""

    def read(value: dict[str, Any]) -> object:
        try:
            return date_from_csl(value)
        except (ValueError, TypeError) as exc:
            return (type(exc), str(exc))

    assert read({"date-parts": parts}) == read({"date-parts": parts, "season": None})
