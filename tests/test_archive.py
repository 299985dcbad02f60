"""The archive-page extractor, step by step, on pages written for these tests.

The fixture pages under tests/fixtures/pages have the shape of the two blogs' archive pages
(intros, headlines, bylines, 'First published' lines, captions, bios, 'Continue reading')
but their prose is our own; the real seed pages are exercised in test_extract_seeds.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_cli as run
from pantucci_bib import OriginKind, ParseError, RecordType, extract, extract_many
from pantucci_bib.formats.registry import READERS
from pantucci_bib.sources.archive import (
    Block,
    Directory,
    Draft,
    Kind,
    PageContext,
    Post,
    bundled_directory,
    byline_names,
    classify_post,
    dateline,
    extract_fields,
    genre_of,
    infer_dates,
    intro_coauthors,
    intro_outlet,
    is_bio,
    is_caption,
    is_intro,
    is_more,
    is_titlelike,
    page_header,
    read_archive,
    resolve,
    resolve_person,
    split_posts,
    standfirst_authors,
    text_blocks,
    years_mentioned,
)
from pantucci_bib.sources.html_page import html_blocks

PAGES = Path(__file__).parent / "fixtures" / "pages"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def posts_of(name: str) -> list[Post]:
    return posts_of_text(page(name))


def posts_of_text(text: str) -> list[Post]:
    _subject, rest = page_header(text_blocks(text))
    return split_posts(rest)


def kinds(post: Post) -> list[tuple[str, Kind]]:
    return [(c.block.text[:30], c.kind) for c in classify_post(post)]


def ctx_for(*people: str) -> PageContext:
    from pantucci_bib.names import parse_name

    directory = bundled_directory()
    intro_blog = next(b for b in directory.blogs if b.style == "intro")
    return PageContext("t.txt", directory, intro_blog, "SCO", tuple(parse_name(p) for p in people))


# --- step 1: the line stream -----------------------------------------------------------------


def test_text_blocks_keep_line_numbers_gaps_and_bullets():
    blocks = text_blocks("Title\n\n\n  • first point\nsecond  line  \n")
    assert blocks == [
        Block(1, "Title", "", 0),
        Block(4, "first point", "bullet", 2),
        Block(5, "second line", "", 0),
    ]


# --- step 2: the page header -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "subject"),
    [
        ("Posts Tagged ‘Xinjiang’", "Xinjiang"),
        ("Posts Tagged 'energy security'", "energy security"),
        ("Archive for the ‘Global Times’ Category", "Global Times"),
        ("Category Archives: Water", "Water"),
        ("Tag Archives: SCO", "SCO"),
        ("Archive for March, 2014", None),
    ],
)
def test_page_header_gives_the_subject(first_line, subject):
    found, rest = page_header(text_blocks(f"{first_line}\n\nA headline\n"))
    assert found == subject
    assert [b.text for b in rest] == ["A headline"]


def test_a_page_without_header_keeps_its_first_line():
    found, rest = page_header(text_blocks("A headline\n\nBy Someone Else\n"))
    assert found is None and len(rest) == 2


# --- line predicates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Raffaello Pantucci and Sarah Lain", ["Raffaello Pantucci", "Sarah Lain"]),
        ("by Kane Luo", ["Kane Luo"]),
        (
            "BY RAFFAELLO PANTUCCI AND ALEXANDROS PETERSEN",
            ["Raffaello Pantucci", "Alexandros Petersen"],
        ),
        (
            "By: Raffaello PantucciAlexandros Petersen",
            ["Raffaello Pantucci", "Alexandros Petersen"],
        ),
        ("By Raffaello Pantucci, Senior Research Fellow", ["Raffaello Pantucci"]),
        (
            "By Raffaello Pantucci & Alexandros Petersen – 7 November 2011 9:29AM",
            ["Raffaello Pantucci", "Alexandros Petersen"],
        ),
        (
            "By Raffaello Pantucci  Wednesday, November 16, 2011 – 1:59 PM   Share",
            ["Raffaello Pantucci"],
        ),
        ("March 3, 2019 – 4:15pm, by Joshua Kucera", ["Joshua Kucera"]),
        ("By Brian G. Carlson", ["Brian G. Carlson"]),
        ("By focusing on the capital, the visit missed the provinces.", None),
        ("By examining trade data, this paper finds little change.", None),
    ],
)
def test_byline_names(text, names):
    assert byline_names(text) == names


@pytest.mark.parametrize(
    ("text", "iso", "residue"),
    [
        ("June 24, 2022", "2022-06-24", ""),
        ("PUBLISHED : Tuesday, 16 February, 2016, 2:00pm", "2016-02-16T14:00", ""),
        ("Caspian Ledger | 2014-03-02 10:15:00", "2014-03-02T10:15", "Caspian Ledger"),
        ("RUSI Analysis, 11 Apr 2014", "2014-04-11", "RUSI Analysis"),
        ("July 19, 2012 03:30 PM Age: 2 days", "2012-07-19T15:30", ""),
        ("潘睿凡   发表于2012-11-14 05:13", "2012-11-14T05:13", "潘睿凡"),
    ],
)
def test_dateline_forms(text, iso, residue):
    found = dateline(text)
    assert found is not None
    assert found[0].iso() == iso
    assert found[1] == residue


@pytest.mark.parametrize(
    "text",
    [
        "A container train at a yard, March 2019. Photo: Example Agency",
        "On March 3 the talks resumed and by the evening both sides had walked out of the room.",
    ],
)
def test_dates_in_captions_and_prose_are_not_datelines(text):
    assert dateline(text) is None


def test_a_month_name_inside_a_word_is_not_a_date():
    from pantucci_bib.dates import find_written

    assert find_written("First published by Reuters, Smarch 12 2016") is None
    assert find_written("Summary 2015") is None
    found = find_written("Global Times | 2012-12-17 19:25:05")
    assert found is not None and found[0].iso() == "2012-12-17T19:25"


def test_captions_more_links_bios_and_headlines():
    assert is_caption("Traders queue at a gate. Photo: our own")
    assert is_caption("VLADIMIR EXAMPLE/AFP/Getty Images")
    assert is_caption("route-map_2014-03")
    assert is_caption("Presidents at a summit (pic from here)")
    assert not is_caption("Pipelines, Promises and Patience")
    assert is_more("Continue reading") and is_more("More") and is_more("Read more →")
    assert is_more("Please follow for entire article in PDF")
    assert not is_more("More than a pipeline")
    assert is_bio("Li Lifan is a researcher at a Shanghai academy.")
    assert is_bio("The author is a visiting scholar at a university in Shanghai.")
    assert not is_bio("The road that was a track two years ago is now tarmac.")
    assert is_titlelike("Freight Trains Are Not a Foreign Policy")
    assert is_titlelike("Who Speaks for the Valley?")
    assert not is_titlelike("The town has two markets.")
    assert not is_titlelike("STABILITY AND PROSPERITY")
    assert not is_titlelike("By Tao Xie")


def test_intro_paragraphs_versus_article_prose():
    assert is_intro("A new piece for The Diplomat with Alex, on border markets.")
    assert is_intro("Another short op-ed for the South China Morning Post, on gas talks.")
    assert is_intro("A piece for my old friends at the Caspian Ledger, after my last trip.")
    # prose inside an article that mentions a report or an interview is not an intro
    assert not is_intro(
        "The town has two markets. One sells to travellers and the other to people who "
        "live there. A report I read before going had mentioned only the first."
    )
    assert not is_intro(
        "Recently, in an interview on state television, a minister called the neighbour "
        "a close partner, and repeated it twice."
    )


# --- step 3: posts ---------------------------------------------------------------------------


def test_split_posts_finds_every_post_of_an_intro_led_page():
    posts = posts_of("tag_frontier.txt")
    titles = [p.title.text if p.title else None for p in posts]
    assert titles == [
        "Freight Trains Are Not a Foreign Policy",
        "Rail, Roads and Who Guards Them",
        "Forums Without Followers",
        "Ten Years on the Road",
        "Notes from a Border Town",
        None,  # an untitled op-ed: intro, date, byline, text
    ]
    # an in-article heading after a paragraph that mentions a report is not a new post
    border = posts[4]
    assert "Market Days" in [b.text for b in border.blocks]


def test_split_posts_on_a_group_blog_page_without_intros():
    titles = [p.title.text for p in posts_of("group_blog.txt") if p.title]
    assert titles == [
        "Water, Dams and Downstream Anger",
        "Who Speaks for the Valley?",
        "Cotton and Credit",
        "An Old Route, Reopened",
    ]


def test_translation_headline_is_found_below_the_other_language_version():
    (post,) = posts_of("tag_translation.txt")
    assert post.title is not None and post.title.text == "Roads, Trade and Local Opinion"


# --- step 4: classify ------------------------------------------------------------------------


def test_classify_a_post_with_standfirst_caption_bio_and_date():
    post = posts_of("tag_frontier.txt")[0]
    assert [k for _t, k in kinds(post)] == [
        Kind.INTRO,
        Kind.TITLE,
        Kind.STANDFIRST,
        Kind.CAPTION,
        Kind.BIO,
        Kind.BODY,
        Kind.BODY,
    ]
    forums = posts_of("tag_frontier.txt")[2]
    found = dict((t, k) for t, k in kinds(forums))
    assert found["PUBLISHED : Monday, 14 January"] is Kind.DATELINE
    assert found["This article appeared in the S"] is Kind.PUBLISHED
    assert found["Li Lifan is a researcher at a "] is Kind.BIO


def test_classify_group_blog_lines_and_more_links():
    water = posts_of("group_blog.txt")[0]
    assert [k for _t, k in kinds(water)] == [
        Kind.TITLE,
        Kind.BYLINE,
        Kind.CAPTION,
        Kind.PUBLISHED,
        Kind.BODY,
        Kind.MORE,
    ]


def test_classify_endnotes_and_contributors():
    text = (
        "A new piece for the Steppe Review with Niva, long in the making.\n\n"
        "Paving the Way\n\n"
        + "Long article text that goes on for a while about roads and fibre cables. "
        * 5
        + "\n\nNotes on contributors\n\nNiva Yau\n\nNiva Yau is a researcher in Bishkek.\n\n"
        "Notes\n\n1. A source, 3 March 2021, accessed 12 September 2022.\n"
    )
    (post,) = split_posts(page_header(text_blocks(text))[1])
    found = [k for _t, k in kinds(post)]
    assert found == [
        Kind.INTRO,
        Kind.TITLE,
        Kind.BODY,
        Kind.HEADING,
        Kind.CONTRIBUTOR,
        Kind.BIO,
        Kind.HEADING,
        Kind.ENDNOTE,
    ]
    draft = extract_fields(classify_post(post))
    assert draft.contributors == ("Niva Yau",)
    assert 2022 in years_mentioned(draft.body)


# --- step 5: fields --------------------------------------------------------------------------


def test_extract_fields_reads_dates_updates_and_print_titles():
    draft = extract_fields(classify_post(posts_of("tag_frontier.txt")[2]))
    assert draft.title == "Forums Without Followers"
    assert draft.date is not None and draft.date.iso() == "2019-01-14T18:30"
    assert draft.updated is not None and draft.updated.iso() == "2019-01-15T09:10"
    assert draft.print_title == "Summit season, little change"
    assert draft.print_outlet == "South China Morning Post"
    assert draft.standfirst.startswith("Li Lifan and Raffaello Pantucci argue")


def test_extract_fields_reports_an_unreadable_date_with_its_line():
    cotton = posts_of("group_blog.txt")[2]
    draft = extract_fields(classify_post(cotton))
    assert draft.outlet == "Reuters"
    assert draft.bad_dates == ((28, "Smarch 12 2016"),)


# --- step 6: resolve -------------------------------------------------------------------------


def test_first_names_resolve_against_the_page_and_the_table():
    ctx = ctx_for("Alexandros Petersen", "Niva Yau")
    assert resolve_person("Alex", ctx).family == "Petersen"
    lifan = resolve_person("Lifan", ctx)
    assert (lifan.family, lifan.given, lifan.family_first) == ("Li", "Lifan", True)
    # a first name only the page knows
    page_only = ctx_for("Tomasz Example")
    assert resolve_person("Tomasz", page_only).family == "Example"
    assert resolve_person("RAFFAELLO PANTUCCI", ctx).given == "Raffaello"


def test_intro_outlets_coauthors_and_genres():
    directory = bundled_directory()
    match, _sentence = intro_outlet(
        "A shorter version of this piece appeared in the South China Morning Post; "
        "the expanded version here was written for RUSI.",
        directory,
    )
    assert match is not None and match.outlet.name == "RUSI"
    match, _s = intro_outlet("A new post for Foreign Policy’s AfPak Channel on the SCO.", directory)
    assert match is not None and (match.outlet.name, match.section) == (
        "Foreign Policy",
        "AfPak Channel",
    )
    match, _s = intro_outlet(
        "An interview with the Bug Pit blog on Eurasianet, done by phone. "
        "It follows a piece I did with Lifan for Open Democracy.",
        directory,
    )
    assert match is not None and (match.outlet.name, match.section) == (
        "EurasiaNet",
        "The Bug Pit",
    )
    assert genre_of("A new column for Nikkei Asia Review") == "column"
    assert genre_of("Another short op-ed for the paper") == "op-ed"
    ctx = ctx_for("Alexandros Petersen")
    found = intro_coauthors("A new piece with my friend and co-author Li Lifan for X.", ctx)
    assert [p.family for p in found] == ["Li"]
    assert [p.family for p in intro_coauthors("with the wonderful Niva from Bishkek", ctx)] == [
        "Yau"
    ]


def test_standfirst_authors():
    assert standfirst_authors("Li Lifan and Raffaello Pantucci argue that it matters") == [
        "Li Lifan",
        "Raffaello Pantucci",
    ]
    assert standfirst_authors("Hard geopolitics dominates the view from Beijing.") == []
    assert standfirst_authors("China Brief explores the pipeline deal") == []


def test_resolve_an_interview_post():
    post = posts_of("tag_frontier.txt")[1]
    record, problems = resolve(extract_fields(classify_post(post)), ctx_for())
    assert record.type is RecordType.INTERVIEW
    assert [p.family for p in record.author] == ["Pantucci"]
    assert [p.family for p in record.interviewer] == ["Kucera"]
    assert (record.container_title, record.section) == ("EurasiaNet", "The Bug Pit")
    assert problems == []


def test_resolve_reports_a_post_it_cannot_attribute():
    draft = Draft(line=7, title="A Headline Without Anyone")
    directory = bundled_directory()
    repost_blog = next(b for b in directory.blogs if b.style == "repost")
    record, problems = resolve(draft, PageContext("p.txt", directory, repost_blog))
    assert record.author == ()
    assert [str(p) for p in problems] == [
        "p.txt:7: error: cannot attribute the post: no author found"
    ]


# --- step 7: dates ---------------------------------------------------------------------------


def test_infer_dates_from_archive_order_and_mentioned_years():
    result = read_archive(page("tag_frontier.txt"), "tag_frontier.txt")
    by_title = {r.title: r for r in result.records}
    road = by_title["Ten Years on the Road"].issued
    assert road is not None and road.circa and road.iso() == "2018"
    assert "Forums Without Followers" in road.reason and "2018" in road.reason
    newest = by_title["Freight Trains Are Not a Foreign Policy"].issued
    assert newest is not None and newest.circa and newest.iso() == "2019"


def test_infer_dates_reports_a_post_it_cannot_date():
    from pantucci_bib.model import Provenance, Record

    lone = Record(key="x", type="post-weblog", title="Alone", appearances=[Provenance("p", 3)])
    records, problems = infer_dates([lone], [Draft(line=3, title="Alone")])
    assert records[0].issued is None
    assert [p.message for p in problems] == ["no date on the page and none could be inferred"]


# --- whole pages -----------------------------------------------------------------------------


def test_intro_led_text_page_end_to_end():
    result = read_archive(page("tag_frontier.txt"), "tag_frontier.txt")
    records = {r.title: r for r in result.records}
    forums = records["Forums Without Followers"]
    assert [(p.family, p.family_first) for p in forums.author] == [
        ("Li", True),
        ("Pantucci", False),
    ]
    assert forums.genre == "op-ed" and forums.keywords == ("frontier trade",)
    assert forums.original is not None and forums.original.kind is OriginKind.PRINT_TITLE
    road = records["Ten Years on the Road"]
    assert [p.family for p in road.author] == ["Pantucci", "Petersen"]  # "with Alex"
    assert road.container_title == "Steppe Review"
    untitled = records[""]
    assert untitled.container_title == "Financial Times"
    assert [p.display() for p in untitled.author] == ["Raffaello Pantucci", "Alexandros Petersen"]
    assert untitled.appearances[0].line == 70
    border = records["Notes from a Border Town"]
    assert border.container_title == "China in Central Asia"
    assert border.type is RecordType.POST_WEBLOG
    # the one unknown outlet is reported as a guess, with file and line
    assert [str(p) for p in result.problems] == [
        "tag_frontier.txt:48: warning: outlet 'Steppe Review' is not in the outlets "
        "table; type guessed as article-magazine"
    ]


def test_group_blog_page_end_to_end():
    result = read_archive(page("group_blog.txt"), "group_blog.txt")
    valley = next(r for r in result.records if r.title == "Who Speaks for the Valley?")
    assert valley.container_title == "China in Central Asia"
    assert valley.issued is not None and valley.issued.circa and valley.issued.year == 2016
    assert any("cannot read the date 'Smarch 12 2016'" in str(p) for p in result.problems)
    route = next(r for r in result.records if r.title == "An Old Route, Reopened")
    assert [p.family for p in route.author] == ["Luo", "Pantucci"]
    assert route.issued is not None and route.issued.iso() == "2016-01-05"


def test_translation_end_to_end():
    (record,) = read_archive(page("tag_translation.txt"), "t.txt").records
    assert record.container_title == "东方早报" and record.language == "zh"
    assert record.original is not None and record.original.kind is OriginKind.TRANSLATION
    assert record.original.language == "en"
    assert [(p.family, p.given) for p in record.translator] == [("王", "小明")]
    assert record.issued is not None and record.issued.iso() == "2013-05-06T08:30"
    assert [p.family for p in record.author] == ["Pantucci"]


# --- saved HTML ------------------------------------------------------------------------------


def test_html_blocks_carry_the_wordpress_structure():
    blocks = html_blocks(page("tag_xinjiang.html"))
    hints = [b.hint for b in blocks]
    assert hints[:4] == ["site", "header", "post", "title"]
    assert hints.count("post") == 3
    assert Block(43, "UPDATED : Tuesday, 11 February, 2014, 8:05am") in blocks  # <br> splits
    assert any(b.hint == "more" for b in blocks)
    assert any(b.hint == "bullet" for b in blocks)
    captions = [b.text for b in blocks if b.hint == "caption"]
    assert "market gate at dawn" in captions  # alt text
    texts = " ".join(b.text for b in blocks)
    assert "Somebody Else" not in texts and "Powered by" not in texts  # sidebar, footer
    assert "ignored" not in texts  # scripts


def test_html_tag_page_end_to_end():
    result = read_archive(page("tag_xinjiang.html"), "tag_xinjiang.html")
    first, second, third = result.records
    assert first.title == "Border Markets and the Limits of Leverage"
    assert first.appearances[0].line == 18  # the headline's line in the HTML source
    assert [p.family for p in first.author] == ["Pantucci", "Petersen"]
    assert first.container_title == "The Diplomat" and first.keywords == ("Xinjiang",)
    assert first.issued is not None and first.issued.iso() == "2014-03-07"
    assert second.standfirst.startswith("Both capitals keep announcing")
    assert second.issued is not None and second.issued.iso() == "2014-02-10T17:20"
    assert second.updated is not None and second.updated.iso() == "2014-02-11T08:05"
    assert third.container_title == "Caspian Ledger"
    assert third.issued is not None and third.issued.circa


def test_html_group_blog_uses_the_post_date_for_an_undated_article():
    result = read_archive(page("category_water.html"), "category_water.html")
    titles = [r.title for r in result.records]
    assert titles == [
        "Water, Dams and Downstream Anger",
        "Who Speaks for the Valley?",
        "An Old Route, Reopened",
    ]
    valley = result.records[1]
    assert valley.container_title == "China in Central Asia"  # the site names the blog
    # an original post of the blog (no "First published" line) is published when the blog's
    # <time datetime> says (issue 17; before, only its year was kept, marked circa)
    assert valley.issued is not None and not valley.issued.circa
    assert valley.issued.iso() == "2015-11-02T10:00"
    assert result.records[2].issued is not None
    assert result.records[2].issued.iso() == "2015-05-28"  # the article's date, not the post's
    assert {r.keywords for r in result.records} == {("Water",)}


# --- the directory is data users can extend --------------------------------------------------


def test_directory_extension_files(tmp_path):
    people = tmp_path / "people.json"
    people.write_text(
        json.dumps({"people": [{"family": "Example", "given": "Tomasz", "aliases": ["Tom"]}]}),
        encoding="utf-8",
    )
    outlets = tmp_path / "outlets.json"
    outlets.write_text(
        json.dumps({"outlets": [{"name": "Steppe Review", "type": "article-journal"}]}),
        encoding="utf-8",
    )
    directory = Directory.load(people=people, outlets=outlets)
    assert directory.person("Tom") is not None
    assert directory.person("Alex") is not None  # the bundled table is still there
    result = read_archive(page("tag_frontier.txt"), "f.txt", directory=directory)
    road = next(r for r in result.records if r.title == "Ten Years on the Road")
    assert road.type is RecordType.ARTICLE_JOURNAL
    assert result.problems == ()


def test_malformed_directory_file_is_a_data_error(tmp_path):
    from pantucci_bib import DataError

    bad = tmp_path / "outlets.json"
    bad.write_text('{"outlets": [{"aliases": []}]}', encoding="utf-8")
    with pytest.raises(DataError, match=r"outlets\.json"):
        Directory.load(outlets=bad)


def test_no_page_title_or_name_is_written_into_the_extractor():
    source = (
        Path(__file__).parent.parent / "src" / "pantucci_bib" / "sources" / "archive.py"
    ).read_text(encoding="utf-8")
    for word in ("Pantucci", "Petersen", "Diplomat", "South China Morning", "Sinostan", "RUSI"):
        assert word not in source, word


# --- extract() / extract_many() --------------------------------------------------------------


def test_reader_is_registered():
    assert READERS["archive"] is read_archive


def test_extract_accepts_a_path_or_the_text():
    from_path = extract(PAGES / "group_blog.txt")
    from_text = extract(page("group_blog.txt"), source="group_blog.txt")
    assert from_path == from_text
    assert from_path.records[0].appearances[0].source == "group_blog.txt"
    assert extract(page("group_blog.txt")).records[0].appearances[0].source == "<text>"


def test_extract_many_merges_a_repost_into_one_record_with_every_appearance():
    result = extract_many([PAGES / "tag_xinjiang.html", PAGES / "archive_march.txt"])
    markets = [r for r in result.records if r.title.startswith("Border Markets")]
    assert len(markets) == 1
    assert [(p.source, p.line) for p in markets[0].appearances] == [
        ("tag_xinjiang.html", 18),
        ("archive_march.txt", 5),
    ]
    assert markets[0].keywords == ("Xinjiang",)  # a month page has no subject
    assert len({r.key for r in result.records}) == len(result.records)


def test_extract_is_deterministic():
    paths = [PAGES / n for n in ("tag_frontier.txt", "group_blog.txt", "tag_xinjiang.html")]
    from pantucci_bib import emit

    assert emit(extract_many(paths).records, "csl-json") == emit(
        extract_many(paths).records, "csl-json"
    )


def test_strict_turns_problems_into_an_error():
    with pytest.raises(ParseError, match="cannot read the date"):
        extract(PAGES / "group_blog.txt", strict=True)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"\x00\x01binary\x00", "binary file"),
        (b"Shopping list\n\nmilk, eggs and bread for the weekend.\n", "not an archive page"),
        (b"<html><body><p>nothing here</p></body></html>", "not an archive page"),
    ],
)
def test_bad_input_names_the_file(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(ParseError, match=message) as info:
        extract(bad)
    assert "bad.txt" in str(info.value)


def test_unreadable_path_names_the_file(tmp_path):
    with pytest.raises(ParseError, match="cannot read") as info:
        extract(tmp_path / "missing.txt")
    assert "missing.txt" in str(info.value)


# --- the command line ------------------------------------------------------------------------


def test_cli_import_writes_the_same_as_the_api(tmp_path):
    from pantucci_bib import emit

    out = tmp_path / "new.bib"
    pages = [str(PAGES / "tag_frontier.txt"), str(PAGES / "tag_xinjiang.html")]
    result = run("import", *pages, "--to", "bibtex", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == emit(extract_many(pages).records, "bibtex")
    # problems go to stderr as data; no progress when stderr is not a terminal
    assert "warning: outlet 'Steppe Review'" in result.stderr
    assert "[1/2]" not in result.stderr and "\r" not in result.stderr
    assert "wrote 9 records from 2 pages" in result.stderr


def test_cli_import_to_stdout_in_csl_json():
    result = run("import", str(PAGES / "category_water.html"), "--to", "csl-json")
    assert result.returncode == 0
    items = json.loads(result.stdout)
    assert items[0]["title"] == "Water, Dams and Downstream Anger"


def test_cli_strict_exits_3_without_output(tmp_path):
    out = tmp_path / "g.bib"
    result = run("import", str(PAGES / "group_blog.txt"), "--strict", "-o", str(out))
    assert result.returncode == 3
    assert not out.exists()
    assert "group_blog.txt:28: error: cannot read the date" in result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("binary.txt", b"\x00\xff\x00"),
        ("notes.txt", b"Just a note\n\nwith two lines of nothing much.\n"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2_and_no_output(tmp_path, name, content):
    bad = tmp_path / name
    bad.write_bytes(content)
    out = tmp_path / "out.bib"
    result = run("import", str(PAGES / "group_blog.txt"), str(bad), "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line and name in line]
    assert len(errors) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_cli_unreadable_path(tmp_path):
    result = run("import", str(tmp_path / "nope.html"))
    assert result.returncode == 2
    assert "nope.html: cannot read" in result.stderr
    assert "Traceback" not in result.stderr


class _Terminal(io.StringIO):
    """Standard error as a terminal: a stream whose isatty() is True."""

    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal(tmp_path, monkeypatch):
    from pantucci_bib import cli, progress

    monkeypatch.setattr(progress, "DELAY", 0.0)  # two pages count as a long job
    monkeypatch.setenv("COLUMNS", "200")  # a bar never truncated by the terminal's width
    pages = [str(PAGES / "tag_frontier.txt"), str(PAGES / "tag_xinjiang.html")]
    stderr = _Terminal()
    with contextlib.redirect_stderr(stderr):
        assert cli.main(["import", *pages, "-o", str(tmp_path / "new.bib")]) == 0
    err = stderr.getvalue()
    # each page is counted and named as it is read
    assert "[##########..........] 1/2  50% tag_frontier.txt" in err
    assert "[####################] 2/2 100% tag_xinjiang.html" in err
    # at the end the bar's line is cleared (no newline left behind), then the problems and
    # the summary follow as plain lines
    clear = "\r\x1b[K"
    last_bar = f"100% tag_xinjiang.html{clear}"
    assert last_bar in err
    after_bar = err[err.rindex(last_bar) + len(last_bar) :]
    assert after_bar.startswith("pantucci-bib: ")
    assert "\r" not in after_bar and "\x1b" not in after_bar
    assert "warning: outlet 'Steppe Review'" in after_bar
    assert err.endswith(f"wrote 9 records from 2 pages to {tmp_path / 'new.bib'}\n")


def test_importing_the_package_does_not_import_the_html_parser():
    code = "import sys, pantucci_bib; print(sorted(m for m in ('lxml', 'bs4') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_two_paragraph_intro_furniture_lines_and_an_unlisted_coauthor():
    result = read_archive(page("tag_furniture.txt"), "tag_furniture.txt")
    first, second = result.records
    assert first.title == "The Pipeline Nobody Wants to Pay For"
    assert first.container_title == "Caspian Ledger"  # named in the first intro paragraph
    assert [p.display() for p in first.author] == ["Raffaello Pantucci", "Jane Doe"]
    # no date in the article: the "Posted on" line of the blog dates it, approximately
    assert first.issued is not None and first.issued.circa and first.issued.year == 2017
    assert second.title == "Buyers Are in No Hurry"
    assert second.issued is not None and second.issued.iso() == "2017-03-20"
    assert second.container_title == "The Diplomat"


def test_an_image_label_between_intro_and_headline():
    text = (
        "Posts Tagged ‘maps’\n\n"
        "A new piece for The Diplomat on the new rail maps, with a picture I took.\n\n"
        "station platform photo\n\n"
        "Maps That Move Faster Than Trains\n\n"
        "By Raffaello Pantucci\n\n"
        "May 5, 2016\n\n"
        "A paragraph that stands in for the article, about maps and the officials who draw "
        "them with great confidence and little regard for the timetable.\n"
    )
    (post,) = posts_of_text(text)
    assert [k for _t, k in kinds(post)] == [
        Kind.INTRO,
        Kind.CAPTION,
        Kind.TITLE,
        Kind.BYLINE,
        Kind.DATELINE,
        Kind.BODY,
    ]
    (record,) = read_archive(text, "maps.txt").records
    assert (record.title, record.container_title) == (
        "Maps That Move Faster Than Trains",
        "The Diplomat",
    )


def test_extract_takes_a_path_given_as_a_string():
    result = extract(str(PAGES / "tag_translation.txt"))
    assert result.records[0].appearances[0].source == "tag_translation.txt"
