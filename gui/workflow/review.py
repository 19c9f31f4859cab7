"""Going through a dataset into a corpus folder: each record's status, save, skip.

    >>> review = DatasetReview(open_dataset("True.csv"), "corpus/")   # doctest: +SKIP
    >>> review.status(0).state                                          # 'pending'
    >>> review.save(0, raw, Pipeline(profile).run(raw), profile)        # 'saved'
    >>> review.skip(1, "not news")                                      # 'skipped'
    >>> review.next_pending()                                           # 2

The corpus manifest is the only state: every save and skip appends a line
that names the dataset (its absolute path) and the record (its key, see
`gui.io.datasets`), so reopening the same dataset with the same corpus
folder shows what was already done, in the window and in `textwash clean`.
When a record has several entries (skipped, then saved later) the last wins.

The window and the batch run save through this class, so they follow the same
rules and give the same files:

- the file name comes from the record's title, else its first words (a folder
  record keeps its file name); clashes get `-2`, `-3`;
- a record whose normalized text is already in the corpus is a duplicate:
  `on_duplicate` says whether that raises `DuplicateDocument` (the window asks
  the user), is recorded as skipped with reason "duplicate of FILE" (batch),
  or is saved anyway;
- a record that normalizes to nothing (only whitespace) is recorded as skipped
  with reason "empty after normalization";
- output is one `.txt` file per record (`txt`) or one line `{"id", "text"}` per
  record in JSONL shards `corpus-00000.jsonl`, ... (`jsonl`), or one row per
  record in Parquet shards `corpus-00000.parquet`, ... (`parquet`), with the
  same manifest either way;
- a record that already has a document is not saved twice: `AlreadySaved`,
  unless `replace=True` (the file is replaced atomically, `replaced` in its
  manifest line); a dataset inside its corpus folder is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gui.engine.profile import Profile
from gui.io.corpus import (
    LEGACY_JSONL_NAME,
    SAVED,
    SKIPPED,
    CorpusError,
    CorpusStore,
    DuplicateDocument,
    Prepared,
    document_name,
)
from gui.io.datasets import Dataset

PENDING = "pending"
TXT = "txt"
JSONL = "jsonl"
PARQUET = "parquet"
OUTPUT_FORMATS = (TXT, JSONL, PARQUET)
JSONL_NAME = LEGACY_JSONL_NAME  # older corpora; new ones write corpus-00000.jsonl, ...

RAISE = "raise"
SKIP = "skip"
SAVE = "save"
EMPTY_REASON = "empty after normalization"


@dataclass(frozen=True)
class RecordStatus:
    """Where a record stands: pending, saved (as `file`) or skipped (for `reason`)."""

    state: str = PENDING
    file: str | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.state == SAVED:
            return f"saved as {self.file}"
        if self.state == SKIPPED:
            return f"skipped ({self.reason})" if self.reason else "skipped"
        return PENDING


_PENDING = RecordStatus()


@dataclass(frozen=True)
class ReviewCounts:
    total: int
    saved: int
    skipped: int

    @property
    def reviewed(self) -> int:
        return self.saved + self.skipped

    @property
    def pending(self) -> int:
        return self.total - self.reviewed


class DatasetReview:
    """A dataset paired with a corpus folder; not thread-safe: one writer at a time.

    The window keeps one while a dataset is open and hands it to the batch
    worker thread for Apply to all (and does not save from the UI meanwhile).
    """

    def __init__(
        self, dataset: Dataset, corpus: CorpusStore | str | Path, *, output_format: str = TXT
    ) -> None:
        if output_format not in OUTPUT_FORMATS:
            raise ValueError(f"output format must be one of {', '.join(OUTPUT_FORMATS)}")
        self.dataset = dataset
        self.corpus = corpus if isinstance(corpus, CorpusStore) else CorpusStore(corpus)
        _refuse_input_inside(Path(dataset.path), self.corpus.path)
        self.output_format = output_format
        self._states: dict[str, RecordStatus] = {}
        self._saved = self._skipped = 0
        self.reload()

    @property
    def dataset_id(self) -> str:
        return str(self.dataset.path)

    def reload(self) -> None:
        """Read the statuses again from the manifest."""
        dataset = self.dataset_id
        states: dict[str, RecordStatus] = {}
        for entry in self.corpus.entries():
            if entry.get("dataset") != dataset or "record" not in entry:
                continue
            if entry.get("status", SAVED) == SAVED:
                states[str(entry["record"])] = RecordStatus(SAVED, file=document_name(entry))
            else:
                states[str(entry["record"])] = RecordStatus(SKIPPED, reason=entry.get("reason", ""))
        present = {
            key: status for key, status in states.items() if self.dataset.index_of(key) is not None
        }
        self._states = present
        self._saved = sum(1 for status in present.values() if status.state == SAVED)
        self._skipped = len(present) - self._saved

    # -- reading --------------------------------------------------------------------

    def status(self, index: int) -> RecordStatus:
        return self._states.get(self.dataset.key(index), _PENDING)

    def counts(self) -> ReviewCounts:
        return ReviewCounts(len(self.dataset), self._saved, self._skipped)

    def pending_indices(self, start: int = 0) -> Iterator[int]:
        for index in range(start, len(self.dataset)):
            if self.dataset.key(index) not in self._states:
                yield index

    def next_pending(self, after: int = -1) -> int | None:
        """The first pending record after `after`, wrapping round; None when all are done."""
        for index in self.pending_indices(after + 1):
            return index
        for index in self.pending_indices(0):
            return index if index <= after else None
        return None

    # -- writing --------------------------------------------------------------------

    def save(
        self,
        index: int,
        raw: str,
        normalized: str,
        profile: Profile,
        **options: Any,
    ) -> RecordStatus:
        """Save one record's normalized text (see the module notes for the rules).

        A record that already has a document raises AlreadySaved unless
        `replace` (its file is then replaced atomically). See `save_prepared`.
        """
        if self.output_format == JSONL:
            prepared = Prepared.for_jsonl(self.dataset.key(index), raw, normalized)
            return self.save_prepared(index, prepared, profile, "", **options)
        prepared = Prepared.for_txt(raw, normalized)
        stem = self.dataset.stem(index, raw)
        return self.save_prepared(index, prepared, profile, stem, **options)

    def save_prepared(
        self,
        index: int,
        prepared: Prepared,
        profile: Profile,
        stem: str,
        *,
        on_duplicate: str = RAISE,
        replace: bool = False,
        details: dict[str, Any] | None = None,
        **options: Any,
    ) -> RecordStatus:
        """`save` with the text hashed and encoded already (by a batch worker).

        `prepared` is `Prepared.for_jsonl(key, ...)` for JSONL output, else
        `Prepared.for_txt`; `stem` is `dataset.stem(index, raw)`. `options` go
        to the store (`allow_mixed_profiles`); `details` are added to the
        manifest line. A `prepared.temp` file is used or removed.
        """
        if prepared.blank:
            if prepared.temp:
                self.corpus.discard_temp(prepared.temp)
            return self.skip(index, EMPTY_REASON)
        earlier = self.corpus.find_duplicate_sha(prepared.normalized_sha256)
        own = self.corpus.is_saved(self.dataset_id, self.dataset.key(index))
        if replace and own is not None and earlier == document_name(own):
            earlier = None  # replacing a record with its own text is no duplicate
        if earlier is not None and on_duplicate != SAVE:
            if prepared.temp:
                self.corpus.discard_temp(prepared.temp)
            if on_duplicate == SKIP:
                return self.skip(index, f"duplicate of {earlier}", duplicate_of=earlier)
            raise DuplicateDocument(earlier)
        extra = {**self._extra(index), **(details or {})}
        if self.output_format in (JSONL, PARQUET):
            write = (
                self.corpus.save_line_prepared
                if self.output_format == JSONL
                else self.corpus.save_row_prepared
            )
            saved = write(
                self.dataset.key(index),
                prepared,
                profile=profile,
                source=self.dataset.source(index),
                extra=extra,
                **options,
            )
            name = document_name(saved.entry)
        else:
            saved = self.corpus.save_prepared(
                prepared,
                profile=profile,
                source=self.dataset.source(index),
                stem=stem,
                allow_duplicate=True,
                extra=extra,
                adopt_leftover=True,
                replace=replace,
                **options,
            )
            name = saved.path.name
        return self._set(index, RecordStatus(SAVED, file=name))

    def skip(self, index: int, reason: str = "", **details: Any) -> RecordStatus:
        """Record that this record was looked at and left out."""
        self.corpus.record_skip(reason, extra={**self._extra(index), **details})
        return self._set(index, RecordStatus(SKIPPED, reason=reason))

    def close(self) -> None:
        """Commit what the store has pending (a held writer keeps its lock until it closes)."""
        self.corpus.commit()

    def __enter__(self) -> DatasetReview:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _extra(self, index: int) -> dict[str, Any]:
        extra: dict[str, Any] = {"dataset": self.dataset_id, "record": self.dataset.key(index)}
        if self.dataset.field:
            extra["field"] = self.dataset.field
        return extra

    def _set(self, index: int, status: RecordStatus) -> RecordStatus:
        key = self.dataset.key(index)
        before = self._states.get(key, _PENDING).state
        self._saved += (status.state == SAVED) - (before == SAVED)
        self._skipped += (status.state == SKIPPED) - (before == SKIPPED)
        self._states[key] = status
        return status


def _refuse_input_inside(dataset: Path, corpus: Path) -> None:
    """A dataset inside its own corpus folder would be read back as it is written: refused."""
    try:
        inside = dataset.resolve().is_relative_to(corpus.resolve())
    except (OSError, RuntimeError, ValueError):
        return
    if inside:
        raise CorpusError(
            f"{dataset}: the dataset is inside the corpus folder {corpus}; "
            "choose a corpus folder outside it"
        )
