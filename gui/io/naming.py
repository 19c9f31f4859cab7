"""File names for corpus documents that are safe on every file system.

Names come from the source file's name or, for pasted text, its first words.
Characters that Windows, macOS or Linux reject are replaced, reserved device
names are avoided, and the UTF-8 length stays well under the usual 255-byte
limit so that a `-12` suffix and `.txt` still fit.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')
_SPACES = re.compile(r"[\s_]+")
_WINDOWS_RESERVED = {
    "con", "prn", "aux", "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}  # fmt: skip
MAX_STEM_BYTES = 120
FALLBACK_STEM = "document"


def safe_stem(name: str) -> str:
    """`name` made into a portable file-name stem (no extension)."""
    stem = unicodedata.normalize("NFC", name)
    stem = _UNSAFE.sub("-", stem)
    stem = _SPACES.sub("-", stem).strip(" .-")
    stem = _truncate_utf8(stem, MAX_STEM_BYTES).strip(" .-")
    if not stem or stem.lower().split(".")[0] in _WINDOWS_RESERVED:
        stem = f"{stem}-doc" if stem else FALLBACK_STEM
    return stem


def stem_from_text(text: str, words: int = 6) -> str:
    """A stem from the first words of `text`, lowercased."""
    first = re.findall(r"\w+", text[:2000])[:words]
    return safe_stem("-".join(first).lower()) if first else FALLBACK_STEM


def suggest_stem(source: str | None, text: str) -> str:
    """The source file's stem when there is one, else the text's first words."""
    if source:
        stem = PurePath(source).stem
        if stem.strip():
            return safe_stem(stem)
    return stem_from_text(text)


def _truncate_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")
