"""Every correction the engine makes to citeproc-py, by name (tested one by one in
``tests/test_citeproc_fixes.py``)."""

from __future__ import annotations

#: The citeproc-py release these corrections were written against (pinned in pyproject.toml).
CITEPROC_PY_VERSION = "0.11.1"


#: Every correction, by name: what citeproc-py does and what citeproc-js (and CSL 1.0.2) does.
FIXES: dict[str, str] = {
    "punctuation-in-quote": "a period or comma after a closing quote moves inside it when the "
    "locale says punctuation-in-quote (en-US): “Title.” not “Title”.; “Sit?” absorbs the "
    "period and keeps the comma (“Sit?,”), as citeproc-js merges punctuation",
    "nested-quotes": "quotation marks inside a quoted title become the inner marks "
    "(“A Tale of ‘Two Cities’”), as citeproc-js flips them",
    "merged-punctuation": "a period after ? or ! is dropped (“Where Does China Sit? RUSI”)",
    "initialize-false": 'initialize="false" keeps given names spelled out (Raffaello, not R.); '
    "citeproc-py ignored the attribute",
    "static-ordering": "names marked static-ordering, and romanised names in Chinese or Japanese "
    "items, print family name first without a comma (Li Lifan, Li L.); names in a non-Latin "
    "script print as written (李鸣燕) and are never initialised",
    "empty-label": "a cs:label whose variable is empty renders nothing (no spurious 'Edition.' "
    "after a newspaper date)",
    "group-suppression": "a cs:group is suppressed when it calls variables and all of them are "
    "empty, wherever they sit (inside cs:choose or macros)",
    "year-suffix": "same-author, same-year (and same n.d./circa) entries get a, b, c … in "
    "bibliography order when the style asks for disambiguate-add-year-suffix",
    "disambiguate-condition": 'cs:if disambiguate="true" is false (citeproc-py took the branch '
    "for every entry); bibliographies here are disambiguated by year-suffix",
    "date-range-year": "a year-month range within one year keeps its year where only the year "
    "is shown (2022, not an empty date)",
    "title-case": "text-case=title follows citeproc-js: its stop-word list (than, out, over …), "
    "words after a hyphen or period capitalised (Co-Operation, CABAR.Asia), words that already "
    "hold a capital (And, In) left alone",
    "sort-keys": "sorting as citeproc-js: dates in keys compare as its sort strings (a range "
    "after a single date of the same start); names in nested macros sort family-first too; "
    "keys compare case-, accent- and punctuation-blind with numbers as numbers",
    "escape": "variable text and names pass through the output format's escaping (a title "
    "with & or < is valid HTML, a name with & valid LaTeX); citeproc-py escaped only terms",
    "substitute-suppression": "a variable a cs:substitute rendered (the editor standing in for "
    "the author) is not printed again later in the entry (no 'Edited by' after 'Green, G. (Ed.)')",
    "group-success": "a macro is a group, and a group that renders counts as a rendered "
    "variable for the groups around it, as in citeproc-js ([Online] stays in IEEE)",
    "substitute-inherits": "a bare cs:names inside cs:substitute, also within cs:choose, "
    "formats its names like the cs:names it stands in for (Green, Gina, ed.; not G. Green)",
    "hyphenated-names": "name variables spelled with a hyphen (original-author) render; "
    "citeproc-py looked them up under its own underscored key and found nothing",
    "linear": "formatting N records costs O(N log N) at worst: citeproc-py registered items "
    "and numbered them by searching a list (quadratic)",
    "second-field-align": "with second-field-align the first field is followed by a space "
    "([1] R. Pantucci, not [1]R. Pantucci)",
    "subsequent-author-substitute": "the names of an entry equal to the previous entry's are "
    "replaced by the style's subsequent-author-substitute (———. in MLA)",
}
