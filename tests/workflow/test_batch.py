"""Record statuses from the manifest, save and skip, batch apply: cancel, resume, JSONL, workers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from gui.engine.pipeline import Pipeline
from gui.engine.presets import load_preset
from gui.io.corpus import CorpusFolder, DuplicateDocument
from gui.workflow.batch import BatchProgress, run_batch
from gui.workflow.review import (
    EMPTY_REASON,
    JSONL,
    PENDING,
    SAVED,
    SKIPPED,
    DatasetReview,
)
from tests.conftest import SMALL_CSV, SMALL_JSONL

SHARD = "corpus-00000.jsonl"


@pytest.fixture
def profile():
    return load_preset("wordopt")


@pytest.fixture
def corpus(tmp_path) -> Path:
    path = tmp_path / "corpus"
    path.mkdir()
    return path


def _csv_texts(path: Path, column: str = "text") -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def _many_csv(tmp_path: Path, count: int, duplicate_every: int = 0) -> Path:
    """`count` records cut from the small fixture, made distinct by a number."""
    base = _csv_texts(SMALL_CSV)
    path = tmp_path / "many.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text"])
        for n in range(count):
            tag = "again" if duplicate_every and n % duplicate_every == 1 else f"copy {_letters(n)}"
            writer.writerow([f"Record {n}", f"{base[n % len(base)]} {tag}"])
    return path


def _letters(n: int) -> str:
    """A number as letters: wordopt deletes words with digits, so tags must not have any."""
    out = ""
    while True:
        n, digit = divmod(n, 26)
        out = chr(ord("a") + digit) + out
        if not n:
            return out


def _manifest(corpus: Path) -> list[dict]:
    path = corpus / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _documents(corpus: Path) -> set[str]:
    return {p.name for p in corpus.glob("*.txt")}


def _assert_consistent(corpus: Path) -> list[dict]:
    """Every saved entry's file exists with its hash, and no file lacks an entry."""
    from gui.io.corpus import sha256_text

    entries = _manifest(corpus)
    saved = [e for e in entries if e["status"] == SAVED and e["file"].endswith(".txt")]
    assert {e["file"] for e in saved} == _documents(corpus)
    assert len({e["file"] for e in saved}) == len(saved)
    for entry in saved:
        text = (corpus / entry["file"]).read_text(encoding="utf-8")
        assert sha256_text(text) == entry["normalized_sha256"]
    records = [e["record"] for e in entries if "record" in e]
    assert len(records) == len(set(records)), "a record was done twice"
    return entries


# -- review: statuses, save, skip, resume ------------------------------------------------


def test_save_skip_and_statuses_survive_reopening(open_ds, corpus, profile):
    pipeline = Pipeline(profile)
    dataset = open_ds(SMALL_CSV)
    review = DatasetReview(dataset, corpus)
    assert review.status(0).state == PENDING
    assert review.next_pending() == 0
    raw = dataset.text(0)
    status = review.save(0, raw, pipeline.run(raw), profile)
    assert status.state == SAVED
    assert status.file == dataset.stem(0, raw) + ".txt"
    assert status.file.startswith("factbox-trump-on-twitter")  # from the title column
    assert (corpus / status.file).read_text(encoding="utf-8") == pipeline.run(raw)
    assert review.skip(1, "off topic").state == SKIPPED
    assert review.next_pending() == 2
    assert review.next_pending(after=6) == 7
    assert review.next_pending(after=7) == 2  # wraps round
    counts = review.counts()
    assert (counts.total, counts.saved, counts.skipped, counts.pending) == (8, 1, 1, 6)

    entry = _manifest(corpus)[0]
    assert entry["dataset"] == str(SMALL_CSV.resolve())
    assert entry["record"] == "1"
    assert entry["field"] == "text"
    assert entry["source"] == str(SMALL_CSV.resolve())

    again = DatasetReview(open_ds(SMALL_CSV), corpus)
    assert again.status(0) == status
    assert again.status(1).state == SKIPPED and again.status(1).reason == "off topic"
    assert str(again.status(1)) == "skipped (off topic)"
    assert again.status(2).state == PENDING
    assert again.counts() == counts
    # another dataset in the same corpus has its own statuses
    other = DatasetReview(open_ds(SMALL_JSONL), corpus)
    assert other.counts().reviewed == 0


