"""The private-use characters the engine uses as marks, kept free for them.

The engine marks places in rendered text with characters of U+E000–U+E00F (where a closing
quote may take punctuation, where the first field of an aligned entry ends, …). A record's own
text may hold any character, those included: :func:`protect` escapes them in an item before it
is rendered, and :func:`restore` gives them back in the finished text, so that they render as
themselves.
"""

from __future__ import annotations

import re
from typing import Any

#: The reserved characters.
RESERVED = re.compile("[\ue000-\ue00f]")
_ESCAPE = "\ue00f"  # followed by the reserved character moved up by 0x10
_ESCAPED = re.compile(_ESCAPE + "([\ue010-\ue01f])")


def protect(value: Any) -> Any:
    """``value`` (an item, a list, a string) with each reserved character escaped."""
    if isinstance(value, str):
        if not RESERVED.search(value):
            return value
        return RESERVED.sub(lambda match: _ESCAPE + chr(ord(match.group()) + 0x10), value)
    if isinstance(value, dict):
        return {key: protect(item) for key, item in value.items()}
    if isinstance(value, list):
        return [protect(item) for item in value]
    return value


def may_hold_reserved(value: Any) -> bool:
    """False where ``value`` (JSON-like: dicts, lists, strings, numbers) surely holds no
    reserved character, so that :func:`protect` would give it back unchanged. One ``repr``
    answers for the whole value: it writes every character of U+E000–U+E00F as an escape
    (they are not printable), so their absence from it is proof; text that itself contains
    such an escape only makes the answer True."""
    return "\\ue00" in repr(value)


def restore(text: str) -> str:
    """Finished text with the escaped characters of :func:`protect` as they were."""
    if _ESCAPE not in text:
        return text
    return _ESCAPED.sub(lambda match: chr(ord(match.group(1)) - 0x10), text)
