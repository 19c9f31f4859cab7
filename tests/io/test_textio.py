"""Reading text files: encodings detected, binary refused, bytes kept exact."""

import pytest

from gui.io.textio import InputError, decode_text, read_text_file

TEXT = "Café “quoted” — naïve 東京\r\nline two"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
def test_unicode_encodings(tmp_path, encoding):
    path = tmp_path / "t.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_text_file(path).text == TEXT


def test_legacy_encoding_is_detected(tmp_path):
    path = tmp_path / "latin.txt"
    text = "Le café était très animé; les élèves étudiaient. " * 20
    path.write_bytes(text.encode("cp1252"))
    decoded = read_text_file(path)
    assert decoded.text == text
    assert decoded.encoding != "utf-8"


def test_undetectable_legacy_text_is_kept_not_refused():
    text = "Zażółć gęślą jaźń, Łódź. " * 10
    decoded = decode_text(text.encode("cp1250"), "polish.txt")
    assert len(decoded.text) == len(text)


def test_crlf_is_kept():
    assert decode_text(b"a\r\nb", "x").text == "a\r\nb"


def test_empty_file_is_empty_text(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_text_file(path).text == ""


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 20, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"\x01\x02\x03\x04abc" * 50],
    ids=["all bytes", "png header", "control characters"],
)
def test_binary_is_refused_in_words(data):
    with pytest.raises(InputError, match="not a text file"):
        decode_text(data, "blob.bin")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text_file(tmp_path)


def test_profiles_and_lists_are_read_with_a_size_limit_and_never_from_devices(tmp_path):
    import os

    from gui.engine.profile import ProfileError, load_profile
    from gui.io.textio import read_limited

    with pytest.raises(ProfileError, match="not a regular file"):
        load_profile("/dev/zero")
    fifo = tmp_path / "profile.toml"
    os.mkfifo(fifo)
    with pytest.raises(ProfileError, match="not a regular file"):
        load_profile(fifo)  # returns at once: no writer is waited for
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(OSError, match="larger than"):
        read_limited(big, 1024)
    assert read_limited(big, 4096) == b"a" * 2048


def test_a_pattern_whose_nested_repetition_could_exhaust_memory_is_refused_at_load(tmp_path):
    from gui.engine.profile import ProfileError, load_profile

    path = tmp_path / "bomb.toml"
    path.write_text(
        '[[rules]]\nid = "regex_replace"\nenabled = true\n'
        "pattern = '(?:(?:a{1000}){1000}){1000}'\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match="nested repetition"):
        load_profile(path)
