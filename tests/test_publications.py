"""Issue 18: the publication page and year-grouped publication lists, read as a user's tools
read them (the page parsed as HTML, the CLI run as a user runs it).

The browser's view of the page is in test_publications_browser.py, Word in
test_publications_docx.py.
"""

from __future__ import annotations

import base64
import itertools
import re
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

import pantucci_bib
from conftest import run_cli as run
from pantucci_bib import Person
from pantucci_bib.formatting import format_entries
from pantucci_bib.publications import grouping, listing, people
from pantucci_bib.publications.listing import publication_list

ROE = Path(__file__).parent / "fixtures" / "publications" / "zotero-roe.bib"


@pytest.fixture(scope="module")
def corpus_page():
    records = list(pantucci_bib.corpus())
    return records, lxml_html.fromstring(pantucci_bib.publications(records, "Pantucci"))


@pytest.fixture(scope="module")
def roe_page():
    records = list(pantucci_bib.load(str(ROE)).records)
    return records, lxml_html.fromstring(pantucci_bib.publications(records, "Ann Roe"))


def _listed(tree):
    """key → heading of the year section it is listed under, each key once."""
    found = {}
    for section in tree.xpath("//section[@class='year']"):
        heading = section.xpath("./h3")[0].text_content()
        for item in section.xpath(".//li[@class='entry']"):
            key = item.get("id")
            assert key not in found, f"{key} listed twice"
            found[key] = heading
    return found


def _decoded(href):
    head, _, data = href.partition(",")
    assert head.startswith("data:") and head.endswith(";charset=utf-8;base64"), head
    return base64.b64decode(data).decode("utf-8")


def _names(record):
    return people.everyone(record)


@pytest.mark.parametrize("page", ["corpus_page", "roe_page"])
def test_every_record_once_under_its_year(page, request):
    records, tree = request.getfixturevalue(page)
    listed = _listed(tree)
    assert listed == {r.key: grouping.heading(grouping.year_of(r)) for r in records}
    headings = [h.text_content() for h in tree.xpath("//section[@class='year']/h3")]
    dated = [int(h) for h in headings if h != grouping.UNDATED]
    assert dated == sorted(dated, reverse=True)  # newest first
    assert grouping.UNDATED not in headings[:-1]  # the undated, if any, last


@pytest.mark.parametrize(("page", "owner"), [("corpus_page", "Pantucci"), ("roe_page", "Roe")])
def test_the_owner_is_marked_in_every_entry_that_names_them(page, owner, request):
    records, tree = request.getfixturevalue(page)
    by_key = {r.key: r for r in records}
    naming = 0
    for item in tree.xpath("//li[@class='entry']"):
        record = by_key[item.get("id")]
        strong = [s.text_content() for s in item.xpath(".//div[@class='csl-entry']//strong")]
        if any(people.is_person(p, owner) for p in _names(record)):
            naming += 1
            assert strong, f"{record.key}: no <strong>"
            assert all(owner in s for s in strong), (record.key, strong)
        else:
            assert not strong, record.key
    assert naming >= len(records) - 4  # the corpus has 4 group-blog posts by others


@pytest.mark.parametrize("page", ["corpus_page", "roe_page"])
def test_chart_counts_equal_the_list(page, request):
    records, tree = request.getfixturevalue(page)
    bars = Counter()
    for rect in tree.xpath("//svg//rect[@class='bar']"):
        year = rect.get("data-year") or grouping.UNDATED
        bars[(year, rect.get("data-kind"))] += int(rect.get("data-count"))
    listed = Counter(
        (section.xpath("./h3")[0].text_content(), item.get("data-kind"))
        for section in tree.xpath("//section[@class='year']")
        for item in section.xpath(".//li[@class='entry']")
    )
    assert bars == listed
    assert sum(bars.values()) == len(records)
    totals = {t.get("data-year"): int(t.text) for t in tree.xpath("//svg//text[@class='total']")}
    for year, total in totals.items():
        assert total == sum(n for (y, _), n in bars.items() if y == (year or grouping.UNDATED))


def test_counts_line(roe_page):
    records, tree = roe_page
    line = tree.get_element_by_id("counts").text_content()
    outlets = {grouping.outlet(r) for r in records} - {""}
    years = {grouping.year_of(r) for r in records} - {None}
    assert line.startswith(f"{len(records)} pieces · {len(outlets)} outlets · ")
    assert f"{len(years)} years ({min(years)}–{max(years)})" in line
    assert "1 undated" in line  # the working paper of the fixture has no date


