"""Numbered notes → cited works: unit tests on notes written for these tests, then the real page.

The fixtures imitate the shapes of RUSI / Chicago notes (corporate authors, transliterated
titles with a translation in brackets, report series, short forms, "see note N", Ibid.,
author interviews, explanatory notes); every name, title and URL in them is invented.
"""

# ruff: noqa: E501  (a note is one line, as on the pages; wrapped notes have their own test)

from __future__ import annotations

import pytest

from conftest import run_cli as run
from pantucci_bib import (
    ParseError,
    PartialDate,
    Person,
    RecordType,
    RelationKind,
    cited_works,
    corpus,
    emit,
    parse_notes,
)
from pantucci_bib.refs import TRANSLATED_TITLE, find_notes, split_citations

PAGE = """Posts about harbours

A paragraph of the post, written for this test, about ports and freight.

Notes

1. Ministry of Foreign Affairs of the Republic of Examplestan, ‘Wàijiāo bù fābù huì’ [‘Foreign Ministry Press Conference’], 3 March 2015, <https://mfa.example.org/press/2015/03/03.html>, accessed 1 May 2022.

2. Maria Rossi and Chen Weiming, ‘Pipelines, Ports and Power: A Survey’, Example Quarterly (Vol. 7, No. 2, Spring 2018), pp. 11–30.

3. Harbour News Agency, ‘Port Expansion Approved’, 14 July 2019, <https://harbournews.example/a/123>, accessed 2 May 2022; Tom Baker, ‘Rail Freight Doubles’, Freight Daily, 9 August 2019.

4. Rossi and Chen, ‘Pipelines, Ports and Power’, p. 15.

5. The committee met twice that year, and its minutes were never published in full. Observers nonetheless noted a change of tone.

6. Example Development Institute (EDI), ‘Annual Outlook 2020’, EDI Working Papers No. 12, December 2020, <https://edi.example.org/wp12.pdf>, accessed 3 May 2022.

7. EDI, ‘Annual Outlook 2020’.

8. As highlighted in note 1.

9. Ibid., p. 4.

10. Author interview, port officials in Harbourtown, Examplestan, 2019.

11. Li Wenjun, ‘Opening Remarks’, speech given at the Regional Forum, Harbourtown, 5 June 2017, <https://forum.example.org/li-remarks>, accessed 4 May 2022.

12. Collected works of Wang Daming, Vol. 3, ‘Tán jīngjì wèntí’ [‘On Economic Questions’], 12 October 1988, <http://archive.example.cn/wang/3/12.html>, accessed 5 May 2022.

13. Figures from <https://stats.example.net>, accessed 6 May 2022.

14. Harbour Herald, 2 February 2021.

15. The pilot scheme ran for a year. See Regional Trade Council, ‘Pilot Scheme Review’, <https://rtc.example.org/review>, accessed 7 May 2022.

16. Tom Baker, ‘Rail Freight Doubles’, Freight Daily, 9 August 2019.

17. Rossi and Chen, ‘Pipelines, Ports and Power: A Survey.

The next post on the page starts here, and it is not a note at all.
"""


@pytest.fixture(scope="module")
def result():
    return parse_notes(PAGE, "page.txt")


def _by_title(result, title):
    (record,) = [r for r in result.records if r.title == title]
    return record


def _cites(result, note):
    return [c for c in result.citations if c.note_number == note]


# ----------------------------------------------------------------- finding and splitting


def test_notes_are_found_after_the_heading_and_end_at_the_next_prose():
    notes = find_notes(PAGE)
    assert [n.number for n in notes] == list(range(1, 18))
    lines = PAGE.splitlines()
    for note in notes:
        assert lines[note.line - 1].startswith(f"{note.number}. ")
    assert "next post" not in notes[-1].text


