"""Split and normalise personal names.

Handles "Given Family", "Family, Given", particles ("van", "de la"), suffixes ("Jr."),
and Chinese names written family name first ("Li Lifan"), recognised by a table of
common Chinese surnames when the caller says the name is in Chinese order or the table
says the first token is a surname and the last is not.
"""

from __future__ import annotations

import re

from pantucci_bib.model import Person

_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "ter",
        "ten",
        "af",
        "al",
        "el",
        "bin",
        "ibn",
    ]
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

# Common Chinese surnames in pinyin; used only to recognise family-first order.
_CHINESE_SURNAMES = frozenset(
    [
        "li",
        "wang",
        "zhang",
        "liu",
        "chen",
        "yang",
        "huang",
        "zhao",
        "wu",
        "zhou",
        "xu",
        "sun",
        "ma",
        "zhu",
        "hu",
        "guo",
        "he",
        "gao",
        "lin",
        "luo",
        "zheng",
        "liang",
        "xie",
        "song",
        "tang",
        "han",
        "feng",
        "deng",
        "cao",
        "peng",
        "zeng",
        "xiao",
        "tian",
        "dong",
        "yuan",
        "pan",
        "yu",
        "jiang",
        "cai",
        "jia",
        "ding",
        "wei",
        "xue",
        "ye",
        "yan",
        "lu",
        "shi",
        "qian",
        "fu",
        "shen",
        "zhong",
        "lü",
        "cui",
        "ren",
        "lu",
        "kong",
        "pang",
        "qin",
        "wen",
        "mao",
        "jin",
        "qiu",
        "fan",
        "fang",
        "shao",
        "bai",
        "meng",
        "long",
        "tao",
        "gu",
        "hou",
        "duan",
        "lei",
        "hao",
    ]
)
_WORD = re.compile(r"\S+")


def is_chinese_surname(token: str) -> bool:
    """True when ``token`` is a common Chinese surname in pinyin."""
    return token.lower() in _CHINESE_SURNAMES


#: The most common Chinese surnames: when both tokens of a name are surnames in pinyin ("Li
#: Wei", "Chen Hao"), one of these first and neither second reads as family first.
_COMMONEST = frozenset(
    ["li", "wang", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou"]
)


def _family_first(first: str, second: str) -> bool:
    """Whether a two-token name reads family name first: its first token is a Chinese surname
    and its last is not ("Li Lifan", not "Lifan Li"), or is a rarer one after one of the
    commonest ("Li Wei", "Chen Hao"; "Wei Li" stays Western order)."""
    if not is_chinese_surname(first):
        return False
    if not is_chinese_surname(second):
        return True
    return first.lower() in _COMMONEST and second.lower() not in _COMMONEST


def parse_name(text: str, *, family_first: bool | None = None) -> Person:
    """Parse one personal name.

    ``family_first=True`` reads "Li Lifan" as family "Li"; ``None`` decides from the
    surname table only for two-token names whose first token is a Chinese surname and
    whose last is not (so "Lifan Li" stays Western order).
    """
    text = " ".join(text.split())
    if not text:
        raise ValueError("empty name")
    if text.startswith("{") and text.endswith("}"):
        return Person(literal=text[1:-1].strip())
    if "," in text:
        return _parse_inverted(text)
    tokens = _WORD.findall(text)
    suffix = ""
    if len(tokens) > 1 and tokens[-1].lower().rstrip(",") in _SUFFIXES:
        suffix = tokens.pop()
    if len(tokens) == 1:
        return Person(family=tokens[0], suffix=suffix)
    if family_first is None:
        family_first = len(tokens) == 2 and _family_first(tokens[0], tokens[1])
    if family_first:
        return Person(family=tokens[0], given=" ".join(tokens[1:]), family_first=True)
    # particles: the lowercase run just before the last token(s)
    idx = len(tokens) - 1
    while idx > 1 and tokens[idx - 1].lower() in _PARTICLES and tokens[idx - 1].islower():
        idx -= 1
    given = " ".join(tokens[:idx])
    rest = tokens[idx:]
    particle = " ".join(t for t in rest[:-1])
    return Person(family=rest[-1], given=given, particle=particle, suffix=suffix)


def _parse_inverted(text: str) -> Person:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) > 3 or not parts[0]:
        raise ValueError(f"cannot parse name: {text!r}")
    family_part = parts[0].split()
    given = parts[-1] if len(parts) >= 2 else ""
    suffix = parts[1] if len(parts) == 3 else ""
    particle_tokens: list[str] = []
    while len(family_part) > 1 and family_part[0].islower():
        particle_tokens.append(family_part.pop(0))
    return Person(
        family=" ".join(family_part),
        given=given,
        particle=" ".join(particle_tokens),
        suffix=suffix,
    )


def split_name_list(text: str) -> list[str]:
    """Split "A, B and C" / "A and B" / "A & B" into separate names."""
    text = " ".join(text.split())
    pieces = re.split(r"\s*(?:,\s*and\s+|\s+and\s+|\s*&\s*|,\s*)\s*", text)
    return [p for p in (piece.strip() for piece in pieces) if p]
