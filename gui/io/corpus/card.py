"""`README.md`: the dataset card that makes a corpus folder load whole with Hugging Face.

    >>> from datasets import load_dataset                    # doctest: +SKIP
    >>> load_dataset("corpus/")["train"]                      # every document, one row each

Without a card, `datasets` infers splits from file names: a document named
`budget-fight-test.txt` (from its title) becomes a "test" split and the rest
is dropped, so 2 of 1,001 documents load. The card's YAML `configs:` names the
data files explicitly (documents `*.txt` read whole, `sample_by: document`;
or the JSONL/Parquet shards by name), which turns that inference off. The
manifest and the marker are not data files, so they are never loaded.

The store writes the card on `close()` when what it says changed, atomically
and without following a link planted under its name (like the other control
files). A card whose front matter the store did not write (no
`textwash:` key) is the user's: it is left alone.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from pathlib import Path

from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import (
    UnsafeFile,
    create_temp,
    describe,
    fsync,
    fsync_folder,
    read_regular,
)

CARD_NAME = "README.md"
CARD_LIMIT = 64 * 1024 * 1024
_OURS = "textwash_card: 1"


def card_text(documents: bool, shards: Sequence[str]) -> str:
    """The card for a folder holding `.txt` documents and/or these shard files."""
    files: list[str] = []
    jsonl = [name for name in shards if name.endswith(".jsonl")]
    parquet = [name for name in shards if name.endswith(".parquet")]
    configs: list[str] = []
    if parquet or jsonl:
        files = parquet or jsonl  # one config: a builder reads one format
        listed = "".join(f"      - {name}\n" for name in files)
        configs.append(
            f"- config_name: default\n  data_files:\n  - split: train\n    path:\n{listed}"
        )
    elif documents:
        configs.append(
            "- config_name: default\n  data_files:\n  - split: train\n"
            '    path: "*.txt"\n  sample_by: document\n'
        )
    if not configs:
        return ""
    what = (
        "one normalized document per `.txt` file"
        if not files
        else "one normalized document per row (`id`, `text`) in its shard files"
    )
    return (
        f"---\n{_OURS}\nconfigs:\n{''.join(configs)}---\n"
        "# Textwash corpus\n\n"
        f"Made with Textwash: {what}. `manifest.jsonl` says where each came from "
        "(source, hashes, profile); `corpus.toml` records the profile.\n\n"
        "```python\nfrom datasets import load_dataset\n"
        'corpus = load_dataset("path/to/this/folder")["train"]\n```\n'
    )


def write_card(folder: Path, text: str) -> bool:
    """Write the card if it differs (and is ours); True if written. CorpusError in words."""
    path = folder / CARD_NAME
    try:
        old = read_regular(path, CARD_LIMIT)
    except UnsafeFile:
        old = b""  # a link in its place: replaced by our own file, never followed
    except OSError as error:
        raise CorpusError(describe(error, f"{path}: cannot read")) from None
    if old is not None and old and _OURS.encode() not in old.split(b"\n---", 1)[0]:
        return False  # the user's own README
    data = text.encode("utf-8")
    if not text or old == data:
        return False
    try:
        fd, temp = create_temp(folder, CARD_NAME)
    except OSError as error:
        raise CorpusError(describe(error, f"{path}: cannot write")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            fsync(handle.fileno())
        os.replace(temp, path)  # replaces a planted link itself, never its target
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise CorpusError(describe(error, f"{path}: cannot write")) from None
    fsync_folder(folder)
    return True
