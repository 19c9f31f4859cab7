"""A folder of `.txt` files, searched recursively; each file one record."""

from __future__ import annotations

import os
from pathlib import Path

from gui.io.datasets.base import FOLDER, MANIFEST, Dataset, DatasetError, RecordError
from gui.io.naming import safe_stem
from gui.io.textio import InputError, read_text_file


class FolderDataset(Dataset):
    """A folder of `.txt` files, searched recursively.

    Hidden files and folders are left out, and so are corpus folders inside it
    (subfolders with a `manifest.jsonl`): cleaning `notes/` into `notes/clean/`
    must not make the cleaned files records of `notes/` next time.
    """

    kind = FOLDER

    def __init__(self, path: Path) -> None:
        self.path = path
        names: list[str] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d
                for d in dirs
                if not d.startswith(".")
                and not os.path.exists(os.path.join(root, d, MANIFEST))
                and not os.path.exists(os.path.join(root, d, "corpus.toml"))
            )
            rel = Path(root).relative_to(path)
            names.extend(
                (rel / name).as_posix()
                for name in files
                if name.lower().endswith(".txt") and not name.startswith(".")
            )
        if not names:
            raise DatasetError(f"{path}: the folder has no .txt files")
        self._names = sorted(names)

    def __len__(self) -> int:
        return len(self._names)

    def key(self, index: int) -> str:
        return self._names[index]

    def title(self, index: int) -> str:
        return self._names[index]

    def source(self, index: int) -> str:
        return str(self.path / self._names[index])

    def stem(self, index: int, raw: str) -> str:
        return safe_stem(Path(self._names[index]).stem)

    def text(self, index: int) -> str:
        try:
            return read_text_file(self.path / self._names[index]).text
        except InputError as error:
            raise RecordError(str(error)) from None
