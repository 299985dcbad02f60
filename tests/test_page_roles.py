"""The experimental learned block roles (issue 17): gold alignment, the CRF, and the LOFO harness.

The figures themselves are in docs/importing.md ("Learned block roles"); these tests check
that the alignment finds what a fixture's expectation says, that training is repeatable, and
that the leave-one-folder-out harness never trains on the folder it scores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pantucci_bib.pages import learn
from pantucci_bib.pages.align import ROLES, align_expected
from pantucci_bib.pages.blocks import Block
from pantucci_bib.pages.posts import Kind
from pantucci_bib.pages.roles import RoleModel, kind_of, posts_from_roles

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"

pytest.importorskip("pycrfsuite")


def test_alignment_of_a_known_fixture() -> None:
    # heldout8/tag_kyrgyzstan: seven posts, each an intro (one untitled), a headline, a date
    (page,) = align_expected(UNSEEN / "heldout8" / "tag_kyrgyzstan.expected.json")
    assert page.clean, page.missing
    assert page.records == 7
    keyed = [r for r in page.roles if r not in ("body", "more")]
    assert keyed == [
        *("intro", "title", "date") * 3,
        "lone",  # the untitled radio appearance: its intro opens the post
        "title",  # an original post with no intro
        "date",
        *("intro", "title", "date") * 2,
    ]
    assert page.roles.count("more") == 3  # the three "Continue reading" lines
    assert set(page.roles) <= set(ROLES)


def test_alignment_reports_what_it_cannot_find(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text("A Headline\n\nMarch 3, 2020\n\nText.\n", encoding="utf-8")
    record = {"title": "Not There", "authors": [], "outlet": None, "date": None}
    spec = json.dumps({"page": "p.txt", "records": [record]})
    (tmp_path / "p.expected.json").write_text(spec, encoding="utf-8")
    (page,) = align_expected(tmp_path / "p.expected.json")
    assert not page.clean
    assert page.missing == ("title 'Not There'",)


def test_posts_from_roles() -> None:
    blocks = [Block(n, f"line {n}") for n in range(1, 9)]
    roles = ["more", "intro", "title", "date", "body", "lone", "body", "title"]
    posts = posts_from_roles(blocks, roles)
    assert [(p.first_line, p.title_index) for p in posts] == [(2, 1), (6, None), (8, 0)]
    assert kind_of(Block(1, "Posted on May 1, 2020", hint="posted"), "date") is Kind.POSTED


def _subset() -> list[learn.Labelled]:
    pages = learn.labelled_pages(UNSEEN)
    return [p for p in pages if p.folder in ("heldout8", "heldout9", "heldout10")]


def test_training_is_repeatable_and_tags(tmp_path: Path) -> None:
    pages = _subset()
    learn.train(pages, tmp_path / "a.crfsuite", "generic")
    learn.train(pages, tmp_path / "b.crfsuite", "generic")
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    model = RoleModel(tmp_path / "a.crfsuite", "generic")
    page = pages[0].pages[0]
    predicted = model.roles(page.blocks)
    same = sum(p == g for p, g in zip(predicted, page.roles, strict=True))
    assert same >= 0.9 * len(page.roles)  # a page it was trained on


def test_lofo_never_trains_on_the_held_out_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _subset()
    seen: list[tuple[str, set[str]]] = []
    real_train = learn.train

    def spy(train_pages: Any, path: Path, features: str = "cues") -> None:
        seen.append((path.name, {p.folder for p in train_pages}))
        real_train(train_pages, path, features)

    monkeypatch.setattr(learn, "train", spy)
    result = learn.lofo(pages, features="generic", only=["heldout8", "heldout10"])
    assert [name for name, _ in seen] == ["roles_heldout8.crfsuite", "roles_heldout10.crfsuite"]
    assert seen[0][1] == {"heldout9", "heldout10"}
    assert seen[1][1] == {"heldout8", "heldout9"}
    assert set(result) == {"heldout8", "heldout10", "all"}
    assert result["all"].expected == result["heldout8"].expected + result["heldout10"].expected
    assert all(p.folder != "heldout8" for p in learn.training_set(pages, "heldout8"))
