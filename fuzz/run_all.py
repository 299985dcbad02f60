"""Fuzz every reader for a fixed budget and file what crashes as regression fixtures.

    python fuzz/run_all.py --seconds 60            # each reader, one after the other

Each reader gets a corpus under fuzz/corpus/READER (git-ignored; kept between runs), seeded
from tests/fixtures/fuzz/READER__* and the project's own fixture files of that format, and
the libFuzzer dictionary fuzz/READER.dict when there is one.
Crashing (or hanging, or memory-hungry) inputs that libFuzzer saves are copied to
tests/fixtures/fuzz/READER__crash-… so that tests/test_reader_properties.py replays them.
The last lines printed are a table of readers, seconds, executions and crashes for
fuzz/README.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT / "tests" / "fixtures"
REGRESSIONS = FIXTURES / "fuzz"
READERS = ["archive", "biblatex", "bibtex", "csl-json", "ris"]
#: The project's fixture files that seed each reader's corpus (besides its own fuzz seeds).
SEED_GLOBS = {
    "archive": ["pages/*.txt", "pages/*.html"],
    "biblatex": ["bib/*.bib"],
    "bibtex": ["bib/*.bib"],
    "csl-json": ["bib/*.json"],
    "ris": ["bib/*.ris"],
}
MAX_LEN = 16_384


def seed(reader: str, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = list(REGRESSIONS.glob(f"{reader}__*"))
    for pattern in SEED_GLOBS[reader]:
        seeds += FIXTURES.glob(pattern)
    for path in seeds:
        data = path.read_bytes()[:MAX_LEN]
        (corpus / f"seed-{path.name}").write_bytes(data)


def fuzz(reader: str, seconds: int) -> tuple[int, list[Path]]:
    """Run the harness on ``reader``; the number of executions and the new regression files."""
    corpus = HERE / "corpus" / reader
    artifacts = HERE / "crashes" / reader
    seed(reader, corpus)
    artifacts.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        str(HERE / "fuzz_readers.py"),
        "--reader",
        reader,
        str(corpus),
        f"-max_total_time={seconds}",
        f"-max_len={MAX_LEN}",
        "-timeout=20",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
    ]
    dictionary = HERE / f"{reader}.dict"
    if dictionary.is_file():  # the format's tokens: found 1e999 in date-parts within seconds
        command.append(f"-dict={dictionary}")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    (HERE / "crashes" / f"{reader}.log").write_text(done.stderr[-200_000:], encoding="utf-8")
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", done.stderr)
    filed = []
    for artifact in sorted(artifacts.iterdir()):
        target = REGRESSIONS / f"{reader}__{artifact.name}"
        if not target.exists():
            shutil.copyfile(artifact, target)
            filed.append(target)
    return (int(runs[-1]) if runs else 0), filed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="budget per reader")
    parser.add_argument("--reader", action="append", choices=READERS, help="default: all")
    args = parser.parse_args()
    rows = []
    for reader in args.reader or READERS:
        runs, filed = fuzz(reader, args.seconds)
        rows.append(f"| {reader} | {args.seconds} | {runs:,} | {len(filed)} |")
        for path in filed:
            print(f"{reader}: crash filed as {path.relative_to(ROOT)}", flush=True)
    print("| reader | seconds | executions | crashes filed |")
    print("| --- | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
