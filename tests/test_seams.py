"""The engine's seam join gives citeproc-py's ``join`` result, segment for segment."""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc import string as citeproc_string
from citeproc.formatter.html import Italic
from citeproc.string import MixedString, NoCase, String
from hypothesis import given, settings
from hypothesis import strategies as st

from pantucci_bib.formatting.engine import seams

# texts whose edges make seams: spaces, punctuation that is and is not collapsed, markup
_texts = st.text(alphabet=" .,;:!?ab<>()", max_size=4)
_leaves = st.one_of(
    _texts,
    _texts.map(String),
    _texts.map(NoCase),
    _texts.map(Italic),
)
_pieces = st.recursive(
    _leaves, lambda inner: st.lists(inner, max_size=4).map(MixedString), max_leaves=8
)


def _shape(value: Any) -> Any:
    """A value's type and content, nested segments included."""
    if isinstance(value, MixedString):
        return ("MixedString", [_shape(segment) for segment in value])
    return (type(value).__name__, str(value))


@settings(max_examples=1000, deadline=None)
@given(st.lists(_pieces, max_size=6), st.sampled_from(["", " ", ", ", ". ", ".", "; ", " "]))
def test_join_is_citeproc_pys(items: list[Any], delimiter: str) -> None:
    expected = citeproc_string.join(list(items), delimiter)
    assert _shape(seams.join(list(items), delimiter)) == _shape(expected)


@settings(max_examples=1000, deadline=None)
@given(_pieces, _pieces)
def test_add_is_citeproc_pys(left: Any, other: Any) -> None:
    assert _shape(seams.add(left, other)) == _shape(left + other)


class _Affixes(model.Affixed):
    """citeproc-py's ``Affixed.wrap`` on given affixes."""

    def __init__(self, prefix: str, suffix: str) -> None:
        self.attrib = {"prefix": prefix, "suffix": suffix}

    def get(self, name: str, default: str = "") -> str:
        return self.attrib.get(name, default)


_affixes = st.text(alphabet=" .,;:(ab", max_size=3)


@settings(max_examples=1000, deadline=None)
@given(_affixes, _pieces, _affixes)
def test_affixed_is_citeproc_pys_wrap(prefix: str, text: Any, suffix: str) -> None:
    expected = _Affixes(prefix, suffix).wrap(text)
    assert _shape(seams.affixed(prefix, text, suffix)) == _shape(expected)


def test_a_doubled_period_and_a_doubled_space_lose_one_character() -> None:
    joined = seams.join([String("Pantucci."), MixedString([String(". Title ")])])
    assert str(joined) == "Pantucci. Title "
    assert str(seams.join([String("a "), String(" b")], "")) == "a b"


_field_texts = st.text(alphabet="ab '\"‘’“”&<>i/.,", max_size=8)


@settings(max_examples=1000, deadline=None)
@given(_field_texts, st.sampled_from(["text", "html"]), st.booleans(), st.booleans(), st.booleans())
def test_rich_of_one_segment_is_the_general_paths(
    text: str, output: str, nocase: bool, mixed: bool, inside: bool
) -> None:
    """``rich`` escapes a one-segment field at once where it has no markup and no quotes;
    the result is the general path's, segment for segment."""
    from pantucci_bib.formatting.backends import FORMATTERS
    from pantucci_bib.formatting.engine import rich_text

    formatter = FORMATTERS[output]()
    segment = NoCase(text) if nocase else String(text)
    value = MixedString([segment]) if mixed else segment
    marks = ("\ue000", "\ue001") if inside else None
    preformat, quote_marks = rich_text._preformat(formatter, marks)
    general = rich_text._rich_pieces(value, formatter, preformat, quote_marks, True)
    assert _shape(rich_text.rich(value, formatter, quote_marks=marks)) == _shape(general)


_name_text = st.text(alphabet="aB ,'’-\"!", max_size=8)
_names = st.fixed_dictionaries(
    {},
    optional={
        "family": _name_text,
        "given": _name_text,
        "suffix": st.sampled_from(["", "Jr."]),
        "non-dropping-particle": st.sampled_from(["", "van", "d'"]),
        "dropping-particle": st.sampled_from(["", "von"]),
        "parse-names": st.sampled_from([True, False, "false"]),
    },
)


@settings(max_examples=2000, deadline=None)
@given(_names)
def test_a_name_taken_as_read_is_what_parsing_it_gives(name: dict[str, Any]) -> None:
    """``name_parts._as_read`` only lets through names ``parsed_name`` would not change."""
    from pantucci_bib.formatting.engine import name_parts

    if name_parts._as_read(name):
        parsed = dict(name)
        original = name_parts._as_read  # the full reading, with the quick test off
        try:
            name_parts._as_read = lambda _name: False  # type: ignore[assignment]
            assert name_parts.parsed_name(parsed) == name
        finally:
            name_parts._as_read = original


_chars = st.text(alphabet=st.sampled_from("a \\ue0\ue000\ue00f\ue010\U0001f600"), max_size=6)
_json_like = st.recursive(
    st.one_of(_chars, st.integers(0, 3), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_chars, inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=1500, deadline=None)
@given(_json_like)
def test_a_value_said_free_of_reserved_characters_is_what_protect_gives(value: Any) -> None:
    from pantucci_bib.formatting.reserved import may_hold_reserved, protect

    protected = protect(value)
    if not may_hold_reserved(value):
        assert protected == value
    if protected != value:
        assert may_hold_reserved(value)
