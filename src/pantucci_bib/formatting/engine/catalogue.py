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
    "(“A Tale of ‘Two Cities’”), and inner marks the outer ones, as citeproc-js flips them",
    "quote-pairing": "quotes in a field are paired across its markup and marked by nesting, "
    "whatever was typed: '…', \"…\", ‘…’ and “…” at the top level all print “…”, one level "
    "down ‘…’; an unpaired \" stays as typed; a cite's prefix and suffix keep typographic "
    "marks as written (citeproc-js)",
    "value-rich-text": 'cs:text value="…" is rich text like a field: its quotes typographic '
    "and nested, its markup the output's",
    "text-case-nocase": "text-case lowercase and uppercase leave a nocase span as written "
    "(citeproc-py changed it); title case leaves a one-letter non-ASCII word before a hyphen "
    "alone (β-Carotine)",
    "name-suffix": 'a comma-suffix name prints "Jeffrey Doe, Jr."; a suffix written in the '
    'given name after a comma ("John, III"; "John,! Jr." keeping the comma) is read as the '
    "suffix, and a name with only a given name (Banksy) prints as written, never initialised",
    "cite-grouping": "a sorted citation that groups cites is sorted as citeproc-js does: by "
    "the cites' names (before disambiguation), then on the first key of each name's first "
    "cite and the cite's own keys, so one author's cites come together unless another's fall "
    "between on the first key; ties keep the citation's order, not the bibliography's; an "
    "unsorted citation groups adjacent cites only",
    "collapse-empty": 'collapse="year": a cite with nothing left once its names are '
    "collapsed (no date) is left out with its delimiter: (Smith 325 AD, 2000)",
    "nodecor": 'a <span class="nodecor"> in a field is upright against the decorations around '
    "it (font-style:normal inside italics …) and keeps its case",
    "capitalize-all": "text-case=capitalize-all capitalises each word segment by segment, "
    "leaving nocase text and markup alone (citeproc-py joined all into one plain string)",
    "baseline": 'vertical-align="baseline" is written <span style="baseline"> in HTML, as '
    "citeproc-js writes it",
    "et-al-use-first": 'et-al-use-first="0" prints no names and no "et al."; without '
    "et-al-use-first set anywhere no name list is cut (citeproc-py defaulted it to 1, so the "
    "citation's et-al settings seemed to reach the bibliography)",
    "parse-names": "names are read as citeproc-js reads them: leading lower-case words of a "
    "family name are its particle (van Gogh, al-One), trailing ones of a given name the dropping "
    'particle (Alexander von), a "quoted" family name is kept whole; a particle ending in an '
    "apostrophe or hyphen is written on without a space (d’Aubignac); name keys sort by them",
    "citation-label": "an item without a citation-label gets citeproc-js's trigraph (Doe65, "
    "RoNo78, DEFG26), and the year suffix follows the label where the style prints no "
    "year-suffix variable (RoNo78a)",
    "number-range": "a range in issue, volume, number … (3-4) prints with an en dash (3–4), "
    "through cs:text too",
    "same-names": 'a literal name and a family-only name of the same text ("Beijing Zoo") are '
    "the same author, for year suffixes and subsequent-author-substitute; names compared for "
    "the substitute are those printed (before et al.)",
    "date-ranges": "date ranges print the parts from the largest that differs down for both "
    "ends, apart by that part's range-delimiter, the shared parts once, in the locale's order "
    "and with its delimiter (January 2–4, 2020; 2 Jan.–4 Mar. 2020); citeproc-py failed on a "
    "day range in chicago-author-date",
    "note-variables": "CSL variables written as lines of the note (Zotero's Extra: "
    "original-date: 1850, reviewed-author: Hall || W.C.) are read as citeproc-js reads them",
    "new-name-variables": "the name variables CSL 1.0.2 added (reviewed-author, director, host "
    "…) are names; citeproc-py read them as text, so they were left out",
    "term-form-fallback": "a term missing in the form asked for is taken in the next one "
    "(verb-short → verb → long, symbol → short → long)",
    "gendered-ordinals": "a day ordinal takes the gender of its month's term (1er octobre)",
    "locator-suppression": "a group whose locator (or citation number) is absent is empty, "
    "as citeproc-js counts them for group suppression",
    "name-part-particles": "a family cs:name-part formats the family name and its "
    "non-dropping particle, not the dropping one (Gerard van DER MEER)",
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
    "keys compare case-, accent-, markup- and punctuation-blind (words apart, & before letters) "
    "with numbers as numbers; BCE years sort before CE, the older first",
    "escape": "variable text and names pass through the output format's escaping (a title "
    "with & or < is valid HTML, a name with & valid LaTeX); citeproc-py escaped only terms",
    "substitute-suppression": "a variable a cs:substitute rendered (the editor standing in for "
    "the author, a date) is not printed again later in the entry (no 'Edited by' after "
    "'Green, G. (Ed.)'), nor twice within the substitute",
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
    "rich-text": "markup in field values (<i>, <b>, <sc>, <sup>, <sub>, small-caps spans) is "
    "rendered in the output's own markup, not escaped as text; straight quotes become "
    'typographic (it\'s → it’s, "x" → “x”), as citeproc-js renders them',
    "sort-without-suffix": "sort keys leave year suffixes out (they are given after sorting)",
    "et-al-subsequent": "et-al-subsequent-min and -use-first apply to subsequent cites",
    "numbers-before-order": "a sort by citation-number numbers items in the order first cited "
    "(citeproc-py raised: the numbers did not exist yet)",
    "untyped": "an item without a type renders as an article (citeproc-py raised)",
    "leading-term": "a term that starts a citation (ibid.), or follows a prefix ending a "
    "sentence, is capitalised (Ibid.), as citeproc-js does",
    "implicit-year-suffix": "a style that asks for year suffixes but never prints the variable "
    "gets them after the first year of the date issued (2000a), as citeproc-js does",
    "year-suffix-collapse": "collapse=year-suffix and year-suffix-ranged print a same-year cite "
    "as its suffix (2000a, b; 2000a–c)",
    "flip-flop": "in HTML, italics (bold, small caps) inside italics become an upright span, and "
    "superscript characters (ª, ʳᵉ, ˀ) become <sup> elements, as citeproc-js renders them",
    "name-count": 'form=count over several name variables adds the counts (5, not "32")',
    "locator-range": "a locator range written with spaces (100 - 103) prints as 100–103",
    "prefix-punctuation": 'a cite whose prefix starts with punctuation (", cited in") takes no '
    'delimiter before it; after a suffix ending in punctuation ("is one source,") the '
    "delimiter's punctuation is left out",
    "number-of-plural": "a label of number-of-volumes (-pages) is plural for a count above one "
    "(citeproc-py read the count from the cite and lost the label)",
    "display": "in HTML, display=block, left-margin, right-inline and indent render as "
    "citeproc-js's csl-block, csl-left-margin, csl-right-inline and csl-indent divs",
    "after-inverted-name": "delimiter-precedes-last and delimiter-precedes-et-al set to "
    "after-inverted-name put the delimiter only after a name printed family name first",
    "initials": "given names initialise as in citeproc-js: a part written with a period (Ph., "
    "Ts.) stays whole, a part starting with two capitals initialises as two letters "
    "(TSerendorjiin: Ts.), hyphenated names keep the hyphen (J.-P.), markup around a part "
    "stays around its initial (<b>J.</b>)",
    "page-range": "page ranges follow page-range-format as citeproc-js: chicago-16 without "
    "the four-digit rule of chicago-15 (1394–408), abbreviated ranges completed first",
    "doi-link": "in HTML, a DOI printed after https://doi.org/ is one link over both",
    "sort-names": 'names in a sort key leave out "and" and their label (ed.), and ł, ø, ß … '
    "sort with their base letters, as the collator of citeproc-js",
    "field-quotes": "a period or comma after a closing quotation mark that is part of a field "
    "(a title ending in a quote) moves inside it too, where the locale says so",
    "et-al-all-shown": "no et al. after a name list that shows every name (et-al-use-first at "
    "or above the number of names)",
    "disambiguate-names": "cites are disambiguated by adding names, then given names, then the "
    'disambiguate="true" branches, before year suffixes',
    "subsequent-author-substitute": "the names of an entry equal to the previous entry's are "
    "replaced by the style's subsequent-author-substitute (———. in MLA)",
}
