"""Writing output safely: a file appears complete or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from pantucci_bib.errors import DataError, OutputError


def encode(text: str, where: str) -> bytes:
    """``text`` as UTF-8, or DataError naming ``where`` when it holds a character UTF-8 cannot
    encode (an unpaired surrogate, which only a ``\\ud800``-style escape can produce)."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start]
        raise DataError(
            f"the output holds an unpaired surrogate (U+{ord(bad):04X}) that UTF-8 cannot encode",
            where=where,
        ) from None


def check_writable(path: str | os.PathLike[str]) -> None:
    """Raise OutputError naming ``path`` now when it plainly cannot be written: it is a
    directory, or its directory does not exist or is not writable. :func:`write_atomic` still
    reports any failure met while writing (a full disk, say)."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path()
    if target.is_dir():
        raise OutputError("is a directory", where=str(target))
    if not directory.is_dir():
        raise OutputError(f"cannot write: no directory {str(directory)!r}", where=str(target))
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(
            f"cannot write: the directory {str(directory)!r} is not writable", where=str(target)
        )


def write_atomic(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write ``text`` (UTF-8; bytes as they are, a .docx say) to ``path`` via a temporary
    file in the same directory.

    The temporary file is flushed, fsynced and renamed over ``path``; on any failure it is
    removed and an OutputError naming ``path`` is raised, so no half-written file remains.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError("is a directory", where=str(target))
    data = text if isinstance(text, bytes) else encode(text, str(target))  # before any file
    directory = target.parent if str(target.parent) else Path()
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", where=str(target)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), _mode_for(target))
            os.fsync(handle.fileno())
        Path(tmp_name).replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            Path(tmp_name).unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", where=str(target)) from exc
        raise


def _mode_for(target: Path) -> int:
    """The permissions ``target`` keeps (when it exists) or gets (0o666 less the umask), since
    :func:`tempfile.mkstemp` makes the temporary file readable by its owner only."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
