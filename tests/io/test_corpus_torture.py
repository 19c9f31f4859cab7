"""The corpus store tried as a hostile tester would: real processes, real files, real signals.

kill -9 at (seeded) random moments then resume gives the same corpus as an
uninterrupted run; a second writer is refused naming the holder; a disk that
fills up (a child with a small RLIMIT_FSIZE) leaves a corpus that opens and
resumes; planted links are never written through; torn and undecodable
manifest lines are reported by number and healed.
"""

from __future__ import annotations

import csv
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gui.engine.presets import load_preset
from gui.io.corpus import (
    AlreadySaved,
    CorpusError,
    CorpusLocked,
    CorpusStore,
    ProfileMismatch,
)
from gui.io.corpus.verify import verify_corpus
from tests.conftest import REPO, SMALL_CSV

CLEAN = [sys.executable, "-m", "gui", "clean"]


def _dataset(tmp_path: Path, count: int, extra: str = "") -> Path:
    with open(SMALL_CSV, newline="", encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    path = tmp_path / "big.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text"])
        for n in range(count):
            tag = "".join(chr(ord("a") + int(d)) for d in str(n))
            writer.writerow([f"Article {tag}", f"{texts[n % len(texts)][:400]} {extra}{tag}"])
    return path


def _run(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLEAN, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=120, **kw
    )


def _snapshot(corpus: Path) -> tuple[dict[str, bytes], list[tuple]]:
    files = {p.name: p.read_bytes() for p in corpus.iterdir() if p.suffix in {".txt", ".jsonl"}}
    files.pop("manifest.jsonl", None)
    entries = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text("utf-8").splitlines()]
    records = sorted(
        (e["record"], e["status"], e.get("file"), e.get("offset"), e.get("normalized_sha256"))
        for e in entries
    )
    return files, records


