"""The corpus store: the one object through which a corpus folder is read and written.

    >>> store = CorpusStore("corpus/")                       # a reader: no lock
    >>> store.document_count(), store.is_saved(dataset, "12")  # doctest: +SKIP
    >>> with store.open_for_writing(command="textwash clean ..."):   # the writer's lock
    ...     store.save(raw, normalized, profile=profile, source="a.txt")  # doctest: +SKIP

Readers need no lock. A writer holds the folder's lock (`CorpusLocked` names
the holder otherwise) from `open_for_writing()` to `close()`; a `save` without
it takes the lock for that one save, which is then durable when it returns.

Group commit: a held writer makes documents and manifest lines durable in
groups (`COMMIT_RECORDS` records or `COMMIT_SECONDS`, whichever first, and on
`commit()`/`close()`). Order: document bytes, then their names (folder
fsync), then the group's manifest lines in one write and an fsync. A crash
loses at most the manifest lines of the last group: their documents are
adopted on resume (same name, same bytes), their JSONL lines cut off and
written again, temporary files removed.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from gui import __version__
from gui.io.corpus.card import card_text, write_card
from gui.io.corpus.documents import holds, link_temp, replace_document, write_new
from gui.io.corpus.entries import (
    Prepared,
    Profile,
    SavedDocument,
    document_name,
    now,
    saved_entry,
    skipped_entry,
)
from gui.io.corpus.errors import AlreadySaved, CorpusError, DuplicateDocument, ProfileMismatch
from gui.io.corpus.files import (
    CAN_SYNC_FOLDER_FS,
    describe,
    fsync_folder,
    sync_files,
)
from gui.io.corpus.folder import check_folder, remove_leftovers
from gui.io.corpus.lock import CorpusLock
from gui.io.corpus.manifest import MANIFEST_NAME, Manifest
from gui.io.corpus.marker import profile_sha256
from gui.io.corpus.parquet import ParquetShards, is_parquet_name
from gui.io.corpus.shard_output import ShardOutput
from gui.io.corpus.shards import ShardWriter, is_shard_name
from gui.io.naming import suggest_stem

DOCUMENT_SUFFIX = ".txt"
SHARD_SUFFIXES = (".jsonl", ".parquet")
COMMIT_RECORDS = 256
COMMIT_SECONDS = 1.0


class CorpusStore(ShardOutput):
    """A corpus folder: documents (or JSONL shards), manifest, marker and lock."""

    def __init__(self, path: str | Path) -> None:
        if "\x00" in str(path):
            raise CorpusError(f"{str(path)!r}: a path cannot contain a NUL character")
        self.path = Path(path)
        self._marker = check_folder(self.path)
        self._manifest = Manifest(self.path)
        self._lock = CorpusLock(self.path)
        self._holds = 0
        self._loaded = False
        self._shards: ShardWriter | None = None
        self._parquet: ParquetShards | None = None
        self._pending_docs: list[int] = []
        self._unopened_docs = 0  # named since the last commit, left to syncfs (not opened)
        self._new_names = False
        self._last_commit = 0.0
        self._folder_id: tuple[int, int] | None = None
        self._profile_cache: tuple[object, str] | None = None
        self.notes: list[str] = []
        """Repairs made on open (torn line cut, temporary files removed): to say once."""
        self._reset_index()

    # -- reading ------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self._manifest.path

    @property
    def manifest_problems(self) -> list[str]:
        """Bad manifest lines by number, and repairs; never fatal to the rest."""
        self._load()
        problems = list(self._manifest.problems)
        if self._manifest.torn_tail and not self.writing:
            problems.append(
                f"{MANIFEST_NAME}: its last line is unfinished (an interrupted write); "
                "it is removed when the corpus is next written"
            )
        return problems

    @property
    def profiles(self) -> list[dict[str, Any]]:
        """The profiles recorded in corpus.toml: `sha256`, `added`, `profile` (full rules)."""
        return self._marker.profiles

    def marker_hashes(self) -> list[str]:
        """sha256 of every profile corpus.toml records, first the corpus's own."""
        return self._marker.hashes()

    @property
    def writing(self) -> bool:
        return self._holds > 0

    # -- holding the lock ---------------------------------------------------------

    def open_for_writing(self, command: str | None = None) -> CorpusStore:
        """Take the writer's lock (CorpusLocked names the holder); nests; `close()` ends it."""
        if self._holds == 0:
            self._acquire(command)
        self._holds += 1
        return self

    def close(self) -> None:
        """Commit what is pending and, at the outermost close, release the lock."""
        if self._holds == 0:
            return
        if self._holds > 1:
            self._holds -= 1
            return
        try:
            self.end_shard()
            self.commit()
            self._update_card()
        finally:
            self._holds = 0
            self._release()

    def _update_card(self) -> None:
        # What the card lists follows the manifest: documents, and shards with lines in them.
        files = self._files
        shards = sorted(name for name in files if name.endswith(SHARD_SUFFIXES))
        documents = any(name.endswith(DOCUMENT_SUFFIX) for name in files)
        write_card(self.path, card_text(documents, shards))

    def __enter__(self) -> CorpusStore:
        return self.open_for_writing()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _acquire(self, command: str | None) -> None:
        if self._folder_id is not None and not self.path.exists():
            # This store wrote here before: never recreate a deleted corpus silently.
            raise CorpusError(f"{self.path}: the corpus folder no longer exists (deleted or moved)")
        check_folder(self.path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CorpusError(describe(error, f"{self.path}: cannot create the folder")) from None
        self._lock.acquire(command)
        try:
            self._marker = check_folder(self.path)
            self._remove_leftovers()
            self._load()
            note = self._manifest.open_for_append()
            if note:
                self.notes.append(note)
            self.refresh()
            if not self._marker.exists:
                for profile in list(self._legacy_profiles.values())[:1]:
                    self._marker.add_profile(profile)  # an older corpus: its first profile
                self._marker.write()
            info = os.stat(self.path)
            self._folder_id = (info.st_dev, info.st_ino)
            if any(is_parquet_name(name) for name in self._marker.shards):
                self._parquet_shards()  # remove a shard a crash left unrecorded, now
            if any(is_shard_name(name) for name in self._marker.shards):
                self._shard_writer()  # cut lines a crash left unrecorded, now
            self._last_commit = time.monotonic()
        except BaseException:
            self._release()
            raise

    def _release(self) -> None:
        for fd in self._pending_docs:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._pending_docs.clear()
        self._manifest.drop_staged()
        if self._shards is not None:
            self._shards.close()
            self._shards = None
        self._parquet = None  # rows not yet written are not in the manifest: redone on resume
        self._manifest.close()
        self._lock.release()

    def _remove_leftovers(self) -> None:
        note = remove_leftovers(self.path)
        if note:
            self.notes.append(note)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        if self._holds:
            yield
            self._maybe_commit()
            return
        with self:  # one save, its own lock, durable when it returns
            yield

    # -- durability ---------------------------------------------------------------

    def _maybe_commit(self) -> None:
        if self._manifest.staged >= COMMIT_RECORDS or (
            time.monotonic() - self._last_commit >= COMMIT_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        """Make everything saved so far durable: documents, then names, then manifest lines."""
        pending = self._pending_docs or self._unopened_docs
        if not self._holds or (not self._manifest.staged and not pending):
            return
        try:
            self._check_folder_still_there()
            sync_files(self.path, self._pending_docs, self._unopened_docs)
            if self._new_names:
                fsync_folder(self.path)
            if self._shards is not None:
                self._shards.sync()
            self._manifest.flush(durable=True)
        except OSError as error:
            self._forget_uncommitted()
            raise CorpusError(describe(error, f"{self.path}: cannot save")) from None
        except CorpusError:
            self._forget_uncommitted()
            raise
        finally:
            for fd in self._pending_docs:
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._pending_docs.clear()
            self._unopened_docs = 0
            self._new_names = False
        self._last_commit = time.monotonic()

    def _forget_uncommitted(self) -> None:
        # The index holds entries whose lines never reached the manifest: rebuild it.
        self._manifest.drop_staged()
        self._reindex()

    def _check_folder_still_there(self) -> None:
        try:
            info = os.stat(self.path)
        except OSError:
            info = None
        if info is None or (info.st_dev, info.st_ino) != self._folder_id:
            raise CorpusError(f"{self.path}: the corpus folder disappeared during the run")
        if not self._manifest.same_file_at_path():
            raise CorpusError(f"{self.manifest_path}: removed or replaced during the run")

    # -- saving -------------------------------------------------------------------

    def _profile_hash(self, profile: Profile, allow_mixed: bool) -> str:
        cached = self._profile_cache
        if cached is not None and cached[0] is profile:
            sha = cached[1]
        else:
            data = profile.to_dict()
            sha = profile_sha256(data)
            self._profile_cache = (profile, sha)
        hashes = self._marker.hashes()
        if sha in hashes:
            return sha
        data = profile.to_dict()
        if hashes and not allow_mixed:
            first = self._marker.profiles[0]
            raise ProfileMismatch(
                self.path,
                str(first.get("profile", {}).get("name", "?")),
                hashes[0],
                str(data.get("name", "?")),
                sha,
            )
        self._marker.add_profile(data)
        self._marker.write()
        return sha

    def save(
        self,
        raw: str,
        normalized: str,
        *,
        profile: Profile,
        source: str | None = None,
        stem: str | None = None,
        **options: Any,
    ) -> SavedDocument:
        """Write one document (`.txt`) and stage its manifest line; see `save_prepared`."""
        prepared = Prepared.for_txt(raw, normalized)
        stem = stem or suggest_stem(source, raw)
        return self.save_prepared(prepared, profile=profile, source=source, stem=stem, **options)

    def save_prepared(
        self,
        prepared: Prepared,
        *,
        profile: Profile,
        stem: str,
        source: str | None = None,
        allow_duplicate: bool = False,
        extra: Mapping[str, Any] | None = None,
        adopt_leftover: bool = True,
        replace: bool = False,
        allow_mixed_profiles: bool = False,
    ) -> SavedDocument:
        """Write one document (`.txt`) and stage its manifest line; never overwrites a file.

        Raises DuplicateDocument when the normalized text is already here (unless
        `allow_duplicate`), AlreadySaved when `extra` names a dataset record that
        has a document (unless `replace`: the new text then replaces that file
        atomically, `replaced` in the manifest), ProfileMismatch, CorpusLocked,
        CorpusError for anything the file system refuses.

        `adopt_leftover`: a file with the chosen name that the manifest does not
        list and that holds exactly these bytes is what a crash before the
        group's manifest lines leaves; it is taken as this document. A
        `prepared.temp` file is linked to the name or removed, whatever happens.
        """
        try:
            with self._writing():
                sha = self._profile_hash(profile, allow_mixed_profiles)
                previous = self._previous(extra, replace)
                earlier = self.find_duplicate_sha(prepared.normalized_sha256)
                own = previous is not None and earlier == document_name(previous)
                if earlier is not None and not allow_duplicate and not own:
                    raise DuplicateDocument(earlier)
                data = prepared.data
                more = dict(extra or {})
                if previous is not None:
                    if "offset" in previous:
                        name = document_name(previous)
                        raise CorpusError(f"{name}: a JSONL line cannot be replaced")
                    path = self._replace_document(str(previous["file"]), data)
                    more.update(replaced=True, replaced_sha256=previous.get("normalized_sha256"))
                    if prepared.temp:
                        self.discard_temp(prepared.temp)
                else:
                    path = self._write_unique(stem, data, adopt_leftover, prepared.temp)
                entry = saved_entry(path.name, prepared, sha, source, more)
                self._stage(entry)
                return SavedDocument(path, entry)
        except BaseException:
            if prepared.temp:
                self.discard_temp(prepared.temp)  # (gone already if it was linked)
            raise

    def discard_temp(self, temp: str) -> None:
        """Remove a worker's temporary file that will not become a document."""
        with contextlib.suppress(OSError):
            os.unlink(self.path / temp)

    def record_skip(self, reason: str = "", extra: Mapping[str, Any] | None = None) -> None:
        """Note in the manifest that a record was looked at and left out."""
        with self._writing():
            self._stage(skipped_entry(reason, extra))

    def add_entry(self, entry: Mapping[str, Any]) -> None:
        """Stage a manifest entry written by other means (`app_version`/`time` are added)."""
        with self._writing():
            self._stage({"app_version": __version__, "time": now(), **entry})

    def _previous(self, extra: Mapping[str, Any] | None, replace: bool) -> dict | None:
        if not extra or "record" not in extra or "dataset" not in extra:
            return None
        entry = self.is_saved(str(extra["dataset"]), str(extra["record"]))
        if entry is None:
            return None
        if not replace:
            raise AlreadySaved(document_name(entry))
        return dict(entry)

    def _stage(self, entry: dict[str, Any]) -> None:
        self._manifest.stage(entry)
        self._manifest.entries.append(entry)
        self._index(entry)

    def _write_unique(self, stem: str, data: bytes, adopt: bool, temp: str = "") -> Path:
        for attempt in range(1, 10_000):
            name = f"{stem}{'' if attempt == 1 else f'-{attempt}'}{DOCUMENT_SUFFIX}"
            if name in self._files:
                continue
            path = self.path / name
            try:
                if temp:
                    link_temp(self.path / temp, path)  # the worker wrote the bytes
                    self._pending(path)
                    self._new_names = True
                else:
                    self._write_new(path, data)
            except FileExistsError:
                # A leftover of a crash holding these bytes is this document; else
                # someone made the name (not through this store): try the next.
                if adopt and holds(path, data):
                    self._pending(path)  # written before a crash, maybe not yet durable
                    if temp:
                        self.discard_temp(temp)
                    return path
                continue
            return path
        raise CorpusError(f"{self.path}: too many documents named {stem}")

    def _write_new(self, path: Path, data: bytes) -> None:
        self._pending_docs.append(write_new(path, data))
        self._new_names = True

    def _replace_document(self, name: str, data: bytes) -> Path:
        replace_document(self.path / name, data)
        self._new_names = True
        return self.path / name

    def _pending(self, path: Path) -> None:
        if CAN_SYNC_FOLDER_FS:
            self._unopened_docs += 1  # one syncfs covers it: no descriptor needed
            return
        with contextlib.suppress(OSError):
            self._pending_docs.append(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)))
