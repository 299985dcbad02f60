"""Every public name and every CLI command is documented; generated pages are up to date."""

from __future__ import annotations

import argparse
import inspect
import subprocess
import sys

import pantucci_bib
from conftest import ROOT
from pantucci_bib.cli import build_parser


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
