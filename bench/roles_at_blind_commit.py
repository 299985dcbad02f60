"""The learned block roles measured with the field readers as they were when a set was blind.

``python3 bench/roles_at_blind_commit.py COMMIT FOLDER [FOLDER …] [--variant V] [--features F]``
checks out ``COMMIT`` (the commit of a set's one-time blind measurement, e.g. ``91b766f`` for
heldout17) in a temporary git worktree, adds this checkout's ``pages/align.py``,
``pages/roles.py`` and ``pages/learn.py`` to it, gives its ``parse_blocks`` the ``split`` and
``classify`` parameters and a ``page_blocks`` function (the same small change as on this
branch), and runs ``python3 -m pantucci_bib.pages.learn --lofo`` there for the folders given:
a model trained on the other folders of that commit, the readers, directory and fixtures of
that commit. Its "rules tuned" column is then the blind figure. The worktree is removed after.

``--spans [--train gold|rules]`` also adds ``pages/span_tokens.py`` and ``pages/span_learn.py``
and runs ``python3 -m pantucci_bib.pages.span_learn --lofo`` instead (the token-span
experiment; its "rules (current)" column is then the blind figure).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = "src/pantucci_bib/pages"

_SIGNATURE = re.compile(
    r"def parse_blocks\(\n    blocks: Sequence\[Block\], source: str, "
    r"directory: Directory \| None = None\n\) -> ParseResult:"
)
_NEW_SIGNATURE = """def parse_blocks(
    blocks: Sequence[Block],
    source: str,
    directory: Directory | None = None,
    *,
    split: Callable[[Sequence[Block]], list[Post]] = split_posts,
    classify: Callable[[Post], list[Classified]] = classify_post,
) -> ParseResult:"""


def patch_page(tree: Path) -> None:
    """Give ``tree``'s ``parse_blocks`` its ``split``/``classify`` parameters and split stage
    1 of ``read_archive`` into ``page_blocks`` (behaviour unchanged)."""
    path = tree / PAGES / "page.py"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "from collections.abc import Iterable, Sequence",
        "from collections.abc import Callable, Iterable, Sequence",
        1,
    )
    text = text.replace(
        "from pantucci_bib.pages.posts import Post, classify_post, split_posts",
        "from pantucci_bib.pages.posts import Classified, Post, classify_post, split_posts",
        1,
    )
    text, count = _SIGNATURE.subn(_NEW_SIGNATURE, text)
    if count != 1:
        raise SystemExit("parse_blocks has another signature at this commit")
    start = text.index("def parse_blocks(")
    end = text.index("\ndef ", start + 10)
    body = text[start:end].replace("split_posts(rest)", "split(rest)")
    text = text[:start] + body.replace("classify_post(post)", "classify(post)") + text[end:]
    start = text.index("    if not text.strip():", text.index("def read_archive("))
    tail = "    return parse_blocks(blocks, source, directory)\n"
    end = text.index(tail, start)
    text = (
        text[:start]
        + "    return parse_blocks(page_blocks(text, source), source, directory)\n\n\n"
        + 'def page_blocks(text: str, source: str) -> list[Block]:\n    """Stage 1."""\n'
        + text[start:end]
        + "    return blocks\n"
        + text[end + len(tail) :]
    )
    path.write_text(text, encoding="utf-8")


def _replace(path: Path, old: str, new: str) -> None:
    """``old`` replaced by ``new`` in the file ``path`` (a copied module made to fit an older
    tree)."""
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit")
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--variant", default="learned")
    parser.add_argument("--features", default="cues")
    parser.add_argument(
        "--spans",
        action="store_true",
        help="run the token-span experiment (pages.span_learn --lofo) instead of the roles'",
    )
    parser.add_argument("--train", default="gold", help="with --spans: the blocks trained on")
    parser.add_argument("--person-filter", action="store_true", help="with --spans")
    args = parser.parse_args(argv)
    commit, folders = args.commit, args.folders
    options = ["--variant", args.variant, "--features", args.features]
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "-q", str(tree), commit], cwd=ROOT, check=True)
        try:
            patch_page(tree)
            for name in ("align.py", "roles.py", "learn.py", "span_tokens.py", "span_learn.py"):
                shutil.copy(ROOT / PAGES / name, tree / PAGES / name)
            blocks = (tree / PAGES / "blocks.py").read_text(encoding="utf-8")
            if not (tree / PAGES / "zone.py").exists():  # zone_kind lived in posts.py then
                _replace(
                    tree / PAGES / "roles.py",
                    "from pantucci_bib.pages.zone import",
                    "from pantucci_bib.pages.posts import",
                )
            if "blog_names" not in blocks:  # page_header took the blocks alone then
                _replace(
                    tree / PAGES / "align.py",
                    "page_header(page_blocks(text, page.name), blog_names)",
                    "page_header(page_blocks(text, page.name))",
                )
            if "marks" not in blocks:  # blocks had no marks then
                _replace(tree / PAGES / "roles.py", "block.marks", 'getattr(block, "marks", ())')
            command = [sys.executable, "-m", "pantucci_bib.pages.learn", "--lofo", *options]
            if args.spans:
                command = [sys.executable, "-m", "pantucci_bib.pages.span_learn", "--lofo"]
                command += ["--train", args.train]
                command += ["--person-filter"] if args.person_filter else []
            command += [arg for f in folders for arg in ("--folder", f)]
            env = {**os.environ, "PYTHONPATH": str(tree / "src")}
            return subprocess.run(command, cwd=tree, env=env, check=False).returncode
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False
            )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
