"""Every public name and every CLI command is documented; generated pages are up to date."""

from __future__ import annotations

import argparse
import importlib
import inspect
import re
import shutil
import subprocess
import sys

import pantucci_bib
from conftest import ROOT
from pantucci_bib.cli import build_parser
from pantucci_bib.docs_tables import CLI_PYTHON


def test_every_public_name_has_a_docstring():
    undocumented = []
    for name in pantucci_bib.__all__:
        obj = getattr(pantucci_bib, name)
        if (inspect.isclass(obj) or inspect.isfunction(obj)) and not inspect.getdoc(obj):
            undocumented.append(name)
    assert not undocumented


def test_every_cli_command_is_in_the_reference():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = [
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]
    assert commands
    for name in commands:
        assert f"## pantucci-bib {name}\n" in reference, name
        sub_help = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        description = sub_help[0].choices[name].description or ""
        assert "In Python" in description, f"{name}: its description must name the Python call"


def test_generated_docs_are_current():
    pages = sorted(str(p) for p in (ROOT / "docs").glob("*.md"))
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", *pages],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ the API reference (issue 15)

API = ROOT / "docs" / "api.md"
_DIRECTIVE = re.compile(r"^\.\. auto(?:function|class|exception|data):: ([\w.]+)", re.M)


def _resolve(path: str) -> object:
    """The object at a dotted path: the longest importable module, then attributes."""
    parts = path.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for attribute in parts[split:]:
            obj = getattr(obj, attribute)
        return obj
    raise ImportError(path)


def _api_entries() -> dict[str, str]:
    """Public name → the text of its entry in docs/api.md: the generated directive and what
    follows it up to the next entry or heading (where its example is)."""
    text = API.read_text(encoding="utf-8")
    public = {name: getattr(pantucci_bib, name) for name in pantucci_bib.__all__}
    matches = list(_DIRECTIVE.finditer(text))
    entries: dict[str, str] = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = re.split(r"^#+ ", text[match.start() : end], maxsplit=1, flags=re.M)[0]
        obj = _resolve(match.group(1))
        names = [name for name, value in public.items() if value is obj]
        assert names, f"docs/api.md documents {match.group(1)}, which is not public"
        for name in names:
            assert name not in entries, f"docs/api.md documents {name} twice"
            entries[name] = body
    return entries


def test_every_public_name_has_a_reference_entry():
    entries = _api_entries()
    missing = [name for name in pantucci_bib.__all__ if name not in entries]
    assert not missing, f"no entry in docs/api.md (add entry(NAME) and an example): {missing}"


def test_every_reference_entry_has_an_example():
    lacking = []
    for name, body in _api_entries().items():
        obj = getattr(pantucci_bib, name)
        documented = inspect.getdoc(obj) if callable(obj) else ""
        if ">>>" not in (documented or "") and "```{doctest}" not in body:
            lacking.append(name)
    assert not lacking, f"no example in its docstring or after its entry in docs/api.md: {lacking}"


def test_reference_entries_point_at_the_defining_module():
    for match in _DIRECTIVE.finditer(API.read_text(encoding="utf-8")):
        obj = _resolve(match.group(1))
        if inspect.isclass(obj) or inspect.isroutine(obj):
            assert match.group(1) == f"{obj.__module__}.{obj.__qualname__}"


# --------------------------------------------------- the Python equivalent of each CLI verb


def _verbs() -> list[str]:
    parser = build_parser()
    return [
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]


def test_every_cli_verb_has_its_python_equivalent_in_the_reference():
    verbs = _verbs()
    assert sorted(CLI_PYTHON) == sorted(verbs), "docs_tables.CLI_PYTHON: one entry per verb"
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for verb in verbs:
        section = reference.split(f"## pantucci-bib {verb}\n", 1)[1].split("\n## ", 1)[0]
        assert f"```python\n{CLI_PYTHON[verb]}\n```" in section, verb


_NOTES = """Notes

1. Maria Rossi, ‘Pipelines, Ports and Power’, Example Quarterly (Vol. 7, 2018), pp. 11–30.

2. Ibid., p. 15.
"""


def test_cli_python_equivalents_run(tmp_path, monkeypatch):
    fixtures = ROOT / "tests" / "fixtures"
    shutil.copy(fixtures / "bib" / "zotero.bib", tmp_path / "my.bib")
    shutil.copy(fixtures / "pages" / "category_water.html", tmp_path / "page.html")
    (tmp_path / "notes.txt").write_text(_NOTES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for verb, code in CLI_PYTHON.items():
        namespace = {"pantucci_bib": pantucci_bib}
        try:
            exec(compile(code, f"CLI_PYTHON[{verb!r}]", "exec"), namespace)
        except Exception as exc:  # name the verb whose documented Python fails
            raise AssertionError(f"{verb}: {code}") from exc