def test_wrapped_notes_without_heading_and_numbering_gaps():
    text = "1. Jane Doe, ‘A Long Title That\nRuns On’, Example Times,\n2 May 2019.\n\n3. Ibid.\n"
    notes = find_notes(text)
    assert [(n.number, n.line) for n in notes] == [(1, 1), (3, 5)]
    assert notes[0].text == "Jane Doe, ‘A Long Title That Runs On’, Example Times, 2 May 2019."
    result = parse_notes(text, "n.txt")
    assert result.records[0].title == "A Long Title That Runs On"
    assert [str(p) for p in result.problems] == [
        "n.txt:5 (note 3): warning: note 2 missing from the numbering"
    ]


def test_split_at_semicolons_and_sentence_ends_but_not_inside_titles_or_abbreviations():
    text = (
        "Some prose. See J. R. Smith, ‘A Title. With a Stop’, Vol. 2, No. 3, pp. 4–5; "
        "Ann Lee, ‘Other’, <https://x.example/a.b>. Bob Ray, ‘Third’"
    )
    assert split_citations(text) == [
        "Some prose",
        "See J. R. Smith, ‘A Title. With a Stop’, Vol. 2, No. 3, pp. 4–5",
        "Ann Lee, ‘Other’, <https://x.example/a.b>",
        "Bob Ray, ‘Third’",
    ]


# ----------------------------------------------------------------- fields of a full citation


def test_corporate_author_transliterated_title_translation_url_and_dates(result):
    record = _by_title(result, "Wàijiāo bù fābù huì")
    assert record.author == (
        Person(literal="Ministry of Foreign Affairs of the Republic of Examplestan"),
    )
    assert record.note == TRANSLATED_TITLE + "Foreign Ministry Press Conference"
    assert record.language == "zh"
    assert record.issued == PartialDate(2015, 3, 3)
    assert record.url == "https://mfa.example.org/press/2015/03/03.html"
    assert record.accessed == PartialDate(2022, 5, 1)
    assert record.type is RecordType.WEBPAGE


def test_journal_volume_issue_in_parentheses_and_pages_stay_with_the_citation(result):
    record = _by_title(result, "Pipelines, Ports and Power: A Survey")
    assert [(p.family, p.given, p.family_first) for p in record.author] == [
        ("Rossi", "Maria", False),
        ("Chen", "Weiming", True),  # a one-syllable surname before a two-syllable name
    ]
    assert (record.container_title, record.volume, record.issue) == ("Example Quarterly", "7", "2")
    assert record.issued == PartialDate(2018) and record.type is RecordType.ARTICLE_JOURNAL
    assert record.page == ""
    assert [(c.form, c.pinpoint) for c in _cites(result, 2)] == [("full", "pp. 11–30")]


def test_news_outlet_before_the_title_is_the_container_not_the_author(result):
    agency = _by_title(result, "Port Expansion Approved")
    assert agency.author == () and agency.container_title == "Harbour News Agency"
    assert agency.type is RecordType.ARTICLE_NEWSPAPER
    signed = _by_title(result, "Rail Freight Doubles")
    assert signed.author == (Person(family="Baker", given="Tom"),)
    assert signed.container_title == "Freight Daily" and signed.url == ""


def test_report_series_number_and_institution(result):
    record = _by_title(result, "Annual Outlook 2020")
    assert record.author == (Person(literal="Example Development Institute"),)
    assert (record.container_title, record.number) == ("EDI Working Papers", "12")
    assert record.type is RecordType.REPORT and record.issued == PartialDate(2020, 12)


def test_speech_and_collected_works(result):
    speech = _by_title(result, "Opening Remarks")
    assert speech.type is RecordType.SPEECH
    assert (speech.author[0].family, speech.author[0].family_first) == ("Li", True)
    assert speech.publisher_place == "the Regional Forum, Harbourtown"
    assert speech.issued == PartialDate(2017, 6, 5)
    works = _by_title(result, "Tán jīngjì wèntí")
    assert works.type is RecordType.CHAPTER
    assert (works.container_title, works.volume) == ("Collected works of Wang Daming", "3")
    assert works.author == (Person(family="Wang", given="Daming", family_first=True),)


