"""The analyze command: outputs, reproducibility, bad input, offline."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit import schema
from toolkit.cli import main
from toolkit.pipeline import analyze, find_transcripts

from conftest import INTERVIEW, RAW, ROOT

TABLES = ["documents", "speakers", "turns", "sentences", "segments", "topics_by_speaker",
          "sentiment_by_speaker", "sentiment_by_topic", "frames_by_topic", "frames_by_speaker", "devices_by_speaker",
          "keywords_by_speaker", "keyness_by_speaker", "keyness_by_topic", "collocations", "claims", "actors", "actors_by_speaker", "qa_pairs",
          "turn_taking"]
OUTPUTS = [f"{t}.csv" for t in TABLES] + ["manifest.json"]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture()
def raw_copy(tmp_path):
    d = tmp_path / "raw"
    shutil.copytree(RAW, d)
    return d


def test_analyze_writes_the_tables(raw_copy, tmp_path, capsys):
    out = tmp_path / "processed"
    assert main(["analyze", str(raw_copy), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    doc_text = INTERVIEW.read_text(encoding="utf-8")
    s = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    assert list(s.columns) == schema.columns("sentences")
    assert all(doc_text[a:b] == t for a, b, t in zip(s["start"], s["end"], s["text"]))
    assert s.loc[s.paragraph_id == 1, "role"].eq("narrator").all()
    assert s.loc[s.paragraph_id == 2, "role"].eq("caption").all()
    assert set(s.loc[s.speaker == "Massource", "role"]) == {"interviewer"}
    assert set(s.loc[s.speaker == "Alimov", "role"]) == {"interviewee"}
    for name in TABLES:
        assert list(pd.read_csv(out / f"{name}.csv").columns) == schema.columns(name)
    assert set(s["topic"].replace("", pd.NA).dropna()) <= {"terrorism", "trade", "tourism", "cooperation"}
    d = pd.read_csv(out / "documents.csv", keep_default_na=False).iloc[0]
    assert d["doc_id"] == "alimov_sco_interview"
    assert d["sha256"] == hashlib.sha256(INTERVIEW.read_bytes()).hexdigest()
    assert d["n_sentences"] == len(s) and d["n_speakers"] == 2
    assert json.loads(d["metadata"])["title"].startswith("Interview with Rashid Alimov")
    m = json.loads((out / "manifest.json").read_text())
    assert m["toolkit"]["version"] == toolkit.__version__
    assert m["inputs"][0]["sha256"] == d["sha256"]
    assert m["inputs"][0]["sidecar_sha256"] == hashlib.sha256(
        (raw_copy / "alimov_sco_interview.meta.yaml").read_bytes()).hexdigest()
    assert {o["file"] for o in m["outputs"]} == set(OUTPUTS) - {"manifest.json"}
    for o in m["outputs"]:
        assert o["sha256"] == hashlib.sha256((out / o["file"]).read_bytes()).hexdigest()
    assert m["packages"]["pandas"] == pd.__version__
    assert m["parameters"]["codebook"]["name"] == "toolkit-topics"
    assert set(m["parameters"]["shipped_data"]) >= {"tone.yaml", "frames.yaml", "devices.yaml"}
    assert len(m["parameters"]["codebook"]["sha256"]) == 64
    assert "analysed 1 transcript(s)" in capsys.readouterr().out


def test_rerun_is_byte_identical_and_inputs_untouched(raw_copy, tmp_path):
    before = snapshot(raw_copy)
    out1, out2 = tmp_path / "a", tmp_path / "b"
    assert main(["analyze", str(raw_copy), "--out", str(out1), "--quiet"]) == 0
    first = snapshot(out1)
    assert main(["analyze", str(raw_copy), "--out", str(out1), "--quiet"]) == 0
    assert snapshot(out1) == first
    assert main(["analyze", str(raw_copy), "--out", str(out2), "--quiet"]) == 0
    assert snapshot(out2) == first
    assert snapshot(raw_copy) == before
    assert not [p for p in out1.iterdir() if p.name.endswith(".tmp")]
    mode = (out1 / "sentences.csv").stat().st_mode & 0o777
    assert mode & 0o044 == 0o044 or os.umask(os.umask(0)) & 0o044  # readable by others unless umask forbids


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\n", "contains only whitespace"),
    ("binary.txt", b"abc\x00def", "looks like a binary file"),
    ("latin.txt", b"Q: caf\xe9?\n", "is not valid UTF-8"),
])
def test_bad_input_is_reported_and_nothing_is_written(raw_copy, tmp_path, capsys, name, data, message):
    (raw_copy / name).write_bytes(data)
    out = tmp_path / "out"
    assert main(["analyze", str(raw_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and name in err and message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_bad_input_does_not_touch_existing_outputs(raw_copy, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["analyze", str(raw_copy), "--out", str(out), "--quiet"]) == 0
    before = snapshot(out)
    (raw_copy / "zz.txt").write_bytes(b"\x00")
    assert main(["analyze", str(raw_copy), "--out", str(out)]) == 2
    assert snapshot(out) == before


def test_missing_path_on_the_command_line(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nothing.txt"), "--out", str(tmp_path / "o")]) == 2
    assert "nothing.txt: no such file or folder" in capsys.readouterr().err


def test_module_entry_point_runs_as_users_run_it(tmp_path):
    out = tmp_path / "o"
    proc = subprocess.run([sys.executable, "-m", "toolkit", "analyze", str(INTERVIEW), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert (out / "sentences.csv").is_file()
    bad = subprocess.run([sys.executable, "-m", "toolkit", "analyze", str(tmp_path / "x.txt"), "--out",
                          str(out)], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "x.txt" in bad.stderr


def test_warnings_are_printed_not_fatal(tmp_path, capsys):
    p = tmp_path / "statement.txt"
    p.write_text("A statement with no speakers.\n", encoding="utf-8")
    assert main(["analyze", str(p), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert "warning:" in capsys.readouterr().err


def test_folders_files_and_globs(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Q: Hi?\n\nA: Yes.\n", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("Q: Hi?\n\nA: No.\n", encoding="utf-8")
    (tmp_path / "a" / "README.md").write_text("This folder holds transcripts.\n", encoding="utf-8")
    (tmp_path / "a" / "one.meta.yaml").write_text("title: One\n", encoding="utf-8")
    assert [p.name for p in find_transcripts(tmp_path / "a")] == ["one.txt", "two.md"]
    assert [p.name for p in find_transcripts(str(tmp_path / "a" / "*.md"))] == ["README.md", "two.md"]
    res = analyze([tmp_path / "a"])
    assert res.documents["doc_id"].tolist() == ["one", "two"]
    assert res.documents["title"].tolist() == ["One", ""]
    assert res.sentences.groupby("doc_id").size().tolist() == [2, 2]


def test_duplicate_doc_ids_are_refused(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("Q: Hi?\n\nA: Yes.\n", encoding="utf-8")
    with pytest.raises(toolkit.TranscriptError, match="same doc_id 'same'"):
        analyze([tmp_path / "x", tmp_path / "y"])


def test_full_analysis_runs_offline(raw_copy, tmp_path, monkeypatch):
    import nltk

    def refuse(*args, **kwargs):
        raise AssertionError("network access or download attempted during analyze")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(nltk, "download", refuse)
    import nltk.downloader
    monkeypatch.setattr(nltk.downloader.Downloader, "download", refuse)
    assert main(["analyze", str(raw_copy), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert (tmp_path / "o" / "sentences.csv").is_file()


def test_dictionary_command_prints_the_data_dictionary(capsys):
    assert main(["dictionary"]) == 0
    assert capsys.readouterr().out == schema.data_dictionary_markdown()


def test_every_unreadable_file_is_listed(raw_copy, tmp_path, capsys):
    (raw_copy / "a_empty.txt").write_bytes(b"")
    (raw_copy / "b_binary.txt").write_bytes(b"\x00\x01")
    out = tmp_path / "out"
    assert main(["analyze", str(raw_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "2 of 3 transcripts cannot be read; nothing was written" in err
    assert "a_empty.txt: the file is empty" in err and "b_binary.txt: looks like a binary file" in err
    assert not out.exists()
    with pytest.raises(toolkit.CorpusError) as exc:
        toolkit.read_corpus(raw_copy)
    assert len(exc.value.errors) == 2


@pytest.mark.parametrize("make_out", [lambda tmp: tmp / "afile" / "sub", lambda tmp: tmp / "afile"])
def test_unusable_output_folder_is_a_clear_error(tmp_path, capsys, make_out):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["analyze", str(INTERVIEW), "--out", str(make_out(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "afile" in err and "Traceback" not in err


def test_api_misuse_messages():
    with pytest.raises(toolkit.ToolkitValueError, match="analyze\\(\\) got no inputs"):
        toolkit.analyze([])
    with pytest.raises(toolkit.ToolkitTypeError, match="write_analysis\\(\\) expects the Analysis"):
        toolkit.write_analysis("x", "out")
    t = toolkit.read_transcript(INTERVIEW)
    with pytest.raises(toolkit.ToolkitTypeError, match="expects an integer sentence_id; got str '3'"):
        t.sentence("3")
    res = toolkit.analyze(t)
    assert res.sentences[t.sentences.columns].equals(t.sentences)  # the reader's columns, unchanged


def test_standard_figures_in_three_formats(raw_copy, tmp_path):
    """make analysis draws every standard figure of the interview as PDF, SVG and PNG, the same bytes twice."""
    out, figs = tmp_path / "processed", tmp_path / "processed" / "figures"
    human = ROOT / "data" / "annotations" / "alimov_sco_interview.topics.csv"
    args = ["analyze", str(raw_copy), "--out", str(out), "--figures", str(figs), "--human-coding", str(human),
            "--quiet"]
    assert main(args) == 0
    names = {p.stem for p in figs.iterdir()}
    d = "alimov_sco_interview"
    assert names == {"transcript_xray", "sentiment_by_topic", "frames_by_topic", "agreement_topics",
                     *(f"keyness_{t}" for t in ("terrorism", "trade", "tourism", "cooperation")),
                     *(f"{d}_{f}" for f in ("topic_share", "segments", "sentiment_arc", "sentiment_by_speaker",
                                            "devices", "keyness_alimov", "keyness_massource", "dispersion"))}
    for name in names:
        assert {p.suffix for p in figs.glob(f"{name}.*")} == {".pdf", ".svg", ".png"}
    first = snapshot(figs)
    assert main(args) == 0
    assert snapshot(figs) == first


def test_human_coding_needs_figures(raw_copy, tmp_path, capsys):
    out = tmp_path / "processed"
    human = ROOT / "data" / "annotations" / "alimov_sco_interview.topics.csv"
    assert main(["analyze", str(raw_copy), "--out", str(out), "--human-coding", str(human)]) == 2
    assert "--human-coding needs --figures" in capsys.readouterr().err and not out.exists()


def test_british_spelling_of_the_command(raw_copy, tmp_path):
    assert main(["analyse", str(raw_copy), "--out", str(tmp_path / "o"), "--quiet"]) == 0
    assert (tmp_path / "o" / "sentences.csv").is_file()


def test_a_failure_while_writing_leaves_nothing(raw_copy, tmp_path, monkeypatch):
    """Tables are staged as hidden files and renamed only when all are written."""
    import toolkit.pipeline as pl
    result = analyze(raw_copy)
    real, calls = pl._write_table, []

    def failing(df, fh, format):
        calls.append(1)
        if len(calls) == 3:
            fh.write(b"partial")
            raise OSError(28, "No space left on device")
        return real(df, fh, format)

    monkeypatch.setattr(pl, "_write_table", failing)
    out = tmp_path / "out"
    with pytest.raises(toolkit.ToolkitError, match="cannot write the output"):
        pl.write_analysis(result, out)
    assert list(out.iterdir()) == []


def test_a_new_run_replaces_the_tables_of_an_earlier_one(raw_copy, tmp_path):
    """Writing Parquet where CSV results are leaves one run in the folder; files the toolkit did not write stay."""
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    assert main(["analyze", str(raw_copy), "--out", str(out), "--quiet"]) == 0
    (out / "my_notes.csv").write_text("mine\n", encoding="utf-8")
    assert main(["analyze", str(raw_copy), "--out", str(out), "--format", "parquet", "--quiet"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert "sentences.parquet" in names and "sentences.csv" not in names and "my_notes.csv" in names
    listed = {o["file"] for o in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]}
    assert set(names) == listed | {"manifest.json", "my_notes.csv"}


def test_command_line_input_mistakes(raw_copy, tmp_path, capsys, monkeypatch):
    assert main(["analyze", str(raw_copy), "--out", str(tmp_path / "a"), "--workers", "0"]) == 2
    assert "--workers must be a positive number" in capsys.readouterr().err
    assert main(["analyze", str(raw_copy), "--out", str(tmp_path / "b"), "--docvars", "partyy"]) == 2
    err = capsys.readouterr().err
    assert "partyy" in err and "no document has the metadata key" in err and not (tmp_path / "b").exists()
    # "--docvars KEY PATH" takes the path as a key: named, with where to put --docvars; nothing is written
    assert main(["analyze", "--docvars", "party", str(raw_copy), "--out", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "give the transcript files" in err and str(raw_copy) in err and "put --docvars last" in err
    assert main(["analyze", "--out", str(tmp_path / "c")]) == 2
    assert "give the transcript files" in capsys.readouterr().err and not (tmp_path / "c").exists()
    assert main(["analyze", str(raw_copy), "--out", str(tmp_path / "c"), "--scheduler", "tcp://10.0.0.5:8786"]) == 2
    assert "only used with engine='dask'" in capsys.readouterr().err

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(toolkit.pipeline, "analyze", interrupted)
    assert main(["analyze", str(raw_copy), "--out", str(tmp_path / "d")]) == 130
    assert "interrupted: no tables were written" in capsys.readouterr().err and not (tmp_path / "d").exists()


def test_own_tone_lexicon_and_frame_dictionary(tmp_path, capsys):
    """--tone-lexicon and --frames replace the shipped tone lexicon and frame dictionary, as --codebook does the
    topic codebook; the manifest records each one's name, version, hash and path; a tone lexicon without the
    topics positive and negative is refused, naming the file, before anything is written."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "talk.txt").write_text("Q: What about the tariffs?\n\nA: Splendid news. The tariffs hurt. Fishing grew.\n",
                                  encoding="utf-8")
    tone = tmp_path / "tone.yaml"
    tone.write_text("name: my-tone\nversion: '2'\ntopics:\n  positive:\n    definition: good\n"
                    "    patterns: [splendid]\n  negative:\n    definition: bad\n    patterns: [tariffs]\n",
                    encoding="utf-8")
    frames = tmp_path / "frames.yaml"
    frames.write_text("name: my-frames\nversion: '1'\ntopics:\n  fisheries:\n    definition: fish\n"
                      "    patterns: [fishing]\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(src), "--out", str(out), "--tone-lexicon", str(tone), "--frames", str(frames),
                 "--quiet"]) == 0
    s = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    # "tariffs" is negative in this lexicon, but a question with a weak tone stays neutral (the label's rule)
    assert s["sentiment"].tolist() == ["neutral", "positive", "negative", "neutral"]
    assert s["sentiment_terms"].tolist() == ["negative 1: tariffs", "positive 1: Splendid", "negative 1: tariffs", ""]
    assert s["frame"].tolist() == ["", "", "", "fisheries"]
    m = json.loads((out / "manifest.json").read_text())["parameters"]
    assert (m["tone_lexicon"]["name"], m["tone_lexicon"]["version"]) == ("my-tone", "2")
    assert m["tone_lexicon"]["sha256"] == hashlib.sha256(tone.read_bytes()).hexdigest()
    assert m["frames"]["path"] == frames.as_posix() and m["frames"]["name"] == "my-frames"
    shipped = analyze(src, progress=False).parameters
    assert shipped["tone_lexicon"]["path"] == "(shipped) toolkit/data/tone.yaml"
    assert shipped["frames"]["path"] == "(shipped) toolkit/data/frames.yaml"

    frames.rename(tmp_path / "frames_as_tone.yaml")
    assert main(["analyze", str(src), "--out", str(tmp_path / "bad"), "--tone-lexicon",
                 str(tmp_path / "frames_as_tone.yaml")]) == 2
    err = capsys.readouterr().err
    assert "frames_as_tone.yaml" in err and "'positive' and 'negative'" in err
    assert not (tmp_path / "bad").exists()
    assert main(["analyze", str(src), "--out", str(tmp_path / "bad"), "--tone-lexicon", str(tmp_path / "no.yaml")]) == 2
    assert "no.yaml: tone lexicon file not found" in capsys.readouterr().err
    assert main(["analyze", str(src), "--out", str(tmp_path / "bad"), "--frames", str(tmp_path)]) == 2
    assert "is a folder, not a frame dictionary file" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()


