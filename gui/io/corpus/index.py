"""What the manifest says, indexed: live documents, their hashes, each record's last entry.

A base of `CorpusStore` (the only class that writes): it reads through the
store's `Manifest` and keeps, in memory, which documents are live (a
replaced document's old text is no longer "in the corpus"), the hash of each,
the last entry of each dataset record and how far each JSONL shard is
recorded. Older manifests repeat the profile on every line: one copy is kept.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from gui.io.corpus.entries import SAVED, document_name, sha256_text
from gui.io.corpus.files import is_regular
from gui.io.corpus.manifest import Manifest
from gui.io.corpus.marker import profile_sha256


class ManifestIndex:
    path: Path
    _manifest: Manifest
    _loaded: bool

    def entries(self) -> list[dict[str, Any]]:
        """Every manifest entry, oldest first (malformed lines are reported, not fatal)."""
        self._load()
        return self._manifest.entries

    def refresh(self) -> None:
        """Read what other writers appended since (a reader's view goes stale)."""
        self._load()
        new = self._manifest.read_new()
        if new is None:
            self._reindex()
        else:
            for entry in new:
                self._index(entry)

    def document_count(self) -> int:
        """Documents in the folder: live saved documents whose file still exists."""
        self._load()
        present: dict[str, bool] = {}
        count = 0
        for name in self._live:
            file = name.split("#", 1)[0]
            if file not in present:
                present[file] = is_regular(self.path / file)
            count += present[file]
        return count

    @property
    def saved_count(self) -> int:
        """Live saved documents per the manifest (kept from save results; no disk access)."""
        self._load()
        return len(self._live)

    def find_duplicate(self, normalized: str) -> str | None:
        """The document that already holds this normalized text, if any."""
        return self.find_duplicate_sha(sha256_text(normalized))

    def find_duplicate_sha(self, normalized_sha256: str) -> str | None:
        """`find_duplicate` by the text's sha256 (a batch worker hashed it)."""
        self._load()
        return self._by_normalized.get(normalized_sha256)

    def is_saved(self, dataset: str, record: str) -> Mapping[str, Any] | None:
        """The live saved entry of this dataset record, if it has one."""
        self._load()
        entry = self._by_record.get((dataset, str(record)))
        return entry if entry is not None and entry.get("status", SAVED) == SAVED else None

    def record_entry(self, dataset: str, record: str) -> Mapping[str, Any] | None:
        """The last entry (saved or skipped) of this dataset record."""
        self._load()
        return self._by_record.get((dataset, str(record)))

    def _reset_index(self) -> None:
        self._by_normalized: dict[str, str] = {}
        self._sha_of: dict[str, str] = {}  # live document name -> its normalized sha
        self._live: set[str] = set()
        self._files: set[str] = set()
        self._by_record: dict[tuple[str, str], dict[str, Any]] = {}
        self._shard_ends: dict[str, int] = {}
        self._legacy_profiles: dict[str, dict[str, Any]] = {}

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for entry in self._manifest.read_new() or self._manifest.entries:
                self._index(entry)

    def _reindex(self) -> None:
        self._reset_index()
        for entry in self._manifest.entries:
            self._index(entry)

    def _index(self, entry: dict[str, Any]) -> None:
        profile = entry.get("profile")
        if isinstance(profile, dict):  # older manifests repeat the profile: keep one copy
            sha = profile_sha256(profile)
            entry["profile"] = self._legacy_profiles.setdefault(sha, profile)
        if "record" in entry and "dataset" in entry:
            self._by_record[(str(entry["dataset"]), str(entry["record"]))] = entry
        if entry.get("status", SAVED) != SAVED or "file" not in entry:
            return
        file = str(entry["file"])
        self._files.add(file)
        name = document_name(entry)
        old = self._sha_of.get(name)
        if old is not None and self._by_normalized.get(old) == name:
            del self._by_normalized[old]  # replaced: the old text is no longer here
        normalized_sha = entry.get("normalized_sha256")
        if isinstance(normalized_sha, str):
            self._sha_of[name] = normalized_sha
            self._by_normalized.setdefault(normalized_sha, name)
        self._live.add(name)
        if "offset" in entry and "bytes" in entry:
            with contextlib.suppress(TypeError, ValueError):
                end = int(entry["offset"]) + int(entry["bytes"])
                self._shard_ends[file] = max(self._shard_ends.get(file, 0), end)
