"""`textwash verify CORPUS`: every manifest entry checked against the bytes on disk.

Checks: each live document exists as a regular file whose bytes hash to its
`normalized_sha256`; each JSONL entry's `offset`/`bytes` hold one line with
its `id` and text; each Parquet row its `id` and text; manifest lines that
cannot be read (by number); a torn last line; bytes in a shard past its
last recorded line; files no entry accounts for (orphans); temporary files
left by a crash; profile hashes that corpus.toml does not record. Read-only: needs no lock.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from gui.io.corpus.card import CARD_NAME
from gui.io.corpus.entries import SAVED, document_name
from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import is_regular, is_temp_name
from gui.io.corpus.lock import LOCK_NAME
from gui.io.corpus.manifest import MANIFEST_NAME
from gui.io.corpus.marker import MARKER_NAME
from gui.io.corpus.parquet import read_shard
from gui.io.corpus.store import CorpusStore


@dataclass
class VerifyReport:
    checked: int = 0
    problems: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    temporary: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.problems or self.orphans or self.temporary)


def verify_corpus(path: str | Path) -> VerifyReport:
    """Check a corpus folder; CorpusError if it is not one at all."""
    folder = Path(path)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: no such corpus folder")
    store = CorpusStore(folder)
    report = VerifyReport(problems=list(store.manifest_problems))
    if not (folder / MARKER_NAME).exists():
        report.problems.append(f"{MARKER_NAME}: missing (a corpus from an older version?)")
    known = set(store.marker_hashes())
    live: dict[str, dict] = {}
    for entry in store.entries():
        sha = entry.get("profile_sha256")
        if isinstance(sha, str) and known and sha not in known:
            report.problems.append(f"{document_name(entry)}: profile {sha[:12]} not in corpus.toml")
        if entry.get("status", SAVED) == SAVED and "file" in entry:
            live[document_name(entry)] = entry
    ends: dict[str, int] = {}
    tables: dict[str, dict | str] = {}
    for name, entry in live.items():
        report.checked += 1
        check_row = "row" in entry
        problem = _check_row(folder, entry, tables) if check_row else _check(folder, entry)
        if problem:
            report.problems.append(f"{name}: {problem}")
        if "offset" in entry:
            file = str(entry["file"])
            ends[file] = max(ends.get(file, 0), int(entry["offset"]) + int(entry["bytes"]))
    files = {str(e["file"]) for e in live.values()}
    for file, end in sorted(ends.items()):
        size = _size(folder / file)
        if size is not None and size > end:
            report.problems.append(f"{file}: {size - end} bytes past its last recorded line")
    control = {MANIFEST_NAME, MARKER_NAME, LOCK_NAME, CARD_NAME}
    for name in sorted(os.listdir(folder)):
        if is_temp_name(name):
            report.temporary.append(name)
        elif name not in control and name not in files and is_regular(folder / name):
            report.orphans.append(name)
    return report


def _size(path: Path) -> int | None:
    try:
        return os.lstat(path).st_size
    except OSError:
        return None


def _check_row(folder: Path, entry: dict, tables: dict[str, dict | str]) -> str:
    file = str(entry["file"])
    if file not in tables:
        path = folder / file
        if not is_regular(path):
            tables[file] = "missing" if not os.path.lexists(path) else "not a regular file"
        else:
            try:
                tables[file] = read_shard(path)
            except CorpusError as error:
                tables[file] = str(error)
    table = tables[file]
    if isinstance(table, str):
        return table
    try:
        row = int(entry["row"])
        doc_id, text = table["id"][row], table["text"][row]
    except (IndexError, KeyError, TypeError, ValueError):
        return f"no row {entry.get('row')!r} in the file"
    if str(doc_id) != str(entry.get("id")):
        return f"row {row} has id {doc_id!r}"
    if hashlib.sha256(str(text).encode("utf-8")).hexdigest() != entry.get("normalized_sha256"):
        return f"the text of row {row} does not match normalized_sha256"
    return ""


def _check(folder: Path, entry: dict) -> str:
    path = folder / str(entry["file"])
    if not is_regular(path):
        return "missing" if not os.path.lexists(path) else "not a regular file"
    expected = entry.get("normalized_sha256")
    try:
        if "offset" not in entry:
            data = path.read_bytes()
            actual = hashlib.sha256(data).hexdigest()
            return "" if actual == expected else "its bytes do not match normalized_sha256"
        offset, size = int(entry["offset"]), int(entry["bytes"])
        with open(path, "rb") as handle:
            handle.seek(offset)
            line = handle.read(size)
    except (OSError, ValueError, TypeError) as error:
        return f"cannot read ({error})"
    if len(line) != size or not line.endswith(b"\n"):
        return f"the file ends before offset {offset} + {size} bytes"
    try:
        record = json.loads(line)
        text = record["text"]
    except (ValueError, KeyError, TypeError):
        return f"no JSON line at offset {offset}"
    if str(record.get("id")) != str(entry.get("id")):
        return f"the line at offset {offset} has id {record.get('id')!r}"
    if hashlib.sha256(str(text).encode("utf-8")).hexdigest() != expected:
        return f"the text at offset {offset} does not match normalized_sha256"
    return ""
