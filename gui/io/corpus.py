"""The corpus folder: normalized documents plus a manifest of where each came from.

Layout:

    corpus/
      some-article.txt       one normalized document, UTF-8, exact bytes
      manifest.jsonl         one JSON object per line, appended on every save

A manifest entry records the file, its source, SHA-256 of the raw and of the
normalized text, the full profile, the app version and the time, and for
dataset records the dataset path and record key. Documents are written
atomically and never overwrite an existing file; the manifest line is
appended only after the document is safely on disk, and if appending fails the
document is removed again, so the folder and its manifest always agree.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from gui import __version__
from gui.io.atomic import write_text_atomic
from gui.io.naming import suggest_stem


class Profile(Protocol):
    """What the corpus needs of a profile: its TOML-ready form for the manifest.

    A protocol, so this I/O layer stays below the engine that defines profiles.
    """

    def to_dict(self) -> dict[str, Any]: ...


MANIFEST_NAME = "manifest.jsonl"
DOCUMENT_SUFFIX = ".txt"
SAVED = "saved"
SKIPPED = "skipped"


class CorpusError(Exception):
    """The corpus folder cannot be used or written; the message says why."""


class DuplicateDocument(CorpusError):
    """The normalized text is already in the corpus, as `earlier_file`."""

    def __init__(self, earlier_file: str) -> None:
        super().__init__(f"this normalized text is already in the corpus as {earlier_file}")
        self.earlier_file = earlier_file


@dataclass(frozen=True)
class SavedDocument:
    path: Path
    entry: Mapping[str, Any]


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CorpusFolder:
    """A folder of normalized documents with its manifest.

    One process writes a folder at a time; the manifest is read once and then
    kept up to date in memory, so saving stays fast in batch runs.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise CorpusError(f"{self.path}: the corpus folder does not exist")
        if not self.path.is_dir():
            raise CorpusError(f"{self.path}: is a file, not a folder")
        self._entries: list[dict[str, Any]] | None = None
        self._by_normalized: dict[str, str] = {}
        self._files: set[str] = set()
        self._profiles: dict[str, Any] = {}
        self._manifest_checked = False
        self.manifest_problems: list[str] = []

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST_NAME

    def entries(self) -> list[dict[str, Any]]:
        """Every manifest entry, oldest first (malformed lines are reported, not fatal).

        Read-only: entries with equal profiles share one `profile` dict.
        """
        if self._entries is None:
            self._entries = list(self._read_manifest())
            for entry in self._entries:
                self._index(entry)
        return self._entries

    def _index(self, entry: dict[str, Any]) -> None:
        # Every entry of a batch run carries the same profile: keep one copy in
        # memory, so a corpus of 40,000 documents costs megabytes, not hundreds.
        profile = entry.get("profile")
        if isinstance(profile, dict):
            key = json.dumps(profile, sort_keys=True, ensure_ascii=False)
            entry["profile"] = self._profiles.setdefault(key, profile)
        if entry.get("status", SAVED) != SAVED or "file" not in entry:
            return
        self._files.add(entry["file"])
        if "normalized_sha256" in entry:
            self._by_normalized.setdefault(entry["normalized_sha256"], document_name(entry))

    def document_count(self) -> int:
        """Documents in the folder: saved manifest entries whose file still exists."""
        return sum(
            1
            for entry in self.entries()
            if entry.get("status", SAVED) == SAVED and (self.path / entry.get("file", "")).is_file()
        )

    def find_duplicate(self, normalized: str) -> str | None:
        """The file that already holds this normalized text, if any."""
        self.entries()
        return self._by_normalized.get(sha256_text(normalized))

    def save(
        self,
        raw: str,
        normalized: str,
        *,
        profile: Profile,
        source: str | None = None,
        stem: str | None = None,
        allow_duplicate: bool = False,
        extra: Mapping[str, Any] | None = None,
        adopt_leftover: bool = False,
    ) -> SavedDocument:
        """Write one document and its manifest line; never overwrites a file.

        Raises DuplicateDocument when the normalized text is already here (unless
        `allow_duplicate`), CorpusError for anything the file system refuses.

        `adopt_leftover`: a file with the chosen name that the manifest does not
        list and that holds exactly these bytes is what a crash between writing
        the document and appending its manifest line leaves; it is taken as
        this document instead of writing a `-2` copy (resumed batch runs).
        """
        earlier = self.find_duplicate(normalized)
        if earlier is not None and not allow_duplicate:
            raise DuplicateDocument(earlier)
        path = self._write_unique(
            stem or suggest_stem(source, raw), normalized, adopt_leftover=adopt_leftover
        )
        entry = saved_entry(path.name, raw, normalized, profile, source, extra)
        try:
            self._append(entry)
        except CorpusError:
            path.unlink(missing_ok=True)
            raise
        return SavedDocument(path, entry)

    def add_entry(self, entry: Mapping[str, Any]) -> None:
        """Append a manifest entry for a document written by other means (JSONL output).

        A saved entry needs `file` and `normalized_sha256`; entries that share a
        file tell their documents apart by `id` (see `document_name`).
        """
        self._append(dict(entry))

    def record_skip(self, reason: str = "", extra: Mapping[str, Any] | None = None) -> None:
        """Note in the manifest that a record was looked at and left out."""
        self._append({"status": SKIPPED, "reason": reason, "time": _now(), **(extra or {})})

    def _write_unique(self, stem: str, text: str, *, adopt_leftover: bool = False) -> Path:
        self.entries()
        for attempt in range(1, 10_000):
            suffix = "" if attempt == 1 else f"-{attempt}"
            name = f"{stem}{suffix}{DOCUMENT_SUFFIX}"
            path = self.path / name
            if name == MANIFEST_NAME:
                continue
            if path.exists():
                if adopt_leftover and name not in self._files and _holds(path, text):
                    return path
                continue
            try:
                write_text_atomic(path, text, overwrite=False)
            except FileExistsError:
                continue  # another writer took the name meanwhile
            except OSError as error:
                raise CorpusError(_describe(error, f"cannot save {name}")) from None
            return path
        raise CorpusError(f"{self.path}: too many documents named {stem}")

    def _append(self, entry: dict[str, Any]) -> None:
        self.entries()
        line = json.dumps(entry, ensure_ascii=False, sort_keys=False) + "\n"
        if not self._manifest_checked:
            # A line cut short by a crash must not swallow the next one.
            if not _ends_with_newline(self.manifest_path):
                line = "\n" + line
            self._manifest_checked = True
        try:
            with open(self.manifest_path, "a", encoding="utf-8", newline="\n") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as error:
            raise CorpusError(_describe(error, f"cannot update {MANIFEST_NAME}")) from None
        assert self._entries is not None
        self._entries.append(entry)
        self._index(entry)

    def _read_manifest(self) -> Iterator[dict[str, Any]]:
        try:
            lines = self.manifest_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            raise CorpusError(f"cannot read {MANIFEST_NAME}: {error}") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                # A line cut short by a crash mid-append: report it, keep the rest.
                self.manifest_problems.append(f"{MANIFEST_NAME} line {number}: not valid JSON")
                continue
            if isinstance(entry, dict):
                yield entry


def document_name(entry: Mapping[str, Any]) -> str:
    """How a saved entry's document is named in messages: its file, plus `#id` in a JSONL file."""
    name = str(entry.get("file", ""))
    return f"{name}#{entry['id']}" if "id" in entry else name


def _holds(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _ends_with_newline(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() == 0:
                return True
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"
    except FileNotFoundError:
        return True
    except OSError:
        return True


def saved_entry(
    file: str,
    raw: str,
    normalized: str,
    profile: Profile,
    source: str | None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest entry of a saved document: provenance, hashes, profile, time."""
    return {
        "status": SAVED,
        "file": file,
        "source": source,
        "raw_sha256": sha256_text(raw),
        "normalized_sha256": sha256_text(normalized),
        "chars": len(normalized),
        "profile": profile.to_dict(),
        "app_version": __version__,
        "time": _now(),
        **(extra or {}),
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _describe(error: OSError, what: str) -> str:
    reasons = {28: "the disk is full", 13: "permission denied", 30: "the folder is read-only"}
    reason = reasons.get(error.errno or 0, error.strerror or str(error))
    return f"{what}: {reason}"
