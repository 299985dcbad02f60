"""Saved WordPress archive pages (HTML): now :mod:`pantucci_bib.pages.html`, re-exported here."""

from __future__ import annotations

from pantucci_bib.pages.html import html_blocks

__all__ = ["html_blocks"]