def test_last_entry_wins_when_a_skipped_record_is_saved_later(open_ds, corpus, profile):
    dataset = open_ds(SMALL_CSV)
    review = DatasetReview(dataset, corpus)
    review.skip(3, "later")
    raw = dataset.text(3)
    review.save(3, raw, Pipeline(profile).run(raw), profile)
    reopened = DatasetReview(open_ds(SMALL_CSV), corpus)
    assert reopened.status(3).state == SAVED
    assert reopened.counts().skipped == 0


def test_duplicates_raise_by_default_and_skip_on_request(open_ds, corpus, profile):
    dataset = open_ds(SMALL_CSV)
    review = DatasetReview(dataset, corpus)
    first = review.save(0, "A text", "a text", profile)
    with pytest.raises(DuplicateDocument):
        review.save(1, "A  text", "a text", profile)
    assert review.status(1).state == PENDING
    status = review.save(1, "A  text", "a text", profile, on_duplicate="skip")
    assert status.state == SKIPPED
    assert status.reason == f"duplicate of {first.file}"
    assert _manifest(corpus)[-1]["duplicate_of"] == first.file
    assert review.save(2, "", "   ", profile).reason == EMPTY_REASON


# -- batch ------------------------------------------------------------------------------


def test_batch_saves_every_record_and_resume_has_nothing_left(open_ds, corpus, profile):
    dataset = open_ds(SMALL_CSV)
    review = DatasetReview(dataset, corpus)
    seen: list[BatchProgress] = []
    result = run_batch(review, profile, jobs=1, progress=seen.append)
    assert (result.total, result.done, result.saved, result.cancelled) == (8, 8, 8, False)
    assert [p.done for p in seen] == list(range(1, 9))
    assert seen[-1].eta == 0 and seen[0].eta is not None and seen[-1].rate > 0
    entries = _assert_consistent(corpus)
    pipeline = Pipeline(profile)
    texts = {e["record"]: (corpus / e["file"]).read_text(encoding="utf-8") for e in entries}
    assert texts == {str(i + 1): pipeline.run(t) for i, t in enumerate(_csv_texts(SMALL_CSV))}

    again = run_batch(DatasetReview(open_ds(SMALL_CSV), corpus), profile, jobs=1)
    assert (again.total, again.already_done) == (0, 8)
    assert len(_manifest(corpus)) == 8


def test_batch_records_duplicates_as_skipped_instead_of_stopping(
    open_ds, tmp_path, corpus, profile
):
    path = _many_csv(tmp_path, 12, duplicate_every=4)  # rows 2, 6, 10 end in "again"
    result = run_batch(DatasetReview(open_ds(path), corpus), profile, jobs=1)
    # the fixture has 8 texts: row 10 repeats row 2 exactly, row 6 does not
    assert result.duplicates == 1
    entries = _assert_consistent(corpus)
    skipped = [e for e in entries if e["status"] == SKIPPED]
    assert [e["record"] for e in skipped] == ["10"]
    assert skipped[0]["reason"] == "duplicate of record-1.txt"  # row 2 is titled "Record 1"


