"""Curated overrides apply only to records that really are corpus articles (issue 17)."""

from __future__ import annotations

from pantucci_bib import corpus, extract

TITLE = "How China rediscovered Central Asia"  # a corpus article whose date curation sets

PAGE = """Category Archives: Notes

{title}

By {author}

First published in {outlet}, {date}

A paragraph of my own about a different subject that happens to share the headline.
"""


def test_a_users_post_with_a_corpus_title_keeps_its_own_date():
    page = PAGE.format(title=TITLE, author="Ann Smith", outlet="The Hill News", date="3 May 2021")
    (record,) = extract(page).records
    assert record.issued is not None and record.issued.edtf() == "2021-05-03"
    assert record.key != "xieChinaRediscoveredCentral2015"


def test_the_corpus_article_itself_still_gets_its_curated_date():
    article = corpus().get("xieChinaRediscoveredCentral2015")
    page = (
        f"Category Archives: Notes\n\n{TITLE}\n\nBy Tao Xie\n\n"
        "A paragraph standing in for the article's text, about Central Asia.\n"
    )
    (record,) = extract(page).records
    assert record.key == article.key
    assert record.issued == article.issued
