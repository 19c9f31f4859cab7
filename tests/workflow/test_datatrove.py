"""datatrove: the Textwash step under datatrove's real local executor, several tasks.

The documents it writes must hold exactly the texts `textwash clean` and
`normalize` give for the same profile.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from gui.engine import Profile, ProfileError, load_preset, normalize, save_profile
from gui.engine.profile import RuleStep
from tests.conftest import SMALL_JSONL

pytest.importorskip(
    "datatrove", reason="datatrove not installed (pip install '.[datatrove]'; CI installs it)"
)
pytest.importorskip("orjson", reason="orjson not installed (part of the datatrove extra)")

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from gui.workflow.integrations.datatrove import PROFILE_KEY, TextwashNormalizer

TASKS = 3
EXTRA = [
    "  <p>Visit https://example.com/x?y=1 now!</p>\n\n\nBy Jane Doe  ",
    "Don’t  worry: U.S. covid19 [sic] café №2 #tag @user 😀",
    "(Reuters) - ",
]


def _records() -> list[dict]:
    records = [json.loads(line) for line in SMALL_JSONL.read_text("utf-8").splitlines()]
    records += [{"id": f"extra-{i}", "text": text} for i, text in enumerate(EXTRA)]
    return records


def _run(tmp_path, profile, records):
    raw = tmp_path / "raw"
    raw.mkdir()
    for task in range(TASKS):  # one input file per task
        with (raw / f"part-{task}.jsonl").open("w", encoding="utf-8") as handle:
            for record in records[task::TASKS]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    step = TextwashNormalizer(profile)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(raw)),
            step,
            JsonlWriter(str(tmp_path / "clean"), compression=None),
        ],
        tasks=TASKS,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    out = {}
    for path in sorted((tmp_path / "clean").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            document = json.loads(line)
            out[document["id"]] = document
    return out


def _cli(tmp_path, profile, records) -> dict[str, str]:
    """`textwash clean FILE... --out DIR`, one text file per record."""
    texts = tmp_path / "texts"
    texts.mkdir()
    for record in records:
        (texts / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    command = [sys.executable, "-m", "gui", "clean", "-p", str(profile), "-o", "cli"]
    files = [str(path) for path in sorted(texts.iterdir())]
    subprocess.run([*command, *files], cwd=tmp_path, check=True, capture_output=True)
    return {path.stem: path.read_bytes().decode("utf-8") for path in (tmp_path / "cli").iterdir()}


def test_several_tasks_give_the_cli_texts(tmp_path):
    profile = tmp_path / "mine.toml"
    save_profile(load_preset("news-leak-safe").renamed("mine"), profile)
    records = _records()
    documents = _run(tmp_path, profile, records)
    cli = _cli(tmp_path, profile, records)
    assert sorted(documents) == sorted(record["id"] for record in records)
    for record in records:
        document = documents[record["id"]]
        # datatrove's writer leaves out empty fields: an emptied text has no "text".
        text = document.get("text", "")
        assert text == cli[record["id"]] == normalize(record["text"], profile)
        assert document["metadata"][PROFILE_KEY] == "mine"
    assert len(list((tmp_path / "logs" / "completions").iterdir())) == TASKS


def test_the_step_carries_the_profile_content(tmp_path):
    path = tmp_path / "mine.toml"
    save_profile(Profile("mine", (RuleStep("lowercase"),)), path)
    step = TextwashNormalizer(path)
    path.unlink()  # workers on other machines need not have the file
    assert step.profile == Profile("mine", (RuleStep("lowercase"),))
    documents = _run(tmp_path, step.profile, [{"id": "a", "text": "ABC"}])
    assert documents["a"]["text"] == "abc"
    with pytest.raises(ProfileError, match=r"mine\.toml"):
        TextwashNormalizer(path)


def test_stats_count_changed_and_emptied_documents():
    from datatrove.data import Document

    step = TextwashNormalizer("news-leak-safe")
    texts = ["already clean", "(Reuters) - ", "Some TEXT."]
    out = list(step.run(Document(text=t, id=str(i)) for i, t in enumerate(texts)))
    assert [document.text for document in out] == [normalize(t, "news-leak-safe") for t in texts]
    stats = step.stats.to_dict()["stats"]
    changed = sum(normalize(t, "news-leak-safe") != t for t in texts)
    assert stats == {"total": 3, "changed": changed, "emptied": 1}
