"""Corpus and text-input behaviour the window relies on."""

from __future__ import annotations

import json

import pytest

from gui.engine import load_preset
from gui.io.corpus import CorpusFolder, DuplicateDocument
from gui.io.naming import suggest_stem
from gui.io.textio import InputError, decode_text


def test_duplicate_names_the_earlier_file_and_allow_duplicate_adds_a_suffix(tmp_path):
    folder = CorpusFolder(tmp_path)
    profile = load_preset("wordopt")
    first = folder.save("Raw", "raw", profile=profile, source="/x/story.txt")
    assert first.path.name == "story.txt"
    with pytest.raises(DuplicateDocument) as duplicate:
        folder.save("Raw again", "raw", profile=profile, source="/y/story.txt")
    assert duplicate.value.earlier_file == "story.txt"
    second = folder.save("Raw", "raw", profile=profile, source="/y/story.txt", allow_duplicate=True)
    assert second.path.name == "story-2.txt"
    assert first.path.read_text() == "raw"
    lines = [json.loads(line) for line in folder.manifest_path.read_text().splitlines()]
    assert [entry["file"] for entry in lines] == ["story.txt", "story-2.txt"]
    assert CorpusFolder(tmp_path).document_count() == 2


def test_pasted_text_is_named_after_its_first_words():
    assert suggest_stem(None, "LISBON (Wire) - City engineers said") == (
        "lisbon-wire-city-engineers-said"
    )


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Le café à Málaga: « déjà vu », “quoted” — €4.", "cp1252", "cp1252"),
        ("Grüße aus Köln, schöne Straße.", "latin-1", "cp1252"),
        ("Привет, как дела? Всё хорошо.", "cp1251", "cp1251"),
        ("Zażółć gęślą jaźń, powiedział.", "cp1250", "cp1250"),
    ],
)
def test_legacy_encodings_are_decoded(text, encoding, expected):
    decoded = decode_text(text.encode(encoding), "x.txt")
    assert decoded.text == text
    assert decoded.encoding == expected


def test_binary_is_refused():
    with pytest.raises(InputError, match="not a text file"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)), "x.png")
