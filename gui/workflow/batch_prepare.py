"""A batch record's work before the corpus: read, normalize, hash, name, and write its bytes.

    >>> preparer = Preparer(profile, dataset, "txt", temp_folder=None)   # doctest: +SKIP
    >>> preparer.prepare([0, 1, 2])        # [(index, Prepared, stem, problem, timed out, fffd)]

Profiling the batch showed the writing process busy with everything but
writing: parsing the CSV row, hashing raw and normalized text, making the
file name, encoding, and creating the document's file (most of a document's
cost on ext4: the new inode). So a worker process does all of that for a
chunk of record indices (it has its own copy of the dataset's index and
opens the file itself), and with `temp_folder` it also writes each document
into a temporary file in the corpus folder. The writing process then only
decides (duplicates, names, in dataset order), links the temporary file to
its name and writes the manifest: the corpus stays byte-identical whatever
`jobs` is, and durability is the store's group commit as before.

A record on which a rule ran out of time gets the timed-out reason (its text
would depend on the machine's load) and no temporary file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import warnings
from collections.abc import Iterable
from pathlib import Path

from gui.engine.pipeline import Pipeline
from gui.engine.profile import Profile
from gui.engine.rule import RuleTimeoutWarning
from gui.io.corpus import Prepared
from gui.io.corpus.documents import write_temp_document
from gui.io.datasets import Dataset, RecordError
from gui.workflow.review import JSONL, TXT

Outcome = tuple[int, Prepared | None, str, str | None, str, int]
"""index, prepared text, file stem, problem (skip reason), timed-out reason, U+FFFD count."""


class Preparer:
    """Prepares records of one dataset with one profile; `temp_folder`: write temp files there."""

    def __init__(
        self,
        profile: Profile,
        dataset: Dataset,
        output_format: str,
        temp_folder: Path | None = None,
    ) -> None:
        self.pipeline = Pipeline(profile)
        self.dataset = dataset
        self.jsonl = output_format == JSONL
        # Only .txt documents are files of their own; JSONL and Parquet go in shards.
        self.temp_folder = temp_folder if output_format == TXT else None

    def prepare(self, indices: Iterable[int]) -> list[Outcome]:
        out: list[Outcome] = []
        dataset = self.dataset
        for index in indices:
            try:
                raw = dataset.text(index)
            except RecordError as error:
                out.append((index, None, "", str(error), "", 0))
                continue
            try:
                # A rule out of time passes its input through: the text would depend on load.
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", RuleTimeoutWarning)
                    normalized = self.pipeline.run(raw)
            except Exception as error:  # a rule bug must not lose the whole run
                problem = f"normalization failed: {type(error).__name__}: {error}"
                out.append((index, None, "", problem, "", 0))
                continue
            timed_out = timed_out_reason(caught)
            stem = ""
            if self.jsonl:
                prepared = Prepared.for_jsonl(dataset.key(index), raw, normalized)
            else:
                stem = dataset.stem(index, raw)
                prepared = Prepared.for_txt(raw, normalized)
                if self.temp_folder is not None and not prepared.blank and not timed_out:
                    prepared = _with_temp(self.temp_folder, prepared, stem)
            out.append((index, prepared, stem, None, timed_out, raw.count("\ufffd")))
        return out


def with_temps(folder: Path, outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes with their documents written to temporary files in `folder` (a thread)."""
    out: list[Outcome] = []
    for outcome in outcomes:
        index, prepared, stem, problem, timed_out, replaced = outcome
        if prepared is not None and not prepared.blank and not timed_out and not prepared.temp:
            prepared = _with_temp(folder, prepared, stem)
        out.append((index, prepared, stem, problem, timed_out, replaced))
    return out


def _with_temp(folder: Path, prepared: Prepared, stem: str) -> Prepared:
    try:
        temp = write_temp_document(folder, stem, prepared.data)
    except OSError:
        return prepared  # disk full, folder gone...: the writer writes it and says why
    return dataclasses.replace(prepared, temp=temp)


def discard_temps(folder: Path, outcomes: Iterable[Outcome]) -> None:
    """Remove the temporary files of outcomes that will not be saved (cancel, error)."""
    for outcome in outcomes:
        prepared = outcome[1]
        if prepared is not None and prepared.temp:
            with contextlib.suppress(OSError):
                os.unlink(folder / prepared.temp)


_QUOTED = re.compile(r"“([^”]*)”")


def timed_out_reason(caught: list[warnings.WarningMessage]) -> str:
    for warning in caught:
        if issubclass(warning.category, RuleTimeoutWarning):
            found = _QUOTED.search(str(warning.message))
            return f'rule "{found.group(1) if found else "protect"}" timed out'
    return ""