def test_author_interview_is_an_interview_record(result):
    (interview,) = [r for r in result.records if r.type is RecordType.INTERVIEW]
    assert interview.author == (Person(literal="port officials"),)
    assert interview.publisher_place == "Harbourtown, Examplestan"
    assert interview.issued == PartialDate(2019) and interview.genre == "author interview"


def test_site_without_a_title_is_named_by_its_address_with_a_warning(result):
    site = _by_title(result, "stats.example.net")
    assert site.type is RecordType.WEBPAGE and site.accessed == PartialDate(2022, 5, 6)
    assert any(p.where.note_number == 13 and p.severity == "warning" for p in result.problems)


def test_chicago_shapes():
    text = """1. John Smith, Mary Jones, and Wei Li, “Trade and Power,” Journal of Example Studies 12, no. 3 (2010): 45–67.

2. Jane Roe, Roads of Example (Exampletown: Example University Press, 2001), 23.

3. Ann Lee, ‘A Chapter’, in Bob Ray (ed.), A Big Book (London: Example Press, 2005), pp. 1–20.

4. Ann Lee, “Another Chapter,” in A Bigger Book, ed. Bob Ray (London: Example Press, 2006), 7.

5. Smith, Jones, and Li, “Trade and Power,” 46.
"""
    result = parse_notes(text, "chicago.txt")
    journal, book, chapter, chapter2 = result.records
    assert [p.family for p in journal.author] == ["Smith", "Jones", "Li"]
    assert (journal.title, journal.container_title) == (
        "Trade and Power",
        "Journal of Example Studies",
    )
    assert (journal.volume, journal.issue, journal.issued) == ("12", "3", PartialDate(2010))
    assert (book.type, book.title, book.publisher, book.publisher_place) == (
        RecordType.BOOK,
        "Roads of Example",
        "Example University Press",
        "Exampletown",
    )
    for part in (chapter, chapter2):
        assert part.type is RecordType.CHAPTER and part.editor == (
            Person(family="Ray", given="Bob"),
        )
    assert (chapter.container_title, chapter2.container_title) == ("A Big Book", "A Bigger Book")
    assert [c.pinpoint for c in result.citations] == ["45–67", "23", "pp. 1–20", "7", "46"]
    assert (result.citations[-1].form, result.citations[-1].key) == ("short", journal.key)


# ----------------------------------------------------------------- one record per work


def test_one_record_per_work_with_every_citing_note(result):
    assert len(result.records) == 10
    forms = {c.note_number: c.form for c in result.citations}
    assert forms == {
        1: "full", 2: "full", 3: "full", 4: "short", 6: "full", 7: "short", 8: "note",
        9: "ibid", 10: "full", 11: "full", 12: "full", 13: "full", 15: "full", 16: "repeat",
        17: "short",
    }  # fmt: skip
    relations = {r.key: r.note_numbers for r in result.relations()}
    assert relations[_by_title(result, "Wàijiāo bù fābù huì").key] == (1, 8, 9)
    assert relations[_by_title(result, "Pipelines, Ports and Power: A Survey").key] == (2, 4, 17)
    assert relations[_by_title(result, "Annual Outlook 2020").key] == (6, 7)  # via "EDI"
    assert relations[_by_title(result, "Rail Freight Doubles").key] == (3, 16)
    assert all(r.kind is RelationKind.CITES for r in result.relations())


def test_pin_cites_of_repeats_stay_with_the_citation(result):
    assert [(c.form, c.pinpoint) for c in _cites(result, 4)] == [("short", "p. 15")]
    assert [(c.form, c.pinpoint) for c in _cites(result, 9)] == [("ibid", "p. 4")]


