"""Decoding and bad input: each problem gets a clear error naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import toolkit
from toolkit.errors import ToolkitError, ToolkitWarning, TranscriptError, TranscriptNotFoundError
from toolkit.io import decode_bytes, split_front_matter

SAMPLE = "Massource: How are you?\n\nAlimov: Très bien, merci. The SCO is strong.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_missing_path_names_the_file(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(TranscriptNotFoundError, match=r"nope\.txt: no such file"):
        toolkit.read_transcript(missing)
    # a str that looks like a path is a path, not text
    with pytest.raises(TranscriptNotFoundError, match=r"nope\.txt: no such file"):
        toolkit.read_transcript(str(missing))


def test_folder_is_not_a_file(tmp_path):
    with pytest.raises(TranscriptNotFoundError, match="is a folder"):
        toolkit.read_transcript(tmp_path)


def test_empty_file(tmp_path):
    p = write(tmp_path, "empty.txt", b"")
    with pytest.raises(TranscriptError, match=r"empty\.txt: the file is empty \(0 bytes\)"):
        toolkit.read_transcript(p)


def test_whitespace_only_file(tmp_path):
    p = write(tmp_path, "blank.txt", b" \n\t\n\xc2\xa0\r\n")
    with pytest.raises(TranscriptError, match=r"blank\.txt: contains only whitespace"):
        toolkit.read_transcript(p)


def test_binary_file_with_nul_bytes(tmp_path):
    p = write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(TranscriptError, match=r"photo\.txt: looks like a binary file.*NUL byte at byte offset 8"):
        toolkit.read_transcript(p)


def test_undecodable_bytes_are_refused_with_line_and_offset(tmp_path):
    data = "Massource: Hello.\n\nAlimov: Caf".encode() + b"\xe9 " + b"au lait.\n"
    p = write(tmp_path, "latin1.txt", data)
    with pytest.raises(TranscriptError) as err:
        toolkit.read_transcript(p)
    msg = str(err.value)
    assert msg.startswith(f"{p}: is not valid UTF-8")
    offset = data.index(b"\xe9")
    assert "byte 0xe9" in msg and f"byte offset {offset}" in msg and "(line 3)" in msg
    assert "encoding='cp1252'" in msg


def test_named_encoding_does_not_garble_utf8_or_bom_files(tmp_path):
    utf8 = write(tmp_path, "a.txt", "Q: Is it \u00a33 billion?\n\nA: Yes.\n".encode("utf-8"))
    bom = write(tmp_path, "b.txt", codecs.BOM_UTF8 + b"INTERVIEWER: Why?\n\nGUEST: Because.\n")
    cp = write(tmp_path, "c.txt", "Q: Caf\u00e9?\n\nA: Oui.\n".encode("cp1252"))
    texts = {p.name: toolkit.read_transcript(p, encoding="cp1252") for p in (utf8, bom, cp)}
    assert texts["a.txt"].sentences["text"][0] == "Is it \u00a33 billion?" and texts["a.txt"].encoding == "utf-8"
    assert texts["b.txt"].turns["speaker"].tolist() == ["INTERVIEWER", "GUEST"]
    assert texts["c.txt"].sentences["text"][0] == "Caf\u00e9?" and texts["c.txt"].encoding == "cp1252"


def test_utf16_without_bom_gets_a_hint_and_reads_when_named(tmp_path):
    p = write(tmp_path, "u16.txt", "Q: Why?\n\nA: Because.\n".encode("utf-16-le"))
    with pytest.raises(TranscriptError, match=r"u16\.txt: looks like a binary file.*UTF-16 without a byte order mark"):
        toolkit.read_transcript(p)
    assert toolkit.read_transcript(p, encoding="utf-16-le").sentences["text"].tolist() == ["Why?", "Because."]
    be = write(tmp_path, "be.txt", "Q: Why?\n\nA: Because.\n".encode("utf-16-be"))
    with pytest.raises(TranscriptError, match=r"UTF-16 without a byte order mark.*encoding='utf-16-be'"):
        toolkit.read_transcript(be)


def test_a_program_with_many_nul_bytes_is_not_called_utf16(tmp_path):
    """Every other byte NUL, but the rest no text (an executable's tables): binary, without the UTF-16 hint."""
    p = write(tmp_path, "prog.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(x for i in range(1, 200) for x in (i % 32, 0)))
    with pytest.raises(TranscriptError, match="looks like a binary file") as info:
        toolkit.read_transcript(p)
    assert "UTF-16" not in str(info.value)


@pytest.mark.parametrize("name,reader", [("table.csv", "pd.read_csv"), ("sheet.xlsx", "pd.read_excel"),
                                         ("rows.jsonl", "lines=True")])
def test_a_data_file_is_refused_with_the_way_to_read_it(tmp_path, name, reader):
    p = write(tmp_path, name, b"doc_id,text\na,Q: Hi?\n")
    with pytest.raises(TranscriptError, match=rf"{name.replace('.', '[.]')}: is a data file .*{reader}.*"
                                              r"toolkit\.analyze\(df, text="):
        toolkit.read_transcript(p)


def test_named_encoding_is_the_documented_fallback(tmp_path):
    p = write(tmp_path, "cp.txt", "Massource: Café?\n\nAlimov: Oui.\n".encode("cp1252"))
    t = toolkit.read_transcript(p, encoding="cp1252")
    assert "Café?" in t.sentences["text"].tolist()
    assert t.encoding == "cp1252"
    with pytest.raises(TranscriptError, match="unknown encoding 'klingon'"):
        toolkit.read_transcript(p, encoding="klingon")


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_byte_order_marks_are_read_and_removed(tmp_path, bom, codec):
    p = write(tmp_path, "bom.txt", bom + SAMPLE.replace("\n", "\r\n").encode(codec))
    t = toolkit.read_transcript(p)
    assert t.text == SAMPLE  # BOM removed, CRLF normalised to LF
    assert t.sentences["text"].tolist() == ["How are you?", "Très bien, merci.", "The SCO is strong."]
    assert list(t.speakers["speaker"]) == ["Massource", "Alimov"]


def test_old_mac_line_ends():
    text, _ = decode_bytes(b"Q: Hi?\rA: Hello.\r", source="x")
    assert text == "Q: Hi?\nA: Hello.\n"


def test_errors_share_one_base_class():
    assert issubclass(TranscriptError, ToolkitError) and issubclass(TranscriptError, ValueError)
    assert issubclass(TranscriptNotFoundError, FileNotFoundError)


def test_wrong_input_type():
    with pytest.raises(TypeError, match="expects a file path"):
        toolkit.read_transcript(42)


def test_a_file_name_with_spaces_is_a_path_not_text(tmp_path):
    with pytest.raises(TranscriptNotFoundError, match=r"my interview\.txt: no such file"):
        toolkit.read_transcript("transcripts/my interview.txt")
    p = tmp_path / "Interview Alimov.txt"
    p.write_text("Q: Hi?\n\nA: Yes.\n", encoding="utf-8")
    assert toolkit.read_transcript(str(p)).doc_id == "Interview Alimov"
    # one line of text is text
    assert toolkit.read_transcript("Q: Is it true?").sentences["text"].tolist() == ["Is it true?"]


def test_text_input_and_bytes_input():
    t = toolkit.read_transcript(SAMPLE)
    assert t.doc_id == "transcript" and t.path is None
    tb = toolkit.read_transcript(SAMPLE.encode("utf-8"), doc_id="b")
    assert tb.text == t.text and tb.doc_id == "b"


def test_front_matter_becomes_metadata_and_is_recorded():
    text = "---\ntitle: \"A\\_B\"\ndate: 2021-01-20\n---\n\nQ:  Why?\n\nMS. PSAKI:  Because.\n"
    meta, end = split_front_matter(text)
    assert meta == {"title": "A\u00a0B", "date": "2021-01-20"}
    assert text[:end].endswith("---\n")
    t = toolkit.read_transcript(text)
    assert t.front_matter_end == end and t.metadata["date"] == "2021-01-20"
    assert t.sentences["text"].tolist() == ["Why?", "Because."]


def test_horizontal_rule_is_not_front_matter():
    text = "---\nJust a rule\n---\n\nQ: Why?\n\nA: Because.\n"
    assert split_front_matter(text) == ({}, 0)


def test_broken_front_matter_warns_naming_the_file_and_keeps_the_text(tmp_path):
    p = write(tmp_path, "fm.md", b"---\ntitle: [unclosed\n---\n\nQ: Hi?\n\nA: Yes.\n")
    with pytest.warns(ToolkitWarning, match=r"fm\.md: the block between the '---' lines .* not valid YAML "
                                            r"\(line 3\)"):
        t = toolkit.read_transcript(p)
    assert t.front_matter_end == 0 and t.metadata == {}
    assert t.sentences["text"].tolist()[-2:] == ["Hi?", "Yes."]


def test_sidecar_errors_name_the_sidecar(tmp_path):
    p = write(tmp_path, "talk.txt", b"Q: Hi?\n\nA: Yes.\n")
    side = tmp_path / "talk.meta.yaml"
    side.write_text("speakers:\n  - label: Q\n    role: journalist\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"talk\.meta\.yaml: speaker 'Q' has role 'journalist'"):
        toolkit.read_transcript(p)
    side.write_text("speakers:\n  - label: Q\n    party: x\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"talk\.meta\.yaml: speaker 'Q' has unknown keys \['party'\]"):
        toolkit.read_transcript(p)
    side.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"talk\.meta\.yaml: must be a YAML mapping"):
        toolkit.read_transcript(p)
    side.write_text("title: [oops\n", encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"talk\.meta\.yaml: is not valid YAML"):
        toolkit.read_transcript(p)


def test_a_sidecar_named_without_meta_is_reported(tmp_path):
    (tmp_path / "talk.txt").write_text("Q: Why?\n\nA: Because.\n", encoding="utf-8")
    (tmp_path / "talk.yaml").write_text("title: Talk\n", encoding="utf-8")
    with pytest.warns(toolkit.ToolkitWarning, match=r"talk.yaml: not read as the metadata sidecar.*talk.meta.yaml"):
        t = toolkit.read_transcript(tmp_path / "talk.txt")
    assert t.metadata.get("title") is None


@pytest.mark.parametrize("name", ["interview.docx", "my_interview"])
def test_one_word_is_a_path_not_a_transcript(name):
    with pytest.raises(toolkit.TranscriptNotFoundError, match="no such file"):
        toolkit.read_transcript(name)
