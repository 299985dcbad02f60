"""The native JSON reader: its fast path gives the records Record's constructor gives.

``native.loads`` builds records with :func:`pantucci_bib.model_build.builder` from values it
has already converted; anything that fails there is read again through the constructor,
which reports the error. These tests hold the two paths to the same records and errors.
"""

from __future__ import annotations

import json

import attrs
import pytest

from pantucci_bib import (
    OriginalPublication,
    PartialDate,
    Person,
    Provenance,
    Record,
    RecordType,
    Relation,
    corpus,
)
from pantucci_bib.errors import ParseError
from pantucci_bib.formats import native
from pantucci_bib.model import Verbatim
from pantucci_bib.model_build import builder
from pantucci_bib.vocabulary import DATE_FIELDS, NAME_FIELDS, TEXT_FIELDS


def _shape(value: object) -> object:
    """A value with the class of every part spelled out (a list is not a tuple here)."""
    if attrs.has(type(value)):
        parts = tuple((f.name, _shape(getattr(value, f.name))) for f in attrs.fields(type(value)))
        return (type(value).__name__, parts)
    if isinstance(value, tuple):
        return ("tuple", tuple(_shape(v) for v in value))
    return (type(value).__name__, value)


def _everything() -> Record:
    """A record with every field the native form carries."""
    person = Person(family="Gaulle", given="Charles", dropping_particle="de", comma_suffix=True)
    fields: dict[str, object] = {
        name: (person, Person(literal="CABAR.asia")) for name in NAME_FIELDS
    }
    fields |= {name: PartialDate(2016, 2, 16, 14, 0, as_written="16 Feb") for name in DATE_FIELDS}
    fields |= {name: f"{name} text" for name in TEXT_FIELDS if name != "title"}
    return Record(
        key="every_field",
        type="paper-conference",
        title="All",
        **fields,  # type: ignore[arg-type]
        original=OriginalPublication(
            kind="translation", title="Tout", author=[person], issued=PartialDate(1990, circa=True)
        ),
        keywords=["a", "b"],
        relations=[Relation("cites", "other", [3, 4])],
        extra=[Verbatim("bibtex", "file", "x.pdf"), Verbatim("csl-json", "note", '"n"', "m")],
        appearances=[Provenance("a.txt", 3, 7), Provenance("b.txt")],
    )


def _dicts() -> list[dict[str, object]]:
    from conftest import synthetic_records

    records = [*corpus(include_cited=True), _everything(), *synthetic_records(200)]
    return [native.record_to_dict(r) for r in records]


def test_fast_path_gives_the_constructors_records():
    for data in _dicts():
        fast = native._read_record(data)
        checked = native._read_record_checked(data, "")
        assert type(fast) is Record
        assert _shape(fast) == _shape(checked)
        assert fast == checked and hash(fast) == hash(checked)
        assert fast.appearances == checked.appearances  # not in equality
        assert native.record_to_dict(fast) == data


def test_loads_takes_the_fast_path_for_valid_records(monkeypatch):
    dicts = _dicts()

    def unexpected(data: object, where: str) -> Record:
        raise AssertionError(f"fell back for {data!r}")

    monkeypatch.setattr(native, "_read_record_checked", unexpected)
    assert [native.record_to_dict(r) for r in native.loads(json.dumps(dicts))] == dicts


def test_loaded_records_are_frozen():
    record = native.loads(native.dumps([_everything()]))[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.title = "other"  # type: ignore[misc]


GOOD = {"key": "k1", "type": "book", "title": "T", "author": [{"family": "A"}]}


@pytest.mark.parametrize(
    "change",
    [
        {"key": None},
        {"key": "has space"},
        {"type": "no-such-type"},
        {"type": ["book"]},
        {"author": [{"given": ""}]},
        {"author": 3},
        {"issued": {"value": "2015-13"}},
        {"original": {"title": "no kind"}},
        {"keywords": 5},
        {"relations": [{"kind": "cites"}]},
        {"appearances": [{"line": 2}]},
    ],
)
def test_errors_are_the_constructors(change):
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    with pytest.raises(ParseError) as checked:
        native._read_record_checked(data, "f.json[1]")
    with pytest.raises(ParseError) as loaded:
        native.loads(json.dumps([GOOD, data]), where="f.json")
    assert str(loaded.value) == str(checked.value)


def test_a_list_item_that_is_not_a_record():
    with pytest.raises(ParseError, match="record '\\?'"):
        native.loads('[["not", "a", "record"]]')


def test_builder_converts_what_is_not_declared_converted_and_validates():
    people = builder(Person)
    values = list(people.defaults)
    values[people.index["family"]] = "  Gogh "
    values[people.index["particle"]] = "van"
    built = people.build(values)
    assert type(built) is Person and built == Person(family="Gogh", particle="van")
    values[people.index["literal"]] = "X"
    with pytest.raises(ValueError, match="literal name"):
        people.build(values)


def test_builder_needs_required_fields_and_knows_its_converters():
    records = builder(Record, converted=("type",))
    values = list(records.defaults)
    values[records.index["key"]] = "k"
    with pytest.raises(TypeError, match="no type"):
        records.build(values)
    values[records.index["type"]] = RecordType.BOOK
    values[records.index["author"]] = [Person(family="A")]  # converted, not declared so
    assert records.build(values).author == (Person(family="A"),)
    with pytest.raises(ValueError, match="not fields with a converter"):
        builder(Record, converted=("title",))


def test_builder_checks_the_order_a_caller_lists_values_in():
    with pytest.raises(ValueError, match="another order"):
        builder(Person, order=("given", "family"))
