"""Opening datasets: CSV/TSV, JSONL and folders; keys, titles, texts on demand, clear errors."""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.io.datasets import (
    DatasetError,
    IndexCancelled,
    RecordError,
    dataset_fields,
    make_title,
    open_dataset,
)
from tests.conftest import SMALL_CSV, SMALL_JSONL


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write_csv(path: Path, header: list[str], rows: list[list[str]], **kw) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, **kw)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# -- CSV ------------------------------------------------------------------------------


def test_csv_opens_with_the_text_column_row_keys_and_title_column():
    rows = _rows(SMALL_CSV)
    with open_dataset(SMALL_CSV) as dataset:
        assert dataset.kind == "csv"
        assert dataset.field == "text"
        assert dataset.fields == ("title", "text", "subject", "date")
        assert dataset.path.is_absolute()
        assert len(dataset) == len(rows) == 8
        assert [info.key for info in dataset] == [str(n) for n in range(1, 9)]
        assert [info.title for info in dataset] == [make_title(row["title"]) for row in rows]
        assert [dataset.text(i) for i in range(len(dataset))] == [row["text"] for row in rows]
        # random access, any order
        assert dataset.text(5) == rows[5]["text"]
        assert dataset.text(0) == rows[0]["text"]


def test_csv_other_column_chosen():
    with open_dataset(SMALL_CSV, "subject") as dataset:
        assert dataset.text(0) == _rows(SMALL_CSV)[0]["subject"]


def test_isot_sample_opens_and_reads_every_row_exactly(isot_sample_path):
    rows = _rows(isot_sample_path)
    with open_dataset(isot_sample_path) as dataset:
        assert len(dataset) == len(rows) == 1008
        assert all(dataset.text(i) == row["text"] for i, row in enumerate(rows))


def test_missing_column_names_the_available_ones():
    with pytest.raises(DatasetError) as caught:
        open_dataset(SMALL_CSV, "body")
    message = str(caught.value)
    assert "no column named 'body'" in message
    assert "'title', 'text', 'subject', 'date'" in message


def test_no_text_column_asks_to_choose(tmp_path):
    path = _write_csv(tmp_path / "d.csv", ["headline", "content"], [["a", "b"]])
    with pytest.raises(
        DatasetError, match=r"no column named 'text'; choose .*'headline', 'content'"
    ):
        open_dataset(path)
    assert dataset_fields(path) == ["headline", "content"]
    with open_dataset(path, "content") as dataset:
        assert dataset.text(0) == "b"
        assert dataset.title(0) == "b"  # no title column: first words of the text


def test_quoted_newlines_quotes_commas_crlf_and_blank_lines_stay_exact(tmp_path):
    texts = ['He said "no", twice.\r\nThen left.', "line one\nline two\n", "", "x,y", '"']
    path = tmp_path / "d.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["id", "text"])
        for number, text in enumerate(texts):
            writer.writerow([number, text])
        handle.write("\r\n")  # a blank line is not a record
    with open_dataset(path) as dataset:
        assert [dataset.text(i) for i in range(len(dataset))] == texts


