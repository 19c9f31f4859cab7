"""JSON Lines: one object per line; keys from `id` when every record has one, else line numbers."""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable
from pathlib import Path

from gui.io.datasets.base import (
    _PROGRESS_EVERY,
    DEFAULT_FIELD,
    ID_FIELD,
    JSONL,
    TITLE_FIELD,
    DatasetError,
    IndexProgress,
    _choose,
    _IndexedFile,
    _open_binary,
    _report,
    make_title,
)
from gui.io.datasets.compressed import data_file
from gui.io.datasets.sniff import _sniff


class JsonlDataset(_IndexedFile):
    """A JSON Lines file: one JSON object per line, the text in one string field."""

    kind = JSONL

    def __init__(
        self,
        path: Path,
        field: str | None,
        progress: IndexProgress | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(path, data_file(path))
        total = self._signature[0]
        self._keys: list[str] | None = None
        seen: dict[str, int] = {}
        line_numbers = array("q")
        with _open_binary(self.data_path) as handle:
            _encoding, start = _sniff(handle, path, JSONL)
            handle.seek(start)
            offset = start
            next_report = _PROGRESS_EVERY
            for number, line in enumerate(handle, start=1):
                line_offset, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                obj = _json_object(line, path, number)
                if self.field is None:
                    self.fields = tuple(k for k, v in obj.items() if isinstance(v, str))
                    self.field = _choose(field, self.fields, path, "field")
                    self.has_titles = isinstance(obj.get(TITLE_FIELD), str)
                    if ID_FIELD in obj:
                        self._keys = []
                value = obj.get(self.field)
                if not isinstance(value, str):
                    problem = "has no field" if value is None else "has a non-text field"
                    raise DatasetError(
                        f"{path}: line {number} {problem} {self.field!r} "
                        f"(its fields: {', '.join(obj) or 'none'})"
                    )
                if self._keys is not None:
                    if ID_FIELD not in obj:
                        raise DatasetError(
                            f"{path}: line {number} has no {ID_FIELD!r} field, but earlier "
                            f"records do (ids are the record keys, so every record needs one)"
                        )
                    key = str(obj[ID_FIELD])
                    if key in seen:
                        raise DatasetError(
                            f"{path}: line {number} repeats id {key!r} from line {seen[key]} "
                            f"(ids are the record keys and must be unique)"
                        )
                    seen[key] = number
                    self._keys.append(key)
                title = obj.get(TITLE_FIELD) if self.has_titles else value
                title = title if isinstance(title, str) else ""
                self._add(line_offset, len(line), make_title(title))
                line_numbers.append(number)
                if offset >= next_report:
                    next_report = offset + _PROGRESS_EVERY
                    _report(progress, should_stop, offset, total, path)
        if not len(self):
            raise DatasetError(f"{path}: the file is empty (no JSON records)")
        self._line_numbers = line_numbers
        _report(progress, None, total, total, path)

    def key(self, index: int) -> str:
        if self._keys is not None:
            return self._keys[index]
        return str(self._line_numbers[index])

    def text(self, index: int) -> str:
        obj = _json_object(self._read(index), self.path, self._line_numbers[index])
        value = obj.get(self.field or DEFAULT_FIELD)
        if not isinstance(value, str):
            raise DatasetError(f"{self.path}: the file changed since it was opened; reopen it")
        return value


def _json_object(line: bytes, path: Path, number: int) -> dict:
    try:
        obj = json.loads(line)
    except UnicodeDecodeError:
        raise DatasetError(f"{path}: line {number} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise DatasetError(f"{path}: line {number} is not valid JSON: {error.msg}") from None
    if not isinstance(obj, dict):
        raise DatasetError(f"{path}: line {number} is not a JSON object")
    return obj
