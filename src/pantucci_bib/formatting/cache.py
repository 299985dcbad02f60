"""An on-disk cache of formatting results, so that an unchanged library re-formats at once.

Every result :mod:`pantucci_bib.formatting` computes with citeproc-py (an item's sort keys, its
ambiguity key, its formatted entry) is stored under a digest of everything it depends on: the
style file's bytes, the locale, the output format, the code that renders it (this package's
version, citeproc-py's, and the source of the formatting modules), the item's CSL-JSON, and for
an entry its year suffix, its citation number where the style prints one, and the previous item
where the style substitutes repeated names. A changed record, style or release therefore never
meets a stale result; a changed library re-renders only what changed.

The cache is one SQLite file in ``$PANTUCCI_BIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/pantucci_bib``
(``~/.cache/pantucci_bib``); ``PANTUCCI_BIB_CACHE_DIR=""`` turns it off. Deleting the file is
always safe. A cache that cannot be opened, read or written is skipped silently: it is only ever
an optimisation, never a source of errors.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

__all__ = ["CACHE_ENV", "EntryCache", "cache_dir", "digest", "item_digest"]

#: Environment variable naming the cache directory ("" turns the cache off).
CACHE_ENV = "PANTUCCI_BIB_CACHE_DIR"

_FILE_NAME = "format-cache-v1.sqlite3"
_MAX_BYTES = 256 * 1024 * 1024  # past this the file is started afresh, so it never grows unbounded
_BATCH = 500  # keys per SELECT (SQLite allows 999 parameters in old builds)


def cache_dir() -> Path | None:
    """The directory of the cache, or None when it is turned off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path("~/.cache").expanduser()) / "pantucci_bib"


def digest(*parts: object) -> str:
    """A hex SHA-256 of ``parts`` (strings, numbers, None), unambiguous about their boundaries."""
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def item_digest(item: Mapping[str, Any]) -> str:
    """The digest of one CSL-JSON item, whatever the order of its keys."""
    text = json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class EntryCache:
    """JSON values by digest in one SQLite file; every failure makes it a no-op, never an error."""

    def __init__(self, directory: Path | None) -> None:
        self._connection: sqlite3.Connection | None = None
        if directory is None:
            return
        try:
            directory.mkdir(parents=True, exist_ok=True)
            path = directory / _FILE_NAME
            if path.exists() and path.stat().st_size > _MAX_BYTES:
                path.unlink()
            connection = sqlite3.connect(path, timeout=5, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            self._connection = connection
        except (OSError, sqlite3.Error):
            self._connection = None

    @property
    def enabled(self) -> bool:
        """Whether results are read and kept (False when off or unusable)."""
        return self._connection is not None

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The stored values of those ``keys`` that are present."""
        wanted = list(dict.fromkeys(keys))
        if self._connection is None or not wanted:
            return {}
        found: dict[str, Any] = {}
        try:
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                rows = self._connection.execute(
                    f"SELECT key, value FROM results WHERE key IN ({marks})", batch
                )
                found.update((key, json.loads(value)) for key, value in rows)
        except (sqlite3.Error, ValueError):
            return {}
        return found

    def put_many(self, values: Mapping[str, Any]) -> None:
        """Store ``values`` (JSON-serialisable) in one transaction."""
        if self._connection is None or not values:
            return
        rows = [(key, json.dumps(value, ensure_ascii=False)) for key, value in values.items()]
        try:
            with self._connection:
                self._connection.execute("BEGIN")
                self._connection.executemany(
                    "INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", rows
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        """Close the file (further calls are no-ops)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
