"""Compiled pipelines kept per profile, so the one-call API runs at compiled speed.

`normalize(text, "wordopt")` in a loop (`df.text.apply(normalize)`) would
otherwise read the preset folder, parse the TOML and compile every rule on each
call: ten times the cost of the normalization itself. `cached_pipeline` keeps
the compiled `Pipeline` for each profile it is given:

- a preset name or a profile file path: keyed on the name as given, and checked
  on every call against the file's identity, size and modification time
  (`os.stat`, about a microsecond): an edited or replaced profile file is read
  again on the next call. (A stop-word list the profile names is read when the
  profile is compiled; editing only that list is not noticed.)
- a `Profile` value: keyed on the object itself (kept alive by the cache, so
  its id is never reused), and on a miss on its content, so equal profiles
  built separately share one pipeline.

The cache holds at most `MAX_ENTRIES` of each kind and forgets the oldest
first. Lookups take no lock: a dict read is atomic, and two threads that miss
at once each compile a pipeline, which are equal.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import NamedTuple

from gui.engine.pipeline import Pipeline
from gui.engine.presets import preset_names, preset_path, resolve_profile
from gui.engine.profile import Profile

MAX_ENTRIES = 64

ProfileSpec = Profile | str | Path


# What identifies one version of a file (device, inode, size, modification time):
# a replaced or an edited file differs. A plain tuple: built on every call.
_Stamp = tuple[int, int, int, int]


class _FileEntry(NamedTuple):
    path: str
    stamp: _Stamp
    pipeline: Pipeline


_by_name: dict[str, _FileEntry] = {}
_by_object: dict[int, tuple[Profile, Pipeline]] = {}
_by_content: dict[str, Pipeline] = {}
_lock = threading.Lock()


def cached_pipeline(profile: ProfileSpec) -> Pipeline:
    """The compiled pipeline for a preset name, a profile file path or a `Profile`.

    Raises `ProfileError` (one line naming the file) for an unknown preset or
    an unreadable or malformed profile file.
    """
    if isinstance(profile, Profile):
        entry = _by_object.get(id(profile))
        if entry is not None and entry[0] is profile:
            return entry[1]
        return _compile_value(profile)
    key = profile if isinstance(profile, str) else os.fspath(profile)
    found = _by_name.get(key)
    if found is not None:
        try:
            stamp = _stamp(found.path)
        except OSError:
            stamp = None
        if stamp == found.stamp:
            return found.pipeline
    return _compile_named(key)


def clear_cache() -> None:
    """Forget every compiled pipeline (tests; a long-lived process that edits many profiles)."""
    with _lock:
        _by_name.clear()
        _by_object.clear()
        _by_content.clear()


def _compile_named(key: str) -> Pipeline:
    # The same precedence as resolve_profile: a preset name first, then a path.
    path = str(preset_path(key)) if key in preset_names() else key
    with _lock:
        try:
            stamp_before = _stamp(path)
        except OSError:
            stamp_before = None
        profile = resolve_profile(key)  # raises the user-facing ProfileError
        pipeline = _by_content_key(profile)
        # Only a file that did not change while it was read is remembered.
        if stamp_before is not None and _safe_stamp(path) == stamp_before:
            _remember(_by_name, key, _FileEntry(path, stamp_before, pipeline))
        return pipeline


def _compile_value(profile: Profile) -> Pipeline:
    with _lock:
        pipeline = _by_content_key(profile)
        _remember(_by_object, id(profile), (profile, pipeline))
        return pipeline


def _by_content_key(profile: Profile) -> Pipeline:
    key = json.dumps(profile.to_dict(), sort_keys=True, ensure_ascii=False)
    pipeline = _by_content.get(key)
    if pipeline is None:
        pipeline = Pipeline(profile)
        _remember(_by_content, key, pipeline)
    return pipeline


def _remember(table: dict, key: object, value: object) -> None:
    table.pop(key, None)
    table[key] = value
    while len(table) > MAX_ENTRIES:
        del table[next(iter(table))]


def _stamp(path: str) -> _Stamp:
    status = os.stat(path)
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def _safe_stamp(path: str) -> _Stamp | None:
    try:
        return _stamp(path)
    except OSError:
        return None