def test_coauthors_link_to_their_joint_work(roe_page):
    _, tree = roe_page
    links = tree.xpath("//a[@class='coauthor']")
    assert {a.text_content() for a in links} >= {"Lucía Ramírez", "Chidi Okafor", "Jonas Müller"}
    for a in links:
        value = a.get("data-coauthor")
        assert a.get("href") == "#coauthor=" + urllib.parse.quote(value)
        entry = a.xpath("ancestor::li[@class='entry']")[0]
        assert value in entry.get("data-coauthors").split("|")
    options = [o.get("value") for o in tree.xpath("//select[@id='coauthor']/option")][1:]
    assert "ann roe" not in options and "lucia ramirez" in options


def test_each_entry_downloads_parse_back_to_that_record(roe_page):
    records, tree = roe_page
    by_key = {r.key: r for r in records}
    for item in tree.xpath("//li[@class='entry']"):
        links = {a.get("data-format"): a for a in item.xpath(".//a[@class='download']")}
        assert set(links) == {"bibtex", "ris", "csl-json"}
        for name, a in links.items():
            data = _decoded(a.get("href"))
            back = pantucci_bib.loads(data, format=name).records
            assert [r.title for r in back] == [by_key[item.get("id")].title], name
    whole = tree.xpath("//section[@class='downloads']//a[@data-format='bibtex']")[0]
    data = _decoded(whole.get("href"))
    assert len(pantucci_bib.loads(data, format="bibtex").records) == len(records)


def test_each_entry_has_a_copy_button_per_format_hidden_until_the_script_runs(roe_page):
    _, tree = roe_page
    for item in tree.xpath("//li[@class='entry']"):
        buttons = item.xpath(".//button[@class='copy']")
        assert [b.get("data-format") for b in buttons] == ["bibtex", "ris", "csl-json"]
        for button in buttons:
            assert button.get("type") == "button" and button.get("hidden") is not None
            label = button.get("aria-label")
            assert label.startswith("Copy ") and item.get("id") in label
            assert button.text_content().lower() in label.lower()  # the visible name is in it
            link = button.getprevious()  # what the script copies
            assert link.tag == "a" and link.get("data-format") == button.get("data-format")
    assert not tree.xpath("//section[@class='downloads']//button")  # the whole list downloads
    (status,) = tree.xpath("//*[@id='copy-status']")
    assert status.get("role") == "status" and status.get("aria-live") == "polite"


def test_original_links_and_approximate_dates(roe_page, corpus_page):
    records, tree = roe_page
    for record in records:
        item = tree.get_element_by_id(record.key)
        hrefs = [a.get("href") for a in item.xpath(".//a[@class='original']")]
        expected = record.url or (f"https://doi.org/{record.doi}" if record.doi else "")
        assert hrefs == ([expected] if expected else [])
    records, tree = corpus_page
    for record in records:
        badges = tree.get_element_by_id(record.key).xpath(".//span[@class='approx']")
        assert bool(badges) == grouping.approximate(record), record.key


def test_page_is_self_contained_and_deterministic(corpus_page):
    records, tree = corpus_page
    page = pantucci_bib.publications(records, "Pantucci")
    assert page == pantucci_bib.publications(records, "Pantucci")
    assert not tree.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe")
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page  # the corpus has no URLs; nothing is fetched either way
    assert tree.xpath("//label[@for='search']") and tree.xpath("//label[@for='outlet']")
    assert "@media print" in page


def test_other_style_and_no_year_column():
    records = pantucci_bib.corpus().filter(year="2011")
    tree = lxml_html.fromstring(pantucci_bib.publications(records, "Pantucci", "apa"))
    texts = [e.text_content() for e in tree.xpath("//div[@class='csl-entry']")]
    assert texts == [text for _, text in format_entries(records, "apa")]
    pub = lxml_html.fromstring(pantucci_bib.publications(records, "Pantucci"))
    assert not any(
        e.text_content().startswith("2011") for e in pub.xpath("//div[@class='csl-entry']")
    )


@pytest.mark.parametrize(
    ("person", "name", "expected"),
    [
        (Person(family="Pantucci", given="Raffaello"), "Pantucci", True),
        (Person(family="Pantucci", given="Raffaello"), "R. Pantucci", True),
        (Person(family="Roe", given="A. M."), "Ann Roe", True),
        (Person(family="Roe", given="Ann"), "Bea Roe", False),
        (Person(family="Ramírez", given="Lucía"), "lucia ramirez", True),
        (Person(literal="CABAR.asia"), "Pantucci", False),
    ],
)
def test_is_person(person, name, expected):
    assert people.is_person(person, name) is expected


