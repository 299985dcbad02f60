"""The phrasings table (data/phrasings.json) drives the line rules (issue 17)."""

from __future__ import annotations

import re

from pantucci_bib.pages import phrasings
from pantucci_bib.pages.lines import ends_with_more, is_more
from pantucci_bib.pages.zone import zone_kind


def test_every_list_is_documented_and_compiles():
    table = phrasings.PHRASINGS
    documented = " ".join(table["_doc"])
    for name, value in table.items():
        if name == "_doc":
            continue
        assert f"{name}:" in documented, name
        fragments = value if isinstance(value, list) else [f for v in value.values() for f in v]
        assert fragments, name
        for fragment in fragments:
            re.compile(fragment)


def test_the_rules_read_what_the_table_lists():
    assert is_more("Continue reading →") and is_more("Read the rest of this entry »")
    assert ends_with_more("The day is still lost at the border. Continue reading")
    assert zone_kind("Translated by Tomasz Wren") == "translator"
    assert zone_kind("Source: Gulf Courier") == "published"
    assert zone_kind("Published: 14 August 2018") == "dateline"
    assert zone_kind("First published in the Steppe Observer, 7 March 2020") == "published"
    assert phrasings.PIECE_WORD.search("A joint effort with Alex")
    assert phrasings.INTRO_OUTLET_VERB.search("first published by the Harwell Institute")


def test_a_translator_inside_the_byline():
    from pantucci_bib.pages.lines import byline_names

    text = "By Ivan Zuenko, translated from the Russian by Anna Belova"
    assert byline_names(text) == ["Ivan Zuenko"]
    assert phrasings.INLINE_TRANSLATOR.search(text)["names"] == "Anna Belova"


def test_footer_terms_become_keywords():
    assert phrasings.terms_of("Posted in Corridors, Rail | Tagged dry ports; gauges") == [
        "Corridors",
        "Rail",
        "dry ports",
        "gauges",
    ]
    assert phrasings.terms_of("Posted in Corridors | 2 Comments") == ["Corridors"]
    assert phrasings.terms_of("Continue reading") == []
