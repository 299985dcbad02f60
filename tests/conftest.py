"""Shared fixtures: paths to ../shared, and skips for absent external programs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CSL_SCHEMA = SHARED / "csl-schema"


def require_tool(name: str) -> str:
    """Path of an external program, or skip the test naming the Debian package to install."""
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed (scripts/test.sh installs it with apt-get)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must not skip checks by real programs")
        pytest.skip(reason)
    return path


def pytest_configure(config: pytest.Config) -> None:
    """Formatting caches go to a fresh directory per run, never the user's cache."""
    import tempfile

    config.pb_cache = tempfile.TemporaryDirectory(prefix="pantucci-bib-cache-")  # type: ignore[attr-defined]
    os.environ["PANTUCCI_BIB_CACHE_DIR"] = config.pb_cache.name  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    cache = getattr(config, "pb_cache", None)
    if cache is not None:
        cache.cleanup()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed pages not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def csl_data_schema() -> dict[str, object]:
    import json

    path = CSL_SCHEMA / "csl-data.json"
    if not path.is_file():
        pytest.skip(f"CSL schema not found at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def synthetic_records(count: int) -> list[Any]:
    """``count`` records from the benchmark's deterministic generator (bench/generate.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "pb_bench_generate", ROOT / "bench" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records: list[Any] = module.generate(count)
    return records


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``pantucci-bib ARGS`` as a user would: a real process, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "pantucci_bib.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
    )
