"""The corpus folder: normalized documents plus a manifest of where each came from.

Layout:

    corpus/
      corpus.toml            the marker: the profile(s) the corpus is made with, shards
      some-article.txt       one normalized document, UTF-8, exact bytes (txt output)
      corpus-00000.jsonl     one {"id", "text"} a line (jsonl output), rotated by size
      corpus-00000.parquet   rows id, text, record, source, hashes (parquet output)
      manifest.jsonl         one JSON object per line, one per save or skip
      README.md              dataset card: `load_dataset(folder)` loads every document
      .corpus.lock           while a writer holds the folder (pid, host, command, since)

Modules: `store` (the one object that reads and writes a folder; `index`,
what the manifest says, is its base), `lock`, `manifest` (healing reads and
writes), `marker` (corpus.toml), `documents` (.txt files), `shards` (JSONL
output), `parquet` (Parquet output), `shard_output` (saving lines and rows),
`folder` (whether a folder may be a corpus), `entries` (what a manifest line
says), `card` (README.md), `files` (control files opened without following
links, counted fsyncs), `verify` (`textwash verify`).
"""

from gui.io.corpus.card import CARD_NAME
from gui.io.corpus.entries import (
    SAVED,
    SKIPPED,
    Prepared,
    document_name,
    saved_entry,
    sha256_text,
)
from gui.io.corpus.errors import (
    AlreadySaved,
    CorpusError,
    CorpusLocked,
    DuplicateDocument,
    ProfileMismatch,
)
from gui.io.corpus.lock import LOCK_NAME
from gui.io.corpus.manifest import MANIFEST_NAME
from gui.io.corpus.marker import MARKER_NAME, profile_sha256
from gui.io.corpus.shards import LEGACY_JSONL_NAME, SHARD_BYTES, is_shard_name, shard_name
from gui.io.corpus.store import DOCUMENT_SUFFIX, CorpusStore, Profile, SavedDocument

CorpusFolder = CorpusStore
"""The name the window and older code use."""

__all__ = [
    "CARD_NAME",
    "DOCUMENT_SUFFIX",
    "LEGACY_JSONL_NAME",
    "LOCK_NAME",
    "MANIFEST_NAME",
    "MARKER_NAME",
    "SAVED",
    "SHARD_BYTES",
    "SKIPPED",
    "AlreadySaved",
    "CorpusError",
    "CorpusFolder",
    "CorpusLocked",
    "CorpusStore",
    "DuplicateDocument",
    "Prepared",
    "Profile",
    "ProfileMismatch",
    "SavedDocument",
    "document_name",
    "is_shard_name",
    "profile_sha256",
    "saved_entry",
    "sha256_text",
    "shard_name",
]
