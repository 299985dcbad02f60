"""Sphinx configuration: Markdown pages (MyST), API reference from docstrings, executed examples.

Why Sphinx rather than MkDocs: it is what the Python ecosystem expects for a library (CPython,
attrs, pybtex and Read the Docs use it); autodoc renders the API from the docstrings we already
keep, and the doctest builder executes every example, so a broken example fails the build.
"""

from __future__ import annotations

project = "pantucci_bib"
author = "pantucci_bib developers"
copyright = "2026, pantucci_bib developers"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
autodoc_member_order = "bysource"
autodoc_typehints = "description"
html_theme = "alabaster"
html_static_path = ["_static"]  # performance.png, drawn by bench/plot.py
nitpicky = False
