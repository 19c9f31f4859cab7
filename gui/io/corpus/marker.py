"""`corpus.toml`: the marker that makes a folder a corpus, and the profiles it was made with.

    format = 1
    created = "2026-12-01T22:50:00+00:00"
    app_version = "..."
    shards = ["corpus-00000.jsonl"]        # JSONL shards this store created

    [[profiles]]
    sha256 = "..."                          # profile_sha256 on every manifest line
    added = "..."
    [profiles.profile]                      # the full profile, as its TOML file has it
    ...

A corpus has one profile; a second one is recorded only when the writer
allows mixed profiles explicitly. The hash covers the rules and protected
spans, not the name or description, so renaming a profile does not make it
another one. Written atomically (temporary file, fsync, rename).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from gui import __version__
from gui.io.corpus.errors import CorpusError
from gui.io.corpus.files import (
    UnsafeFile,
    create_temp,
    describe,
    fsync,
    fsync_folder,
    read_regular,
)

MARKER_NAME = "corpus.toml"
MARKER_LIMIT = 16 * 1024 * 1024
FORMAT = 1


def profile_sha256(profile: Mapping[str, Any]) -> str:
    """The hash a corpus knows a profile by: its rules and protect patterns, canonical JSON."""
    core = {key: profile.get(key) for key in ("format", "protect", "rules")}
    data = json.dumps(core, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class Marker:
    """The parsed `corpus.toml` of one folder (or a new one, not yet written)."""

    def __init__(self, folder: Path, data: dict[str, Any] | None = None) -> None:
        self.folder = folder
        self.path = folder / MARKER_NAME
        self.exists = data is not None
        self.data: dict[str, Any] = data or {
            "format": FORMAT,
            "created": _now(),
            "app_version": __version__,
            "shards": [],
            "profiles": [],
        }

    @classmethod
    def read(cls, folder: Path) -> Marker:
        path = folder / MARKER_NAME
        try:
            raw = read_regular(path, MARKER_LIMIT)
        except (OSError, UnsafeFile) as error:
            raise CorpusError(describe(error, f"{path}: cannot read")) from None
        if raw is None:
            return cls(folder)
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as error:
            raise CorpusError(f"{path}: not a valid corpus marker ({error})") from None
        if data.get("format") != FORMAT or not isinstance(data.get("profiles", []), list):
            raise CorpusError(f"{path}: format {data.get('format')!r} is not supported")
        data.setdefault("profiles", [])
        data.setdefault("shards", [])
        return cls(folder, data)

    @property
    def profiles(self) -> list[dict[str, Any]]:
        return self.data["profiles"]

    @property
    def shards(self) -> list[str]:
        return self.data["shards"]

    def hashes(self) -> list[str]:
        return [str(p.get("sha256", "")) for p in self.profiles]

    def add_profile(self, profile: Mapping[str, Any]) -> str:
        sha = profile_sha256(profile)
        if sha not in self.hashes():
            self.profiles.append({"sha256": sha, "added": _now(), "profile": dict(profile)})
        return sha

    def add_shard(self, name: str) -> None:
        if name not in self.shards:
            self.shards.append(name)

    def write(self) -> None:
        """Write atomically and durably; CorpusError in words on failure."""
        data = tomli_w.dumps(_tomlable(self.data)).encode("utf-8")
        try:
            fd, temp = create_temp(self.folder, MARKER_NAME)
        except OSError as error:
            raise CorpusError(describe(error, f"{self.path}: cannot write")) from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                fsync(handle.fileno())
            os.replace(temp, self.path)  # replaces a planted link itself, never its target
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise CorpusError(describe(error, f"{self.path}: cannot write")) from None
        fsync_folder(self.folder)
        self.exists = True


def _tomlable(value: Any) -> Any:
    # TOML has no null: drop None values (a profile never needs them).
    if isinstance(value, Mapping):
        return {k: _tomlable(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_tomlable(v) for v in value if v is not None]
    return value


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
