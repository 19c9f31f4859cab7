"""Saving into shards: JSONL lines and Parquet rows of a corpus folder.

A mixin of `CorpusStore` (gui/io/corpus/store.py): the store owns the lock,
the manifest and group commit; this is how a document becomes a line of
`corpus-NNNNN.jsonl` or a row of `corpus-NNNNN.parquet` instead of a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gui.io.corpus.entries import Prepared, Profile, SavedDocument, saved_entry
from gui.io.corpus.index import ManifestIndex
from gui.io.corpus.manifest import Manifest
from gui.io.corpus.marker import Marker
from gui.io.corpus.parquet import ParquetShards
from gui.io.corpus.shards import ShardWriter


class ShardOutput(ManifestIndex):
    """The store's shard writers and the saves that go through them."""

    # Set by CorpusStore.__init__.
    path: Path
    _marker: Marker
    _manifest: Manifest
    _shards: ShardWriter | None
    _parquet: ParquetShards | None

    if TYPE_CHECKING:  # CorpusStore's own; declared here for the type checker only

        def _writing(self) -> AbstractContextManager[None]: ...
        def _profile_hash(self, profile: Profile, allow_mixed: bool) -> str: ...
        def _previous(self, extra: Mapping[str, Any] | None, replace: bool) -> dict | None: ...
        def _stage(self, entry: dict[str, Any]) -> None: ...
        def commit(self) -> None: ...

    def save_line(
        self, doc_id: str, raw: str, normalized: str, *, profile: Profile, **options: Any
    ) -> SavedDocument:
        """Append one `{"id", "text"}` line to the JSONL shards and stage its manifest line."""
        prepared = Prepared.for_jsonl(doc_id, raw, normalized)
        return self.save_line_prepared(doc_id, prepared, profile=profile, **options)

    def save_line_prepared(
        self,
        doc_id: str,
        prepared: Prepared,
        *,
        profile: Profile,
        source: str | None = None,
        extra: Mapping[str, Any] | None = None,
        allow_mixed_profiles: bool = False,
    ) -> SavedDocument:
        """`save_line` with the line made already (`Prepared.for_jsonl(doc_id, ...)`)."""
        with self._writing():
            sha = self._profile_hash(profile, allow_mixed_profiles)
            self._previous(extra, replace=False)
            data = prepared.data
            name, offset = self._shard_writer().append(data)
            location = {"id": doc_id, "offset": offset, "bytes": len(data)}
            entry = saved_entry(name, prepared, sha, source, {**location, **(extra or {})})
            self._stage(entry)
            return SavedDocument(self.path / name, entry)

    def save_row(
        self, doc_id: str, raw: str, normalized: str, *, profile: Profile, **options: Any
    ) -> SavedDocument:
        """Add one row to the Parquet shard being filled (`gui.io.corpus.parquet`)."""
        prepared = Prepared.for_txt(raw, normalized)
        return self.save_row_prepared(doc_id, prepared, profile=profile, **options)

    def save_row_prepared(
        self,
        doc_id: str,
        prepared: Prepared,
        *,
        profile: Profile,
        source: str | None = None,
        extra: Mapping[str, Any] | None = None,
        allow_mixed_profiles: bool = False,
    ) -> SavedDocument:
        """`save_row` with the text hashed already (`Prepared.for_txt`: its data is the text).

        Its manifest line is staged when the shard is written (full, `end_shard`, close).
        """
        with self._writing():
            sha = self._profile_hash(profile, allow_mixed_profiles)
            self._previous(extra, replace=False)
            shards = self._parquet_shards()
            name = shards.name
            location = {"id": doc_id, "row": shards.pending}
            entry = saved_entry(name, prepared, sha, source, {**location, **(extra or {})})
            record = (extra or {}).get("record")
            row = {
                "id": doc_id,
                "text": prepared.data.decode("utf-8"),
                "record": None if record is None else str(record),
                "source": source,
                "raw_sha256": entry["raw_sha256"],
                "normalized_sha256": entry["normalized_sha256"],
            }
            shards.add(row, entry)
            self._manifest.entries.append(entry)
            self._index(entry)  # staged in the manifest once the shard is on disk
            if shards.full:
                self.end_shard()
            return SavedDocument(self.path / name, entry)

    def end_shard(self) -> None:
        """End the shard being written: the next line or row starts a new one."""
        if self._parquet is not None and self._parquet.pending:
            for entry in self._parquet.write():
                self._manifest.stage(entry)
            self.commit()
        if self._shards is not None:
            self._shards.end()

    def _shard_writer(self) -> ShardWriter:
        if self._shards is None:

            def claim(name: str) -> None:
                self._marker.add_shard(name)
                self._marker.write()

            self._shards = ShardWriter(self.path, self._marker.shards, self._shard_ends, claim)
        return self._shards

    def _parquet_shards(self) -> ParquetShards:
        if self._parquet is None:

            def claim(name: str) -> None:
                self._marker.add_shard(name)
                self._marker.write()

            self._parquet = ParquetShards(self.path, self._marker.shards, self._files, claim)
        return self._parquet