@pytest.mark.parametrize(
    "written",
    ["Raffaello Pantucci", "Pantucci, Raffaello", "Pantucci, R.", "R. Pantucci", "Pantucci R"],
)
def test_name_forms_of_styles_are_marked(written):
    pattern = people.name_pattern([Person(family="Pantucci", given="Raffaello")])
    entry = f"<i>x</i> {written}, and Petersen, A. Pantuccini."
    marked = people.mark(entry, pattern, lambda m: f"<b>{m.group(0)}</b>", html=True)
    assert marked == f"<i>x</i> <b>{written}</b>, and Petersen, A. Pantuccini."


def test_name_inside_a_link_or_tag_is_left_alone():
    pattern = people.name_pattern([Person(family="Roe", given="Ann")])
    entry = '<a href="https://x.org/Roe">Ann Roe</a> and Ann Roe'
    marked = people.mark(entry, pattern, lambda m: f"<b>{m.group(0)}</b>", html=True)
    assert marked == '<a href="https://x.org/Roe">Ann Roe</a> and <b>Ann Roe</b>'


# ---- MLA's "———" (the same author(s) as the entry before) within a year, never across

MLA = "modern-language-association"
DASH = "———"


def _makers(record):
    return [(p.family, p.given, p.literal) for p in people.people(record)]


def _check_dashes(groups, by_key):
    """``groups``: (heading, [(key, entry text)]) as shown. The first entry of a year names
    its authors; a later dash stands for the authors of the entry just above it. The number
    of dashes checked."""
    dashes = 0
    for heading, entries in groups:
        assert entries and not entries[0][1].startswith(DASH), (heading, entries[0])
        for (above, _), (key, text) in itertools.pairwise(entries):
            if text.startswith(DASH):
                dashes += 1
                assert _makers(by_key[key]) == _makers(by_key[above]), (heading, key, above)
    return dashes


@pytest.mark.parametrize("source", ["corpus", "roe"])
def test_mla_dash_only_follows_the_same_author_within_a_year(source):
    library = pantucci_bib.corpus() if source == "corpus" else pantucci_bib.load(str(ROE)).records
    records = list(library)
    by_key = {r.key: r for r in records}
    owner = "Pantucci" if source == "corpus" else "Ann Roe"
    # these records are those where it happened: one MLA list regrouped by year puts a dash
    # after another author, or first under a year
    whole = format_entries(records, MLA)
    years = [grouping.year_of(by_key[key]) for key, _ in whole]
    regrouped = [(str(y), g) for y, g in grouping.by_year(whole, years)]
    with pytest.raises(AssertionError):
        _check_dashes(regrouped, by_key)
    # the grouped publication list, as text
    groups = listing.fields_by_year(records, MLA)
    text = publication_list(records, MLA, author=owner)
    blocks = [block.splitlines() for block in text.strip().split("\n\n")]
    assert [b[0] for b in blocks] == [grouping.heading(year) for year, _ in groups]
    shown = [
        (heading, list(zip([k for k, _, _ in fields], lines, strict=True)))
        for (heading, *lines), (_, fields) in zip(blocks, groups, strict=True)
    ]
    dashes = _check_dashes(shown, by_key)
    # the style's dash is kept where it belongs (Roe has no two pieces of one author in a year)
    assert (dashes > 0) == (source == "corpus")
    # the page
    tree = lxml_html.fromstring(pantucci_bib.publications(records, owner, MLA))
    page = [
        (
            section.xpath("./h3")[0].text_content(),
            [
                (li.get("id"), li.xpath(".//div[@class='csl-entry']")[0].text_content())
                for li in section.xpath(".//li[@class='entry']")
            ],
        )
        for section in tree.xpath("//section[@class='year']")
    ]
    assert _check_dashes(page, by_key) == dashes
    assert sorted(key for _, entries in page for key, _ in entries) == sorted(by_key)


# ---- format --style publication-list: the year a heading, the name marked


def _pantucci(year):
    return pantucci_bib.corpus().filter(author="Pantucci", year=year)


