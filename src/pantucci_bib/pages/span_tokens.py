"""Experimental: token-span labels of a post's authors, outlet and date, and a token CRF.

Issue 17's block-role experiment (:mod:`.roles`) found the every-field misses inside the
blocks. Here the words of a post's intro, headline, date, byline and credit lines are labelled
``AUTHOR``, ``OUTLET``, ``DATE`` or ``O``, as the endnote labeller does
(:mod:`pantucci_bib.endnotes.labeller`: python-crfsuite over tokens). :func:`align_tokens`
labels them from a page's expected records (over :func:`.align.align_page`'s gold roles);
:func:`post_features` gives each token its features (word, shape, neighbours, the cue words
of ``phrasings.json`` before it, the directory's outlets and people, the block's role and
place); :class:`SpanModel` tags a post and :func:`read_spans` reads authors, outlet and date
from the tags. Training and the leave-one-folder-out measurement: :mod:`.span_learn`. Nothing
here is used by the shipped ``import`` path.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from pantucci_bib.dates import MONTHS, find_written
from pantucci_bib.model import PartialDate, Person
from pantucci_bib.names import parse_name
from pantucci_bib.pages.align import _ORDERS, SHORT, ZONE, Alignment, fold
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.directory import Directory, bundled_directory
from pantucci_bib.pages.phrasings import PHRASINGS

LABELS = ("AUTHOR", "OUTLET", "DATE", "O")
#: The block roles whose words are labelled (``lone``: the first block of an untitled post).
FIELD_ROLES = ("intro", "lone", "title", "date", "byline", "published")
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


@attrs.frozen
class Token:
    """One word or punctuation mark of a block, with its character span."""

    text: str
    start: int
    end: int


@attrs.frozen
class TokenBlock:
    """One field block of a post: its tokens, role and (for training) labels."""

    block: Block
    role: str
    tokens: tuple[Token, ...]
    labels: tuple[str, ...] = ()


@attrs.frozen
class PostSpans:
    """The field blocks of one post, and the expected record they were aligned to."""

    page: str
    blocks: tuple[TokenBlock, ...]
    want: dict[str, Any] | None = attrs.field(default=None, eq=False)
    #: the expected values found in the blocks ("authors", "outlet", "date") or not needed
    found: frozenset[str] = frozenset()
    #: capitalised words in the field blocks of most of the page's posts (an editor's account,
    #: the site's name): see :func:`with_common`
    common: frozenset[str] = frozenset()


def with_common(posts: Sequence[PostSpans]) -> list[PostSpans]:
    """``posts`` (one page's) with :attr:`PostSpans.common`: the capitalised words found in
    the field blocks of at least half of them, on a page of three posts or more."""
    counts: dict[str, int] = {}
    for post in posts:
        words = {t.text.casefold() for tb in post.blocks for t in tb.tokens if t.text[:1].isupper()}
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    common = frozenset(w for w, n in counts.items() if len(posts) >= 3 and n * 2 >= len(posts))
    return [attrs.evolve(p, common=common) for p in posts]


def tokens_of(text: str) -> tuple[Token, ...]:
    """The tokens of ``text``."""
    return tuple(Token(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text))


def _find_all(text: str, phrase: str) -> list[tuple[int, int]]:
    """Case-blind whole-word occurrences of ``phrase`` in ``text`` (white space loose)."""
    words = phrase.split()
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, text, re.I)]


def _name_variants(family: str, given: str, directory: Directory) -> list[str]:
    variants = [f"{given} {family}".strip(), f"{family} {given}".strip()]
    if given:
        variants.append(f"{family}, {given}")
    for person, aliases in directory.people:
        if person.family == family and (not given or person.given == given):
            variants.extend(a for a in aliases if len(a) > 2)
    if len(family) > 2:
        variants.append(family)
    return sorted(set(variants), key=len, reverse=True)


def _outlet_variants(outlet: str, directory: Directory) -> list[str]:
    bare = re.sub(r"^the\s+", "", outlet.strip(), flags=re.I)
    variants = {outlet, bare}
    names = {bare.casefold(), outlet.casefold()}
    for alias, known, _section in directory.outlets:
        if (
            known.name.casefold() in names
            or re.sub(r"^the\s+", "", known.name, flags=re.I).casefold() in names
        ):
            variants.add(alias)
    return sorted((v for v in variants if v), key=len, reverse=True)


def _date_spans(text: str, want: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for orders in _ORDERS:
        offset = 0
        for _ in range(6):
            hit = find_written(text[offset:], orders)
            if hit is None:
                break
            date, (start, end) = hit
            if date.edtf().split("T", 1)[0] == want:
                spans.append((offset + start, offset + end))
            offset += end
    return spans


def label_block(
    block: Block, role: str, want: dict[str, Any], directory: Directory
) -> tuple[TokenBlock, set[str]]:
    """The tokens of ``block`` labelled from the expected record ``want``, and which of its
    fields were found."""
    text = block.text
    tokens = tokens_of(text)
    labels = ["O"] * len(tokens)
    found: set[str] = set()

    def mark(spans: Sequence[tuple[int, int]], label: str) -> bool:
        hit = False
        for start, end in spans:
            for i, tok in enumerate(tokens):
                if not (tok.start >= start and tok.end <= end and labels[i] == "O"):
                    continue
                edge = not (start < tok.start and tok.end < end)
                if label != "DATE" and not tok.text[:1].isalnum() and edge:
                    continue  # punctuation at a span's edge stays outside it
                labels[i] = label
                hit = True
        return hit

    if want.get("date") and mark(_date_spans(text, want["date"]), "DATE"):
        found.add("date")
    if want.get("outlet"):
        for variant in _outlet_variants(want["outlet"], directory):
            if mark(_find_all(text, variant), "OUTLET"):
                found.add("outlet")
                break
    for family, given, *_ in [(*a, "") for a in want.get("authors", [])]:
        for variant in _name_variants(family, given, directory):
            if mark(_find_all(text, variant), "AUTHOR"):
                found.add(f"author {family}")
                break
    return TokenBlock(block, role, tokens, tuple(labels)), found


def post_groups(alignment: Alignment) -> list[list[int]]:
    """The field blocks of each post of a gold alignment, by block index: a post starts at
    its ``title`` or ``lone`` block; an ``intro`` belongs to the post below it, every other
    field block to the post above it."""
    roles = alignment.roles
    anchors = [i for i, r in enumerate(roles) if r in ("title", "lone")]
    groups: dict[int, list[int]] = {a: [] for a in anchors}
    for i, role in enumerate(roles):
        if not anchors:
            break
        if role == "intro":
            target = next((a for a in anchors if a > i), anchors[-1])
        else:
            target = max((a for a in anchors if a <= i), default=anchors[0])
        if role in FIELD_ROLES or (
            target < i <= target + ZONE and is_short(alignment.blocks[i].text)
        ):
            groups[target].append(i)
    return [groups[a] for a in anchors]


def is_short(text: str) -> bool:
    """Whether a block other than a field line is short enough to be read for spans (a
    byline or credit line the line kinds missed)."""
    return len(text.split()) <= SHORT


def align_tokens(
    alignment: Alignment, expected: Sequence[dict[str, Any]], directory: Directory | None = None
) -> list[PostSpans]:
    """Token-labelled field blocks of every post of ``alignment`` matched to an expected
    record (by its title, or in order among untitled posts)."""
    directory = directory or bundled_directory()
    owners = {b.owner.family for b in directory.blogs if b.owner}
    blog_outlets = {fold(n) for b in directory.blogs for n in (b.name, *b.names)}
    titled = {fold(w["title"]): w for w in expected if w["title"]}
    untitled = [w for w in expected if not w["title"]]
    out: list[PostSpans] = []
    for group in post_groups(alignment):
        anchor = next(i for i in group if alignment.roles[i] in ("title", "lone"))
        if alignment.roles[anchor] == "title":
            key = fold(alignment.blocks[anchor].text)
            want = titled.get(key) or next(
                (w for k, w in titled.items() if k and key.startswith(k)), None
            )
        else:
            want = untitled.pop(0) if untitled else None
        if want is None:
            continue
        blocks, found = [], set()
        for i in group:
            tb, hits = label_block(alignment.blocks[i], alignment.roles[i], want, directory)
            blocks.append(tb)
            found |= hits
        needed = {f"author {a[0]}" for a in want["authors"] if a[0] not in owners}
        have = {"authors"} if needed <= found else set()
        if "outlet" in found or not want["outlet"] or fold(want["outlet"]) in blog_outlets:
            have.add("outlet")
        if "date" in found or not want["date"]:
            have.add("date")
        out.append(PostSpans(alignment.page, tuple(blocks), want, frozenset(have)))
    return with_common(out)


def _shape(word: str) -> str:
    shape = re.sub(r"\d", "d", re.sub(r"[a-z]", "x", re.sub(r"[A-Z]", "X", word)))
    return re.sub(r"(.)\1+", r"\1\1", shape)[:6]


def _cue_set(*keys: str) -> frozenset[str]:
    words: set[str] = set()
    for key in keys:
        for fragment in PHRASINGS.get(key, []):
            plain = re.sub(r"\(\?:|\)|\?|\\s\+|\\s\*", " ", fragment)
            if re.fullmatch(r"[\w\s'’-]+", plain):
                words.update(w.casefold() for w in plain.split())
    return frozenset(words)


@functools.cache
def _lexicons() -> dict[str, frozenset[str]]:
    directory = bundled_directory()
    outlet_words = {w.casefold() for a, _o, _s in directory.outlets for w in a.split()}
    names = [n for p, aliases in directory.people for n in (*aliases, p.family, p.given)]
    person_words = {w.casefold() for name in names for w in name.split()}
    return {
        "outlet_cue": _cue_set("outlet_cues", "repost_prepositions"),
        "pub": _cue_set(
            "publication_verbs", "release_verbs", "first_published", "outlet_then_verbs"
        ),
        "by": _cue_set("byline_words", "credit_by_words", "credit_verbs"),
        "person_cue": _cue_set("person_cues", "coauthor_openers"),
        "piece": _cue_set("piece_words"),
        "outlet_word": frozenset(
            outlet_words
            | {w.casefold() for ws in PHRASINGS.get("outlet_types", {}).values() for w in ws}
        ),
        "person_word": frozenset(person_words),
        "month": frozenset(MONTHS),
    }


def _known_spans(
    text: str, directory: Directory
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    outlets = [(m.start, m.end) for m in directory.find_outlets(text)]
    people: list[tuple[int, int]] = []
    for person, aliases in directory.people:
        for name in {*aliases, person.display()}:
            if len(name) > 3:
                people.extend(_find_all(text, name))
    return outlets, people


def _inside(tok: Token, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= tok.start and tok.end <= e for s, e in spans)


def _word_features(tok: Token, lex: dict[str, frozenset[str]]) -> dict[str, str]:
    word = tok.text
    low = word.casefold()
    feats = {
        "w": low if len(low) <= 15 else "long",
        "shape": _shape(word),
        "cap": str(word[:1].isupper()),
        "up": str(word.isupper() and len(word) > 1),
        "digit": str(word.isdigit()),
        "suf3": low[-3:],
    }
    for name in ("outlet_word", "person_word", "month"):
        if low in lex[name]:
            feats[name] = "1"
    return feats


def block_token_features(
    tb: TokenBlock, directory: Directory, index: int, common: frozenset[str] = frozenset()
) -> list[list[str]]:
    """Feature strings of every token of one field block (``index``: its place in the post)."""
    lex = _lexicons()
    text = tb.block.text
    outlets, people = _known_spans(text, directory)
    marks = [
        (m.start(), m.end())
        for mk in getattr(tb.block, "marks", ())
        for m in re.finditer(re.escape(mk), text)
        if mk
    ]
    written: list[tuple[int, int]] = []
    for orders in _ORDERS:
        hit = find_written(text, orders)
        if hit is not None:
            written.append(hit[1])
    own = [_word_features(t, lex) for t in tb.tokens]
    role = "intro" if tb.role == "lone" else tb.role if tb.role in FIELD_ROLES else "other"
    n = len(tb.tokens)
    out: list[list[str]] = []
    depth_paren = 0
    for i, tok in enumerate(tb.tokens):
        items = ["bias", f"role={role}", f"bpos={min(index, 3)}", f"hint={tb.block.hint or '-'}"]
        items.extend(f"{k}={v}" for k, v in own[i].items())
        items.append(f"tpos={'0' if i == 0 else '1' if i < 3 else 'e' if i >= n - 2 else 'm'}")
        items.append(f"role|shape={role}|{own[i]['shape']}")
        if tok.text == "(":
            depth_paren += 1
        elif tok.text == ")":
            depth_paren = max(0, depth_paren - 1)
        items.append(f"paren={depth_paren > 0}")
        if tok.text.casefold() in common and tok.text[:1].isupper():
            items.append("common")
            items.append(f"common|role={role}")
        if _inside(tok, outlets):
            items.append("known_outlet")
        if _inside(tok, people):
            items.append("known_person")
        if _inside(tok, marks):
            items.append("marked")
        if _inside(tok, written):
            items.append("written_date")
        before = [t.text.casefold() for t in tb.tokens[max(0, i - 4) : i]]
        for name in ("outlet_cue", "pub", "by", "person_cue", "piece"):
            if i and before[-1] in lex[name]:
                items.append(f"prev_{name}")
            elif any(w in lex[name] for w in before):
                items.append(f"near_{name}")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if not 0 <= j < n:
                items.append(f"{offset}:none")
                continue
            items.append(f"{offset}:w={own[j]['w']}")
            items.append(f"{offset}:shape={own[j]['shape']}")
            if abs(offset) == 1:
                items.append(f"{offset}:cap|cap={own[j]['cap']}|{own[i]['cap']}")
                if _inside(tb.tokens[j], outlets):
                    items.append(f"{offset}:known_outlet")
                if _inside(tb.tokens[j], people):
                    items.append(f"{offset}:known_person")
        out.append(items)
    return out


def post_features(post: PostSpans, directory: Directory | None = None) -> list[list[str]]:
    """The features of every token of a post's field blocks, in order (one CRF sequence)."""
    directory = directory or bundled_directory()
    out: list[list[str]] = []
    for index, tb in enumerate(post.blocks):
        feats = block_token_features(tb, directory, index, post.common)
        if feats:
            feats[0] = [*feats[0], "block_start"]
        out.extend(feats)
    return out


def post_labels(post: PostSpans) -> list[str]:
    """The labels of every token of a post's field blocks, in order."""
    return [label for tb in post.blocks for label in tb.labels]


@attrs.frozen
class Spans:
    """What a tagged post says: its authors, outlet and date, each with a confidence (the mean
    marginal probability of a span's tokens, the least over the authors; 0: none found)."""

    authors: tuple[Person, ...] = ()
    outlet: str = ""
    date: PartialDate | None = None
    confidence: dict[str, float] = attrs.field(factory=dict)


def _runs(
    post: PostSpans, tags: Sequence[str], probs: Sequence[float]
) -> list[tuple[str, str, float]]:
    """The labelled spans of a tagged post: (label, text as written, mean probability)."""
    runs: list[tuple[str, str, float]] = []
    k = 0
    for tb in post.blocks:
        current: list[int] = []
        for i in range(len(tb.tokens) + 1):
            label = tags[k + i] if i < len(tb.tokens) else "O"
            if current and (label != tags[k + current[0]] or i == len(tb.tokens)):
                first, last = tb.tokens[current[0]], tb.tokens[current[-1]]
                mean = sum(probs[k + j] for j in current) / len(current)
                runs.append((tags[k + current[0]], tb.block.text[first.start : last.end], mean))
                current = []
            if label != "O" and i < len(tb.tokens):
                current.append(i)
        k += len(tb.tokens)
    return runs


def read_spans(
    post: PostSpans,
    tags: Sequence[str],
    probs: Sequence[float],
    directory: Directory | None = None,
    *,
    person_filter: bool = False,
) -> Spans:
    """Authors, outlet and date from a post's tags (names the directory knows resolved by it;
    ``person_filter``: other author spans kept only if :func:`~.persons.is_person` takes them
    for a name and they name no known outlet — tried, and no help, so off by default)."""
    directory = directory or bundled_directory()
    authors: list[Person] = []
    conf: dict[str, list[float]] = {"authors": [], "outlet": [], "date": []}
    outlet, date = "", None
    for label, text, prob in _runs(post, tags, probs):
        text = text.strip(" ,.;:()")
        if not text:
            continue
        if label == "AUTHOR":
            person = directory.person(text)
            if person is None and person_filter:
                from pantucci_bib.pages.persons import is_person  # (not in older trees)

                if directory.find_outlets(text) or not is_person(text, directory):
                    continue  # the rules' person recogniser says it is no name
            if person is None:
                try:
                    person = parse_name(text)
                except ValueError:
                    continue
            if person not in authors:
                authors.append(person)
                conf["authors"].append(prob)
        elif label == "OUTLET" and prob > max(conf["outlet"], default=0.0):
            known = directory.outlet(text)
            outlet = known.name if known else re.sub(r"^the\s+", "", text, flags=re.I)
            conf["outlet"] = [prob]
        elif label == "DATE" and prob > max(conf["date"], default=0.0):
            hit = find_written(text)
            if hit is not None and hit[0].year is not None:
                date = hit[0]
                conf["date"] = [prob]
    return Spans(tuple(authors), outlet, date, {k: min(v, default=0.0) for k, v in conf.items()})


class SpanModel:
    """A trained token CRF (a file written by :func:`.span_learn.train`)."""

    def __init__(
        self, path: Path, directory: Directory | None = None, *, person_filter: bool = False
    ) -> None:
        import pycrfsuite

        self.directory = directory or bundled_directory()
        self.person_filter = person_filter
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))

    def tag(self, post: PostSpans) -> tuple[list[str], list[float]]:
        """The labels of a post's tokens and the marginal probability of each."""
        feats = post_features(post, self.directory)
        if not feats:
            return [], []
        tags = list(self._tagger.tag(feats))
        probs = [self._tagger.marginal(t, i) for i, t in enumerate(tags)]
        return tags, probs

    def spans(self, post: PostSpans) -> Spans:
        """What the model reads in a post."""
        tags, probs = self.tag(post)
        return read_spans(post, tags, probs, self.directory, person_filter=self.person_filter)
