"""The dataset card: a corpus folder loads whole with the real Hugging Face `datasets`."""

from __future__ import annotations

import os

import pytest

from gui.engine.presets import load_preset
from gui.io.corpus import CARD_NAME, CorpusStore
from gui.io.corpus.verify import verify_corpus

# Titles that end like split names: without a card, `datasets` makes splits of them.
STEMS = ["budget-fight-train", "senate-vote-test", "plain", "more-validation", "x-dev"]


def _texts(count: int) -> list[str]:
    return [
        f"Document {i} about {STEMS[i % len(STEMS)]}.\nSecond line {i}.\n" for i in range(count)
    ]


@pytest.fixture
def load_dataset(tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets", reason="pip install 'textwash[hf]' (datasets)")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    datasets.disable_progress_bars()
    return datasets.load_dataset


def test_txt_corpus_loads_every_document(tmp_path, load_dataset):
    corpus = tmp_path / "corpus"
    profile = load_preset("wordopt")
    texts = _texts(41)
    with CorpusStore(corpus) as store:
        for i, text in enumerate(texts):
            store.save(text, text, profile=profile, stem=f"{STEMS[i % len(STEMS)]}")
    assert (corpus / CARD_NAME).is_file()
    loaded = load_dataset(str(corpus))
    assert list(loaded) == ["train"]
    assert sorted(loaded["train"]["text"]) == sorted(texts)
    report = verify_corpus(corpus)
    assert report.ok, (report.problems, report.orphans)


def test_jsonl_corpus_card_follows_the_shards(tmp_path, load_dataset):
    corpus = tmp_path / "corpus"
    profile = load_preset("wordopt")
    texts = _texts(30)
    with CorpusStore(corpus) as store:
        for i, text in enumerate(texts[:10]):
            store.save_line(f"{STEMS[i % 5]}-{i}", text, text, profile=profile)
    card = (corpus / CARD_NAME).read_text(encoding="utf-8")
    assert "corpus-00000.jsonl" in card
    with CorpusStore(corpus) as store:  # a second run: the card is kept up to date
        store._shard_writer()._limit = 1  # every line in a new shard
        for i, text in enumerate(texts[10:], start=10):
            store.save_line(f"{STEMS[i % 5]}-{i}", text, text, profile=profile)
    loaded = load_dataset(str(corpus))["train"]
    assert sorted(loaded["text"]) == sorted(texts)
    assert len(set(loaded["id"])) == 30
    assert verify_corpus(corpus).ok


def test_card_is_never_written_through_a_link_and_a_users_readme_stays(tmp_path):
    corpus = tmp_path / "corpus"
    outside = tmp_path / "outside.md"
    outside.write_text("precious\n", encoding="utf-8")
    profile = load_preset("wordopt")
    with CorpusStore(corpus) as store:
        store.save("a", "a", profile=profile, stem="a")
    os.unlink(corpus / CARD_NAME)
    os.symlink(outside, corpus / CARD_NAME)
    with CorpusStore(corpus) as store:
        store.save("b", "b", profile=profile, stem="b")
    assert outside.read_text(encoding="utf-8") == "precious\n"
    assert not (corpus / CARD_NAME).is_symlink()
    (corpus / CARD_NAME).write_text("# my notes\n", encoding="utf-8")
    with CorpusStore(corpus) as store:
        store.save("c", "c", profile=profile, stem="c")
    assert (corpus / CARD_NAME).read_text(encoding="utf-8") == "# my notes\n"
