"""Experimental: a learned sequence labeller of block roles, in place of stages 2 and 3.

A CRF (python-crfsuite) gives each block of a page (after its header) one of
:data:`~pantucci_bib.pages.align.ROLES`, from features of the block and its neighbours
(:func:`page_features`). :func:`posts_from_roles` cuts the page into posts at the predicted
intros, untitled-post starts and headlines, and gives each block the :class:`Kind` its role
stands for, so that the rules' field readers (:func:`~pantucci_bib.pages.fields.extract_fields`,
:func:`~pantucci_bib.pages.resolve.resolve`, date inference) read the posts unchanged:
:func:`read_learned` is :func:`~pantucci_bib.pages.page.read_archive` with the learned stages.

Two feature sets: ``"generic"`` (line shape, dates, cue words, directory names, HTML hints,
position, neighbours) and ``"cues"`` (those and the rules' own single-line predicates:
:func:`~pantucci_bib.pages.zone.zone_kind`, :func:`~pantucci_bib.pages.intro.is_intro`,
:func:`~pantucci_bib.pages.lines.is_titlelike` …). Training and the leave-one-folder-out
measurement are in :mod:`.learn`. Nothing here is used by the shipped ``import`` path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pantucci_bib.dates import find_written
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.directory import Directory, bundled_directory
from pantucci_bib.pages.intro import is_intro
from pantucci_bib.pages.lines import (
    _VOICE,
    ends_with_more,
    is_bio,
    is_caption,
    is_more,
    is_titlelike,
    looks_like_name,
)
from pantucci_bib.pages.page import page_blocks, parse_blocks
from pantucci_bib.pages.posts import Classified, Kind, Post
from pantucci_bib.pages.zone import zone_kind
from pantucci_bib.problems import ParseResult

FEATURE_SETS = ("generic", "cues")

_NAME_SHAPE = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}\b")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_QUOTES = "\"“”‘’«»'"
_CUE_WORDS = re.compile(
    r"\b(?:by|posted|published|republished|first|appeared|written|author|authors|filed|"
    r"tags?|categor(?:y|ies)|share|comments?|reply|read|more|continue|column|piece|op-ed|"
    r"article|interview|essay|commentary|report|wrote|with|for|in|originally|source)\b",
    re.I,
)


def _bucket(value: float, edges: Sequence[float]) -> str:
    for number, edge in enumerate(edges):
        if value <= edge:
            return str(number)
    return str(len(edges))


@functools.cache
def _people_pattern(directory: Directory) -> re.Pattern[str] | None:
    names = sorted(
        {a for person, aliases in directory.people for a in (*aliases, person.display()) if a},
        key=len,
        reverse=True,
    )
    names = [n for n in names if len(n) > 3]
    if not names:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def block_features(block: Block, directory: Directory, cues: bool) -> dict[str, str]:
    """The features of one block alone (its neighbours' are added by :func:`page_features`)."""
    text = block.text
    words = text.split()
    alpha = [w for w in words if w[:1].isalpha()]
    capital = sum(1 for w in alpha if w[:1].isupper()) / len(alpha) if alpha else 0.0
    found = find_written(text)
    span = (found[1][1] - found[1][0]) / max(1, len(text)) if found else 0.0
    last = text[-1:]
    end = "q" if last in _QUOTES else last if last in ".!?:;,)…" else "a" if last.isalnum() else "o"
    first = re.sub(r"\W", "", words[0].casefold()) if words else ""
    pattern = _people_pattern(directory)
    feats = {
        "w": _bucket(len(words), (1, 3, 6, 12, 25, 60)),
        "cap": _bucket(capital, (0.0, 0.3, 0.6, 0.9)),
        "end": end,
        "q0": str(text[:1] in _QUOTES),
        "date": "0" if not found else _bucket(span, (0.3, 0.7)),
        "year": str(bool(_YEAR.search(text))),
        "more": str(is_more(text) or ends_with_more(text)),
        "fw": first if len(first) <= 12 else "long",
        "cue": ",".join(sorted({m.casefold() for m in _CUE_WORDS.findall(text[:80])}))[:60],
        "voice": str(bool(_VOICE.search(text))),
        "nameshape": _bucket(len(_NAME_SHAPE.findall(text)), (0, 1, 3)),
        "person": str(bool(pattern and pattern.search(text))),
        "outlet": str(bool(directory.find_outlets(text))),
        "hint": block.hint or "-",
        "marks": str(bool(block.marks)),
        "gap": _bucket(block.gap, (0, 1, 2)),
        "pipe": str("|" in text or " · " in text),
        "name": str(looks_like_name(text)),
    }
    if cues:
        feats.update(
            zk=zone_kind(text) or "-",
            intro=str(is_intro(text, directory, marks=block.marks)),
            tl=str(is_titlelike(text)),
            capt=str(is_caption(text)),
            bio=str(is_bio(text)),
        )
    return feats


#: The features a block also gives its neighbours (prefixed by their offset).
_SHARED = ("w", "cap", "end", "date", "more", "hint", "fw", "voice", "zk", "tl", "intro")


def page_features(
    blocks: Sequence[Block], directory: Directory | None = None, features: str = "cues"
) -> list[list[str]]:
    """Feature strings for every block of a page, in pycrfsuite's item form."""
    directory = directory or bundled_directory()
    own = [block_features(b, directory, features == "cues") for b in blocks]
    out: list[list[str]] = []
    for index, feats in enumerate(own):
        items = ["bias", *(f"{k}={v}" for k, v in feats.items())]
        items.append(f"pos={_bucket(index, (0, 1, 3, 10))}")
        items.append(f"last={index == len(own) - 1}")
        items.append(f"w|end={feats['w']}|{feats['end']}")
        items.append(f"date|w={feats['date']}|{feats['w']}")
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if not 0 <= other < len(own):
                items.append(f"{offset}:none")
                continue
            items.extend(f"{offset}:{k}={own[other][k]}" for k in _SHARED if k in own[other])
        if index + 1 < len(own):
            items.append(f"w|+1w={feats['w']}|{own[index + 1]['w']}")
            items.append(f"+1date|+1w={own[index + 1]['date']}|{own[index + 1]['w']}")
        out.append(items)
    return out


def posts_from_roles(blocks: Sequence[Block], roles: Sequence[str]) -> list[Post]:
    """Cut a page into posts at its predicted roles: a post opens at an ``intro`` (unless it
    continues an intro), at a ``lone`` block (an untitled post) and at a ``title`` (unless
    the post open so far holds only its intro); blocks before the first post are left out."""
    groups: list[tuple[list[Block], int | None]] = []
    content = False
    for block, role in zip(blocks, roles, strict=True):
        if role in ("intro", "lone", "title"):
            current = groups[-1] if groups else None
            if current is None or role == "lone" or current[1] is not None or content:
                groups.append(([block], 0 if role == "title" else None))
                content = role == "lone"
                continue
            current[0].append(block)
            if role == "title":
                groups[-1] = (current[0], len(current[0]) - 1)
            continue
        if not groups:
            continue
        groups[-1][0].append(block)
        content = content or role not in ("more",)
    return [Post(tuple(bs), title) for bs, title in groups]


_KINDS = {
    "intro": Kind.INTRO,
    "lone": Kind.INTRO,
    "title": Kind.TITLE,
    "date": Kind.DATELINE,
    "byline": Kind.BYLINE,
    "published": Kind.PUBLISHED,
    "bio": Kind.BIO,
    "more": Kind.MORE,
    "body": Kind.BODY,
}


def kind_of(block: Block, role: str) -> Kind:
    """The :class:`Kind` the field readers get for a block of ``role`` (the theme's post date
    and author link keep their own kinds, as the rules give them)."""
    if block.hint == "posted" and role in ("date", "byline", "more"):
        return Kind.POSTED
    if block.hint == "author" and role in ("byline", "more"):
        return Kind.AUTHOR
    return _KINDS[role]


class RoleModel:
    """A trained CRF of block roles (a file written by :func:`.learn.train`)."""

    def __init__(self, path: Path, features: str = "cues") -> None:
        import pycrfsuite

        self.path = path
        self.features = features
        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def roles(self, blocks: Sequence[Block], directory: Directory | None = None) -> list[str]:
        """The predicted role of every block."""
        if not blocks:
            return []
        return list(self._tagger.tag(page_features(blocks, directory, self.features)))


def read_learned(
    text: str, source: str, model: RoleModel, *, directory: Directory | None = None
) -> ParseResult:
    """:func:`~pantucci_bib.pages.page.read_archive` with the learned stages 2 and 3."""
    kinds: dict[int, Kind] = {}

    def split(rest: Sequence[Block]) -> list[Post]:
        roles = model.roles(rest, directory)
        for block, role in zip(rest, roles, strict=True):
            kinds[id(block)] = kind_of(block, role)
        return posts_from_roles(rest, roles)

    def classify(post: Post) -> list[Classified]:
        return [Classified(b, kinds.get(id(b), Kind.BODY)) for b in post.blocks]

    return parse_blocks(
        page_blocks(text, source), source, directory, split=split, classify=classify
    )
