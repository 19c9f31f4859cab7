"""`textwash clean` as a user runs it: a real subprocess on real files.

The command runs as `python -m gui clean DATASET ...`, as users run `textwash clean`.
"""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gui.engine.pipeline import Pipeline
from gui.engine.presets import load_preset
from gui.io.corpus import sha256_text
from gui.workflow.review import DatasetReview
from tests.conftest import REPO, SMALL_CSV, SMALL_JSONL

COMMAND = [sys.executable, "-m", "gui", "clean"]


def clean(*args: str | Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*COMMAND, *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )


def _manifest(corpus: Path) -> list[dict]:
    lines = (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def _assert_consistent(corpus: Path, records: int) -> None:
    entries = _manifest(corpus)
    keys = [e["record"] for e in entries]
    assert len(keys) == len(set(keys)) == records, "records missing or done twice"
    saved = {e["file"]: e for e in entries if e["status"] == "saved"}
    assert set(saved) == {p.name for p in corpus.glob("*.txt")}
    for name, entry in saved.items():
        text = (corpus / name).read_text(encoding="utf-8")
        assert sha256_text(text) == entry["normalized_sha256"]


def _big_csv(tmp_path: Path, count: int) -> Path:
    with open(SMALL_CSV, newline="", encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    path = tmp_path / "big.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "text"])
        for n in range(count):
            tag = "".join(chr(ord("a") + int(d)) for d in str(n))  # no digits: wordopt drops them
            writer.writerow([f"Article {tag}", f"{texts[n % len(texts)]} {tag}"])
    return path


def test_clean_writes_the_corpus_with_plain_progress_and_a_summary(tmp_path):
    corpus = tmp_path / "new" / "corpus"
    result = clean(SMALL_CSV, "--column", "text", "--out", corpus, "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("isot_small.csv: saved 8, skipped 0 of 8 pending in ")
    assert "8 of 8 done in" in result.stdout
    progress = result.stderr.splitlines()
    assert progress[-1].startswith("clean: 8/8 (100%)")
    assert "\r" not in result.stderr  # not a terminal: no bar
    _assert_consistent(corpus, 8)

    again = clean(SMALL_CSV, "--out", corpus)
    assert again.returncode == 0
    assert "saved 0, skipped 0 of 0 pending" in again.stdout
    assert len(_manifest(corpus)) == 8


def test_clean_gives_the_same_files_as_saving_record_by_record(open_ds, tmp_path):
    profile = load_preset("wordopt")
    pipeline = Pipeline(profile)
    by_hand = tmp_path / "by_hand"
    by_hand.mkdir()
    dataset = open_ds(SMALL_CSV)
    review = DatasetReview(dataset, by_hand)
    for index in range(len(dataset)):
        raw = dataset.text(index)
        review.save(index, raw, pipeline.run(raw), profile, on_duplicate="skip")
    corpus = tmp_path / "cli"
    assert clean(SMALL_CSV, "--out", corpus, "--jobs", "2").returncode == 0
    names = {p.name for p in by_hand.glob("*.txt")}
    assert names == {p.name for p in corpus.glob("*.txt")}
    for name in names:
        assert (by_hand / name).read_bytes() == (corpus / name).read_bytes()


def test_clean_to_jsonl(tmp_path):
    corpus = tmp_path / "corpus"
    result = clean(SMALL_JSONL, "--field", "text", "--out", corpus, "--format", "jsonl", "-q")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    pipeline = Pipeline(load_preset("wordopt"))
    with open(SMALL_JSONL, encoding="utf-8") as handle:
        expected = [json.loads(line) for line in handle]
    with open(corpus / "corpus-00000.jsonl", encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    assert lines == [{"id": o["id"], "text": pipeline.run(o["text"])} for o in expected]


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        (None, ["--column", "body"], "no column named 'body' (available: 'title', 'text',"),
        ('title,text\n"a","one"\n"b",two,"x"\n', [], "row 2 (line 3) has 3 fields"),
        ('title,text\n"a","never closed\n', [], "opens a quoted field that is never closed"),
        ("", [], "the file is empty (no header row)"),
        (None, ["--profile", "no-such-preset"], "no preset or profile file by that name"),
    ],
)
def test_unusable_input_fails_clearly_and_writes_nothing(tmp_path, setup, args, message):
    dataset = SMALL_CSV
    if setup is not None:
        dataset = tmp_path / "bad.csv"
        dataset.write_text(setup, encoding="utf-8")
    corpus = tmp_path / "corpus"
    result = clean(dataset, "--out", corpus, *args)
    assert result.returncode == 1
    assert result.stderr.startswith("textwash clean: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not corpus.exists()


def test_out_must_not_be_a_file(tmp_path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = clean(SMALL_CSV, "--out", target)
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stderr


def _start_and_wait_for_progress(dataset: Path, corpus: Path, jobs: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [*COMMAND, str(dataset), "--out", str(corpus), "--jobs", str(jobs)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Part-way, past the first group commit (documents and manifest lines are made
    # durable in groups of up to 256 records or one second).
    while True:
        line = process.stderr.readline()
        assert line.startswith("clean: "), line
        if int(line.split("(")[1].split("%")[0]) >= 40:
            return process


@pytest.mark.parametrize("jobs", [1, 2])
def test_resume_after_sigkill_finishes_without_duplicates(tmp_path, jobs):
    count = 1500
    dataset = _big_csv(tmp_path, count)
    corpus = tmp_path / "corpus"
    process = _start_and_wait_for_progress(dataset, corpus, jobs)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL
    process.stdout.close()
    process.stderr.close()
    done_before = len(_manifest(corpus))
    assert 0 < done_before < count, "the run was not killed part-way"

    result = clean(dataset, "--out", corpus, "--jobs", str(jobs))
    assert result.returncode == 0, result.stderr
    assert f"{count} of {count} done" in result.stdout
    _assert_consistent(corpus, count)
    assert not list(corpus.glob("*-2.txt")), "a record was saved twice under another name"


def test_ctrl_c_stops_cleanly_and_resume_finishes(tmp_path):
    count = 1500
    dataset = _big_csv(tmp_path, count)
    corpus = tmp_path / "corpus"
    process = _start_and_wait_for_progress(dataset, corpus, 1)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "interrupted; run the same command again to resume" in err
    assert "Traceback" not in err
    entries = _manifest(corpus)
    assert 0 < len(entries) < count
    _assert_consistent(corpus, len(entries))

    assert clean(dataset, "--out", corpus).returncode == 0
    _assert_consistent(corpus, count)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_a_bar_redrawn_in_place_on_a_terminal(tmp_path):
    from gui.cli.clean_dataset import build_parser, run_dataset_clean

    args = build_parser().parse_args([str(SMALL_CSV), "--out", str(tmp_path / "c"), "--jobs", "1"])
    out, err = io.StringIO(), _Terminal()
    assert run_dataset_clean(args, stdout=out, stderr=err) == 0
    drawn = err.getvalue()
    assert drawn.startswith("\r[") and drawn.endswith("\n")
    assert "[##############################] 8/8 (100%)" in drawn
    assert "saved 8" in out.getvalue()


def test_the_batch_layer_never_imports_qt():
    code = (
        "import sys, gui.cli.clean_dataset, gui.workflow.batch, gui.io.datasets;"
        "import gui.workflow.review;"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_sigterm_stops_cleanly_with_a_message_and_resume_finishes(tmp_path):
    count = 1500
    dataset = _big_csv(tmp_path, count)
    corpus = tmp_path / "corpus"
    process = _start_and_wait_for_progress(dataset, corpus, 1)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "stopped by SIGTERM" in err and "Traceback" not in err
    entries = _manifest(corpus)
    assert 0 < len(entries) < count
    _assert_consistent(corpus, len(entries))  # the last group was made durable
    assert clean(dataset, "--out", corpus).returncode == 0
    _assert_consistent(corpus, count)


def _clean_in_its_own_group(dataset: Path, corpus: Path) -> subprocess.Popen:
    """`textwash clean --jobs 2` in a process group of its own, as a shell job is."""
    return subprocess.Popen(
        [*COMMAND, str(dataset), "--out", str(corpus), "--jobs", "2"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_sigterm_to_the_whole_process_group_with_workers_stops_cleanly(tmp_path):
    import os

    count = 1500
    dataset = _big_csv(tmp_path, count)
    corpus = tmp_path / "corpus"
    process = _clean_in_its_own_group(dataset, corpus)
    assert process.stderr.readline().startswith("clean: ")
    os.killpg(process.pid, signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "stopped by SIGTERM" in err and "Traceback" not in err
    _assert_consistent(corpus, len(_manifest(corpus)))


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except OSError:  # gone meanwhile
            continue
        for task in tasks:
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            todo.extend(int(child) for child in children if int(child) not in found)
            found.update(int(child) for child in children)
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [(signal.SIGTERM, 143, "stopped by SIGTERM"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_group_signal_while_the_workers_start_is_a_stop_not_a_crash(tmp_path, signum, code, said):
    """Ctrl+C (or kill -TERM -PGID) the moment worker processes appear, some mid-start-up.

    The fork server and the workers must not die of it halfway through
    starting (which ended the run in "a worker process died" or a traceback):
    the run stops as asked, with its usual message.
    """
    import os
    import time

    dataset = _big_csv(tmp_path, 1500)
    corpus = tmp_path / "corpus"
    process = _clean_in_its_own_group(dataset, corpus)
    # The fork server is a child; the workers are its children: the parent's
    # grandchildren. Signal the group as soon as one exists.
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        children = _descendants(process.pid)
        if any(_descendants(child) for child in children):
            break
    os.killpg(process.pid, signum)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert said in err and "Traceback" not in err and "died" not in err, err
    if (corpus / "manifest.jsonl").exists():
        _assert_consistent(corpus, len(_manifest(corpus)))


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('id = "remove_stopwords"\nlist_file = "missing.txt"', "stop-word list not found: "),
        ('id = "collapse_blank_lines"\nmax_blank = 1000000000000000000', "must be at most 10,000"),
    ],
)
def test_a_profile_that_cannot_be_built_is_one_line_naming_the_file(tmp_path, rule, message):
    profile = tmp_path / "p.toml"
    profile.write_text(f'name = "p"\n[[rules]]\n{rule}\n', encoding="utf-8")
    corpus = tmp_path / "corpus"
    result = clean(SMALL_CSV, "--out", corpus, "--profile", profile)
    assert result.returncode == 1
    assert result.stderr.startswith(f"textwash clean: {profile}: rules[0]")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not corpus.exists()
    if "stop-word" in message:
        assert str(tmp_path / "missing.txt") in result.stderr