@pytest.mark.parametrize(
    ("output", "heading", "strong"),
    [
        ("markdown", "## {}", (r"\*\*", r"\*\*")),
        ("html", "<h2>{}</h2>", ("<strong>", "</strong>")),
        ("rst", "{}\n----", (r"\*\*", r"\*\*")),
        ("latex", "\\subsection*{{{}}}", (r"\\textbf\{", r"\}")),
        ("text", "{}\n", ("", "")),
    ],
)
def test_format_publication_list_groups_and_marks(output, heading, strong):
    records = _pantucci("2012-2014")
    result = run(
        "format", "--style", "publication-list", "--author", "Pantucci", "--year", "2012-2014",
        "--to", output,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = result.stdout
    positions = [text.index(heading.format(year)) for year in (2014, 2013, 2012)]
    assert positions == sorted(positions)
    for year in (2014, 2013, 2012):
        assert text.count(heading.format(year)) == 1
    # one mark at least per entry, whatever the name's form ("Pantucci Raffaello" in Chinese)
    opening, closing = strong
    marks = re.findall(f"{opening}[^<*{{}}\\n]*?Pantucci[^<*{{}}\\n]*?{closing}", text)
    assert len(marks) >= len(records)
    if output == "text":
        assert "*" not in text and "<" not in text
    assert text == publication_list(records, output=output, author="Pantucci")


def test_format_publication_list_entries_are_the_styles(tmp_path):
    records = _pantucci("2011-2012")
    text = publication_list(records, output="text")
    entries = [line for line in text.splitlines() if line and not line.isdigit()]
    expected = [e.split(" ", 1)[1] for _, e in format_entries(records, "publication-list")]
    assert entries == expected


def test_format_other_styles_are_not_grouped():
    result = run("format", "--style", "apa", "--author", "Petersen", "--to", "markdown")
    assert result.returncode == 0
    assert "## " not in result.stdout and "**" not in result.stdout


# ---- a user library in the shape of a Zotero export


def test_roe_publication_list_from_a_zotero_export():
    records = list(pantucci_bib.load(str(ROE)).records)
    text = publication_list(records, "apa", output="markdown", author="Ann Roe")
    headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["2022", "2021", "2020", "2019", "2018", "Undated"]
    # three spellings of her name in the export (Ann Roe, Ann M. Roe, A. M. Roe), all marked
    assert "**Roe, A. M.**" in text and "**Roe, A.**" in text
    assert "Ramírez, L." in text and "**Ramírez" not in text


# ---- the CLI verb


def test_cli_page_to_file_matches_the_api(tmp_path):
    out = tmp_path / "site" / "index.html"
    out.parent.mkdir()
    result = run("publications", str(ROE), "--author", "Ann Roe", "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = pantucci_bib.load(str(ROE)).records
    assert out.read_text("utf-8") == pantucci_bib.publications(records, "Ann Roe")
    assert "wrote the page of 9 pieces" in result.stderr
    assert "1 of 9 records do not name Ann Roe (listed all the same): ramirez_shade_2018" in (
        result.stderr
    )


def test_cli_page_of_the_corpus_to_stdout():
    result = run("publications", "--author", "Pantucci", "--style", "chicago-author-date")
    assert result.returncode == 0, result.stderr
    assert result.stdout == pantucci_bib.publications(
        pantucci_bib.corpus(), "Pantucci", "chicago-author-date"
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-o", "{tmp}/page.txt"], "-o {tmp}/page.txt: the page is HTML: name it .html or .htm"),
        (["--style", "chicgo-author-date"], "did you mean chicago-author-date"),
        (["{tmp}/missing.bib"], "missing.bib"),
    ],
)
def test_cli_page_bad_input_is_one_line(tmp_path, args, says):
    args = [a.format(tmp=tmp_path) for a in args]
    result = run("publications", "--author", "Pantucci", *args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and says.format(tmp=tmp_path) in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_chapters_editor_did_not_write_it():
    roe, ng = Person(family="Roe", given="Ann"), Person(family="Ng", given="Mei")
    chapter = pantucci_bib.Record(
        key="c", type="chapter", title="Rooftops", author=[Person(family="Okafor", given="C.")],
        editor=[roe], container_title="The Reader", issued=pantucci_bib.PartialDate(2020),
    )  # fmt: skip
    book = pantucci_bib.Record(
        key="b", type="book", title="The Reader", editor=[roe, ng],
        issued=pantucci_bib.PartialDate(2020),
    )  # fmt: skip
    tree = lxml_html.fromstring(pantucci_bib.publications([chapter, book], "Roe"))
    options = [o.text for o in tree.xpath("//select[@id='coauthor']/option")][1:]
    assert options == ["Mei Ng (1)"]  # her co-editor; not the chapter's author
    assert tree.get_element_by_id("c").get("data-coauthors") == ""