def test_cancel_in_the_middle_leaves_files_and_manifest_agreeing_then_resume_finishes(
    open_ds, tmp_path, corpus, profile
):
    path = _many_csv(tmp_path, 40)
    review = DatasetReview(open_ds(path), corpus)
    result = run_batch(review, profile, jobs=1, should_stop=lambda: review.counts().reviewed >= 13)
    assert result.cancelled
    assert result.done == 13
    assert len(_assert_consistent(corpus)) == 13
    assert review.counts().pending == 27

    resumed = run_batch(DatasetReview(open_ds(path), corpus), profile, jobs=1)
    assert (resumed.total, resumed.done, resumed.already_done) == (27, 27, 13)
    assert len(_assert_consistent(corpus)) == 40
    assert len(_documents(corpus)) == 40


def test_cancel_with_workers(open_ds, tmp_path, corpus, profile):
    path = _many_csv(tmp_path, 200)
    review = DatasetReview(open_ds(path), corpus)
    result = run_batch(review, profile, jobs=2, chunk_records=4, should_stop=lambda: True)
    assert result.cancelled and result.done == 1
    assert len(_assert_consistent(corpus)) == 1
    run_batch(DatasetReview(open_ds(path), corpus), profile, jobs=2, chunk_records=4)
    assert len(_assert_consistent(corpus)) == 200


def test_workers_give_the_same_corpus_as_one_process(open_ds, tmp_path, profile):
    path = _many_csv(tmp_path, 120, duplicate_every=7)
    folders = []
    for jobs in (1, 2):
        corpus = tmp_path / f"jobs{jobs}"
        corpus.mkdir()
        run_batch(DatasetReview(open_ds(path), corpus), profile, jobs=jobs, chunk_records=8)
        folders.append(corpus)
    one, two = folders
    assert _documents(one) == _documents(two)
    for name in _documents(one):
        assert (one / name).read_bytes() == (two / name).read_bytes()

    def comparable(corpus):
        return [{k: v for k, v in e.items() if k != "time"} for e in _manifest(corpus)]

    assert comparable(one) == comparable(two)


def test_window_style_saves_give_the_same_files_as_a_batch(open_ds, tmp_path, profile):
    """What the window does record by record is what Apply to all does."""
    pipeline = Pipeline(profile)
    by_hand = tmp_path / "by_hand"
    batch = tmp_path / "batch"
    by_hand.mkdir()
    batch.mkdir()
    dataset = open_ds(SMALL_JSONL)
    review = DatasetReview(dataset, by_hand)
    index = review.next_pending()
    while index is not None:
        raw = dataset.text(index)
        review.save(index, raw, pipeline.run(raw), profile, on_duplicate="skip")
        index = review.next_pending(index)
    run_batch(DatasetReview(open_ds(SMALL_JSONL), batch), profile, jobs=1)
    assert _documents(by_hand) == _documents(batch)
    for name in _documents(batch):
        assert (by_hand / name).read_bytes() == (batch / name).read_bytes()


def test_unreadable_folder_record_is_skipped_with_the_reason(open_ds, tmp_path, corpus, profile):
    source = tmp_path / "src"
    source.mkdir()
    (source / "good.txt").write_text("Hello (World) 42", encoding="utf-8")
    (source / "broken.txt").write_bytes(b"\x00\x01" * 50)
    result = run_batch(DatasetReview(open_ds(source), corpus), profile, jobs=1)
    assert (result.saved, result.skipped) == (1, 1)
    entries = _assert_consistent(corpus)
    assert _documents(corpus) == {"good.txt"}
    skipped = next(e for e in entries if e["status"] == SKIPPED)
    assert skipped["record"] == "broken.txt"
    assert "not a text file" in skipped["reason"]


def test_a_leftover_file_from_a_crash_is_adopted_not_copied(open_ds, corpus, profile):
    dataset = open_ds(SMALL_CSV)
    text = Pipeline(profile).run(dataset.text(0))
    # a crash after the document was written, before its manifest line (group commit)
    CorpusFolder(corpus).open_for_writing().close()  # the folder was marked before that
    (corpus / f"{dataset.stem(0, dataset.text(0))}.txt").write_text(text, encoding="utf-8")
    run_batch(DatasetReview(dataset, corpus), profile, jobs=1)
    _assert_consistent(corpus)
    assert len(_documents(corpus)) == 8