@pytest.mark.parametrize("output", ["txt", "jsonl"])
def test_kill_9_at_random_moments_then_resume_equals_an_uninterrupted_run(tmp_path, output):
    dataset = _dataset(tmp_path, 600)
    reference = tmp_path / "reference"
    assert _run(dataset, "--out", reference, "--format", output, "--jobs", "1").returncode == 0
    corpus = tmp_path / "corpus"
    chance = random.Random(9)
    kills = 0
    for _round in range(3):
        process = subprocess.Popen(
            [*CLEAN, str(dataset), "--out", str(corpus), "--format", output, "--jobs", "2"],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _line in range(chance.randint(1, 4)):  # wait for 1-4 progress lines (10% each)
            if not process.stderr.readline():
                break
        process.send_signal(signal.SIGKILL)
        kills += process.wait(timeout=60) == -signal.SIGKILL
        process.stderr.close()
    assert kills >= 2, "the runs ended before they could be killed"
    result = _run(dataset, "--out", corpus, "--format", output, "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "600 of 600 done" in result.stdout
    assert _snapshot(corpus) == _snapshot(reference)
    report = verify_corpus(corpus)
    assert report.ok, (report.problems, report.orphans, report.temporary)


def test_a_second_writer_is_refused_naming_the_holder(tmp_path):
    dataset = _dataset(tmp_path, 1000)
    corpus = tmp_path / "corpus"
    first = subprocess.Popen(
        [*CLEAN, str(dataset), "--out", str(corpus), "--jobs", "1"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert first.stderr.readline().startswith("clean: ")  # it is writing now
    first.send_signal(signal.SIGSTOP)  # and holds the lock until it continues
    second = _run(dataset, "--out", corpus, "--format", "jsonl")
    assert second.returncode == 1
    assert f"being written by process {first.pid}" in second.stderr
    assert "textwash clean" in second.stderr and "Traceback" not in second.stderr
    # the window's store is refused the same way
    with pytest.raises(CorpusLocked) as locked:
        CorpusStore(corpus).save("x", "x", profile=load_preset("wordopt"), source="x.txt")
    assert locked.value.holder["pid"] == first.pid
    first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert "1000 of 1000 done" in out
    assert verify_corpus(corpus).ok


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes then fail with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize("output", ["txt", "jsonl"])
def test_disk_full_mid_run_then_resume(tmp_path, output):
    dataset = _dataset(tmp_path, 400, extra="Ünïcödé “quotes” ")
    corpus = tmp_path / "corpus"
    limit = 60_000 if output == "txt" else 90_000
    full = _run(
        dataset, "--out", corpus, "--format", output, "-q", preexec_fn=_limit_file_size(limit)
    )
    assert full.returncode == 1, full.stderr
    assert "the file size limit is reached" in full.stderr
    assert "Traceback" not in full.stderr
    store = CorpusStore(corpus)
    assert store.manifest_problems == []  # cut back to its last complete line
    result = _run(dataset, "--out", corpus, "--format", output, "-q")
    assert result.returncode == 0, result.stderr
    assert "400 of 400 done" in result.stdout
    report = verify_corpus(corpus)
    assert report.ok, (report.problems, report.orphans, report.temporary)


def test_planted_links_are_never_written_through(tmp_path):
    profile = load_preset("wordopt")
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    corpus = tmp_path / "corpus"
    CorpusStore(corpus).save("A", "a", profile=profile, source="a.txt")
    (corpus / "manifest.jsonl").rename(tmp_path / "moved.jsonl")
    (corpus / "manifest.jsonl").symlink_to(target)
    with pytest.raises(CorpusError, match=r"manifest\.jsonl is a link"):
        CorpusStore(corpus).save("B", "b", profile=profile, source="b.txt")
    assert target.read_text() == "keep me\n"
    # a shard planted as a link
    jsonl = tmp_path / "jsonl"
    result = _run(SMALL_CSV, "--out", jsonl, "--format", "jsonl", "-q")
    assert result.returncode == 0, result.stderr
    shard = jsonl / "corpus-00000.jsonl"
    shard.unlink()
    shard.symlink_to(target)
    result = _run(SMALL_CSV, "--out", jsonl, "--format", "jsonl", "-q")
    assert result.returncode == 1 and "corpus-00000.jsonl is a link" in result.stderr
    assert target.read_text() == "keep me\n"


def test_an_unmarked_folder_and_an_input_inside_the_output_are_refused(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    dataset = folder / "corpus.jsonl"
    dataset.write_text('{"id": "1", "text": "Hello"}\n', encoding="utf-8")
    result = _run(dataset, "--out", folder, "--format", "jsonl")
    assert result.returncode == 1
    assert "not a corpus folder" in result.stderr
    assert dataset.read_text(encoding="utf-8") == '{"id": "1", "text": "Hello"}\n'
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    inner = corpus / "in.csv"
    inner.write_text("text\nhello\n", encoding="utf-8")
    CorpusStore(tmp_path / "corpus2").open_for_writing().close()
    moved = tmp_path / "corpus2" / "in.csv"
    inner.rename(moved)
    result = _run(moved, "--out", tmp_path / "corpus2")
    assert result.returncode == 1 and "inside the corpus folder" in result.stderr


def test_torn_tail_inside_a_multibyte_character_is_repaired_once(tmp_path):
    profile = load_preset("wordopt")
    corpus = tmp_path / "corpus"
    CorpusStore(corpus).save("É", "é", profile=profile, source="e.txt")
    manifest = corpus / "manifest.jsonl"
    good = manifest.read_bytes()
    line = json.dumps({"status": "saved", "file": "zé.txt"}, ensure_ascii=False).encode()
    torn = line[: line.index("é".encode()) + 1]  # cut after the first byte of é
    bad_middle = b'{"status": "skipped", "reason": "\xff"}\n'
    manifest.write_bytes(good + bad_middle + torn)
    reader = CorpusStore(corpus)
    assert reader.document_count() == 1
    assert reader.manifest_problems == [
        "manifest.jsonl line 2: not valid UTF-8",
        "manifest.jsonl: its last line is unfinished (an interrupted write); "
        "it is removed when the corpus is next written",
    ]
    writer = CorpusStore(corpus)
    writer.save("F", "f", profile=profile, source="f.txt")
    assert len(writer.notes) == 1 and "unfinished line" in writer.notes[0]
    assert manifest.read_bytes().startswith(good + bad_middle)
    again = CorpusStore(corpus)
    assert again.manifest_problems == ["manifest.jsonl line 2: not valid UTF-8"]
    assert again.document_count() == 2


def test_one_profile_per_corpus_unless_mixing_is_explicit(tmp_path):
    corpus = tmp_path / "corpus"
    assert _run(SMALL_CSV, "--out", corpus, "-q").returncode == 0
    (tmp_path / "more").mkdir()
    more = _dataset(tmp_path / "more", 5)
    other = _run(more, "--out", corpus, "--profile", "clean", "-q")
    assert other.returncode == 1
    assert "made with profile 'wordopt'" in other.stderr and "not 'clean'" in other.stderr
    mixed = _run(more, "--out", corpus, "--profile", "clean", "--allow-mixed-profiles", "-q")
    assert mixed.returncode == 0, mixed.stderr
    assert len(CorpusStore(corpus).profiles) == 2
    store = CorpusStore(tmp_path / "fresh")
    store.save("a", "a", profile=load_preset("wordopt"), source="a.txt")
    with pytest.raises(ProfileMismatch) as mismatch:
        store.save("b", "b", profile=load_preset("clean"), source="b.txt")
    assert (mismatch.value.corpus_profile, mismatch.value.profile) == ("wordopt", "clean")


def test_a_saved_record_is_skipped_or_replaced_atomically(tmp_path):
    profile = load_preset("wordopt")
    store = CorpusStore(tmp_path / "corpus")
    record = {"dataset": "/d.csv", "record": "1"}
    first = store.save("One", "one", profile=profile, source="s", stem="s", extra=record)
    with pytest.raises(AlreadySaved, match=r"already saved as s\.txt"):
        store.save("Two", "two", profile=profile, source="s", stem="s", extra=record)
    again = store.save(
        "Two", "two", profile=profile, source="s", stem="s", extra=record, replace=True
    )
    assert again.path == first.path and first.path.read_text() == "two"
    assert again.entry["replaced"] is True
    reopened = CorpusStore(tmp_path / "corpus")
    assert reopened.document_count() == 1 and reopened.find_duplicate("one") is None
    assert reopened.is_saved("/d.csv", "1")["normalized_sha256"] == again.entry["normalized_sha256"]


def test_documents_follow_the_umask_and_lines_carry_version_and_time(tmp_path):
    old = os.umask(0o022)
    try:
        store = CorpusStore(tmp_path / "corpus")
        saved = store.save("A", "a", profile=load_preset("wordopt"), source="a.txt")
        store.record_skip("not news")
    finally:
        os.umask(old)
    assert saved.path.stat().st_mode & 0o777 == 0o644
    for entry in store.entries():
        assert entry["app_version"] and entry["time"]


def test_a_fifo_in_a_folder_dataset_is_skipped_with_a_reason(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("Hello there", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    result = _run(folder, "--out", tmp_path / "corpus", "-q")
    assert result.returncode == 0, result.stderr
    skipped = [
        json.loads(line)
        for line in (tmp_path / "corpus" / "manifest.jsonl").read_text("utf-8").splitlines()
        if '"skipped"' in line
    ]
    assert [e["record"] for e in skipped] == ["pipe.txt"]
    assert "not a regular file" in skipped[0]["reason"]


def test_one_bad_byte_in_utf8_is_u_fffd_not_another_code_page():
    from gui.io.textio import decode_text

    data = "He said “yes” — café".encode() + b" \xff end"
    decoded = decode_text(data, "x.txt")
    assert decoded.text == "He said “yes” — café \ufffd end"
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 1)


def test_utf16_without_a_bom_is_text_and_a_bad_byte_in_a_csv_stays_in_its_row(open_ds, tmp_path):
    from gui.io.textio import decode_text

    assert decode_text("Grüße, world\n".encode("utf-16-le"), "x.txt").text == "Grüße, world\n"
    assert decode_text("Grüße, world\n".encode("utf-16-be"), "x.txt").encoding == "utf-16-be"
    rows = [f"“quoted” row {n} café" for n in range(50)]
    data = ("text\n" + "\n".join(rows) + "\n").encode()
    data = data.replace(b"row 3 ", b"row 3 \xff")
    path = tmp_path / "one-bad-byte.csv"
    path.write_bytes(data)
    dataset = open_ds(path)
    texts = [dataset.text(i) for i in range(len(dataset))]
    assert texts[3] == "“quoted” row 3 \ufffdcafé"
    assert texts[:3] + texts[4:] == rows[:3] + rows[4:]
    long_field = tmp_path / "long.csv"
    long_field.write_text("text\n" + "a" * 200_000 + "\n", encoding="utf-8")
    assert len(open_ds(long_field).text(0)) == 200_000


def test_a_bad_byte_is_counted_in_the_manifest_line(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_bytes("He said “yes” — café".encode() + b" \xff end")
    assert _run(folder, "--out", tmp_path / "corpus", "-q").returncode == 0
    entry = json.loads((tmp_path / "corpus" / "manifest.jsonl").read_text("utf-8"))
    assert entry["replacement_chars"] == 1


def test_nul_in_a_path_and_deeply_nested_toml_end_in_one_line(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    for args in (
        ["a\x01b.csv"],  # Popen refuses a NUL in argv itself: test the library entry below
        [str(SMALL_CSV), "--profile", str(deep)],
    ):
        result = _run(*args, "--out", tmp_path / "c")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    from gui.io.datasets import DatasetError, open_dataset

    with pytest.raises(DatasetError, match="NUL character"):
        open_dataset("a\x00b.csv")
    with pytest.raises(CorpusError, match="NUL character"):
        CorpusStore(tmp_path / "x\x00y")


def test_verify_finds_what_is_wrong(tmp_path):
    corpus = tmp_path / "corpus"
    assert _run(SMALL_CSV, "--out", corpus, "-q").returncode == 0
    ok = subprocess.run(
        [sys.executable, "-m", "gui", "verify", str(corpus)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ok.returncode == 0 and "8 documents checked, ok" in ok.stdout
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text("changed", encoding="utf-8")
    (corpus / "stray.txt").write_text("x", encoding="utf-8")
    (corpus / ".stray.txt.abcd.tmp").write_text("x", encoding="utf-8")
    with open(corpus / "manifest.jsonl", "ab") as handle:
        handle.write(b'{"status": "sav')
    bad = subprocess.run(
        [sys.executable, "-m", "gui", "verify", str(corpus)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert f"{first.name}: its bytes do not match normalized_sha256" in bad.stdout
    assert "stray.txt: not in the manifest (orphan)" in bad.stdout
    assert ".stray.txt.abcd.tmp: temporary file" in bad.stdout
    assert "last line is unfinished" in bad.stdout


def _wait_until_stopped(pid: int) -> None:
    """Until the kernel reports the process stopped (state T in /proc/PID/stat)."""
    stat = Path(f"/proc/{pid}/stat")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        # The state follows the command name, which is in parentheses.
        if stat.read_text().rsplit(")", 1)[1].split()[0] in ("T", "t"):
            return
        os.sched_yield()
    raise AssertionError(f"process {pid} did not stop")


def test_a_corpus_folder_removed_mid_run_stops_it_with_exit_1(tmp_path):
    import shutil

    dataset = _dataset(tmp_path, 1000)
    corpus = tmp_path / "corpus"
    process = subprocess.Popen(
        [*CLEAN, str(dataset), "--out", str(corpus), "--jobs", "1"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr.readline().startswith("clean: ")
    process.send_signal(signal.SIGSTOP)
    _wait_until_stopped(process.pid)  # a signal is delivered later: no write races the rmtree
    shutil.rmtree(corpus)
    process.send_signal(signal.SIGCONT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1, (out, err)
    assert "the corpus folder disappeared during the run" in err or "folder is gone" in err
    assert "Traceback" not in err and "1000 of 1000 done" not in out


def test_an_older_corpus_without_corpus_toml_is_adopted_with_its_first_profile(tmp_path):
    corpus = tmp_path / "old"
    corpus.mkdir()
    (corpus / "a.txt").write_text("a", encoding="utf-8")
    legacy = {
        "status": "saved",
        "file": "a.txt",
        "source": "a.txt",
        "normalized_sha256": __import__("hashlib").sha256(b"a").hexdigest(),
        "profile": load_preset("wordopt").to_dict(),
    }
    (corpus / "manifest.jsonl").write_text(json.dumps(legacy) + "\n", encoding="utf-8")
    store = CorpusStore(corpus)
    assert store.document_count() == 1
    with pytest.raises(ProfileMismatch):
        store.save("B", "b", profile=load_preset("clean"), source="b.txt")
    assert [p["profile"]["name"] for p in store.profiles] == ["wordopt"]
    store.save("C", "c", profile=load_preset("wordopt"), source="c.txt")
    assert CorpusStore(corpus).document_count() == 2
    assert verify_corpus(corpus).ok
