"""Encoding of a CSV/TSV/JSONL file, from its first megabyte, and where its records start."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

from gui.io.datasets.base import _SNIFF_BYTES, JSONL, DatasetError
from gui.io.textio import detect_encoding, utf16_without_bom


def _sniff(handle: io.BufferedIOBase, path: Path, kind: str) -> tuple[str, int]:
    """The encoding and the offset where records start (after a BOM)."""
    sample = handle.read(_SNIFF_BYTES)
    if not sample.strip():
        what = "no JSON records" if kind == JSONL else "no header row"
        raise DatasetError(f"{path}: the file is empty ({what})")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DatasetError(f"{path}: UTF-16 text is not supported for {kind}; save it as UTF-8")
    if utf16_without_bom(sample) is not None:
        raise DatasetError(f"{path}: UTF-16 text is not supported for {kind}; save it as UTF-8")
    if b"\x00" in sample:
        raise DatasetError(f"{path}: not a text file (it contains NUL bytes; binary data?)")
    start = len(codecs.BOM_UTF8) if sample.startswith(codecs.BOM_UTF8) else 0
    # The same detection as text files: a few bad bytes in UTF-8 stay UTF-8 (U+FFFD).
    encoding = detect_encoding(sample[start:], partial=True)
    if kind == JSONL and encoding != "utf-8":
        raise DatasetError(f"{path}: not UTF-8 text (JSON Lines must be UTF-8)")
    if encoding == "guess":
        encoding = _guess_encoding(sample, path)
    text = sample[start : start + 65536].decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ch < " " and ch not in "\n\r\t\f\v")
    if text and controls / len(text) > 0.01:
        raise DatasetError(f"{path}: not a text file (too many control characters)")
    return encoding, start


def _guess_encoding(sample: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes  # slow to import; only for non-UTF-8 files

    best = from_bytes(sample).best()
    if best is None or best.encoding is None:
        raise DatasetError(f"{path}: not a text file (no text encoding fits its bytes)")
    if "\n".encode(best.encoding) != b"\n" or '"'.encode(best.encoding) != b'"':
        raise DatasetError(f"{path}: {best.encoding} text is not supported; save it as UTF-8")
    return best.encoding
