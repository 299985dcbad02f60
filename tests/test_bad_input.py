"""Issue 8: bad input never crashes, never loses data, never leaves half a file.

The table of failure modes is :data:`support.failure_cases.CASES` (in tests/support/;
docs/failures.md is generated from the same table by running it; the cases the program does
not pass yet are in ``support.failure_cases.known``, marked strict xfail here). Every case
writes its tiny input into ``tmp_path`` and runs the real command; each must exit with its
documented code, print one line on standard error (or one line per problem and a summary for
a lenient run), name the file and line, print no traceback, and leave an existing -o file as
it was unless the run succeeded. The cases that need more than a command line follow the
table: an unwritable directory, a full disk, a ~100 MB input and Ctrl-C.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from pantucci_bib import cli, load
from pantucci_bib.errors import OutputError, PantucciBibError, ParseError
from pantucci_bib.output import write_atomic
from support.failure_cases import (
    CASES,
    KNOWN_FAILURES,
    LIBRARY,
    PREVIOUS,
    SIMULATED,
    Case,
    prepare,
    run_simulated,
)

PROG = "pantucci-bib"


def _check(case: Case, directory: Path, result: subprocess.CompletedProcess[str]) -> None:
    """Everything issue 8 promises about one run of ``case``."""
    lines = result.stderr.splitlines()
    assert result.returncode == case.exit, result.stderr
    assert "Traceback" not in result.stderr
    assert len(lines) == case.lines, result.stderr
    assert all(line.startswith(f"{PROG}: ") for line in lines), result.stderr
    assert case.says in lines[-1]
    assert case.where in result.stderr
    if case.exit != 0:
        assert lines[-1].startswith(f"{PROG}: error: ")
    if case.output:
        out = directory / case.output
        assert out.is_file()
        if case.written:
            assert out.read_text(encoding="utf-8") != PREVIOUS
        else:
            assert out.read_text(encoding="utf-8") == PREVIOUS  # not clobbered
            assert result.stdout == ""
    assert not _temporaries(directory)


def _temporaries(directory: Path) -> list[Path]:
    """Files write_atomic's temporary naming would leave (``.NAME.XXXX.tmp``)."""
    return [p for p in directory.rglob(".*.tmp")]


def _params(cases: Sequence[Case]) -> list[Any]:
    """``cases`` as parameters, those the program does not pass yet marked strict xfail (see
    support/failure_cases/known.py: remove a case's line there once it passes)."""
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case.id])]
            if case.id in KNOWN_FAILURES
            else [],
        )
        for case in cases
    ]


@pytest.mark.parametrize("case", _params(CASES))
def test_failure_mode(tmp_path, case):
    result = run_cli(*prepare(case, tmp_path), cwd=tmp_path)
    _check(case, tmp_path, result)


#: One failing case per command: with no -o file beforehand, none may exist afterwards.
FRESH = [
    "latin-1",
    "truncated-bib",
    "strict-3-good-2-bad",
    "merge-empty",
    "style-xml-not-csl",
    "year-not-a-year",
    "import-not-an-archive-page",
    "notes-latin-1",
    # issue 15: every failing case of the own-library inputs
    *(c.id for c in LIBRARY if c.exit != 0 and c.output),
]


@pytest.mark.parametrize("case", _params([c for c in CASES if c.id in FRESH]))
def test_a_failed_run_creates_no_output_file(tmp_path, case):
    argv = prepare(case, tmp_path)
    assert case.output
    (tmp_path / case.output).unlink()
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli(*argv, cwd=tmp_path)
    assert result.returncode == case.exit != 0
    assert not (tmp_path / case.output).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_every_failure_mode_has_a_distinct_id():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert set(KNOWN_FAILURES) <= set(ids)
    assert all(reason.startswith(("pending: ", "bug: ")) for reason in KNOWN_FAILURES.values())


# --------------------------------------------------------------------------------------------
# The same bad files through the Python API: ParseResult or PantucciBibError naming the file
# --------------------------------------------------------------------------------------------

#: convert cases whose input the API must refuse (the rest load, with problems as data).
API_REFUSES = {
    "empty-csl-json",
    "binary-garbage",
    "nul-bytes",
    "latin-1",
    "utf-16-bom",
    "truncated-csl-json",
    "csl-json-scalar",
    "csl-json-deeply-nested",
    "unknown-suffix",
    "missing-input",
    "directory-as-input",
}

