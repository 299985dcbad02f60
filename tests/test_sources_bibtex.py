"""The BibTeX and BibLaTeX reader, on files shaped as Zotero, Better BibTeX and JabRef write them.

The fixtures in tests/fixtures/bib/ are written for these tests in each program's export
shape (field order, escaping, macros); their titles and names are the corpus's, or made up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pantucci_bib import (
    OriginKind,
    ParseError,
    PartialDate,
    Person,
    RecordType,
    RelationKind,
    emit,
    load,
    loads,
)
from pantucci_bib.formats.bibtex.read import (
    decode_latex,
    parse_original_sentence,
    split_bibtex_note,
)
from pantucci_bib.latex import escape, protect_title

FIXTURES = Path(__file__).parent / "fixtures" / "bib"


def by_key(path: Path, fmt: str | None = None) -> dict:
    return {record.key: record for record in load(path, fmt).records}


# --- Zotero's BibTeX export ---------------------------------------------------------


@pytest.fixture(scope="module")
def zotero() -> dict:
    return by_key(FIXTURES / "zotero.bib")


def test_zotero_article(zotero):
    article = zotero["pantucci_china_2015"]
    assert article.type is RecordType.ARTICLE_JOURNAL
    assert article.title == (  # the file's case protection, as CSL writes it
        'China and <span class="nocase">Russia</span>: <span class="nocase">Locked</span>'
        " in reluctant embrace"
    )
    assert [p.display() for p in article.author][:2] == ["Raffaello Pantucci", "José Müller"]
    assert article.container_title == "China Economic Quarterly"
    assert article.issued == PartialDate(2015, 11)  # month = nov
    assert article.accessed == PartialDate(2020, 1, 31)
    assert article.page == "12–15"  # TeX's -- is an en dash
    assert article.volume == "12"
    assert article.keywords == ("China", "Russia", "Central Asia")
    assert article.url == "https://example.org/ceq/2015_11/pantucci%20china?id=7"  # verbatim
    assert article.doi == "10.1234/ceq.2015.11"
    assert article.standfirst.endswith("an ampersand & a per cent sign 50%.")
    assert article.note == "Print edition title differs"  # not a sentence of ours: kept as is
    assert article.original is None


def test_zotero_chapter_and_corporate_author(zotero):
    chapter = zotero["pantucci_chinas_2016"]
    assert chapter.type is RecordType.CHAPTER
    assert (
        chapter.title == 'China’s <span class="nocase">Eurasian</span> pivot'
    )  # {\textquoteright}
    assert chapter.container_title == (
        'The <span class="nocase">Routledge</span> handbook of <span class="nocase">Central</span>'
        ' <span class="nocase">Asia</span>'
    )
    assert chapter.editor[1] == Person(family="Çelik", given="Ayşe")  # {\c C}, {\c s}
    assert (chapter.publisher, chapter.publisher_place) == ("Routledge", "London")
    assert chapter.isbn == "978-0-19-005802-3"
    page = zotero["noauthor_world_2019"]
    assert page.author == (Person(literal="World Bank"),)
    assert page.note == "Accessed via the “data” portal"


def test_zotero_unbraced_two_word_family_name_keeps_its_display(zotero):
    # BibTeX itself reads "Tafuro Ambrosetti, Eleonora" as two last-name words; the first
    # becomes a particle, so that writing the name again gives the same text.
    person = zotero["pantucci_china_2015"].author[2]
    assert person.display() == "Eleonora Tafuro Ambrosetti"
    assert person.full_family == "Tafuro Ambrosetti"


# --- Better BibLaTeX ----------------------------------------------------------------


@pytest.fixture(scope="module")
def better_biblatex() -> dict:
    return by_key(FIXTURES / "betterbiblatex.bib", "biblatex")


def test_better_biblatex_fields(better_biblatex):
    news = better_biblatex["pantucciRussiaHoldsDoor2015"]
    assert news.type is RecordType.ARTICLE_NEWSPAPER  # entrysubtype
    assert news.title == (  # {{…}}: the words BBT protects
        'Russia Holds the Door to <span class="nocase">Central Asia</span> Open for '
        '<span class="nocase">China</span>'
    )
    assert news.issued == PartialDate(2015, 7, 15)
    assert news.language == "en"  # langid english
    assert news.keywords == ("BRICS", "SCO")
    blog = better_biblatex["xieHowChinaRediscovered2015"]
    assert blog.type is RecordType.POST_WEBLOG
    assert blog.issued == PartialDate(2015, circa=True)
    assert blog.container_title == "China in Central Asia"
    report = better_biblatex["pantucciRussianChineseInfluence2022"]
    assert report.type is RecordType.REPORT
    assert report.publisher == "Royal United Services Institute"
    assert report.publisher_place == "London"


def test_better_biblatex_translation_with_time_and_utf8(better_biblatex):
    piece = better_biblatex["liChinaRelishesNew2014"]
    assert piece.issued == PartialDate(2014, 5, 19, 21, 12)
    assert piece.section == "Opinion"  # journalsubtitle
    assert piece.translator == (Person(family="Ñúñez", given="Zoë"),)
    assert piece.page == "12–13"
    assert piece.language == "zh"
    assert piece.original is not None
    assert piece.original.kind is OriginKind.TRANSLATION
    assert (piece.original.title, piece.original.language) == ("China Savours a New Role", "en")


def test_the_bibtex_reader_accepts_biblatex_fields_too():
    records = load(FIXTURES / "betterbiblatex.bib").records  # .bib → the bibtex reader
    assert records[0].issued == PartialDate(2015, 7, 15)
    assert records[0].container_title == "South China Morning Post"


# --- JabRef: @string, concatenation, crossref, and others, @comment --------------------


@pytest.fixture(scope="module")
def jabref():
    return load(FIXTURES / "jabref.bib")


def test_jabref_string_macros_and_concatenation(jabref):
    records = {r.key: r for r in jabref.records}
    assert records["Pantucci2015"].container_title == "South China Morning Post (Hong Kong)"
    assert records["Sinostan2022"].publisher == "Oxford University Press"
    assert records["Pantucci2015"].title == (
        '<span class="nocase">Silk Road</span>: <span class="nocase">China</span>\'s project'
        ' could transform <span class="nocase">E</span>urasia'
    )


def test_jabref_and_others_is_reported_not_invented(jabref):
    record = next(r for r in jabref.records if r.key == "Pantucci2015")
    assert [p.family for p in record.author] == ["Pantucci", "Petersen"]
    warning = next(p for p in jabref.problems if "and others" in p.message)
    assert warning.severity == "warning"
    assert str(warning.where) == f"{FIXTURES / 'jabref.bib'}:6"


def test_jabref_crossref_inherits_from_the_proceedings(jabref):
    records = {r.key: r for r in jabref.records}
    paper = records["Petersen2012"]
    assert paper.type is RecordType.PAPER_CONFERENCE
    assert paper.container_title == (  # the parent's title → booktitle
        'Proceedings of the <span class="nocase">Astana</span> <span class="nocase">Forum</span>'
    )
    assert (paper.publisher, paper.publisher_place) == ("Oxford University Press", "Oxford")
    assert paper.issued == PartialDate(2012, 6)  # month = {June}
    assert paper.editor == (Person(family="Lain", given="Sarah"),)
    assert paper.author[0] == Person(family="Beethoven", given="Ludwig", particle="van")
    assert "SCO2012" in records  # the parent is a record of its own


def test_jabref_comments_are_not_entries_and_accents_decode(jabref):
    keys = [r.key for r in jabref.records]
    assert keys == [
        "Pantucci2015",
        "Petersen2012",
        "SCO2012",
        "Sinostan2022",
        "Interview2022",
        "Print2015",
    ]
    assert [p.severity for p in jabref.problems] == ["warning"]
    book = next(r for r in jabref.records if r.key == "Sinostan2022")
    assert book.note == "Second impression, with a preface by Àlvaro Ñuñez"


def test_our_note_sentences_and_approximate_year_read_back(jabref):
    records = {r.key: r for r in jabref.records}
    interview = records["Interview2022"]
    assert interview.type is RecordType.INTERVIEW  # "Interview by …" makes the misc one
    assert [p.display() for p in interview.interviewer] == ["CABAR.asia"]
    assert interview.note == ""
    assert interview.issued == PartialDate(2022, circa=True)  # [2022?]
    printed = records["Print2015"]
    assert printed.original is not None and printed.original.kind is OriginKind.PRINT_TITLE
    assert printed.original.title == "Russia holding the door to Central Asia open for China"


# --- malformed input ----------------------------------------------------------------


def test_malformed_entries_are_reported_with_file_and_line_and_skipped():
    path = FIXTURES / "malformed.bib"
    result = load(path)
    assert [r.key for r in result.records] == [
        "good2015",
        "alsoGood2016",
        "badDay2018",
        "lastGood2019",
    ]
    errors = [(p.where.line, p.message) for p in result.problems if p.severity == "error"]
    assert [line for line, _ in errors] == [8, 20, 35]
    assert "malformed entry skipped" in errors[0][1] and "broken2015" in errors[0][1]
    assert "duplicate key 'good2015' (first at line 1)" in errors[1][1]
    assert "invalid citation key" in errors[2][1]
    warning = next(p for p in result.problems if p.severity == "warning")
    assert (warning.where.line, warning.where.source) == (25, str(path))
    assert "2018-02-30" in warning.message


def test_strict_makes_a_skipped_entry_fatal():
    path = FIXTURES / "malformed.bib"
    with pytest.raises(ParseError) as caught:
        load(path, strict=True)
    assert caught.value.where == f"{path}:8"
    # strict counts every problem, warnings too (issue 15)
    assert "(and 3 more problems); strict mode" in str(caught.value)
    # a warning alone is fatal too; without strict it is reported and the record kept
    with pytest.raises(ParseError, match="year 'soon' not read; strict mode"):
        loads("@misc{k, title={T}, year={soon}}", "bibtex", strict=True)
    assert loads("@misc{k, title={T}, year={soon}}", "bibtex").records


def test_undefined_macro_is_a_warning():
    result = loads("@article{k,\n  journal = nowhere,\n  title = {T},\n}", "bibtex", source="m.bib")
    assert result.records[0].container_title == ""
    assert [str(p) for p in result.problems] == [
        "m.bib:2: warning: k: undefined macro 'nowhere' (read as empty; kept as written)"
    ]


def test_unknown_entry_type_reads_as_a_document_with_a_warning():
    result = loads("@gizmo{p1, title = {A thing}, year = 1999}", "biblatex")
    assert result.records[0].type is RecordType.DOCUMENT
    assert "unknown entry type @gizmo" in result.problems[0].message
    assert emit(result.records, "biblatex").startswith("@gizmo{p1,")  # kept as written


# --- the pieces ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"M{\"u}ller", "Müller"),
        (r"M\"uller", "Müller"),
        (r"M\"{u}ller", "Müller"),
        (r"{\c C}elik", "Çelik"),
        (r"Jos{\'e}", "José"),
        (r"{\'\i}", "í"),
        (r"Stra{\ss}e", "Straße"),
        (r"{\O}re", "Øre"),
        (r"R\&D at 100\%", "R&D at 100%"),
        (r"\textbackslash{}n", "\\n"),
        (r"a\textasciitilde{}b", "a~b"),
        (r"\emph{very} \textit{much}", "very much"),
        (r"{\{}x{\}}", "{x}"),
        ("``quoted'' -- and --- `single'", "“quoted” – and — ‘single'"),
        ("D.~E. Knuth", "D.\u00a0E. Knuth"),
        (r"\ldots{} then", "… then"),
    ],
)
def test_decode_latex(latex, text):
    assert decode_latex(latex) == text


def test_decode_latex_without_typography_keeps_ascii():
    assert decode_latex("``a'' -- b", typography=False) == "``a'' -- b"
    assert decode_latex("https://x.org/~me", typography=False, tilde=False) == "https://x.org/~me"


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30))
def test_decoding_inverts_escaping(text):
    text = " ".join(text.replace("`", "'").replace("\u00a0", " ").split())
    for ascii_only in (True, False):
        escaped = escape(text, ascii_only=ascii_only)
        assert (
            escape(decode_latex(escaped, typography=ascii_only), ascii_only=ascii_only) == escaped
        )


def test_decoding_a_protected_title():
    title = "Russia holds the door to Central Asia open for China"
    assert decode_latex(protect_title(title)) == title


def test_original_sentences_read_back():
    sentence = (
        "Extract from Sinostan: China’s Inadvertent Empire by Raffaello Pantucci and "
        "Alexandros Petersen (Oxford University Press, April 2022)"
    )
    original = parse_original_sentence(sentence)
    assert original is not None and original.kind is OriginKind.EXTRACT
    assert original.title == "Sinostan: China’s Inadvertent Empire"
    assert [p.family for p in original.author] == ["Pantucci", "Petersen"]
    assert (original.publisher, original.issued) == (
        "Oxford University Press",
        PartialDate(2022, 4),
    )
    translated = parse_original_sentence("Translated from the English original, “Old”")
    assert translated is not None and (translated.language, translated.title) == ("en", "Old")
    assert parse_original_sentence("Extracted from somewhere") is None


def test_note_splits_only_where_the_writer_would_join_the_same():
    people, original, rest = split_bibtex_note(
        "Interview by Joshua Kucera. Reprinted from “A. Title”, Some Outlet. My own note. Two"
    )
    assert [p.display() for p in people] == ["Joshua Kucera"]
    assert original is not None and original.kind is OriginKind.REPRINT
    assert (original.title, original.container_title) == ("A. Title", "Some Outlet")
    assert rest == "My own note. Two"
    assert split_bibtex_note("Just a note. With sentences") == (
        (),
        None,
        "Just a note. With sentences",
    )


def test_biblatex_cites_and_original_links_become_relations():
    text = (
        "@article{a,\n  title = {T},\n  related = {b,c},\n  relatedtype = {cites},\n}\n\n"
        "@article{d,\n  title = {U},\n  origtitle = {Book},\n  related = {b},\n"
        "  relatedtype = {origpubin},\n}\n"
    )
    first, second = loads(text, "biblatex").records
    assert first.related(RelationKind.CITES) == ("b", "c")
    assert second.original is not None and second.original.kind is OriginKind.EXTRACT
    assert second.original.related_key == "b"
    assert second.related(RelationKind.EXTRACT_OF) == ("b",)
