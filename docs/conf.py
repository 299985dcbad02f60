"""Sphinx configuration: Markdown pages (MyST), API reference from docstrings, executed examples.

Why Sphinx rather than MkDocs: it is what the Python ecosystem expects for a library (CPython,
attrs, pybtex and Read the Docs use it); autodoc renders the API from the docstrings we already
keep, and the doctest builder executes every example, so a broken example fails the build.
"""

from __future__ import annotations

from typing import Any

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


def _public_name(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference by a public name (``pantucci_bib.load``, or ``load`` in a
    docstring) to its entry in api.md, which documents it where it is defined
    (``pantucci_bib.loading.load``)."""
    if node.get("refdomain") != "py":
        return None
    import pantucci_bib

    target = node["reftarget"].removeprefix("pantucci_bib.")
    name, _, rest = target.partition(".")
    if name not in pantucci_bib.__all__:
        return None
    domain = env.get_domain("py")
    homes = [
        fullname
        for fullname, entry in domain.objects.items()
        if entry.docname == "api" and fullname.rpartition(".")[2] == name
    ]
    if len(homes) != 1:
        return None
    fullname = f"{homes[0]}.{rest}" if rest else homes[0]
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], fullname, node, contnode
    )


def setup(app: Any) -> None:
    app.connect("missing-reference", _public_name)
