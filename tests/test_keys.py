from pathlib import Path

from pantucci_bib import Person, Record, assign_keys, base_key, corpus

KEYS_SNAPSHOT = Path(__file__).parent / "data" / "corpus_keys.txt"


def _record(title: str, family: str = "Pantucci", year: int | None = 2015) -> Record:
    from pantucci_bib import PartialDate

    return Record(
        key="tmp",
        type="article-newspaper",
        title=title,
        author=[Person(family=family, given="X")],
        issued=PartialDate(year) if year else None,
    )


def test_better_bibtex_style_key():
    assert base_key(_record("China And Russia: Locked In Reluctant Embrace")) == (
        "pantucciChinaRussiaLocked2015"
    )
    assert base_key(_record("Why China won’t lose sleep")) == "pantucciChinaWontLose2015"
    assert base_key(_record("Café culture in Bishkek", family="Müller")) == (
        "mullerCafeCultureBishkek2015"
    )
    assert base_key(_record("Undated", year=None)) == "pantucciUndated"


def test_collisions_get_letter_suffixes_in_order():
    records = [_record("Same title here")] * 3
    assert assign_keys(records) == [
        "pantucciSameTitleHere2015",
        "pantucciSameTitleHere2015a",
        "pantucciSameTitleHere2015b",
    ]
    assert assign_keys(records[:1], taken={"pantucciSameTitleHere2015"}) == [
        "pantucciSameTitleHere2015a"
    ]


def test_corpus_keys_never_change():
    """Published keys are a promise: every key in the snapshot still names a record.

    Adding records appends to the snapshot; a key must never disappear or change.
    """
    snapshot = KEYS_SNAPSHOT.read_text(encoding="utf-8").split()
    current = corpus().keys()
    missing = [key for key in snapshot if key not in current]
    assert not missing, f"published citation keys disappeared: {missing}"
