"""Failures of the machine rather than the input (a read-only directory, a full disk,
Ctrl-C), simulated in-process by replacing one function :mod:`pantucci_bib.output` calls."""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import attrs

from support.failure_cases.base import PREVIOUS, bib, entry


def _no_space(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _interrupt(*args: object) -> None:
    raise KeyboardInterrupt


def _read_only(*args: object, **kwargs: object) -> bool:
    return False


@attrs.frozen
class Simulated:
    """A failure of the machine rather than the input, simulated in-process by replacing one
    function :mod:`pantucci_bib.output` calls; the run is ``convert in.bib -o out.json``."""

    id: str
    what: str
    target: str  #: the attribute of pantucci_bib.output replaced, e.g. "os.fsync"
    replacement: Callable[..., object]
    exit: int
    says: str


SIMULATED: tuple[Simulated, ...] = (
    Simulated(
        "read-only-directory",
        "-o in a read-only directory (simulated: root ignores chmod)",
        "os.access",
        _read_only,
        2,
        "cannot write: the directory '.' is not writable",
    ),
    Simulated(
        "full-disk",
        "disk full while writing -o (simulated ENOSPC)",
        "os.fsync",
        _no_space,
        2,
        "cannot write: No space left on device",
    ),
    Simulated(
        "ctrl-c-while-writing",
        "Ctrl-C while writing -o (simulated)",
        "os.fsync",
        _interrupt,
        130,
        "interrupted",
    ),
)


def run_simulated(case: Simulated, directory: Path) -> tuple[int, str]:
    """Exit code and standard error of ``convert in.bib -o out.json`` in ``directory`` with
    ``case.target`` replaced; paths in the message are relative to ``directory``."""
    from pantucci_bib import cli

    (directory / "in.bib").write_bytes(bib(entry("a", "T")))
    (directory / "out.json").write_text(PREVIOUS, encoding="utf-8")
    stderr = io.StringIO()
    cwd = Path.cwd()
    os.chdir(directory)
    try:
        with (
            mock.patch(f"pantucci_bib.output.{case.target}", case.replacement),
            contextlib.redirect_stderr(stderr),
        ):
            code = cli.main(["convert", "in.bib", "-o", "out.json"])
    finally:
        os.chdir(cwd)
    return code, stderr.getvalue()
