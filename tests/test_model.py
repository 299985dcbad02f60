import attrs
import pytest

from pantucci_bib import PartialDate, Person, Provenance, Record, RecordType


def test_person_display_orders():
    assert Person(family="Pantucci", given="Raffaello").display() == "Raffaello Pantucci"
    assert Person(family="Li", given="Lifan", family_first=True).display() == "Li Lifan"
    assert Person(literal="CABAR.asia").display() == "CABAR.asia"
    assert Person(family="Gogh", given="Vincent", particle="van").display() == "Vincent van Gogh"


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"literal": "X", "family": "Y"}, {"literal": "X", "dropping_particle": "de"}],
)
def test_person_rejects_incomplete_names(kwargs):  # a given name alone is a CSL name
    with pytest.raises(ValueError):
        Person(**kwargs)


def test_partial_date_forms():
    assert PartialDate(2015).iso() == "2015"
    assert PartialDate(2015, 11).iso() == "2015-11"
    assert PartialDate(2016, 2, 16, 14, 0).iso() == "2016-02-16T14:00"
    assert PartialDate(2013, end_year=2014, circa=True).edtf() == "2013~/2014~"
    assert PartialDate(2022, 3, end_year=2022, end_month=4).iso() == "2022-03/2022-04"
    assert PartialDate(2015, circa=True).edtf() == "2015~"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"year": 2015, "month": 13},
        {"year": 2015, "day": 3},
        {"year": 2015, "month": 1, "day": 2, "hour": 25, "minute": 0},
        {"year": 2015, "month": 1, "hour": 10, "minute": 0},
        {"year": 2015, "end_year": 2014},
        {"year": 2015, "month": 2, "end_year": 2015, "end_month": 1},
    ],
)
def test_partial_date_rejects_impossible_dates(kwargs):
    with pytest.raises(ValueError):
        PartialDate(**kwargs)


def test_as_written_and_reason_do_not_affect_equality():
    assert PartialDate(2015, as_written="2015") == PartialDate(2015, reason="inferred")


def test_record_is_frozen_and_provenance_not_in_equality():
    a = Record(key="k1", type="report", title="T", appearances=[Provenance("a.txt", 3)])
    b = Record(key="k1", type=RecordType.REPORT, title="T", appearances=[Provenance("b.txt", 9)])
    assert a == b
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.title = "other"  # type: ignore[misc]


@pytest.mark.parametrize("key", ["", "has space", "a,b", "x{y"])
def test_record_rejects_unusable_keys(key):
    with pytest.raises(ValueError):
        Record(key=key, type="report", title="T")
