"""The corpus folder the window saves into: its one folder object and its document count.

Everything the window writes to the corpus goes through the one
`CorpusFolder` this model holds for the chosen folder: Save to Corpus
(`save`), and the open dataset's review (`DatasetSession` gets `folder`), so
a duplicate saved one way is seen the other way.

The count of documents is read once, in a worker, when a folder is chosen
(that reads the manifest into the folder object and checks every file); from
then on it follows the save results it is told of (`save`, `add_saved`),
without reading the manifest again, and `count_changed` reports it. Saving
waits for that first read to end, so the folder object is never read from two
threads at once.

What the store repaired or could not read (`notes`: a torn last line cut,
temporary files removed; `manifest_problems`: bad lines by number) is said
once per folder: `notes_ready` after the first read, and `take_notes()`
for what a later write added.
"""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gui.app.concurrency import Lane, wait
from gui.io.corpus import (
    CorpusError,
    CorpusFolder,
    Profile,
    ProfileMismatch,
    SavedDocument,
    profile_sha256,
)
from gui.io.corpus.lock import CorpusLock


def _count_documents(folder: CorpusFolder) -> int:
    """The read job: load the manifest into `folder` and count the documents present."""
    count = folder.document_count()
    folder.manifest_problems  # noqa: B018 (read here, off the UI thread)
    return count


class CorpusModel(QObject):
    """The chosen corpus folder (or none), its one `CorpusFolder`, and its document count."""

    # The folder changed: its path ("" for none).
    folder_changed = Signal(str)
    # The number of documents in the folder changed (or is known for a new folder).
    count_changed = Signal(int)
    # The folder's manifest could not be read: why.
    read_failed = Signal(str)
    # What the store noted about the folder (repairs, bad manifest lines), each said once.
    notes_ready = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder: CorpusFolder | None = None
        self._count = 0
        self._read: Future | None = None
        self._said: set[str] = set()
        self._reader = Lane("corpus", self)

    @property
    def folder(self) -> CorpusFolder | None:
        """The one folder object of the chosen folder (None when no folder is chosen)."""
        return self._folder

    @property
    def path(self) -> str | None:
        return None if self._folder is None else str(self._folder.path)

    @property
    def count(self) -> int:
        """Documents in the folder, as far as this window knows."""
        return self._count

    @property
    def manifest_read(self) -> Future | None:
        """The job reading the manifest (done once it is in memory), for workers to wait on."""
        return self._read

    def set_path(self, path: str | Path | None) -> None:
        """Use another folder (None: none); CorpusError if it is not a usable folder.

        The count of the new folder follows in `count_changed`.
        """
        folder = None if not path else CorpusFolder(path)
        if folder is not None and str(folder.path) == self.path:
            return  # the same folder: keep its object, its cache and its count
        self._folder = folder
        self._count = 0
        self._read = None
        self._said = set()
        if folder is not None:
            watcher = self._reader.submit(_count_documents, folder)
            self._read = watcher.future
            watcher.result_ready.connect(lambda count: self._counted(folder, count))
            watcher.exception_ready.connect(lambda error: self._read_failed(folder, error))
        self.folder_changed.emit("" if folder is None else str(folder.path))
        self.count_changed.emit(0)

    def _counted(self, folder: CorpusFolder, count: int) -> None:
        if folder is self._folder:
            self._count += count  # plus whatever was saved while it was read
            self.count_changed.emit(self._count)
            notes = self.take_notes()
            if notes:
                self.notes_ready.emit(notes)

    def take_notes(self) -> list[str]:
        """What the store noted about the folder that was not said yet (then it counts as said)."""
        folder = self._folder
        if folder is None or self._read is None or not self._read.done():
            return []
        notes = []
        for note in [*folder.manifest_problems, *folder.notes]:
            if note not in self._said:
                self._said.add(note)
                notes.append(note)
        return notes

    def check_free(self) -> None:
        """CorpusLocked (naming the holder) if another writer holds the folder right now."""
        folder = self._folder
        if folder is None or not folder.path.is_dir() or folder.writing:
            return
        lock = CorpusLock(folder.path)
        lock.acquire("Textwash window (checking the folder is free)")
        lock.release()

    def profile_conflict(self, profile: Profile) -> ProfileMismatch | None:
        """The refusal a save with `profile` would meet (None: the corpus records it, or none)."""
        folder = self._folder
        if folder is None:
            return None
        self.wait_until_read()
        hashes = folder.marker_hashes()
        sha = profile_sha256(profile.to_dict())
        if not hashes or sha in hashes:
            return None
        first = folder.profiles[0].get("profile", {})
        name = str(first.get("name", "?"))
        ours = str(profile.to_dict().get("name", "?"))
        return ProfileMismatch(folder.path, name, hashes[0], ours, sha)

    def _read_failed(self, folder: CorpusFolder, error: BaseException) -> None:
        if folder is self._folder:
            self.read_failed.emit(str(error))

    def wait_until_read(self) -> None:
        """Block until the manifest is in memory (at once, but after choosing a folder)."""
        read = self._read
        if read is not None:
            wait([read])  # a failed read: saving says why, in words

    def save(
        self,
        raw: str,
        normalized: str,
        *,
        profile: Profile,
        source: str | None = None,
        allow_duplicate: bool = False,
        allow_mixed_profiles: bool = False,
    ) -> SavedDocument:
        """Write a document into the folder; DuplicateDocument, ProfileMismatch,
        CorpusLocked, CorpusError (also: no folder)."""
        folder = self._folder
        if folder is None:
            raise CorpusError("no corpus folder is chosen")
        self.wait_until_read()
        saved = folder.save(
            raw, normalized, profile=profile, source=source, allow_duplicate=allow_duplicate,
            allow_mixed_profiles=allow_mixed_profiles,
        )  # fmt: skip
        self.add_saved(1)
        return saved

    def add_saved(self, documents: int) -> None:
        """`documents` more were saved through `folder` (a dataset record, a batch run)."""
        if documents:
            self._count += documents
            self.count_changed.emit(self._count)

    def shutdown(self) -> None:
        """Wait for the manifest read (the window is closing)."""
        self._reader.shutdown()
