"""Style resolution (pantucci_bib.styles) and the project's own styles in styles/."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import CSL_SCHEMA, ROOT, require_tool
from pantucci_bib.errors import ParseError, UnknownFormatError
from pantucci_bib.styles import available_styles, project_styles, resolve_style

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
