"""Issue 8: the same command gives the same bytes in any process, whatever its environment.

Each command runs in two fresh processes that differ in hash seed (set and dict order of
strings), locale and standard-output encoding; the outputs must be byte-identical. Output is
UTF-8 whatever the locale, so a Latin-1 PYTHONIOENCODING changes nothing either.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _other_locale() -> str:
    """en_US.UTF-8 where it is installed (not on a bare container), else C."""
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except OSError:
        return "C"
    names = {name.lower().replace("-", "") for name in listed.stdout.split()}
    return "en_US.UTF-8" if "en_us.utf8" in names else "C"


ENVIRONMENTS = {
    "seed-0-C.UTF-8": {"PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    "seed-12345-other-locale-latin-1-stdout": {
        "PYTHONHASHSEED": "12345",
        "LC_ALL": _other_locale(),
        "LANG": _other_locale(),
        "PYTHONIOENCODING": "latin-1",
    },
}

SMALL_BIB = """\
@article{doe2020,
  author = {Doe, Jane and M{\\"u}ller, Jos{\\'e} and {World Bank}},
  title = {Trains, Roads and ``Strategy''},
  journal = {A Journal},
  year = 2020,
  month = may,
  keywords = {rail, SCO, Xinjiang, Central Asia},
}

@book{roe2014,
  editor = {Roe, Richard},
  title = {A Collected Volume},
  publisher = {A Press},
  date = {2014-03/2014-05},
}
"""


def _run(args: list[str], env: dict[str, str], cwd: Path) -> bytes:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environment.pop("PYTHONIOENCODING", None)
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-m", "pantucci_bib.cli", *args],
        capture_output=True,
        cwd=cwd,
        env=environment,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--to", "bibtex"],
        ["export", "--to", "csl-json"],
        ["export", "--to", "ris", "--with-cited"],
        ["convert", "small.bib", "--to", "csl-json"],
        ["convert", "small.bib", "--to", "biblatex"],
        ["keys"],
    ],
    ids=lambda args: "-".join(args).replace("--", ""),
)
def test_output_is_byte_identical_across_processes(tmp_path, args):
    (tmp_path / "small.bib").write_text(SMALL_BIB, encoding="utf-8")
    outputs = {name: _run(args, env, tmp_path) for name, env in ENVIRONMENTS.items()}
    first, second = outputs.values()
    assert first, "no output"
    assert first == second
    first.decode("utf-8")  # UTF-8, even under a Latin-1 PYTHONIOENCODING
