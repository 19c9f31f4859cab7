"""`textwash audit` as a user runs it: a real subprocess on real files."""

from __future__ import annotations

import csv
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from gui.engine.presets import load_preset
from gui.workflow.audit import profile_sha256
from tests.conftest import REPO
from tests.workflow.leak_data import mixed_isot

COMMAND = [sys.executable, "-m", "gui", "audit"]


def run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*COMMAND, *map(str, args)], cwd=REPO, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def small(tmp_path) -> Path:
    path = tmp_path / "small.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        for number in range(6):
            writer.writerow([f"WASHINGTON (Reuters) - The senate met {number}.", "true"])
            credit = " Featured image via Getty" if number % 2 else ""
            writer.writerow([f"The senate met {number}.{credit}", "fake"])
    return path


def test_table_ranks_the_leak_first_and_names_its_rule(small):
    done = run(small, "--label", "label", "--top", "5")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("small.csv: 12 records; label 'label': fake 6, true 6")
    assert "profile wordopt (sha256 " in lines[1]
    assert lines[2].split() == [
        "#",
        "term",
        "score",
        "points",
        "to",
        "fake",
        "true",
        "docs",
        "rule",
    ]
    # Both dateline words are perfect leaks; ties go alphabetically.
    assert lines[3].split() == [
        "1",
        "reuters",
        "1.000",
        "true",
        "0.0%",
        "100.0%",
        "6",
        "remove_dateline",
    ]
    assert lines[4].split()[1:3] == ["washington", "1.000"]
    assert lines[5].split()[1:3] == ["featured", "0.750"]
    assert (
        "reuters: news dateline: remove_dateline (notes_and_bylines = true) removes it "
        "from 100% of the true documents that have it (score -> 0.500)"
    ) in done.stdout
    assert done.stderr == ""  # no progress bar when stderr is not a terminal


def test_json_shape_is_tokens_best_first_with_shares(small):
    done = run(small, "--label", "label", "--json", "--top", "30")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    tokens = data["tokens"]
    assert len(tokens) == 9  # the whole vocabulary: wordopt deletes the digit words
    scores = [token["score"] for token in tokens]
    assert scores == sorted(scores, reverse=True)
    reuters = next(token for token in tokens if token["token"] == "reuters")
    assert reuters["share"] == {"fake": 0.0, "true": 1.0}
    assert reuters["score"] == 1.0
    assert (reuters["rule"], reuters["rule_in_profile"]) == ("remove_dateline", False)
    senate = next(token for token in tokens if token["token"] == "senate")
    assert senate["score"] == 0.5
    assert data["classes"] == {"fake": 6, "true": 6}
    assert data["profile_sha256"] == profile_sha256(load_preset("wordopt"))


def test_compare_shows_what_the_profile_change_fixed(small):
    done = run(small, "--label", "label", "--compare", "news-leak-safe", "--json")
    data = json.loads(done.stdout)
    assert data["profile"] == "wordopt" and data["compare"]["profile"] == "news-leak-safe"
    fixed = {fix["token"]: fix for fix in data["fixed"]}
    assert fixed["reuters"]["rule"] == "remove_dateline"
    assert "washington" in fixed
    after = [token["token"] for token in data["compare"]["tokens"]]
    assert "reuters" not in after and "washington" not in after
    assert data["compare"]["tokens"][0]["score"] == 0.5
    table = run(small, "--label", "label", "--compare", "news-leak-safe", "--top", "3")
    assert "|  news-leak-safe" in table.stdout
    assert "fixed by news-leak-safe" in table.stdout


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_report_is_written_with_profile_and_hash(small, tmp_path, suffix):
    report = tmp_path / f"leaks{suffix}"
    done = run(small, "--label", "label", "--profile", "news-leak-safe", "--report", report)
    assert done.returncode == 0, done.stderr
    text = report.read_text(encoding="utf-8")
    assert profile_sha256(load_preset("news-leak-safe")) in text
    assert "Top leaks before: raw text (no rules)" in text
    assert "Top leaks after: news-leak-safe" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--label", "class"], "small.csv: no column named 'class'"),
        (["--label", "label", "--profile", "nope"], "nope: no preset or profile file"),
        (["--label", "label", "--report", "r.txt"], "r.txt: a report is .md or .html"),
    ],
)
def test_errors_are_one_line_naming_the_file(small, args, message):
    done = run(small, *args)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_dataset_and_a_single_class_are_one_line_errors(tmp_path):
    done = run(tmp_path / "absent.csv", "--label", "label")
    assert done.returncode == 1 and "absent.csv: no such file" in done.stderr
    one = tmp_path / "one.csv"
    one.write_text("text,label\nx,a\ny,a\n", encoding="utf-8")
    done = run(one, "--label", "label")
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == f"textwash audit: {one.resolve()}: the label has one class only ('a')"
    )


def test_on_the_isot_sample_wordopt_ranks_reuters_first(tmp_path, isot_sample_path):
    mixed = mixed_isot(isot_sample_path, tmp_path / "mixed.csv")
    done = run(mixed, "--label", "label", "--json", "--compare", "news-leak-safe", "--top", "10")
    data = json.loads(done.stdout)
    assert data["tokens"][0]["token"] == "reuters"
    assert "reuters" not in [token["token"] for token in data["compare"]["tokens"]]


def test_a_progress_bar_is_drawn_on_a_terminal(small):
    """stderr on a pseudo-terminal: the bar is redrawn in place and ends with a newline."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [*COMMAND, str(small), "--label", "label"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=follower,
            text=True,
            timeout=120,
        )
        os.close(follower)
        follower = -1
        drawn = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            drawn += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert done.returncode == 0
    assert b"\r[##############################] 12/12 (100%)" in drawn
    assert drawn.endswith(b"\r\n")  # the terminal turns the final newline into CRLF
    assert done.stdout.startswith("small.csv: 12 records")