def test_a_torn_manifest_line_does_not_swallow_the_next(open_ds, corpus, profile):
    (corpus / "manifest.jsonl").write_text('{"status": "saved", "fi', encoding="utf-8")
    review = DatasetReview(open_ds(SMALL_CSV), corpus)
    assert "unfinished" in review.corpus.manifest_problems[0]  # said before writing
    run_batch(review, profile, jobs=1)
    # the writer cut the torn line off on open and said so once
    assert review.corpus.notes == [
        "manifest.jsonl line 1: an unfinished line (23 bytes, left by an interrupted write) "
        "was removed"
    ]
    folder = CorpusFolder(corpus)
    assert len(folder.entries()) == 8
    assert folder.manifest_problems == []


# -- JSONL output --------------------------------------------------------------------------


def _jsonl_lines(corpus: Path) -> list[dict]:
    with open(corpus / SHARD, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_jsonl_output_loads_line_by_line(open_ds, corpus, profile):
    review = DatasetReview(open_ds(SMALL_JSONL), corpus, output_format=JSONL)
    result = run_batch(review, profile, jobs=1)
    review.close()
    assert result.saved == 8
    lines = _jsonl_lines(corpus)
    pipeline = Pipeline(profile)
    expected = [json.loads(line) for line in SMALL_JSONL.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"id": o["id"], "text": pipeline.run(o["text"])} for o in expected]
    assert _documents(corpus) == set()
    entries = _manifest(corpus)
    assert [e["file"] for e in entries] == [SHARD] * 8
    review = DatasetReview(open_ds(SMALL_JSONL), corpus)
    assert review.status(2).file == "corpus-00000.jsonl#isot-3"


def test_jsonl_output_resumes_after_a_crash_without_duplicates(open_ds, tmp_path, corpus, profile):
    path = _many_csv(tmp_path, 30)
    review = DatasetReview(open_ds(path), corpus, output_format=JSONL)
    run_batch(review, profile, jobs=1, should_stop=lambda: review.counts().reviewed >= 10)
    review.close()
    # a crash after a line was written but before its manifest entry, then a torn line
    with open(corpus / SHARD, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "11", "text": "unrecorded"}) + "\n")
        handle.write('{"id": "12", "te')
    review = DatasetReview(open_ds(path), corpus, output_format=JSONL)
    result = run_batch(review, profile, jobs=2, chunk_records=4)
    review.close()
    assert (result.done, result.already_done) == (20, 10)
    lines = _jsonl_lines(corpus)
    assert [line["id"] for line in lines] == [str(n) for n in range(1, 31)]
    assert "unrecorded" not in {line["text"] for line in lines}


# -- the corpus folder works with the tools people already have ----------------------------


def test_corpus_folder_loads_with_nltk_plaintext_reader(
    open_ds, tmp_path, corpus, profile, monkeypatch
):
    import nltk
    from nltk.corpus.reader import PlaintextCorpusReader

    # Recent NLTK (3.10) reads only below its data roots: users add their corpus folder.
    monkeypatch.setattr(nltk.data, "path", [*nltk.data.path, str(corpus)])

    path = _many_csv(tmp_path, 20)
    run_batch(DatasetReview(open_ds(path), corpus), profile, jobs=1)
    reader = PlaintextCorpusReader(str(corpus), r".*\.txt", encoding="utf-8")
    pipeline = Pipeline(profile)
    expected = {e["file"]: e["record"] for e in _manifest(corpus)}
    texts = _csv_texts(path)
    assert sorted(reader.fileids()) == sorted(expected)
    for fileid in reader.fileids():
        assert reader.raw(fileid) == pipeline.run(texts[int(expected[fileid]) - 1])
    assert len(reader.words()) > 1000
