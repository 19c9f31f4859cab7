"""Compressed datasets (`.csv.gz`, `.jsonl.zst`, ...): decompressed once into a temporary file.

A dataset is read record by record at byte offsets (`base._IndexedFile`),
which a compressed stream cannot seek to cheaply. So the file is decompressed
in one streaming pass into a private temporary file, which the dataset then
indexes and reads like any other; the dataset keeps the compressed file's
path (the manifest and messages name it), and the temporary file is removed
when the dataset is garbage collected or the process exits. gzip is in the
standard library; Zstandard needs `zstandard` (`pip install 'textwash[zstd]'`),
and its absence is said in one line.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import IO

from gui.io.datasets.base import DatasetError

GZIP = ".gz"
ZSTD = ".zst"
COMPRESSED_SUFFIXES = (GZIP, ZSTD)
_CHUNK = 1 << 20


def compression(path: Path) -> str | None:
    """`.gz` or `.zst` when the file name says it is compressed."""
    suffix = path.suffix.lower()
    return suffix if suffix in COMPRESSED_SUFFIXES else None


def inner_suffix(path: Path) -> str:
    """The suffix under the compression one: `.csv` for `data.csv.gz`."""
    return Path(path.stem).suffix.lower() if compression(path) else path.suffix.lower()


def data_file(path: Path) -> Path:
    """Where to read `path`'s records: itself, or a decompressed temporary copy."""
    return decompress(path) if compression(path) else path


def decompress(path: Path) -> Path:
    """A new temporary file holding the decompressed bytes; DatasetError in words."""
    kind = compression(path)
    fd, name = tempfile.mkstemp(prefix="textwash-", suffix=path.stem)
    temp = Path(name)
    try:
        with open(path, "rb") as source, os.fdopen(fd, "wb") as target:
            _copy(kind, source, target, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _copy(kind: str | None, source: IO[bytes], target: IO[bytes], path: Path) -> None:
    if kind == GZIP:
        try:
            with gzip.GzipFile(fileobj=source) as stream:
                shutil.copyfileobj(stream, target, _CHUNK)
        except (OSError, EOFError, zlib.error) as error:
            raise DatasetError(f"{path}: not a valid gzip file ({error})") from None
        return
    zstandard = _zstandard(path)
    try:
        with zstandard.ZstdDecompressor().stream_reader(source) as stream:
            shutil.copyfileobj(stream, target, _CHUNK)
    except zstandard.ZstdError as error:
        raise DatasetError(f"{path}: not a valid Zstandard file ({error})") from None


def head(path: Path, size: int = 4 * _CHUNK) -> bytes:
    """The first `size` decompressed bytes (to list a file's columns without decompressing all)."""
    with open(path, "rb") as source:
        if compression(path) == GZIP:
            try:
                with gzip.GzipFile(fileobj=source) as stream:
                    return stream.read(size)
            except (OSError, EOFError, zlib.error) as error:
                raise DatasetError(f"{path}: not a valid gzip file ({error})") from None
        zstandard = _zstandard(path)
        try:
            with zstandard.ZstdDecompressor().stream_reader(source) as stream:
                return stream.read(size)
        except zstandard.ZstdError as error:
            raise DatasetError(f"{path}: not a valid Zstandard file ({error})") from None


def _zstandard(path: Path):
    try:
        import zstandard
    except ImportError:
        raise DatasetError(
            f"{path}: Zstandard files need the zstandard package: pip install 'textwash[zstd]'"
        ) from None
    return zstandard