def test_explanatory_notes_yield_nothing_and_unreadable_notes_are_problems(result):
    assert _cites(result, 5) == [] and _cites(result, 14) == []
    assert _by_title(result, "Pilot Scheme Review").author == (
        Person(literal="Regional Trade Council"),
    )
    errors = [p for p in result.problems if p.severity == "error"]
    assert [(p.where.source, p.where.note_number) for p in errors] == [("page.txt", 14)]
    assert (
        errors[0].where.line == PAGE.splitlines().index("14. Harbour Herald, 2 February 2021.") + 1
    )
    warnings = {p.where.note_number for p in result.problems if p.severity == "warning"}
    assert warnings == {13, 17}  # a site named by its address; an unclosed quotation mark


def test_strict_raises_naming_the_note():
    with pytest.raises(ParseError, match=r"page\.txt:\d+ \(note 14\)"):
        parse_notes(PAGE, "page.txt", strict=True)


def test_records_carry_provenance_and_unique_keys(result):
    for record in result.records:
        assert record.appearances
        for where in record.appearances:
            assert where.source == "page.txt" and where.line > 0 and where.note_number
    taken = [result.records[0].key]
    again = parse_notes(PAGE, "page.txt", taken=taken)
    assert again.records[0].key == taken[0] + "a"
    assert len({r.key for r in again.records}) == len(again.records)


def test_known_records_are_cited_by_their_own_key(result):
    known = result.records[1]  # as if the library already held the survey
    linked = parse_notes(PAGE, "page.txt", known=[known])
    assert known.key not in {r.key for r in linked.records}
    assert {c.key for c in linked.citations if c.note_number in (2, 4, 17)} == {known.key}


def test_deterministic():
    assert parse_notes(PAGE, "page.txt") == parse_notes(PAGE, "page.txt")


# ----------------------------------------------------------------- the real page

SEED = "003_c76986699fa86724.txt"
ARTICLE = "pantucciPavingDigitalSilk2022"


@pytest.fixture(scope="module")
def seed(seeds_dir):
    text = (seeds_dir / SEED).read_text(encoding="utf-8")
    return text, parse_notes(text, SEED), parse_notes(text, SEED, known=corpus())


def test_seed_notes_works_and_back_references(seed):
    text, result, linked = seed
    lines = text.splitlines()
    assert [n.number for n in result.notes] == list(range(1, 90))
    for note in result.notes:
        assert lines[note.line - 1].startswith(f"{note.number}. ")
    assert len(result.records) == 86
    assert len(result.citations) == 93
    forms = [c.form for c in result.citations]
    assert (forms.count("full"), forms.count("repeat"), forms.count("short")) == (86, 1, 5)
    assert forms.count("note") == 1
    first = {}
    for citation in result.citations:
        first.setdefault(citation.key, citation.note_number)
        if citation.form != "full":  # every back-reference resolves to an earlier note's work
            assert first[citation.key] < citation.note_number
    cited_notes = {c.note_number for c in result.citations}
    assert len(cited_notes) == 88  # one note only explains
    assert not [p for p in result.problems if p.severity == "error"]
    # the one work the corpus already holds is cited by its corpus key
    assert len(linked.records) == 85
    assert {c.key for c in linked.citations} - {r.key for r in linked.records} <= set(
        corpus().keys()
    )


def test_seed_records_have_provenance(seed):
    text, result, _ = seed
    lines = text.splitlines()
    for record in result.records:
        assert record.appearances, record.key
        for where in record.appearances:
            assert where.source == SEED and where.note_number is not None
            assert lines[where.line - 1].startswith(f"{where.note_number}. ")