_READ_CASES = [c for c in CASES if c.argv[0] == "convert" and "--from" not in c.argv]


@pytest.mark.parametrize("case", _READ_CASES, ids=lambda c: c.id)
def test_the_api_reads_or_raises_naming_the_file(tmp_path, case):
    prepare(case, tmp_path)
    path = tmp_path / case.argv[1].rstrip("/")
    if case.id in API_REFUSES:
        with pytest.raises(PantucciBibError) as caught:
            load(path)
        assert caught.value.where.startswith(str(path))
        return
    result = load(path)
    assert all(p.where.source == str(path) and p.where.line >= 1 for p in result.problems)
    if result.problems:  # lenient: problems as data; strict: the first, error or warning, raised
        with pytest.raises(ParseError, match="strict mode") as caught:
            load(path, strict=True)
        assert caught.value.where == f"{path}:{result.problems[0].where.line}"
    else:
        assert load(path, strict=True) == result


def test_lenient_keeps_the_three_good_entries_and_strict_writes_nothing(tmp_path):
    """Lenient by default: 3 good entries written, exit 0, the 2 bad ones reported and counted.
    --strict: exit 3 (EXIT_PARTIAL), no output at all — not even the 3 good entries."""
    (case,) = [c for c in CASES if c.id == "lenient-3-good-2-bad"]
    prepare(case, tmp_path)
    out = tmp_path / "out.json"
    out.unlink()
    lenient = run_cli("convert", "in.bib", "-o", "out.json", cwd=tmp_path)
    assert lenient.returncode == 0
    assert [item["id"] for item in json.loads(out.read_text(encoding="utf-8"))] == [
        "one",
        "two",
        "three",
    ]
    assert (
        lenient.stderr.splitlines()[-1] == f"{PROG}: wrote 3 records to out.json; 2 entries skipped"
    )
    to_stdout = run_cli("convert", "in.bib", "--to", "csl-json", cwd=tmp_path)
    assert to_stdout.returncode == 0 and json.loads(to_stdout.stdout)
    assert to_stdout.stderr.splitlines()[-1].endswith("to standard output; 2 entries skipped")
    out.unlink()
    strict = run_cli("convert", "in.bib", "-o", "out.json", "--strict", cwd=tmp_path)
    assert strict.returncode == 3 and not out.exists()
    assert strict.stderr.splitlines()[-1] == (
        f"{PROG}: error: in.bib: 2 entries skipped in strict mode; nothing written"
    )


# --------------------------------------------------------------------------------------------
# Output that cannot be written: a read-only directory, a full disk (in-process, simulated)
# --------------------------------------------------------------------------------------------


@pytest.fixture
def good_bib(tmp_path: Path) -> Path:
    path = tmp_path / "in.bib"
    path.write_text(
        "@article{a,\n  author = {Doe, Jane},\n  title = {T},\n  year = 2020,\n}\n", "utf-8"
    )
    return path


def _main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = cli.main(list(argv))
    return code, capsys.readouterr().err.splitlines()


