"""The generic attribution of issue 17d: scored outlet spans (pantucci_bib.pages.spans),
repost lines and bylines in any wording, theme author markup. Small pages of their own,
written for these tests (not the held-out pages)."""

from __future__ import annotations

from pantucci_bib import extract
from pantucci_bib.model import Record
from pantucci_bib.pages.directory import bundled_directory
from pantucci_bib.pages.lines import bare_names, byline_names
from pantucci_bib.pages.spans import best_outlet, repost_line


def _rows(text: str) -> list[tuple[str, list[str], str, str | None]]:
    return [_row(r) for r in extract(text, curated=False).records]


def _row(record: Record) -> tuple[str, list[str], str, str | None]:
    return (
        record.title,
        [p.family for p in record.author],
        record.container_title or record.publisher,
        record.issued.edtf().split("T")[0] if record.issued else None,
    )


def _best(sentence: str, **kwargs: object) -> str | None:
    span = best_outlet(sentence, bundled_directory(), **kwargs)  # type: ignore[arg-type]
    return span.name if span else None


def test_spans_score_the_outlet_not_the_people_or_places():
    assert _best("Over at the Lowy Institute I wrote about ports.") == "Lowy Institute"
    assert _best("A column for Dawn Weekend with Tom this week.") == "Dawn Weekend"
    assert _best("Sergei Ivanov and I wrote for Kommersant Asia.") == "Kommersant Asia"
    # a cue inside a span: the second name is the outlet
    assert _best("Written with Temir for the Silk Gazette.") == "Silk Gazette"
    # a known outlet inside a longer name is the longer name
    assert (
        _best("Co-written for the Helsinki Review of Asian Affairs, out this week.")
        == "Helsinki Review of Asian Affairs"
    )
    # no outlet: a person after "with", a place, a month
    assert _best("Dinner in Bishkek with Anna Berg in March.") is None
    # the page's italics make a plain name an outlet
    plain = "Something I put together for Caravan Lines."
    assert _best(plain, threshold=4) is None
    assert _best(plain, threshold=4, marks=["Caravan Lines"]) == "Caravan Lines"


def test_repost_lines_in_other_words():
    assert repost_line("This essay first saw daylight in the Oxford Steppe Journal (March 2016).")
    # "by" and a name-like span: perhaps a person, unless a date follows or the page marks it
    assert repost_line("This was first carried by Aral Sea Notes on 20 May 2019.")
    assert repost_line("This was first carried by Aral Sea Notes.") is None
    assert repost_line("This was first carried by Aral Sea Notes.", marks=["Aral Sea Notes"])
    assert repost_line("It rained in the Fergana Valley all week.") is None
    assert repost_line("I wrote this for the Baku Herald.") is None  # an intro, not a repost


def test_labelled_and_bare_bylines():
    assert byline_names("Words: Sun-hee Park") == ["Sun-hee Park"]
    assert byline_names("Guest contributor: Mirzo Rahmonov") == ["Mirzo Rahmonov"]
    assert byline_names("Photo: Anna Smith") is None
    assert byline_names("Editor: Jane Doe") is None
    assert bare_names("Karim Daulet and Olga Petrenko") == ["Karim Daulet", "Olga Petrenko"]
    assert bare_names("Border Trade Slows") is None  # one "name": a headline


def test_intros_and_reposts_in_any_wording():
    page = (
        "Posts Tagged ‘Lending’\n\n"
        "Delighted that the Lagos Policy Digest took this one, on Chinese lenders in East "
        "Africa and what Central Asia can learn from them.\n\n"
        "Lenders of Last Resort\n\n14 May 2016\n\n"
        "The loans come with engineers attached. The engineers come with their own canteens.\n"
        "Continue reading\n\n"
        "Maria Lopez and I wrote up our fieldwork for Nordic Asia Review; the maps are hers.\n\n"
        "Maps of a Corridor\n\n2 April 2016\n\n"
        "The corridor on the map is straight. The one on the ground is not.\n\n"
        "Cement and Credit\n\n"
        "This essay first saw daylight in the Oxford Steppe Journal (March 2016).\n\n"
        "Cement is the one thing every project needs and nobody wants to import.\n"
    )
    assert _rows(page) == [
        ("Lenders of Last Resort", ["Pantucci"], "Lagos Policy Digest", "2016-05-14"),
        ("Maps of a Corridor", ["Pantucci", "Lopez"], "Nordic Asia Review", "2016-04-02"),
        ("Cement and Credit", ["Pantucci"], "Oxford Steppe Journal", "2016-03"),
    ]


def test_page_builder_markup_and_marked_outlets():
    page = """<!doctype html><html><head><title>Water &#8211; China in Central Asia</title>
</head><body class="archive"><h1 class="page-title">Category: Water</h1>
<article class="elementor-post post-9 post type-post hentry"><div class="elementor-post__text">
<h3 class="elementor-post__title"><a href="https://chinaincentralasia.com/a">Canals and Cotton</a>
</h3><div class="elementor-post__meta-data"><span class="elementor-post-author">Aliya Nurzhanova
</span><span class="elementor-post-date">June 3, 2019</span></div>
<div class="elementor-post__excerpt"><p>The canals were dug for cotton.</p></div></div></article>
<article class="elementor-post post-8 post type-post hentry"><div class="elementor-post__text">
<h3 class="elementor-post__title"><a href="https://chinaincentralasia.com/b">The Lake Is Back</a>
</h3><div class="elementor-post__meta-data"><span class="elementor-post-author">Aliya Nurzhanova
</span><span class="elementor-post-date">May 28, 2019</span></div>
<div class="elementor-post__excerpt"><p>Karim Daulet and Olga Petrenko</p>
<p>The lake came back in a wet year. It may not stay.</p>
<p>This one went out through <a href="https://example.org">Pamir Wire</a> on 20 May 2019.</p>
</div></div></article></body></html>"""
    assert _rows(page) == [
        ("Canals and Cotton", ["Nurzhanova"], "China in Central Asia", "2019-06-03"),
        ("The Lake Is Back", ["Daulet", "Petrenko"], "Pamir Wire", "2019-05-20"),
    ]


def test_a_date_in_the_intro_sentence():
    from pantucci_bib.model import PartialDate
    from pantucci_bib.pages.resolve import intro_date

    posted = PartialDate(2017, 5, 2)
    assert intro_date("What I said on air on 28 April, tidied up.", posted)[0] == PartialDate(
        2017, 4, 28
    )
    assert intro_date("It appeared in their March issue.", posted)[0] == PartialDate(2017, 3)
    assert intro_date("Written for the X (16 April 2017).", posted)[0] == PartialDate(2017, 4, 16)
    assert intro_date("It will run on 30 May.", posted) is None  # after the post: not its date


def test_group_blog_authors_from_a_closing_note_and_comma_credit_lines():
    page = (
        "Category Archives: Work\n\n"
        "Wages in the South\n\nReprinted from the Osh Labour Review.\n\n"
        "Wages rose for the first time in five years.\n\n"
        "Anna Kim is a researcher at the Bishkek Centre for Work Studies.\n\n"
        "Nurses Abroad\n\nMarat Sultanov, Almaty Weekly, 12 March 2018\n\n"
        "The nurses trained in Almaty now work in three countries.\n"
    )
    assert _rows(page) == [
        ("Wages in the South", ["Kim"], "Osh Labour Review", "2018~"),  # circa, from order
        ("Nurses Abroad", ["Sultanov"], "Almaty Weekly", "2018-03-12"),
    ]
