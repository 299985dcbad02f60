"""Person's constructor by field place, shared by the readers that build people in bulk."""

from __future__ import annotations

from pantucci_bib.model import Person
from pantucci_bib.model_build import builder

#: Person's constructor without keyword arguments; it runs every converter (strips the parts).
PERSON = builder(
    Person,
    order=(
        "family",
        "given",
        "particle",
        "suffix",
        "literal",
        "family_first",
        "dropping_particle",
        "comma_suffix",
    ),
)
