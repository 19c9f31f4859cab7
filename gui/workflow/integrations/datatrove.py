"""datatrove: a pipeline step that normalizes each document's text with a Textwash profile.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from gui.workflow.integrations.datatrove import TextwashNormalizer

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("raw/"),
            TextwashNormalizer("news-leak-safe"),      # or "my-profile.toml"
            JsonlWriter("clean/"),
        ],
        tasks=8,
    ).run()

`TextwashNormalizer(profile)` is a datatrove formatter: it takes documents and
yields them with `text` normalized, byte for byte what `normalize`, the CLI
and the window give for that profile, and records the profile's name in each
document's `metadata["textwash_profile"]`. The profile (a preset name, a file
path or a `Profile`) is read once, when the step is built: the step carries its
content, so the same pipeline runs unchanged on datatrove's local, Slurm and
Ray executors, where the profile file need not exist. Its stats count
`changed` documents and those `emptied` by the profile (kept, with empty text;
put a filter after it to drop them).

Installed with `pip install 'textwash[datatrove]'` (datatrove, and orjson for
its JSONL reader and writer).
"""

from __future__ import annotations

from typing import Any

from gui.engine.cache import ProfileSpec, cached_pipeline
from gui.engine.presets import DEFAULT_PRESET

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as error:  # an optional extra
    raise ImportError(
        f"the datatrove step needs datatrove: pip install 'textwash[datatrove]' ({error})"
    ) from error

PROFILE_KEY = "textwash_profile"


class TextwashNormalizer(BaseFormatter):
    """Normalize every document's text with a Textwash profile."""

    name = "🧼 Textwash"

    def __init__(self, profile: ProfileSpec = DEFAULT_PRESET) -> None:
        super().__init__()
        # Resolved here, in the process that builds the pipeline: a bad profile
        # fails before any task starts, and workers get the content.
        self.profile = cached_pipeline(profile).profile

    def format(self, text: str) -> str:
        return cached_pipeline(self.profile).run(text)

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        run = cached_pipeline(self.profile).run
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                normalized = run(document.text)
            if normalized != document.text:
                self.stat_update("changed")
                if not normalized:
                    self.stat_update("emptied")
            document.text = normalized
            document.metadata[PROFILE_KEY] = self.profile.name
            yield document
