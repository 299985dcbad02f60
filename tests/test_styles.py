"""Style resolution (pantucci_bib.styles) and the project's own styles in styles/."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import CSL_SCHEMA, ROOT, require_tool
from pantucci_bib.errors import ParseError, UnknownFormatError
from pantucci_bib.style_search import search_styles, style_title, style_titles, suggest_styles
from pantucci_bib.styles import available_styles, check_style, project_styles, resolve_style

PROJECT_STYLES = sorted((ROOT / "styles").glob("*.csl"))


def test_official_id_resolves_to_the_bundled_file():
    style = resolve_style("apa")
    assert style.origin == "official" and style.path.name == "apa.csl" and style.path.is_file()


def test_dependent_style_resolves_to_its_parent():
    style = resolve_style("nature-digest")
    assert style.name == "nature-digest"
    assert style.path.name == "nature.csl"
    assert "dependent" not in style.path.parts


def test_dependent_style_keeps_its_own_locale():
    # a German dependent style of an English-language parent (Chicago notes)
    style = resolve_style("abi-technik")
    assert style.path.name == "chicago-notes-classic.csl"
    assert style.default_locale == "de-DE"


def test_project_style_by_name():
    style = resolve_style("publication-list")
    assert style.origin == "project"
    assert style.path.read_bytes() == (ROOT / "styles" / "publication-list.csl").read_bytes()


def test_packaged_styles_are_the_repository_styles():
    packaged = {name: path.read_bytes() for name, path in project_styles().items()}
    assert packaged == {path.stem: path.read_bytes() for path in PROJECT_STYLES}


def test_file_path(tmp_path):
    copy = tmp_path / "my-journal.csl"
    copy.write_bytes(resolve_style("apa").path.read_bytes())
    style = resolve_style(str(copy))
    assert (style.origin, style.path, style.name) == ("file", copy, "my-journal")
    assert resolve_style(copy).path == copy  # a Path works as well


def test_dependent_style_file_resolves_to_its_parent(tmp_path):
    dependent = resolve_style("apa").path.parent / "dependent" / "nature-digest.csl"
    copy = tmp_path / "digest.csl"
    copy.write_bytes(dependent.read_bytes())
    assert resolve_style(copy).path.name == "nature.csl"


def test_unknown_name_suggests_close_names():
    with pytest.raises(UnknownFormatError) as caught:
        resolve_style("chicgo-author-date")
    message = str(caught.value)
    assert "unknown style 'chicgo-author-date'" in message
    assert "chicago-author-date" in message and "\n" not in message


def test_unknown_name_far_from_everything():
    with pytest.raises(UnknownFormatError, match="unknown style 'zzzzqqqq'"):
        resolve_style("zzzzqqqq")


def test_missing_file():
    with pytest.raises(UnknownFormatError, match="no such style file"):
        resolve_style("no/such/style.csl")


def test_malformed_dependent_check_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.csl"
    bad.write_text(
        '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl">\n<info>\n', "utf-8"
    )
    with pytest.raises(ParseError) as caught:
        resolve_style(bad)
    assert str(caught.value).startswith(f"{bad}:")


def test_xml_that_is_not_a_style(tmp_path):
    other = tmp_path / "other.csl"
    other.write_text("<html/>", "utf-8")
    with pytest.raises(ParseError, match="not a CSL style"):
        resolve_style(other)


def test_available_styles_lists_project_then_official():
    names = available_styles()
    assert names[0] == "publication-list"
    assert {"apa", "chicago-author-date", "ieee", "nature-digest"} <= set(names)
    assert len(names) == len(set(names)) > 10_000


@pytest.mark.parametrize("path", PROJECT_STYLES, ids=lambda p: p.name)
def test_project_styles_validate_against_the_csl_schema(path: Path):
    jing = require_tool("jing")
    schema = CSL_SCHEMA / "csl.rnc"
    if not schema.is_file():
        pytest.skip(f"CSL schema not found at {schema}")
    result = subprocess.run(
        [jing, "-c", str(schema), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_jing_rejects_an_invalid_style(tmp_path):
    """The validation above can fail: a style without its info block is refused."""
    jing = require_tool("jing")
    schema = CSL_SCHEMA / "csl.rnc"
    if not schema.is_file():
        pytest.skip(f"CSL schema not found at {schema}")
    broken = tmp_path / "broken.csl"
    text = PROJECT_STYLES[0].read_text("utf-8")
    broken.write_text(text[: text.index("<info>")] + text[text.index("</info>") + 7 :], "utf-8")
    result = subprocess.run(
        [jing, "-c", str(schema), str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0


# --- issue 15: names in any case, suggestions, search, and a check of the style ------------


def test_names_ignore_case():
    assert resolve_style("APA") == resolve_style("apa")
    assert resolve_style("APA").name == "apa"
    digest = resolve_style("Nature-DIGEST")
    assert (digest.name, digest.path.name, digest.default_locale) == (
        "nature-digest",
        "nature.csl",
        resolve_style("nature-digest").default_locale,
    )
    assert resolve_style("Publication-List").origin == "project"


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("chicago", "chicago-author-date"),
        ("harvard", "harvard-cite-them-right"),
        ("mla", "modern-language-association"),
        ("MLA", "modern-language-association"),
        ("apa7", "apa"),
        ("ieee-style", "ieee"),
        ("chicgo-author-date", "chicago-author-date"),
        ("Chicago Author Date", "chicago-author-date"),
        ("natur", "natur-und-landschaft"),  # a prefix beats the edit distance to "nature"
    ],
)
def test_suggestions_rank_aliases_prefixes_and_words_first(typed, first):
    suggestions = suggest_styles(typed)
    assert suggestions[0] == first
    assert len(suggestions) <= 5 and len(set(suggestions)) == len(suggestions)


def test_prefix_suggestions_put_the_common_style_first():
    assert suggest_styles("chicago")[:2] == ["chicago-author-date", "chicago-notes-bibliography"]


def test_edit_distance_is_the_last_resort():
    assert suggest_styles("zzzzqqqq") == []
    assert suggest_styles("nautre") == ["nature", *suggest_styles("nautre")[1:]]


def test_unknown_name_error_lists_the_ranked_suggestions():
    with pytest.raises(UnknownFormatError) as caught:
        resolve_style("harvard")
    assert str(caught.value).startswith(
        "unknown style 'harvard'; did you mean harvard-cite-them-right, "
    )


def test_search_by_id_and_title():
    found = search_styles("apa")
    assert found[0] == ("apa", "APA Style 7th edition")
    assert all(title for _, title in found)
    by_title = [name for name, _ in search_styles("Cite Them Right")]
    assert by_title[0] == "harvard-cite-them-right"
    assert "harvard-limerick" not in by_title  # "… (Cite it Right)": every word must match
    assert search_styles("qqqqzzzz") == []
    assert search_styles("the style") == []  # only noise words


def test_titles_are_read_once():
    assert style_titles() is style_titles()
    assert style_titles()["publication-list"] == style_title("publication-list")
    assert style_title("NATURE") == "Nature"
    assert style_title("no-such-style") == ""


def _apa_with(tmp_path: Path, old: str, new: str) -> Path:
    text = resolve_style("apa").path.read_text("utf-8")
    assert old in text
    broken = tmp_path / "broken.csl"
    broken.write_text(text.replace(old, new, 1), "utf-8")
    return broken


def _line_of(path: Path, needle: str) -> int:
    text = path.read_text("utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_undefined_macro_names_file_line_and_macro(tmp_path):
    broken = _apa_with(tmp_path, '<text macro="title"', '<text macro="titel"')
    with pytest.raises(ParseError) as caught:
        resolve_style(broken)
    line = _line_of(broken, 'macro="titel"')
    assert str(caught.value) == f"{broken}:{line}: the style calls the undefined macro 'titel'"


def test_undefined_macro_in_a_sort_key(tmp_path):
    broken = _apa_with(tmp_path, '<key macro="', '<key macro="nowhere-')
    with pytest.raises(ParseError, match="undefined macro 'nowhere-"):
        check_style(broken)


def test_a_macro_calling_itself(tmp_path):
    style = tmp_path / "loop.csl"
    style.write_text(
        '<?xml version="1.0"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n'
        '<macro name="a">\n  <text macro="b"/>\n</macro>\n'
        '<macro name="b">\n  <group><text macro="a"/></group>\n</macro>\n'
        '<bibliography><layout><text macro="a"/></layout></bibliography>\n</style>\n',
        "utf-8",
    )
    with pytest.raises(ParseError) as caught:
        check_style(style)
    assert str(caught.value) == f"{style}:3: macro 'a' calls itself (a → b → a)"


def test_the_check_runs_before_any_record_is_rendered(tmp_path):
    from pantucci_bib import corpus, format_bibliography

    broken = _apa_with(tmp_path, '<text macro="title"', '<text macro="titel"')
    with pytest.raises(ParseError, match=r"broken\.csl:\d+: the style calls the undefined macro"):
        format_bibliography(corpus(), broken, cache=False)


def test_every_bundled_style_passes_the_check():
    for name in ("apa", "chicago-author-date", "ieee", "nature-digest", "publication-list"):
        check_style(resolve_style(name).path)
    check_style(resolve_style("apa").path.parent / "dependent" / "nature-digest.csl")


def test_the_check_is_cached_per_file_version(tmp_path):
    style = tmp_path / "mine.csl"
    style.write_bytes(resolve_style("apa").path.read_bytes())
    check_style(style)
    text = style.read_text("utf-8").replace('<text macro="title"', '<text macro="gone"', 1)
    style.write_text(text + "\n", "utf-8")  # a new size: a new version, checked again
    with pytest.raises(ParseError, match="undefined macro 'gone'"):
        check_style(style)


def test_not_xml_names_the_line(tmp_path):
    bad = tmp_path / "bad.csl"
    bad.write_text('<?xml version="1.0"?>\n<style>\n<info>\n</style>\n', "utf-8")
    with pytest.raises(ParseError) as caught:
        check_style(bad)
    assert str(caught.value).startswith(f"{bad}:4: malformed CSL style: mismatched tag")


def test_search_functions_are_still_found_where_they_were() -> None:
    """They moved to pantucci_bib.style_search; scripts calling pantucci_bib.styles.X work."""
    import pantucci_bib.styles as styles

    assert styles.search_styles is search_styles
    assert styles.suggest_styles is suggest_styles
    with pytest.raises(AttributeError):
        _ = styles.no_such_function  # type: ignore[attr-defined]