def test_bundled_cited_works_match_the_parser_and_the_article(seed):
    """The hand-checked data: relations as the parser found them, fields ≥ 0.95 agreement."""
    _, _, linked = seed
    article = corpus().get(ARTICLE)
    relations = [r for r in article.relations if r.kind is RelationKind.CITES]
    assert [r.note_numbers for r in relations] == [r.note_numbers for r in linked.relations()]
    library = corpus(include_cited=True)
    assert library.check_relations() == []
    checked = {r.appearances[0].note_number: [] for r in cited_works()}
    for record in cited_works():
        checked[record.appearances[0].note_number].append(record)
        for where in record.appearances:
            assert where.source == SEED and where.line and where.note_number
    parsed = {}
    for record in linked.records:
        parsed.setdefault(record.appearances[0].note_number, []).append(record)
    assert sorted(checked) == sorted(parsed)

    def fields(r):
        return (
            [(p.family, p.given, p.literal) for p in r.author],
            r.title,
            r.container_title,
            r.issued.iso() if r.issued else "",
            r.url,
            r.accessed.iso() if r.accessed else "",
        )

    pairs = [
        (fields(a), fields(b))
        for note in checked
        for a, b in zip(parsed[note], checked[note], strict=True)
    ]
    for index, name in enumerate(["authors", "title", "container", "date", "url", "accessed"]):
        agree = sum(a[index] == b[index] for a, b in pairs) / len(pairs)
        assert agree >= 0.95, (name, agree)


# ----------------------------------------------------------------- the command line


def test_parse_refs_writes_records_and_reports_problems(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "works.json"
    result = run("parse-refs", str(notes), "-o", str(out))
    assert result.returncode == 0, result.stderr
    # the .json suffix picks CSL-JSON, as for export; without -o the default is native JSON
    assert out.read_text(encoding="utf-8") == emit(
        parse_notes(PAGE, "notes.txt").records, "csl-json"
    )
    native = run("parse-refs", str(notes)).stdout
    assert native == emit(parse_notes(PAGE, "notes.txt").records, "json")
    assert "notes.txt:" in result.stderr and "(note 14): error" in result.stderr
    assert "17 notes, 10 works, 16 citations, 1 unread" in result.stderr
    # --strict: the same problems, then one summary line naming the file; nothing written
    strict = run("parse-refs", str(notes), "--strict", "--to", "csl-json")
    assert strict.returncode == 3 and strict.stdout == ""
    assert strict.stderr.splitlines()[-1] == (
        f"pantucci-bib: error: {notes}: 1 error and 2 warnings in strict mode; nothing written"
    )
    citations = run("parse-refs", str(notes), "--citations").stdout.splitlines()
    assert [line.split("\t") for line in citations if line.startswith("4\t")] == [
        ["4", key_of_note(citations, 2), "short", "p. 15"]
    ]


def key_of_note(citation_lines, note):
    """The key the --citations listing gives the first work of ``note``."""
    return next(line.split("\t")[1] for line in citation_lines if line.startswith(f"{note}\t"))


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), ("Just a paragraph.\n", "no numbered notes found")],
)
def test_parse_refs_bad_input_is_one_line_and_no_file(tmp_path, content, message):
    notes = tmp_path / "notes.txt"
    if content is not None:
        notes.write_text(content, encoding="utf-8")
    out = tmp_path / "out.json"
    result = run("parse-refs", str(notes), "-o", str(out))
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
    assert not out.exists()


def test_export_cited_by_and_with_cited_mirror_the_api():
    result = run("export", "--cited-by", ARTICLE, "--to", "csl-json")
    assert result.returncode == 0, result.stderr
    cited = corpus(include_cited=True).cited_by(ARTICLE)
    assert result.stdout == emit(cited, "csl-json")
    assert len(cited) == 86 and "pantucciUzbekistanBalancingAct2012" in cited
    keys = run("keys", "--with-cited").stdout.splitlines()
    assert len(keys) == len(corpus()) + len(cited_works())
    assert run("export").stdout == emit(corpus(), "bibtex")  # a plain export is unchanged
    both = run("export", "--cited-by", ARTICLE, "--with-cited")
    assert both.returncode == 2 and "not allowed with" in both.stderr
    unknown = run("export", "--cited-by", "nobodyNothing2020")
    assert unknown.returncode == 2 and "no record with key" in unknown.stderr
