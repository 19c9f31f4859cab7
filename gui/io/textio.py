"""Read text files: detect the encoding, refuse what is not text.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read directly; a
UTF-8 file with a few invalid bytes stays UTF-8 (each bad byte U+FFFD,
counted in `DecodedText.replaced`); any other encoding is guessed with
charset-normalizer. FIFOs and devices are refused, never waited on. Text is kept byte-exact:
no newline translation, so `\\r\\n` reaches the rules as it is on disk.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

# A character beyond U+FFFF: two UTF-16 units (two positions in a Qt text),
# and outside what most of our per-character tables cover. Shared by the
# lowercase rule, the raw pane's offset map and its invisible-character marks.
ASTRAL = re.compile("[\U00010000-\U0010ffff]")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 64 * 1024
# Text may hold a few stray control characters; binary data holds many.
_MAX_CONTROL_SHARE = 0.01


class InputError(Exception):
    """An input cannot be read as text; the message says why, in words."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    replaced: int = 0
    """Invalid bytes in an otherwise UTF-8 input, each decoded as U+FFFD."""


def decode_text(data: bytes, source: str) -> DecodedText:
    """Decode bytes read from `source` (a name used in error messages)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise InputError(f"{source}: damaged {encoding} text ({error.reason})") from None
    wide = utf16_without_bom(data)
    if wide is not None:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            text = ""  # not UTF-16 after all: the NUL test below calls it binary
        if text and not _looks_binary(text):
            return DecodedText(text, wide)
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(f"{source}: not a text file (it contains NUL bytes; binary data?)")
    replaced = 0
    try:
        # Valid UTF-8, the common case: one decode (detect_encoding would make two).
        return _checked(DecodedText(data.decode("utf-8"), "utf-8"), source)
    except UnicodeDecodeError:
        encoding = _encoding_of_invalid_utf8(data)
    if encoding == "utf-8":
        text = data.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    elif encoding == "cp1252":
        text = data.decode("cp1252")
    else:
        text, encoding = _guess(data, source)
    return _checked(DecodedText(text, encoding, replaced), source)


def _checked(decoded: DecodedText, source: str) -> DecodedText:
    if _looks_binary(decoded.text):
        raise InputError(f"{source}: not a text file (too many control characters)")
    return decoded


def detect_encoding(data: bytes, *, partial: bool = False) -> str:
    """`utf-8`, `cp1252`, or `guess` (ask charset-normalizer) for bytes without a BOM.

    The one detection for text files and CSV/TSV files (`partial`: `data` is
    the start of a longer file, maybe cut inside a character).
    """
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=not partial)
        return "utf-8"
    except UnicodeDecodeError:
        return _encoding_of_invalid_utf8(data)


def _encoding_of_invalid_utf8(data: bytes) -> str:
    """`detect_encoding` for bytes known not to be valid UTF-8."""
    if _mostly_utf8(data) is not None:
        return "utf-8"
    if _western(data) is not None:
        return "cp1252"
    return "guess"


def utf16_without_bom(data: bytes) -> str | None:
    """`utf-16-le`/`utf-16-be` when the bytes look like UTF-16 text without a BOM.

    Text in the Latin, Greek or Cyrillic ranges, as UTF-16, has a NUL in
    (nearly) every other byte, always on the same side; binary data does not.
    """
    sample = data[: _SNIFF_BYTES & ~1]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if odd > 0.4 and even < 0.02:
        return "utf-16-le"
    if even > 0.4 and odd < 0.02:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, bytes replaced) when the bytes are UTF-8 but for a few bad ones, else None.

    One stray byte must not turn a UTF-8 file into another code page (mojibake
    in every accented letter): when valid multi-byte UTF-8 sequences outnumber
    the invalid bytes, it is UTF-8 and each bad byte becomes U+FFFD. A legacy
    code page text has no valid multi-byte sequences, so it is still detected.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - replaced
    if replaced > 0 and valid > replaced:
        return text, replaced
    return None


# Characters a Western European text in cp1252 / Latin-1 commonly holds beyond ASCII.
_WESTERN_LETTERS = frozenset(
    [chr(code) for code in range(0xC0, 0x100) if code not in (0xD7, 0xF7)] + list("ŒœŠšŽžŸ")
)
_WESTERN_MARKS = frozenset("\u00a0“”‘’„–—…€•™«»°©®·¡£")
# In real Western text most letters are ASCII; mis-decoded Cyrillic or Greek is all accents.
_MAX_ACCENTED_SHARE = 0.3


def _western(data: bytes) -> str | None:
    """The text, if the bytes read as plausible Western European cp1252, else None.

    charset-normalizer often mistakes short French, Spanish or German texts for
    Baltic or Central European code pages; cp1252 is by far the most common
    legacy encoding in news corpora, so it is tried first and kept only when
    every non-ASCII character is a Western letter or typographic mark and the
    accented letters are a minority.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    accented = letters = 0
    for ch in text:
        if ch.isascii():
            letters += ch.isalpha()
        elif ch in _WESTERN_LETTERS:
            accented += 1
            letters += 1
        elif ch not in _WESTERN_MARKS:
            return None
    return text if letters and accented / letters <= _MAX_ACCENTED_SHARE else None


def _guess(data: bytes, source: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # import on first need: it is slow to load

    matches = list(from_bytes(data))
    if not matches:
        # No confident guess. Latin-1 maps every byte, so text survives (ftfy can
        # repair it later); binary data is still caught by the control-character test.
        return data.decode("latin-1"), "latin-1"
    best = matches[0]
    # cp1250 and cp1252 often tie on Western text; cp1252 is far more common.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            best = match
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f\v")
    return controls / len(sample) > _MAX_CONTROL_SHARE


def read_text_file(path: str | Path) -> DecodedText:
    """Read and decode a file; InputError with a plain message on any failure."""
    path = Path(path)
    try:
        data = _read_regular(path)
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    return decode_text(data, str(path))


def _read_regular(path: Path) -> bytes:
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file (a FIFO or a device); skipped")
        os.set_blocking(fd, True)
        return handle.read()


PROFILE_LIMIT = 4 * 1024 * 1024
LIST_LIMIT = 64 * 1024 * 1024


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file no larger than `limit`; OSError (EFBIG) otherwise.

    For files read whole into memory (profiles, word lists): `/dev/zero` or a
    FIFO named like a profile must end in a message, not exhaust memory or hang.
    """
    path = Path(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        os.set_blocking(fd, True)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit:,} bytes")
    return data