def test_an_unwritable_location_really_refuses(tmp_path, good_bib):
    """A directory without write permission; as root, whom permissions do not stop, /proc,
    which takes no new files whoever asks: the kernel's own refusal either way."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # root
            assert Path("/proc/self").is_dir(), "as root this test needs Linux /proc"
            locked = Path("/proc")
        out = locked / "out.json"
        result = run_cli("convert", str(good_bib), "-o", str(out))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{PROG}: error: {out}: cannot write")
        assert not out.exists()
    finally:
        (tmp_path / "locked").chmod(0o700)


def test_a_read_only_directory_simulated(tmp_path, good_bib, capsys, monkeypatch):
    """As root chmod changes nothing, so the refusal the kernel would give is simulated."""
    out = tmp_path / "out.json"
    out.write_text(PREVIOUS, encoding="utf-8")
    monkeypatch.setattr("pantucci_bib.output.os.access", lambda *args, **kwargs: False)
    code, lines = _main(capsys, "convert", str(good_bib), "-o", str(out))
    assert code == 2
    assert lines == [
        f"{PROG}: error: {out}: cannot write: the directory {str(tmp_path)!r} is not writable"
    ]
    assert out.read_text(encoding="utf-8") == PREVIOUS


@pytest.mark.parametrize("case", SIMULATED, ids=lambda case: case.id)
def test_the_simulated_rows_of_the_docs(tmp_path, case):
    """docs/failures.md shows these runs; here they are held to what it says."""
    code, stderr = run_simulated(case, tmp_path)
    assert code == case.exit
    assert len(stderr.splitlines()) == 1 and case.says in stderr and "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.bib", "out.json"]
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == PREVIOUS


def test_permission_denied_while_writing_simulated(tmp_path, good_bib, capsys, monkeypatch):
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("pantucci_bib.output.tempfile.mkstemp", refuse)
    out = tmp_path / "out.json"
    code, lines = _main(capsys, "convert", str(good_bib), "-o", str(out))
    assert code == 2 and lines == [f"{PROG}: error: {out}: cannot write: Permission denied"]
    assert not out.exists()


def _no_space(*args: Any, **kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullDisk:
    """A binary file whose writes fail as on a full disk (what os.write would raise)."""

    def __init__(self, fd: int) -> None:
        self._file = open(fd, "wb")  # noqa: SIM115 (closed by __exit__)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


@pytest.mark.parametrize("fails", ["write", "fsync"])
@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_a_full_disk_leaves_no_file_and_no_temporary(
    tmp_path, good_bib, capsys, monkeypatch, fails, existing
):
    if fails == "write":
        monkeypatch.setattr("pantucci_bib.output.os.fdopen", lambda fd, mode: _FullDisk(fd))
    else:
        monkeypatch.setattr("pantucci_bib.output.os.fsync", _no_space)
    out = tmp_path / "out.json"
    if existing:
        out.write_text(PREVIOUS, encoding="utf-8")
    code, lines = _main(capsys, "convert", str(good_bib), "-o", str(out))
    assert code == 2
    assert lines == [f"{PROG}: error: {out}: cannot write: No space left on device"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["in.bib", *(["out.json"] if existing else [])]
    )
    if existing:
        assert out.read_text(encoding="utf-8") == PREVIOUS
    with pytest.raises(OutputError) as caught:  # the API says the same
        write_atomic(tmp_path / "api.txt", "text")
    assert caught.value.where == str(tmp_path / "api.txt")
    assert not (tmp_path / "api.txt").exists()


def test_output_permissions_follow_the_umask_and_an_existing_file(tmp_path):
    fresh = tmp_path / "fresh.txt"
    umask = os.umask(0o027)
    try:
        write_atomic(fresh, "x")
    finally:
        os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o640  # not mkstemp's 0o600
    kept = tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o604)
    write_atomic(kept, "new")
    assert kept.stat().st_mode & 0o777 == 0o604 and kept.read_text(encoding="utf-8") == "new"


def test_an_unencodable_output_is_refused_before_any_file_exists(tmp_path):
    with pytest.raises(PantucciBibError, match="unpaired surrogate"):
        write_atomic(tmp_path / "out.txt", "a \ud800 b")
    assert not list(tmp_path.iterdir())


# --------------------------------------------------------------------------------------------
# A huge input, and Ctrl-C
# --------------------------------------------------------------------------------------------

_ENTRY = (
    "@article{{k{0},\n  author = {{Doe, Jane and Roe, Richard}},\n  title = {{Entry {0}}},\n"
    "  journal = {{A Journal}},\n  year = {{2015}},\n  abstract = {{{1}}},\n}}\n"
)


def _write_bib(path: Path, entries: int, *, abstract: str = "", between: str = "") -> int:
    """A .bib of ``entries`` entries with ``abstract``, each followed by ``between``; its size."""
    with path.open("w", encoding="utf-8") as handle:
        for start in range(0, entries, 1000):
            block = range(start, min(start + 1000, entries))
            handle.write("".join(_ENTRY.format(i, abstract) + between for i in block))
    return path.stat().st_size


@pytest.mark.slow
def test_a_100_mb_input_completes(tmp_path):
    """~100 MB: 10,000 entries, each followed by ~10 KB of the prose BibTeX ignores between
    entries (so the run takes seconds, not minutes, yet every byte is read and scanned)."""
    source = tmp_path / "huge.bib"
    size = _write_bib(source, 10_000, between="Text between entries is ignored by BibTeX.\n" * 230)
    assert size > 100_000_000
    out = tmp_path / "huge.json"
    result = run_cli("convert", str(source), "-o", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == f"{PROG}: wrote 10000 records to {out}\n"
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 10_000 and items[-1]["id"] == "k9999"


def _interrupted(process: subprocess.Popen[str], out_dir: Path) -> None:
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr == f"{PROG}: interrupted\n"
    assert sorted(p.name for p in out_dir.iterdir()) == ["out.json"]  # no temporary
    assert (out_dir / "out.json").read_text(encoding="utf-8") == PREVIOUS


def _convert(source: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    out.parent.mkdir()
    out.write_text(PREVIOUS, encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, "-m", "pantucci_bib.cli", "convert", str(source), "-o", str(out), *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        # as in a terminal: a run started in the background (``cmd &`` in a script) inherits
        # SIGINT ignored, and Python then never raises KeyboardInterrupt
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _bytes_read(pid: int) -> int:
    """Bytes the process has read so far (Linux /proc/PID/io), its imports included."""
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["rchar"])


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs Linux /proc/PID/io")
def test_ctrl_c_while_converting_a_big_file(tmp_path):
    """SIGINT once the child has read the whole input (its own imports read ~4 MB, far less
    than the 20 MB input), so it arrives while the entries are parsed: no sleeping, no race.
    Long abstracts make the parsing take seconds, so the signal cannot come too late."""
    source = tmp_path / "big.bib"
    size = _write_bib(source, 2_000, abstract="A long abstract of Central Asia. " * 300)
    assert size > 20_000_000
    out = tmp_path / "out" / "out.json"
    process = _convert(source, out)
    try:
        while process.poll() is None and _bytes_read(process.pid) < size:
            os.sched_yield()
        assert process.poll() is None, "the conversion ended before it could be interrupted"
        _interrupted(process, out.parent)
    finally:
        process.kill()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_ctrl_c_while_reading_a_pipe(tmp_path):
    """The input is a named pipe that this test feeds and never closes: the child is blocked
    reading it, certainly inside the command, when SIGINT arrives."""
    source = tmp_path / "in.bib"
    os.mkfifo(source)
    out = tmp_path / "out" / "out.json"
    process = _convert(source, out)
    try:
        writer = _open_writer(source, process)
        os.write(writer, b"@article{a,\n  title = {T},\n")
        _wait_blocked_reading(process)
        _interrupted(process, out.parent)
        os.close(writer)
    finally:
        process.kill()


def _wait_blocked_reading(process: subprocess.Popen[str]) -> None:
    """Return once ``process`` sleeps in a pipe read. A SIGINT that arrives between Python's
    check for signals and the read system call is only acted on when the read returns (as for
    any program), which here is never: the signal must find the read already waiting."""
    wchan = Path(f"/proc/{process.pid}/wchan")
    if not wchan.exists():
        pytest.skip("needs /proc/PID/wchan to see the child wait in read()")
    deadline = time.monotonic() + 60
    while not wchan.read_text().endswith("pipe_read"):  # pipe_read, anon_pipe_read
        assert process.poll() is None and time.monotonic() < deadline, "child never blocked"
        time.sleep(0.01)


def _open_writer(fifo: Path, process: subprocess.Popen[str]) -> int:
    """The write end of ``fifo``, once ``process`` has opened the read end."""
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:  # ENXIO: no reader yet
            if exc.errno != errno.ENXIO or process.poll() is not None:
                raise
            os.sched_yield()


def test_ctrl_c_while_writing_removes_the_temporary(tmp_path, good_bib, capsys, monkeypatch):
    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pantucci_bib.output.os.fsync", interrupt)
    out = tmp_path / "out.json"
    out.write_text(PREVIOUS, encoding="utf-8")
    code, lines = _main(capsys, "convert", str(good_bib), "-o", str(out))
    assert code == 130 and lines == [f"{PROG}: interrupted"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.bib", "out.json"]
    assert out.read_text(encoding="utf-8") == PREVIOUS
