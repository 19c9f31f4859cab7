"""What can go wrong with a corpus folder, as typed errors whose message says it in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class CorpusError(Exception):
    """The corpus folder cannot be used or written; the message says why."""


class DuplicateDocument(CorpusError):
    """The normalized text is already in the corpus, as `earlier_file`."""

    def __init__(self, earlier_file: str) -> None:
        super().__init__(f"this normalized text is already in the corpus as {earlier_file}")
        self.earlier_file = earlier_file


class CorpusLocked(CorpusError):
    """Another writer holds the folder's lock; `holder` has pid, host, command, since."""

    def __init__(self, folder: Path, holder: dict[str, Any]) -> None:
        self.folder = folder
        self.holder = holder
        if holder:
            who = (
                f"process {holder.get('pid', '?')} on {holder.get('host', '?')} "
                f"({holder.get('command', '?')}), since {holder.get('since', '?')}"
            )
        else:
            who = "another process"
        super().__init__(
            f"{folder}: the corpus is being written by {who}; wait for it to finish "
            "or choose another folder"
        )


class ProfileMismatch(CorpusError):
    """Saving with a profile other than the corpus's; both are named."""

    def __init__(self, folder: Path, corpus_profile: str, corpus_sha: str, profile: str, sha: str):
        self.folder = folder
        self.corpus_profile, self.corpus_sha256 = corpus_profile, corpus_sha
        self.profile, self.profile_sha256 = profile, sha
        super().__init__(
            f"{folder}: the corpus was made with profile {corpus_profile!r} "
            f"(sha256 {corpus_sha[:12]}), not {profile!r} (sha256 {sha[:12]}); use the "
            "corpus's profile, choose another folder, or allow mixed profiles explicitly"
        )


class AlreadySaved(CorpusError):
    """The record already has a document (`file`); replace it explicitly or skip it."""

    def __init__(self, file: str) -> None:
        super().__init__(f"this record is already saved as {file}")
        self.file = file
