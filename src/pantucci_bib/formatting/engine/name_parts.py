"""CSL 1.0.2 \u00a7 Name parts: names read as citeproc-js reads them (particles, suffixes),
and given names initialised as it initialises them."""

from __future__ import annotations

import functools
import re
from typing import Any

from citeproc.string import MixedString, String

_TAG = r"(?:</?[a-z]+>|&lt;/?[a-z]+&gt;)"  # as written, or as the output escaped it
_TAGGED = re.compile(f"^({_TAG}*)(.*?)({_TAG}*)$", re.S)


@functools.lru_cache(maxsize=8192)  # given names repeat across a library ("J.", "Maria")
def initials(given: str, mark: str, *, spelled_out: bool = False, hyphen: bool = True) -> str:
    """``initials``: given names initialised as citeproc-js does. A part written with a period
    (``Ph.``, ``Ts.``, ``ME.``) is an abbreviation and stays whole; a single letter is an
    initial; a part starting with two capitals (``TSerendorjiin``, a Mongolian digraph) becomes
    ``Ts.``; any other part becomes its initial, or (``spelled_out``: initialize="false")
    stays as written. Parts joined by a hyphen keep it (``J.-P.``) unless ``hyphen`` is
    False; a lower-case part after a hyphen is dropped (``G-ping`` → ``G.``); a lower-case
    word (a particle) is kept as written. Markup around a part stays around its initial."""
    words: list[str] = []  # each initial or word with what follows it
    for chunk in (given if hyphen else given.replace("-", " ")).split():
        pieces = chunk.split("-")
        out_pieces: list[str] = []
        for index, piece in enumerate(pieces):
            opening, piece, closing = _TAGGED.match(piece).groups()  # type: ignore[union-attr]
            parts = re.findall(r"([^.]+)(\.?)", piece)
            formed = ""
            for text, period in parts:
                if not text:
                    continue
                if index and text[:1].islower():
                    continue
                if not text[:1].isupper():  # a particle: a word apart
                    formed += text + " "
                elif period or len(text) == 1:
                    formed += text + mark
                elif spelled_out:
                    formed += text + " "
                elif len(text) > 2 and text[1].isupper() and text[2].islower():
                    formed += text[0] + text[1].lower() + mark  # TSerendorjiin: Ts.
                else:
                    formed += text[:1] + mark
            if formed and (opening or closing):  # ``markup-in-names``: <b>J.</b>
                trail = formed[len(formed.rstrip()) :]
                formed = opening + formed.rstrip() + closing + trail
            if formed:
                out_pieces.append(formed)
        if out_pieces and words and out_pieces[0][:1].islower():  # a particle stands apart
            words[-1] = words[-1].rstrip() + " "
        if out_pieces:  # a hyphen joins the pieces: no space before it
            words.append("-".join([piece.rstrip() for piece in out_pieces[:-1]] + out_pieces[-1:]))
    return " ".join("".join(words).split())


_COMMA_SUFFIX = "\ue008"  # marks a suffix that a comma precedes; made ", " once rendered
_JOINED = "\ue009"  # ends a particle that the next part follows without a space (d’, al-)
_PARTICLE_WORD = re.compile(r"([^\s'’-]+)(\s+|-|['’])")


def parsed_name(name: Any, *, joined: str = _JOINED) -> Any:
    """``parse-names``: a name as citeproc-js reads it. Leading lower-case words of the family
    name are its non-dropping particle ("van Gogh", "al-One", "d'Aubignac"), trailing ones of
    the given name the dropping particle ("Alexander von"), unless the name has particles
    already or ``parse-names`` is false; a family name in double quotes is kept whole, without
    them. A suffix written in the given name after a comma ("John, III"; "John,! Jr." keeping
    the comma) is read as the suffix. A particle ending in ' or - is followed by ``joined``
    (a mark that the name is written on without a space)."""
    if _as_read(name):
        return name
    parsed = dict(name)
    changed = False  # (rather than comparing with the name: most names are as read)
    family, given = parsed.get("family"), parsed.get("given")
    parse = parsed.get("parse-names") not in (False, "false")
    if isinstance(given, str) and "," in given and not parsed.get("suffix") and parse:
        first, _, suffix = given.partition(",")
        suffix = suffix.strip()
        comma = suffix.startswith("!")
        suffix = suffix.lstrip("!").strip()
        if first.strip() and suffix:
            parsed.update(given=first.strip(), suffix=suffix)
            changed = True
            given = first.strip()
            if comma:
                parsed["comma-suffix"] = True
    if isinstance(family, str) and len(family) > 1 and family[0] == family[-1] == '"':
        parsed["family"] = family[1:-1]
        changed = True
    elif isinstance(family, str) and parse and not parsed.get("non-dropping-particle"):
        particle, rest = _leading_particle(family)
        if particle:
            parsed.update({"non-dropping-particle": particle, "family": rest})
            changed = True
    if isinstance(given, str) and parse and not parsed.get("dropping-particle"):
        words = given.split()
        cut = len(words)
        while cut > 1 and words[cut - 1][:1].islower() and words[cut - 1].isalpha():
            cut -= 1
        if cut < len(words):
            parsed.update(
                {"given": " ".join(words[:cut]), "dropping-particle": " ".join(words[cut:])}
            )
            changed = True
    for part in ("non-dropping-particle", "dropping-particle"):
        value = parsed.get(part)
        if isinstance(value, str) and value[-1:] and value[-1] in "'’-" and joined:
            parsed[part] = value + joined
            changed = True
    if not changed:
        return name
    return type(name)(**parsed) if hasattr(name, "parts") else parsed


def _as_read(name: Any) -> bool:
    """True where :func:`parsed_name` surely leaves ``name`` as it is (most names: a family
    name in capitals, a given name without a comma or a last word in lower case, no
    particles); False where it may change it."""
    get = name.get
    if get("non-dropping-particle") or get("dropping-particle"):
        return False
    family, given = get("family"), get("given")
    parse = get("parse-names") not in (False, "false")
    if isinstance(family, str) and family[:1] == '"':
        return False
    if parse and isinstance(family, str) and family[:1].islower():
        return False
    if parse and isinstance(given, str):
        if "," in given:
            return False
        last = given.rsplit(None, 1)
        if len(last) > 1 and last[1][:1].islower():
            return False
    return True


def _leading_particle(family: str) -> tuple[str, str]:
    """(particle, rest) of a family name whose leading words are lower case."""
    position = 0
    while match := _PARTICLE_WORD.match(family, position):
        if not match.group(1)[:1].islower():
            break
        position = match.end()
    if not position or position >= len(family) or not family[position].isalpha():
        return "", family
    particle = family[:position].rstrip()
    return particle, family[position:]


def comma_suffixed(text: Any) -> Any:
    """The rendered names with each marked suffix after a comma (Doe, Jr.) and each joined
    particle against what follows it (d’Aubignac)."""
    plain = str(text)
    if _COMMA_SUFFIX not in plain and _JOINED not in plain:
        return text

    def fix(value: str) -> str:
        value = re.sub(",? ?" + _COMMA_SUFFIX, ", ", value)
        return re.sub(_JOINED + " ?", "", value)

    if isinstance(text, MixedString):
        return MixedString([type(s)(fix(str(s))) for s in text])
    return type(text)(fix(str(text))) if isinstance(text, String) else fix(str(text))
