"""AnyStyle's labelled references (``core.xml``, ``good.xml``): reading them and the fixed split.

The data is not part of the package: it is read from ``$PANTUCCI_BIB_ANYSTYLE`` or, in a
checkout, from ``../shared/anystyle`` beside the project (BSD 2-clause, its licence there).
Each ``<sequence>`` is one reference; each child a labelled span, cut here into the
whitespace tokens the labeller sees, every token carrying its span's label.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

#: The files read, in this order (the order fixes the split and the training).
FILES = ("core.xml", "good.xml")
#: One reference in this many is held out for evaluation and never trained on.
HOLD_OUT_EVERY = 5


@attrs.frozen
class Labelled:
    """One labelled reference: its tokens and one label per token (AnyStyle's tag names)."""

    tokens: tuple[str, ...]
    labels: tuple[str, ...]
    where: str = ""  # "core.xml#12": file and 1-based sequence number

    @property
    def text(self) -> str:
        """The reference string, tokens joined by single spaces."""
        return " ".join(self.tokens)


def data_dir() -> Path | None:
    """Where the AnyStyle files are, or ``None`` when they are not to be found."""
    configured = os.environ.get("PANTUCCI_BIB_ANYSTYLE")
    candidates = [Path(configured)] if configured else []
    candidates.append(Path(__file__).resolve().parents[4] / "shared" / "anystyle")
    for candidate in candidates:
        if all((candidate / name).is_file() for name in FILES):
            return candidate
    return None


def digest(folder: Path) -> str:
    """SHA-256 of the data files' bytes, in :data:`FILES` order."""
    hasher = hashlib.sha256()
    for name in FILES:
        hasher.update((folder / name).read_bytes())
    return hasher.hexdigest()


def read(folder: Path) -> list[Labelled]:
    """Every labelled reference of the data files, in file order."""
    from lxml import etree

    found: list[Labelled] = []
    for name in FILES:
        root = etree.parse(str(folder / name)).getroot()
        for number, sequence in enumerate(root.iter("sequence"), start=1):
            tokens: list[str] = []
            labels: list[str] = []
            for span in sequence:
                if not isinstance(span.tag, str):
                    continue  # a comment
                words = "".join(span.itertext()).split()
                tokens.extend(words)
                labels.extend([span.tag] * len(words))
            if tokens:
                found.append(Labelled(tuple(tokens), tuple(labels), f"{name}#{number}"))
    return found


def split(references: Sequence[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    """(training, held out): every :data:`HOLD_OUT_EVERY`-th reference is held out."""
    train = [r for i, r in enumerate(references) if i % HOLD_OUT_EVERY != HOLD_OUT_EVERY - 1]
    held = [r for i, r in enumerate(references) if i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1]
    return train, held


def iter_spans(tokens: Sequence[str], labels: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(label, text) for each run of tokens that share a label."""
    start = 0
    for index in range(1, len(tokens) + 1):
        if index == len(tokens) or labels[index] != labels[start]:
            yield labels[start], " ".join(tokens[start:index])
            start = index
