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
from datetime import UTC, datetime
from typing import Any

from gui import __version__

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


def saved_entry(
    file: str,
    raw: str,
    normalized: str,
    profile_sha256: str,
    source: str | None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest entry of a saved document: provenance, hashes, profile hash, time."""
    return {
        "status": SAVED,
        "file": file,
        "source": source,
        "raw_sha256": sha256_text(raw),
        "normalized_sha256": sha256_text(normalized),
        "chars": len(normalized),
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
