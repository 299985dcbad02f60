"""Merging a user's records into the corpus: duplicates reported, keys kept unique."""

from __future__ import annotations

import re

import attrs
import pytest

from conftest import require_tool
from pantucci_bib import (
    Duplicate,
    Library,
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
from pantucci_bib.merge import FieldMerged
from pantucci_bib.model import Provenance, Verbatim


def mine(key: str, **fields) -> Record:
    fields.setdefault("type", "article-journal")
    fields.setdefault("title", f"A paper called {key}")
    fields.setdefault("author", [Person(family="Smith", given="Ann")])
    fields.setdefault("issued", PartialDate(2020))
    return Record(key=key, **fields)


def twin(key: str, **fields) -> Record:
    """A record of the same work as ``twin("a")``: the same title, author, year and DOI."""
    fields.setdefault("doi", "10.1/x")
    return mine(key, title="A paper called a", **fields)


def flat(text: str) -> str:
    """.bib text with the alignment of ``=`` undone."""
    return re.sub(r" +=", " =", text)


def test_corpus_plus_new_records_in_order():
    result = merge([mine("smith2020a"), mine("smith2020b")])
    assert len(result.library) == len(corpus()) + 2
    assert result.library.keys()[-2:] == ["smith2020a", "smith2020b"]
    assert result.library.keys()[: len(corpus())] == corpus().keys()
    assert not result.duplicates and not result.rekeyed


def test_same_doi_is_a_duplicate():
    base = [mine("a", doi="10.1234/ABC")]
    theirs = mine("b", title="Other", doi="https://doi.org/10.1234/abc")
    result = merge([theirs], base)
    assert result.library.keys() == ["a"]
    folded = (
        FieldMerged(None, "a", "b", "title", "A paper called a", "Other", "Other", "user"),
        FieldMerged(
            None, "a", "b", "doi", "10.1234/ABC", theirs.doi, "https://doi.org/10.1234/abc", "user"
        ),
    )
    assert result.duplicates == (Duplicate(theirs, "a", "same DOI", fields=folded, alias=True),)
    assert result.merged_fields == folded


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


# ---- issue 15: a duplicate is folded into the record kept, nothing the user had is lost


def test_a_duplicate_fills_every_field_the_kept_record_lacks():
    base = [twin("a")]
    where = Provenance("my.bib", 7)
    theirs = twin("b", doi="10.1/X", volume="12", page="3--9", language="en", appearances=[where])
    result = merge([theirs], base)
    (kept,) = result.library
    assert (kept.key, kept.volume, kept.page, kept.language) == ("a", "12", "3--9", "en")
    assert kept.doi == "10.1/X"  # a conflict: the user's spelling wins
    assert kept.appearances == (where,)  # where the user had it, as provenance
    assert [(f.field, f.old, f.new, f.value, f.won) for f in result.merged_fields] == [
        ("volume", "", "12", "12", "user"),
        ("page", "", "3--9", "3--9", "user"),
        ("language", "", "en", "en", "user"),
        ("doi", "10.1/x", "10.1/X", "10.1/X", "user"),
    ]
    assert [str(f) for f in result.merged_fields] == [
        "my.bib:7: b into a: volume added: '12'",
        "my.bib:7: b into a: page added: '3--9'",
        "my.bib:7: b into a: language added: 'en'",
        "my.bib:7: b into a: doi: '10.1/X' replaces '10.1/x'",
    ]
    assert all(
        f.where == where and f.key == "a" and f.user_key == "b" for f in result.merged_fields
    )


def test_on_a_conflict_the_user_wins_unless_the_library_is_preferred():
    base = [twin("a", container_title="Theirs", author=[Person(family="Smith")])]
    theirs = twin("b", container_title="Mine", volume="4")
    users = merge([theirs], base)
    libraries = merge([theirs], base, prefer="library")
    assert users.library.get("a").container_title == "Mine"
    assert users.library.get("a").author == (Person(family="Smith", given="Ann"),)
    kept = libraries.library.get("a")
    assert (kept.container_title, kept.author, kept.volume) == ("Theirs", base[0].author, "4")
    assert [(f.field, f.won) for f in libraries.merged_fields] == [
        ("author", "library"),
        ("container_title", "library"),
        ("volume", "user"),  # no conflict: taken whatever is preferred
    ]
    assert str(libraries.merged_fields[1]) == (
        "b into a: container_title: kept 'Theirs'; 'Mine' left out"
    )
    assert str(users.merged_fields[0]) == "b into a: author: 'Ann Smith' replaces 'Smith'"


def test_prefer_accepts_only_user_and_library():
    with pytest.raises(ValueError, match="prefer must be one of user, library, not 'corpus'"):
        merge([], [], prefer="corpus")  # type: ignore[arg-type]


def test_keywords_and_relations_are_combined():
    base = [
        twin("a", keywords=["China"], relations=[Relation(RelationKind.CITES, "c")]),
        mine("c", title="Cited"),
    ]
    theirs = twin(
        "b",
        keywords=["Russia", "China"],
        relations=[Relation(RelationKind.CITES, "c"), Relation(RelationKind.CITES, "mine")],
    )
    cited = mine("mine", title="Another cited one")
    result = merge([theirs, cited], base, prefer="library")
    kept = result.library.get("a")
    assert kept.keywords == ("China", "Russia")
    assert kept.related(RelationKind.CITES) == ("c", "mine")
    assert [(f.field, f.value, f.won) for f in result.merged_fields] == [
        ("keywords", ("China", "Russia"), "both"),
        ("relations", kept.relations, "both"),
    ]
    assert (
        str(result.merged_fields[0]) == "b into a: keywords: 'China' and 'Russia, China' combined"
    )
    assert not result.library.check_relations()


def test_a_more_precise_date_wins_whoever_is_preferred():
    base = [twin("a", issued=PartialDate(2015, 7))]
    precise = merge([twin("b", issued=PartialDate(2015, 7, 15))], base, prefer="library")
    assert precise.library.get("a").issued == PartialDate(2015, 7, 15)
    vaguer = merge([twin("b", issued=PartialDate(2015))], base)
    assert vaguer.library.get("a").issued == PartialDate(2015, 7) and not vaguer.merged_fields
    other = merge([twin("b", issued=PartialDate(2016))], base)
    assert other.library.get("a").issued == PartialDate(2016)  # a conflict: the user's


BIBLATEX = """@article{mine2020,
  author  = {Smith, Ann},
  title   = {A paper called a},
  journal = {Journal of Things},
  date    = {2020},
  doi     = {10.1/x},
  file    = {papers/smith.pdf},
  owner   = {ann},
}
"""


def test_fields_the_model_has_no_place_for_are_folded_too():
    (theirs,) = loads(BIBLATEX, "biblatex", source="my.bib").records
    base = [twin("a", extra=[Verbatim("biblatex", "owner", "{lib}", None)])]
    users = merge([theirs], base)
    libraries = merge([theirs], base, prefer="library")
    kept = users.library.get("a")
    assert [f for f in kept.extra if f.rendered is None and f.name != "@fields"] == [
        Verbatim("biblatex", "owner", "{ann}", None),
        Verbatim("biblatex", "file", "{papers/smith.pdf}", None),
    ]
    assert kept.extra[-1] == Verbatim("biblatex", "ids", "{mine2020}", "")  # biblatex only
    assert [str(f) for f in users.merged_fields] == [
        "my.bib:1: mine2020 into a: container_title added: 'Journal of Things'",
        "my.bib:1: mine2020 into a: biblatex:file added: '{papers/smith.pdf}'",
        "my.bib:1: mine2020 into a: biblatex:owner: '{ann}' replaces '{lib}'",
    ]
    assert str(libraries.merged_fields[-1]) == (
        "my.bib:1: mine2020 into a: biblatex:owner: kept '{lib}'; '{ann}' left out"
    )
    text = flat(emit(users.library, "biblatex"))
    assert "  file = {papers/smith.pdf},\n  owner = {ann},\n  ids = {mine2020},\n}" in text
    assert "{lib}" not in text and "journal = {Journal of Things}," in text  # as the user wrote
    assert "owner = {lib}," in flat(emit(libraries.library, "biblatex"))


def test_a_spelling_is_kept_only_while_it_still_spells_the_merged_values():
    """The kept record read from a .bib file wrote ``journal``; once the user's outlet wins,
    the writer's own ``journaltitle`` holds it, and no stale ``journal`` is written."""
    (kept,) = loads(BIBLATEX.replace("mine2020", "a"), "biblatex").records
    theirs = twin("b", container_title="Annals of Stuff")
    text = flat(emit(merge([theirs], [kept]).library, "biblatex"))
    assert "journaltitle = {Annals of Stuff}," in text and "Journal of Things" not in text
    same = flat(emit(merge([theirs], [kept], prefer="library").library, "biblatex"))
    assert "journal = {Journal of Things}," in same and "Annals" not in same
    assert "journaltitle" not in same  # the record's values are its own: spelt as read


def test_the_users_key_stays_resolvable_as_an_alias():
    base = [twin("a"), mine("z", title="Unrelated")]
    result = merge([twin("b")], base)
    library = result.library
    assert library.get("b") is library.get("a") and "b" in library
    assert library.aliases() == {"b": "a"} and library.keys() == ["a", "z"]
    assert result.duplicates[0].alias
    assert str(result.duplicates[0]) == ("b duplicates a (same DOI); kept a, with b as an alias")
    # the alias survives writing and reading BibLaTeX: biber's ids
    biblatex = emit(library, "biblatex")
    assert "  ids = {b},\n" in flat(biblatex)
    assert Library(loads(biblatex, "biblatex").records).get("b").key == "a"
    # BibTeX has no aliases: its output is that of the records without one
    assert emit(library, "bibtex") == emit(
        [attrs.evolve(library.get("a"), extra=()), base[1]], "bibtex"
    )
    assert "ids" not in emit(library, "bibtex")


def test_biblatex_output_with_ids_parses_with_pybtex_and_bibtexparser():
    import bibtexparser
    from pybtex.database import parse_string

    result = merge([twin("b"), twin("c", doi="10.1/X")], [twin("a")])
    text = emit(result.library, "biblatex")
    entry = parse_string(text, "bibtex").entries["a"]
    assert entry.fields["ids"] == "b,c"
    parsed = bibtexparser.parse_string(text)
    assert not parsed.failed_blocks
    assert parsed.entries[0]["ids"] == "b,c"


def test_biber_finds_the_kept_record_under_the_users_key(tmp_path):
    import subprocess

    pdflatex, biber = require_tool("pdflatex"), require_tool("biber")
    journal = {"container_title": "Journal of Things"}
    result = merge([twin("mySilkRoad", **journal)], [twin("a", **journal)])
    (tmp_path / "refs.bib").write_text(emit(result.library, "biblatex"), encoding="utf-8")
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\\usepackage[backend=biber]{biblatex}"
        "\\addbibresource{refs.bib}\\begin{document}\\cite{mySilkRoad}"
        "\\printbibliography\\end{document}\n",
        encoding="utf-8",
    )

    def run(*cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cmd, cwd=tmp_path, capture_output=True, text=True, check=False, timeout=300
        )

    run(pdflatex, "-interaction=nonstopmode", "doc.tex")
    out = run(biber, "--validate-datamodel", "doc")
    problems = [line for line in out.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
    assert out.returncode == 0 and not problems, "\n".join(problems) or out.stdout[-2000:]
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert "\\entry{a}{article}" in bbl


def test_a_key_that_names_another_record_is_no_alias():
    base = [twin("a"), mine("b", title="Another work")]
    result = merge([twin("b")], base)
    (duplicate,) = result.duplicates
    assert not duplicate.alias and result.library.get("b").title == "Another work"
    assert str(duplicate).endswith("; kept a; b names another record, so it is no alias")
    same_key = merge([twin("a")], base[:1])
    assert not same_key.duplicates[0].alias and str(same_key.duplicates[0]).endswith("kept a")


def test_the_users_own_aliases_are_kept_and_bibtex_writes_them_as_read():
    text = BIBLATEX.replace("  owner", "  ids     = {smith20, a},\n  owner")
    (theirs,) = loads(text, "bibtex", source="my.bib").records
    result = merge([theirs], [twin("a")])
    library = result.library
    assert library.aliases() == {"mine2020": "a", "smith20": "a"}
    assert result.merged_fields[-1].field == "ids"
    assert str(result.merged_fields[-1]) == ("my.bib:1: mine2020 into a: ids added: 'smith20, a'")
    assert "  ids = {mine2020,smith20},\n" in flat(emit(library, "bibtex"))  # as the user's was


def test_duplicates_within_the_incoming_records_fold_into_the_first():
    first = mine("x", doi="10.1/a", appearances=[Provenance("my.bib", 1)])
    second = mine("y", doi="10.1/A", volume="3", appearances=[Provenance("my.bib", 9)])
    result = merge([first, second], [])
    (kept,) = result.library
    assert (kept.key, kept.volume, kept.doi) == ("x", "3", "10.1/A")
    assert kept.appearances == (Provenance("my.bib", 1), Provenance("my.bib", 9))
    assert result.library.get("y") is kept


def test_a_folded_duplicates_relations_follow_renamed_keys():
    base = [mine("a", doi="10.1/a"), mine("b")]
    incoming = [
        mine("b", title="Their b"),  # key taken: renamed
        mine("dup", doi="10.1/a", relations=[Relation(RelationKind.CITES, "b")]),
    ]
    result = merge(incoming, base)
    renamed = result.rekeyed[0].record.key
    assert result.library.get("a").related(RelationKind.CITES) == (renamed,)
    assert not result.library.check_relations()


def test_the_corpus_read_back_folds_into_itself_and_every_key_resolves():
    """The corpus written as BibTeX and read back, merged with ``prefer="library"``: no value
    of the corpus is replaced (the user's wins only where the corpus had none), and every key
    of the file finds the work it named."""
    records = loads(emit(corpus(), "bibtex"), "bibtex").records
    result = merge(records, prefer="library")
    assert result.library.keys()[: len(corpus())] == corpus().keys()
    assert all(f.won in ("library", "both") or not f.conflict for f in result.merged_fields)
    for duplicate in result.duplicates:  # each user key finds the work it named
        assert result.library.get(duplicate.record.key).key == duplicate.kept
