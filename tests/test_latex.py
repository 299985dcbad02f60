import pytest

from pantucci_bib.latex import escape, protect_title


def test_escape_specials_and_accents():
    assert escape("R&D 100% $5 #1 a_b {x} ~ ^") == (
        r"R\&D 100\% \$5 \#1 a\_b \{x\} \textasciitilde{} \textasciicircum{}"
    )
    assert escape("Müller–Café “quoted” it’s") == "M{\\\"u}ller--Caf{\\'e} ``quoted'' it's"
    assert escape("Müller", ascii_only=False) == "Müller"
    assert escape("东方早报") == "东方早报"  # no macro exists: kept as UTF-8


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # headline case: only known proper nouns and acronyms are protected
        (
            "China And Russia: Locked In Reluctant Embrace",
            "China And {Russia}: Locked In Reluctant Embrace",
        ),
        ("Turkey: Abandoning the EU for the SCO?", "Turkey: Abandoning the {EU} for the {SCO}?"),
        # sentence case: every capitalised word after the first is a proper noun
        ("How China rediscovered Central Asia", "How {China} rediscovered {Central} {Asia}"),
        # multi-word proper nouns from the list
        (
            "Paving the Digital Silk Road",
            "Paving the {Digital} {Silk} {Road}",
        ),
        # an acronym as the first word still needs braces (bibtex lower-cases all but one letter)
        ("SCO at twenty", "{SCO} at twenty"),
    ],
)
def test_protect_title(title, expected):
    assert protect_title(title) == expected
