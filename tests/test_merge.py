"""Merging a user's records into the corpus: duplicates reported, keys kept unique."""

from __future__ import annotations

import attrs

from pantucci_bib import (
    Duplicate,
    PartialDate,
    Person,
    Record,
    Relation,
    RelationKind,
    base_key,
    corpus,
    emit,
    loads,
    merge,
)


def mine(key: str, **fields) -> Record:
    fields.setdefault("type", "article-journal")
    fields.setdefault("title", f"A paper called {key}")
    fields.setdefault("author", [Person(family="Smith", given="Ann")])
    fields.setdefault("issued", PartialDate(2020))
    return Record(key=key, **fields)


def test_corpus_plus_new_records_in_order():
    result = merge([mine("smith2020a"), mine("smith2020b")])
    assert len(result.library) == len(corpus()) + 2
    assert result.library.keys()[-2:] == ["smith2020a", "smith2020b"]
    assert result.library.keys()[: len(corpus())] == corpus().keys()
    assert not result.duplicates and not result.rekeyed


def test_same_doi_is_a_duplicate():
    base = [mine("a", doi="10.1234/ABC")]
    result = merge([mine("b", title="Other", doi="https://doi.org/10.1234/abc")], base)
    assert result.library.keys() == ["a"]
    assert result.duplicates == (
        Duplicate(mine("b", title="Other", doi="https://doi.org/10.1234/abc"), "a", "same DOI"),
    )


def test_same_url_is_a_duplicate():
    base = [mine("a", url="https://www.Example.org/piece/")]
    result = merge([mine("b", title="Other", url="http://example.org/piece")], base)
    assert [(d.record.key, d.kept, d.reason) for d in result.duplicates] == [("b", "a", "same URL")]


def test_same_title_first_author_and_year_ignoring_case_accents_punctuation():
    base = corpus()
    original = base.get("pantucciChinaRussiaLocked2015")
    theirs = Record(
        key="pantucci_china_2015",
        type="article-magazine",
        title="china and russia — locked in reluctant embrace!",
        author=[Person(family="PANTUCCI", given="R.")],
        issued=PartialDate(2015),
    )
    result = merge([theirs])
    assert [(d.record.key, d.kept, d.reason) for d in result.duplicates] == [
        ("pantucci_china_2015", original.key, "same title, first author and year")
    ]
    assert len(result.library) == len(base)
    assert "pantucci_china_2015 duplicates pantucciChinaRussiaLocked2015" in str(
        result.duplicates[0]
    )


def test_different_year_or_first_author_is_not_a_duplicate():
    base = [mine("a")]
    other_year = mine("b", title="A paper called a", issued=PartialDate(2021))
    other_author = mine("c", title="A paper called a", author=[Person(family="Jones")])
    result = merge([other_year, other_author], base)
    assert result.library.keys() == ["a", "b", "c"] and not result.duplicates


def test_duplicates_within_the_incoming_records_too():
    result = merge([mine("x", doi="10.1/a"), mine("y", doi="10.1/A")], [])
    assert result.library.keys() == ["x"]
    assert result.duplicates[0].kept == "x"


def test_nothing_is_silently_dropped():
    incoming = (*loads(emit(corpus(), "bibtex"), "bibtex").records, mine("new2020"))
    result = merge(incoming)
    assert len(result.library) + len(result.duplicates) == len(corpus()) + len(incoming)
    assert len(result.duplicates) + len(result.rekeyed) == len(corpus())  # each one accounted for


def test_key_collision_gets_a_deterministic_new_key():
    taken = corpus().get("pantucciChinaRussiaLocked2015")
    theirs = mine(taken.key, title="An unrelated paper")
    first = merge([theirs])
    second = merge([theirs])
    (rekeyed,) = first.rekeyed
    assert rekeyed.old_key == taken.key
    assert rekeyed.record.key == base_key(theirs) == "smithUnrelatedPaper2020"
    assert first.library.keys() == second.library.keys()
    assert "is taken by another work; now smithUnrelatedPaper2020" in str(rekeyed)


def test_collision_with_a_base_key_that_is_also_a_base_key_pattern():
    base = [mine("a"), Record(key="smithUnrelatedPaper2020", type="book", title="Z")]
    result = merge([mine("a", title="Unrelated paper")], base)
    assert result.rekeyed[0].record.key == "smithUnrelatedPaper2020a"


def test_relations_follow_renamed_and_deduplicated_keys():
    base = [mine("a", doi="10.1/a"), mine("b")]
    incoming = [
        mine("dup", doi="10.1/A"),  # the same work as a
        mine("b", title="Their b"),  # key taken: renamed
        mine(
            "citer",
            title="Cites both",
            relations=[Relation(RelationKind.CITES, "dup"), Relation(RelationKind.CITES, "b")],
        ),
    ]
    result = merge(incoming, base)
    citer = result.library.get("citer")
    renamed = result.rekeyed[0].record.key
    assert citer.related(RelationKind.CITES) == ("a", renamed)
    assert not result.library.check_relations()


def test_a_key_kept_by_one_incoming_record_is_not_redirected():
    incoming = [
        mine("k"),
        mine("k", title="Second with the same key"),
        mine("c", relations=[Relation(RelationKind.CITES, "k")]),
    ]
    result = merge(incoming, [])
    assert result.library.get("c").related(RelationKind.CITES) == ("k",)
    assert attrs.evolve(result.rekeyed[0].record, key="k") == mine(
        "k", title="Second with the same key"
    )
