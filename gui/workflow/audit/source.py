"""A dataset's texts with their class labels, read record by record.

    >>> data = open_labelled("news.csv", label="label")      # the `text` column
    >>> for label, raw in data: ...                          # doctest: +SKIP

Texts come from `gui.io.datasets` as everywhere else (CSV/TSV/JSONL/folder,
the same checks and one-line errors). Labels:

- CSV/TSV: the `label` column, read with the same reader;
- JSONL: the `label` field, which may be a string, a number or true/false
  (`{"text": ..., "label": 0}` is how many datasets are exported);
- folder: the subfolder a file is in (`pos/1.txt` is class `pos`); no label
  name is needed.

A record with an empty or missing label is left out and counted, so a
partly labelled dataset can still be audited. Nothing is kept per record.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from gui.io.datasets import (
    DEFAULT_FIELD,
    FOLDER,
    JSONL,
    Dataset,
    DatasetError,
    RecordError,
    dataset_fields,
    detect_kind,
    open_dataset,
)

Progress = Callable[[int, int], None]
"""Called with (records read, total records)."""


class LabelledDataset:
    """Text and label of each record of one dataset, streamed."""

    def __init__(self, texts: Dataset, labels: Callable[[], Iterator[str | None]], label: str):
        self.texts = texts
        self.label = label
        self._labels = labels
        # Filled in while iterating: records left out and why.
        self.unlabelled = 0
        self.unreadable = 0
        self.first_problem = ""

    @property
    def path(self) -> Path:
        return self.texts.path

    def __len__(self) -> int:
        return len(self.texts)

    def records(
        self,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        every: int = 1,
    ) -> Iterator[tuple[int, str, str]]:
        """(index, label, raw text) of every labelled, readable record, in order.

        With `every` > 1, only every `every`-th record (index 0, every, ...) is
        read: an evenly spread sample for a quick look at a big dataset.
        """
        self.unlabelled = self.unreadable = 0
        self.first_problem = ""
        total = len(self.texts)
        for index, label in enumerate(self._labels()):
            if should_stop is not None and should_stop():
                return
            if progress is not None:
                progress(index, total)
            if index % every:
                continue
            if not label:
                self.unlabelled += 1
                continue
            try:
                raw = self.texts.text(index)
            except RecordError as error:
                self.unreadable += 1
                self.first_problem = self.first_problem or str(error)
                continue
            yield index, label, raw
        if progress is not None:
            progress(total, total)

    def close(self) -> None:
        self.texts.close()

    def __enter__(self) -> LabelledDataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Column names that usually hold a class, in the order they are preferred.
LABEL_NAMES = ("label", "labels", "class", "category", "target", "subject", "y")


def label_candidates(path: str | Path, text_field: str | None = None) -> list[str]:
    """The columns or JSONL fields a label could come from (not the text's), likeliest first.

    A folder has none (its subfolders are the classes). Cheap: reads the start of the file.
    """
    kind = detect_kind(path)
    if kind == FOLDER:
        return []
    if kind == JSONL:
        first = next(_jsonl_objects(Path(path)), None)
        names = list(first[1]) if first is not None else []
    else:
        names = dataset_fields(path)
    names = [name for name in names if name != (text_field or DEFAULT_FIELD)]
    preferred = [n for n in sorted(names, key=_preference) if n.lower() in LABEL_NAMES]
    return preferred + [n for n in names if n not in preferred]


def _preference(name: str) -> int:
    return LABEL_NAMES.index(name.lower()) if name.lower() in LABEL_NAMES else len(LABEL_NAMES)


def open_labelled(
    path: str | Path, label: str | None, column: str | None = None
) -> LabelledDataset:
    """Open a dataset for an audit; DatasetError (one line, naming the file) if it cannot be."""
    kind = detect_kind(path)
    if kind == FOLDER:
        if label is not None:
            raise DatasetError(
                f"{path}: a folder's classes are its subfolders; --label is for CSV/TSV/JSONL"
            )
        texts = open_dataset(path)
        return LabelledDataset(texts, lambda: _folder_labels(texts), "subfolder")
    if not label:
        raise DatasetError(f"{path}: name the label column (--label)")
    texts = open_dataset(path, column)
    if label == texts.field:
        texts.close()
        raise DatasetError(f"{path}: the label {label!r} is also the text column")
    if kind == JSONL:
        _check_field(texts, label)
        return LabelledDataset(texts, lambda: _jsonl_labels(texts.path, label), label)
    labels = open_dataset(path, label)
    return LabelledDataset(texts, lambda: _column_labels(labels), label)


def _column_labels(labels: Dataset) -> Iterator[str | None]:
    try:
        for index in range(len(labels)):
            yield labels.text(index).strip()
    finally:
        labels.close()


def _folder_labels(texts: Dataset) -> Iterator[str | None]:
    for index in range(len(texts)):
        key = texts.key(index)
        if "/" not in key:
            raise DatasetError(
                f"{texts.path / key}: not in a class subfolder (a folder's classes are its "
                f"subfolders: pos/1.txt, neg/2.txt)"
            )
        yield key.split("/", 1)[0]


def _check_field(texts: Dataset, label: str) -> None:
    """Fail early, naming the file, when the first record has no such field."""
    first = next(_jsonl_objects(texts.path), None)
    if first is not None and label not in first[1]:
        fields = ", ".join(repr(name) for name in first[1]) or "none"
        texts.close()
        raise DatasetError(f"{texts.path}: no field named {label!r} (available: {fields})")


def _jsonl_labels(path: Path, label: str) -> Iterator[str | None]:
    # The datasets reader returns string fields only; JSONL labels are often numbers,
    # so the labels are read here, line for line in the order the reader indexed them.
    for number, obj in _jsonl_objects(path):
        value = obj.get(label)
        if value is None or isinstance(value, str):
            yield value.strip() if value else None
        elif isinstance(value, bool | int | float):
            yield json.dumps(value)
        else:
            raise DatasetError(
                f"{path}: line {number}: the label {label!r} is a list or object, not a class name"
            )


def _jsonl_objects(path: Path) -> Iterator[tuple[int, dict]]:
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if line.strip():
                obj = json.loads(line)  # the reader has checked every line when it opened
                yield number, obj if isinstance(obj, dict) else {}
