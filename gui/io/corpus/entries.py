"""Manifest entries: what one line says about a saved or skipped record.

A saved entry: `status`, `file` (plus `id`, `offset`, `bytes` for a JSONL
line), `source`, `raw_sha256`, `normalized_sha256`, `chars`,
`profile_sha256` (the profile itself is in corpus.toml), `app_version`,
`time`, and for dataset records `dataset` and `record`. Older manifests carry
the whole `profile` on every line instead; they are read the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from gui import __version__
from gui.io.corpus.shards import jsonl_line


class Profile(Protocol):
    """What the store needs of a profile: its TOML-ready form (kept once, in corpus.toml).

    A protocol, so this I/O layer stays below the engine that defines profiles.
    """

    def to_dict(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class SavedDocument:
    path: Path
    entry: Mapping[str, Any]


SAVED = "saved"
SKIPPED = "skipped"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def document_name(entry: Mapping[str, Any]) -> str:
    """How a saved entry's document is named in messages: its file, plus `#id` in a JSONL file."""
    name = str(entry.get("file", ""))
    return f"{name}#{entry['id']}" if "id" in entry else name


@dataclass(frozen=True, slots=True)
class Prepared:
    """A normalized text ready to save: hashed and encoded where it was made.

    A batch makes these in its worker processes, so the writing process only
    writes. `data` is what goes to disk: the text as UTF-8 (`for_txt`) or its
    JSONL line (`for_jsonl`). `temp`: a temporary file in the corpus folder
    that already holds `data` (written by a worker; the store links it to the
    document's name, or removes it).
    """

    raw_sha256: str
    normalized_sha256: str
    chars: int
    blank: bool
    data: bytes
    temp: str = ""

    @classmethod
    def for_txt(cls, raw: str, normalized: str, temp: str = "") -> Prepared:
        data = normalized.encode("utf-8")
        return cls(sha256_text(raw), _sha(data), len(normalized), _blank(normalized), data, temp)

    @classmethod
    def for_jsonl(cls, doc_id: str, raw: str, normalized: str) -> Prepared:
        line = jsonl_line(doc_id, normalized)
        sha = sha256_text(normalized)
        return cls(sha256_text(raw), sha, len(normalized), _blank(normalized), line)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _blank(text: str) -> bool:
    return not text.strip()


def saved_entry(
    file: str,
    prepared: Prepared,
    profile_sha256: str,
    source: str | None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest entry of a saved document: provenance, hashes, profile hash, time."""
    return {
        "status": SAVED,
        "file": file,
        "source": source,
        "raw_sha256": prepared.raw_sha256,
        "normalized_sha256": prepared.normalized_sha256,
        "chars": prepared.chars,
        "profile_sha256": profile_sha256,
        "app_version": __version__,
        "time": now(),
        **(extra or {}),
    }


def skipped_entry(reason: str, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "status": SKIPPED,
        "reason": reason,
        "app_version": __version__,
        "time": now(),
        **(extra or {}),
    }