def test_tone_model_in_the_tables(tmp_path, capsys):
    """The shipped tone model gives ``sentiment`` by default (the same labels as predict_tone() on the analysed
    sentences), and the manifest records it; ``--tone-model none`` gives the tone lexicon's label, as does
    one's own tone lexicon; a saved model's file is used as given, with any number of workers; a missing one
    is named before anything is written."""
    from toolkit.tone_model import load_tone_model, predict_tone, train_tone_model

    out = tmp_path / "out"
    assert main(["analyze", str(INTERVIEW), "--out", str(out), "--quiet"]) == 0
    s = pd.read_csv(out / "sentences.csv", keep_default_na=False)
    plain = analyze(INTERVIEW, progress=False)
    expected = predict_tone(plain.sentences, load_tone_model())
    assert s["sentiment"].tolist() == expected["sentiment_model"].tolist() == plain.sentences["sentiment"].tolist()
    assert s["sentiment_p"].round(6).tolist() == expected["sentiment_model_p"].round(6).tolist()
    assert (s["sentiment"] != s["sentiment_lexicon"]).any()   # the two labels differ somewhere
    record = json.loads((out / "manifest.json").read_text())["parameters"]["tone_model"]
    assert record["path"] == "(shipped) toolkit/data/tone_model.json"
    assert record["sha256"] == hashlib.sha256(
        (ROOT / "toolkit" / "data" / "tone_model.json").read_bytes()).hexdigest()
    assert "press_conferences_37_40" in record["trained_on"]
    assert main(["analyze", str(INTERVIEW), "--out", str(tmp_path / "lex"), "--tone-model", "none", "--quiet"]) == 0
    lex = pd.read_csv(tmp_path / "lex" / "sentences.csv", keep_default_na=False)
    assert lex["sentiment"].tolist() == s["sentiment_lexicon"].tolist() == lex["sentiment_lexicon"].tolist()
    assert (lex["sentiment_p"] == "").all()
    assert json.loads((tmp_path / "lex" / "manifest.json").read_text())["parameters"]["tone_model"]["path"] \
        .startswith("none")
    own_lexicon = tmp_path / "tone.yaml"   # the shipped lexicon, one word more: its own rule labels
    own_lexicon.write_text((ROOT / "toolkit" / "data" / "tone.yaml").read_text(encoding="utf-8")
                           .replace("version:", "# one more\nversion:", 1), encoding="utf-8")
    mine = analyze(INTERVIEW, progress=False, tone_lexicon=own_lexicon)
    assert mine.sentences["sentiment"].tolist() == mine.sentences["sentiment_lexicon"].tolist()
    assert mine.parameters["tone_model"]["path"].startswith("none")
    # the frame model likewise: shipped by default and recorded; --frame-model none gives the dictionary's frame
    frame_record = json.loads((out / "manifest.json").read_text())["parameters"]["frame_model"]
    assert frame_record["path"] == "(shipped) toolkit/data/frame_model.json" and frame_record["sha256"]
    assert (s["frame"] != s["frame_dictionary"]).any()
    assert main(["analyze", str(INTERVIEW), "--out", str(tmp_path / "dic"), "--frame-model", "none", "--quiet"]) == 0
    dic = pd.read_csv(tmp_path / "dic" / "sentences.csv", keep_default_na=False)
    assert dic["frame"].tolist() == dic["frame_dictionary"].tolist() == s["frame_dictionary"].tolist()
    assert dic["sentiment"].tolist() == s["sentiment"].tolist()   # the tone model is still the default

    # an own model, saved and given by its file; two workers give the same table as one
    coding = pd.read_csv(ROOT / "data" / "annotations" / "alimov_sco_interview.tone_frames.csv",
                         keep_default_na=False).assign(doc_id="alimov_sco_interview")
    own = train_tone_model(plain.sentences, coding, description="the interview")
    own.save(tmp_path / "own.json")
    (tmp_path / "other.txt").write_text(INTERVIEW.read_text(encoding="utf-8"), encoding="utf-8")
    docs = [INTERVIEW, tmp_path / "other.txt"]   # two documents, so that two worker processes score them
    two = analyze(docs, progress=False, tone_model=tmp_path / "own.json", workers=2)
    one = analyze(docs, progress=False, tone_model=own, workers=1)
    pd.testing.assert_frame_equal(two.sentences, one.sentences)
    assert two.parameters["tone_model"]["path"] == (tmp_path / "own.json").as_posix()
    assert two.parameters["tone_model"]["trained_on"] == "the interview"
    assert one.parameters["tone_model"]["path"] == "(given as an object)"

    assert main(["analyze", str(INTERVIEW), "--out", str(tmp_path / "bad"), "--tone-model",
                 str(tmp_path / "none.json")]) == 2
    assert "none.json: tone model file not found" in capsys.readouterr().err
    assert not (tmp_path / "bad").exists()
    with pytest.raises(toolkit.ToolkitTypeError, match="tone_model"):
        analyze(INTERVIEW, progress=False, tone_model=3)
    assert analyze(INTERVIEW, progress=False, tone_model="Shipped").parameters["tone_model"]["path"] == \
        "(shipped) toolkit/data/tone_model.json"
