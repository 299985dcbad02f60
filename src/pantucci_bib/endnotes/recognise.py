"""Recognising names in a note: persons, organisations (corporate authors), news outlets."""

from __future__ import annotations

import re
import unicodedata

from pantucci_bib.model import Person
from pantucci_bib.names import parse_name

#: Words that make a leading name an organisation (a corporate author).
_ORG_WORDS = frozenset(
    """ministry ministries embassy consulate government republic kingdom federation council
    commission committee organisation organization association structure institute
    institution university college school academy centre center foundation fund bank company
    corporation corp llc ltd inc plc group office department palace presidential president
    parliament assembly secretariat programme program initiative forum network society
    administration authority bureau court nations""".split()  # noqa: SIM905
)
#: Words that make a leading name a news outlet (the container, not the author).
_NEWS_WORDS = frozenset(
    """daily times news post journal herald tribune gazette telegraph radio television tv
    archives wire press today express observer monitor chronicle courier mail weekly
    magazine caijing business insider digest bulletin reporter broadcasting newswire
    newspaper""".split()  # noqa: SIM905
)
#: News agencies, broadcasters and outlets known by a bare name (no telltale word).
_NEWS_OUTLETS = frozenset(
    [
        "xinhua", "xinhuanet", "reuters", "associated press", "ap", "afp",
        "agence france presse", "upi", "united press international", "tass", "itar tass",
        "ria novosti", "interfax", "sputnik", "bbc", "cnn", "cgtn", "cctv", "cri",
        "al jazeera", "bloomberg", "kyodo", "yonhap", "dpa", "efe", "ansa", "anadolu agency",
        "pti", "ani", "kabar", "akipress", "24 kg", "kazinform", "tengrinews", "trend", "uza",
        "kun uz", "gazeta uz", "kursiv", "fergana", "eurasianet", "azattyk", "ozodi", "rferl",
        "rfe rl", "voa", "caixin", "caixin global", "nikkei", "nikkei asia", "scmp",
        "the paper", "sina", "sohu", "ifeng", "phoenix", "global times", "eurasia review",
    ]
)  # fmt: skip
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|io|asia|[a-z]{2})$", re.I)
_PARTICLES = frozenset(
    """van von der den de del della di da dos du la le ter ten bin ibn al""".split()  # noqa: SIM905
)
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-Ž][\w’'\-.]*$")
_PINYIN_FINAL = (
    r"(?:iang|iong|uang|ang|eng|ing|ong|iao|ian|uai|uan|ai|ei|ui|ao|ou|iu|ie|ue|ve|er|an|en|"
    r"in|un|vn|ia|ua|uo|a|o|e|i|u|v)"
)
# a syllable has an initial, or its final starts with a, o or e ("an", "ou", "er")
_PINYIN_SYLLABLE = (
    rf"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]){_PINYIN_FINAL}"
    r"|(?:ang|eng|ai|ei|ao|ou|er|an|en|a|o|e))"
)
_ONE_SYLLABLE = re.compile(_PINYIN_SYLLABLE, re.I)
_TWO_SYLLABLES = re.compile(f"{_PINYIN_SYLLABLE}{_PINYIN_SYLLABLE}", re.I)
_TONE_MARKS = frozenset("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")
_NOT_PINYIN = frozenset("şçʙğıäëößøåñ")


def fold(text: str) -> str:
    """Lower-case ASCII-ish text with punctuation removed, for comparing names and titles."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[^\w\s]|_", " ", bare).split())


def _words(name: str) -> list[str]:
    return re.findall(r"[\w’'\-./]+", name)


def _is_news_name(name: str) -> bool:
    if fold(name) in _NEWS_OUTLETS or _DOMAIN.match(name.strip()):
        return True
    for word in _words(name):
        low = word.casefold().strip(".")
        if low in _NEWS_WORDS:
            return True
        # CamelCase compounds: UzDaily, NewsDay
        for news in _NEWS_WORDS:
            cut = len(word) - len(news)
            if cut > 0 and low.endswith(news) and word[cut].isupper():
                return True
    return False


def is_org_name(name: str) -> bool:
    for word in _words(name):
        bare = word.casefold().strip(".").removesuffix("’s").removesuffix("'s")
        if bare in _ORG_WORDS:
            return True
    return False


def _is_person(name: str) -> bool:
    tokens = name.replace(" et al.", "").split()
    if not 2 <= len(tokens) <= 5:
        return False
    for token in tokens:
        if token.lower() in _PARTICLES and token.islower():
            continue
        if not _NAME_TOKEN.match(token) or any(ch.isdigit() for ch in token):
            return False
        letters = [ch for ch in token if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters):
            return False  # an acronym: SCO, LLC
        if token.endswith(("’s", "'s")):
            return False
    return not (is_org_name(name) or _is_news_name(name))


def _person_list(text: str) -> list[str] | None:
    """Names in "A and B" / "A, B and C" form if every one is a personal name."""
    text = re.sub(r"\s+et al\.?$", "", text.strip())
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text) if n.strip()]
    if names and all(_is_person(n) for n in names):
        return names
    return None


def _person(text: str) -> Person:
    tokens = text.split()
    family_first: bool | None = None
    if (
        len(tokens) == 2
        and _ONE_SYLLABLE.fullmatch(fold(tokens[0]))
        and _TWO_SYLLABLES.fullmatch(fold(tokens[1]))
    ):
        family_first = True  # Xi Jinping, Li Lifan: a one-syllable surname, two-syllable name
    return parse_name(text, family_first=family_first)


def _corporate(text: str) -> tuple[Person, list[str]]:
    """A corporate name and its aliases ("Shanghai Cooperation Organisation (SCO)")."""
    aliases: list[str] = []
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text.strip())
    if match:
        text, alias = match.group(1), match.group(2)
        aliases.append(alias)
    return Person(literal=text.strip()), aliases


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w’'-]*", name) if w[0].isupper())


def _looks_pinyin(title: str) -> bool:
    marked = [ch for ch in title if ch in _TONE_MARKS]
    return len(marked) >= 2 and not any(ch in _NOT_PINYIN for ch in title.casefold())
