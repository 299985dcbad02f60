"""Where each field of an extracted record came from, as text (``import --explain``)."""

from __future__ import annotations

from collections.abc import Iterable

from pantucci_bib.model import Record

#: The fields an explanation lists, in this order, under the names CSL gives them.
EXPLAINED = ("title", "author", "container_title", "issued", "translator")


def explain_record(record: Record) -> str:
    """One record's account: its key and first appearance, then one line per field.

    Each line gives the field, how sure the extractor is (found on the page, inferred from
    it, or curated), the page and line, and the rule that read it. A field the record has
    but no rule accounts for says so; an empty field is listed as "not on the page".
    """
    where = f" ({record.appearances[0]})" if record.appearances else ""
    lines = [f"{record.key}{where}"]
    sources = {source.field: source for source in record.field_sources}
    for field in EXPLAINED:
        source = sources.get(field)
        value = getattr(record, field)
        if source is not None:
            lines.append(f"  {field:<16} {source.sureness!s:<9} {source.where}  {source.rule}")
        elif value:
            lines.append(f"  {field:<16} {'?':<9} (no rule recorded)")
        elif field != "translator":
            lines.append(f"  {field:<16} {'-':<9} not on the page")
    for field, source in sources.items():
        if field not in EXPLAINED:
            lines.append(f"  {field:<16} {source.sureness!s:<9} {source.where}  {source.rule}")
    return "\n".join(lines)


def explain_records(records: Iterable[Record]) -> str:
    """:func:`explain_record` for every record, a blank line between them."""
    return "\n\n".join(explain_record(record) for record in records) + "\n"