def test_bom_and_non_utf8_csv(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbftext,title\ncaf\xc3\xa9,x\n")
    with open_dataset(path) as dataset:
        assert dataset.fields == ("text", "title")
        assert dataset.text(0) == "café"
    latin = tmp_path / "latin.csv"
    body = "text\n" + "Le café est très bon; déjà à Paris. Où êtes-vous? Ça va très bien.\n" * 40
    latin.write_bytes(body.encode("cp1252"))
    with open_dataset(latin) as dataset:  # the encoding is guessed; every row opens
        assert len(dataset) == 40
        assert dataset.text(0).startswith("Le caf") and "Paris" in dataset.text(39)


@given(
    st.lists(
        st.tuples(
            st.text(alphabet='ab ,"\n\r\t\u00e9\u6771', max_size=20),
            st.text(alphabet="xyz ,", max_size=8),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_any_csv_the_csv_module_writes_reads_back_exactly(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("csv") / "d.csv"
    _write_csv(path, ["text", "title"], [list(row) for row in rows])
    expected = [row["text"] for row in _rows(path)]
    if len(expected) != len(rows):  # the csv module itself skips rows it sees as blank
        return
    with open_dataset(path) as dataset:
        assert [dataset.text(i) for i in range(len(dataset))] == [text for text, _ in rows]


def test_row_with_wrong_field_count_is_named(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('title,text\n"a","one"\n"b","two",extra\n"c","three"\n', encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        open_dataset(path)
    assert str(caught.value) == (
        f"{path.resolve()}: row 2 (line 3) has 3 fields, but the header (line 1) has 2: title, text"
    )


def test_unclosed_quote_is_named_with_its_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('title,text\na,fine\nb,"never closed\nc,more\n', encoding="utf-8")
    with pytest.raises(
        DatasetError, match=r"row 2 \(from line 3\) opens a quoted field that is never closed"
    ):
        open_dataset(path)


def test_stray_quote_is_malformed(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('title,text\na,"quoted"tail\n', encoding="utf-8")
    with pytest.raises(DatasetError, match=r"row 1 \(line 2\) is not valid CSV"):
        open_dataset(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty (no header row)"),
        (b"\n\n  \n", "the file is empty (no header row)"),
        (b"title,text\n", "the file has a header row but no records"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "not a text file (it contains NUL bytes"),
    ],
)
def test_empty_header_only_and_binary_files(tmp_path, content, message):
    path = tmp_path / "d.csv"
    path.write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        open_dataset(path)
    assert message in str(caught.value)
    assert str(path.resolve()) in str(caught.value)


def test_missing_path():
    with pytest.raises(DatasetError, match="no such file or folder"):
        open_dataset("/nonexistent/data.csv")


def test_text_is_read_on_demand_and_a_changed_file_is_refused(tmp_path):
    path = _write_csv(tmp_path / "d.csv", ["text"], [["first"], ["second"]])
    dataset = open_dataset(path)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("third\n")
    with pytest.raises(DatasetError, match="changed since it was opened; reopen it"):
        dataset.text(0)
    dataset.close()


def test_index_reports_progress_and_can_be_cancelled(tmp_path):
    text = "word " * 1000
    path = _write_csv(tmp_path / "big.csv", ["text"], [[f"{n} {text}"] for n in range(2000)])
    seen: list[tuple[int, int]] = []
    with open_dataset(path, progress=lambda done, total: seen.append((done, total))) as dataset:
        assert len(dataset) == 2000
    size = path.stat().st_size
    assert len(seen) >= 2 and seen[-1] == (size, size)
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    with pytest.raises(IndexCancelled):
        open_dataset(path, should_stop=lambda: True)


def test_tsv_one_record_a_line(tmp_path):
    path = tmp_path / "d.tsv"
    path.write_text('id\ttext\n1\tsays "hi\n2\tplain\n', encoding="utf-8")
    with open_dataset(path) as dataset:
        assert dataset.kind == "tsv"
        assert [dataset.text(i) for i in range(len(dataset))] == ['says "hi', "plain"]


# -- JSONL ----------------------------------------------------------------------------


def test_jsonl_uses_ids_as_keys_and_title_field():
    lines = [json.loads(line) for line in SMALL_JSONL.read_text(encoding="utf-8").splitlines()]
    with open_dataset(SMALL_JSONL) as dataset:
        assert dataset.kind == "jsonl"
        assert dataset.field == "text"
        assert [info.key for info in dataset] == [obj["id"] for obj in lines]
        assert [info.title for info in dataset] == [make_title(obj["title"]) for obj in lines]
        assert [dataset.text(i) for i in range(len(dataset))] == [obj["text"] for obj in lines]
    assert dataset_fields(SMALL_JSONL) == ["id", "title", "text"]


def test_jsonl_without_ids_is_keyed_by_line_number(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text('{"body": "one two"}\n\n{"body": "three"}\n', encoding="utf-8")
    with open_dataset(path, "body") as dataset:
        assert [info.key for info in dataset] == ["1", "3"]
        assert [info.title for info in dataset] == ["one two", "three"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"text": "a"}\n{"txt": "b"}\n', "line 2 has no field 'text' (its fields: txt)"),
        ('{"text": "a"}\n{"text": 3}\n', "line 2 has a non-text field 'text'"),
        ('{"text": "a"}\n{"text": "b"\n', "line 2 is not valid JSON"),
        ('{"text": "a"}\n[1, 2]\n', "line 2 is not a JSON object"),
        ('{"id": 1, "text": "a"}\n{"id": "1", "text": "b"}\n', "line 2 repeats id '1' from line 1"),
        ('{"id": 1, "text": "a"}\n{"text": "b"}\n', "line 2 has no 'id' field"),
        ('{"body": "a"}\n', "no field named 'text'; choose the text field (available: 'body')"),
        ("", "the file is empty (no JSON records)"),
    ],
)
def test_jsonl_errors(tmp_path, content, message):
    path = tmp_path / "d.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        open_dataset(path)
    assert message in str(caught.value)


# -- folders --------------------------------------------------------------------------


def test_folder_of_txt_files(tmp_path):
    (tmp_path / "b.txt").write_text("bee", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("ay", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("no", encoding="utf-8")
    (tmp_path / "notes.md").write_text("no", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    with open_dataset(tmp_path) as dataset:
        assert dataset.kind == "folder"
        assert [info.key for info in dataset] == ["b.txt", "bin.txt", "sub/a.txt"]
        assert dataset.text(2) == "ay"
        assert dataset.stem(2, "ay") == "a"
        with pytest.raises(RecordError, match="not a text file"):
            dataset.text(1)


def test_a_corpus_folder_inside_a_folder_dataset_is_not_read_as_records(tmp_path):
    (tmp_path / "note.txt").write_text("raw", encoding="utf-8")
    (tmp_path / "clean").mkdir()
    (tmp_path / "clean" / "note.txt").write_text("cleaned", encoding="utf-8")
    (tmp_path / "clean" / "manifest.jsonl").write_text("", encoding="utf-8")
    with open_dataset(tmp_path) as dataset:
        assert [info.key for info in dataset] == ["note.txt"]


def test_empty_folder(tmp_path):
    with pytest.raises(DatasetError, match=r"the folder has no \.txt files"):
        open_dataset(tmp_path)


def test_titles_are_one_short_line():
    assert make_title("  a\n\tb  c ") == "a b c"
    long = make_title("word " * 50)
    assert long.endswith("…") and len(long) <= 100 and "\n" not in long
