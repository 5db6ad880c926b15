"""Corpus input and output: a DataFrame of texts, document variables in every table, Parquet files."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

import toolkit
import toolkit.pipeline as pl
from toolkit.cli import main
from toolkit.schema import columns

from conftest import INTERVIEW

TEXTS = pd.DataFrame({
    "doc_id": ["pmqs_2019", "presser_2021", "interview_2023"],
    "text": ["Q: Will tariffs on steel rise?\n\nA: Tariffs will rise. Trade suffers.\n",
             "MR. SMITH: Good afternoon. Terrorism remains a threat.\n\nQ: Is it growing?\n\n"
             "MR. SMITH: It is not.\n",
             "Q: Do tourists come back?\n\nA: Tourism grew by 20%.\n"],
    "date": pd.to_datetime(["2019-03-01", "2021-06-15", "2023-01-09"]),
    "party": ["Labour", None, "Green"],
})


def test_a_dataframe_of_texts_with_document_variables():
    a = toolkit.analyze(TEXTS, docvars=["date", "party"])
    docs = a.documents.set_index("doc_id")
    assert list(docs.index) == ["pmqs_2019", "presser_2021", "interview_2023"]
    assert docs.loc["pmqs_2019", "date"] == "2019-03-01" and docs.loc["pmqs_2019", "path"] == ""
    for name, table in a.tables.items():
        if name != "documents" and "doc_id" in table.columns:
            cols = list(table.columns)
            assert cols[cols.index("doc_id") + 1: cols.index("doc_id") + 3] == ["date", "party"], name
            assert [c for c in cols if c not in ("date", "party")] == columns(name), name
    s = a.sentences
    assert set(s.loc[s.doc_id == "presser_2021", "party"]) == {""}       # a missing value is empty
    assert set(s.loc[s.doc_id == "interview_2023", "date"]) == {"2023-01-09"}
    by_year = s.assign(year=s["date"].str[:4]).groupby("year").size()
    assert list(by_year.index) == ["2019", "2021", "2023"]
    assert a.tables["claims"]["party"].tolist() == ["Green"]             # 20% in the 2023 interview


def test_missing_and_empty_texts_and_whole_number_document_variables():
    """A missing or empty text cell is named as such (not as a wrong type or an empty file); a column of years
    with a gap (floats to pandas) gives 2019, not 2019.0."""
    df = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["Q: Hi?\n\nA: Yes.\n", None, "  ", "A: Ok.\n"],
                       "year": [2019, None, 2020, float("nan")], "score": [0.5, 1.0, 2.0, None]})
    with pytest.raises(toolkit.CorpusError) as err:
        toolkit.analyze(df)
    assert "row 'b': the 'text' cell is missing" in str(err.value)
    assert "row 'c': the 'text' cell is empty" in str(err.value)
    a = toolkit.analyze(df.iloc[[0, 3]], docvars=["year", "score"])
    assert a.sentences.drop_duplicates("doc_id")[["year", "score"]].values.tolist() == [["2019", "0.5"], ["", ""]]


def test_dataframe_input_errors_name_the_row_and_column():
    with pytest.raises(toolkit.ToolkitError, match=r"without a 'text' column.*name the column with text="):
        toolkit.analyze(TEXTS.rename(columns={"text": "body"}))
    assert len(toolkit.analyze(TEXTS.rename(columns={"text": "body"}), text="body").documents) == 3
    bad = TEXTS.assign(text=["Q: Hi?\n\nA: Yes.\n", "   ", 5])
    with pytest.raises(toolkit.CorpusError) as err:
        toolkit.analyze(bad)
    assert "row 'presser_2021'" in str(err.value) and "row 'interview_2023'" in str(err.value)
    with pytest.raises(toolkit.ToolkitError, match="repeats"):
        toolkit.analyze(TEXTS.assign(doc_id=["a", "a", "b"]))
    with pytest.raises(toolkit.ToolkitError, match="already columns"):
        toolkit.analyze(TEXTS, docvars=["speaker"])


def test_parquet_has_the_same_columns_and_rows_as_csv(tmp_path):
    pytest.importorskip("pyarrow")
    a = toolkit.analyze(TEXTS, docvars=["party"])
    csv = toolkit.write_analysis(a, tmp_path / "csv")
    pq = toolkit.write_analysis(a, tmp_path / "pq", format="parquet")
    assert sorted(p.stem for p in csv) == sorted(p.stem for p in pq)
    for p in pq:
        if p.suffix != ".parquet":
            continue
        table = pd.read_parquet(p)
        csv_table = pd.read_csv(tmp_path / "csv" / f"{p.stem}.csv", keep_default_na=False)
        assert list(table.columns) == list(csv_table.columns), p.name
        assert len(table) == len(csv_table), p.name
    s = pd.read_parquet(tmp_path / "pq" / "sentences.parquet")
    pd.testing.assert_series_equal(s["text"], a.sentences["text"].reset_index(drop=True), check_dtype=False)
    again = toolkit.write_analysis(toolkit.analyze(TEXTS, docvars=["party"]), tmp_path / "pq2", format="parquet")
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in pq]
    assert digest == [hashlib.sha256(p.read_bytes()).hexdigest() for p in again]   # byte for byte


def test_command_line_format_and_docvars(tmp_path):
    pytest.importorskip("pyarrow")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Q: Why?\n\nA: Because trade grows.\n", encoding="utf-8")
    (folder / "a.meta.yaml").write_text("party: Labour\n", encoding="utf-8")
    (folder / "b.txt").write_text("Q: When?\n\nA: Soon.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(folder), "--out", str(out), "--format", "parquet", "--docvars", "party",
                 "--quiet"]) == 0
    t = pd.read_parquet(out / "turns.parquet")
    assert dict(zip(t["doc_id"], t["party"], strict=False)) == {"a": "Labour", "b": ""}
    assert not list(out.glob("*.csv"))


def test_parallel_and_single_process_runs_are_identical(tmp_path):
    """Documents are scored in worker processes; every table and every written byte is the same."""
    docs = [toolkit.read_transcript(INTERVIEW)] + toolkit.analyze(TEXTS).transcripts
    docs += [toolkit.read_transcript(f"Q: Is terrorism a threat in region {i}?\n\nA: Terrorism and trade "
                                     f"both matter; we cooperate with {i} partners.\n", doc_id=f"extra{i}")
             for i in range(5)]
    one = toolkit.analyze(docs, workers=1)
    pools = []
    real = pl._run_steps
    with pytest.MonkeyPatch.context() as mp:   # with workers, the corpus steps run side by side in them
        mp.setattr(pl, "_run_steps",
                   lambda analysis, workers, *args: (pools.append(workers), real(analysis, workers, *args)))
        two = toolkit.analyze(docs, workers=2)
    assert pools == [2] and set(pl._SIDE_BY_SIDE) <= {name for name, _ in pl.STEPS}
    assert set(one.tables) == set(two.tables)
    for name in one.tables:
        pd.testing.assert_frame_equal(one.tables[name], two.tables[name], obj=name)
    a = toolkit.write_analysis(one, tmp_path / "one")
    b = toolkit.write_analysis(two, tmp_path / "two")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    with pytest.raises(toolkit.ToolkitError, match="workers"):
        toolkit.analyze(docs, workers=0)


def test_topics_coded_document_by_document_equal_the_whole_corpus():
    """Context rules never cross documents, so scoring each document alone changes nothing."""
    from toolkit.topics import as_codebook, code_topics
    docs = toolkit.analyze(TEXTS).transcripts + [toolkit.read_transcript(INTERVIEW)]
    whole = pd.concat([t.sentences for t in docs], ignore_index=True)
    cb = as_codebook(None)
    pd.testing.assert_frame_equal(code_topics(whole, cb),
                                  pd.concat([code_topics(t.sentences, cb) for t in docs], ignore_index=True))


def test_the_dask_engine_gives_the_local_engines_tables():
    """A two-worker LocalCluster scores the documents; every table equals the local engine's."""
    distributed = pytest.importorskip("dask.distributed", reason="the Dask test needs the dask extra")
    docs = [toolkit.read_transcript(INTERVIEW)] + toolkit.analyze(TEXTS).transcripts
    local = toolkit.analyze(docs, workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = toolkit.analyze(docs, engine="dask", scheduler=client)
        assert len(client.scheduler_info()["workers"]) == 2
    for name in local.tables:
        pd.testing.assert_frame_equal(local.tables[name], on_dask.tables[name], obj=name)
    with pytest.raises(toolkit.ToolkitError, match="engine"):
        toolkit.analyze(docs, engine="spark")


def test_command_line_dask_engine_on_a_local_cluster(tmp_path):
    pytest.importorskip("dask.distributed", reason="the Dask test needs the dask extra")
    folder = tmp_path / "in"
    folder.mkdir()
    for i, row in TEXTS.iterrows():
        (folder / f"{row.doc_id}.txt").write_text(row.text, encoding="utf-8")
    assert main(["analyze", str(folder), "--out", str(tmp_path / "local"), "--workers", "1", "--quiet"]) == 0
    assert main(["analyze", str(folder), "--out", str(tmp_path / "dask"), "--engine", "dask", "--workers", "2",
                 "--quiet"]) == 0
    for p in sorted((tmp_path / "local").iterdir()):
        assert p.read_bytes() == (tmp_path / "dask" / p.name).read_bytes(), p.name


def test_tables_built_document_by_document_equal_the_corpus_functions():
    """``document_tables`` runs in the workers, batch by batch; concatenated, each table is what the corpus
    function gives for the whole corpus."""
    from toolkit.devices import devices_by
    from toolkit.entities import actors, actors_by, claims
    from toolkit.interview import qa_pairs, turn_taking
    from toolkit.keywords import keyness
    from toolkit.schema import conform
    from toolkit.sentiment import sentiment_by
    from toolkit.topics import topic_segments, topics_by_speaker, turn_topics
    docs = [toolkit.read_transcript(INTERVIEW)] + toolkit.analyze(TEXTS).transcripts
    docs.append(toolkit.read_transcript("Q: Did NATO spend 2% on defence?\n\nA: NATO spent 3% in 2020, and "
                                        "Canada 1.4%.\n", doc_id="a_last"))   # last, but first by doc_id
    a = toolkit.analyze(docs, workers=2)   # one document per batch
    s = a.sentences
    turns = turn_topics(pd.concat([t.turns for t in docs], ignore_index=True), s)
    found = actors(s)
    expected = {"turns": turns, "segments": topic_segments(s), "topics_by_speaker": topics_by_speaker(s),
                "sentiment_by_speaker": sentiment_by(s, ["doc_id", "speaker"]),
                "devices_by_speaker": devices_by(s, ["doc_id", "speaker"]),
                "keyness_by_speaker": keyness(s, "speaker", within="doc_id", n=50), "claims": claims(s),
                "actors": found, "actors_by_speaker": actors_by(found, ["doc_id", "speaker"]),
                "qa_pairs": qa_pairs(s, turns), "turn_taking": turn_taking(turns)}
    for name, table in expected.items():
        assert len(a.tables[name]) > 0, name
        pd.testing.assert_frame_equal(a.tables[name], conform(name, table), obj=name)
    assert set(a.tables["keyness_by_speaker"]["doc_id"]) == {"alimov_sco_interview", "pmqs_2019", "presser_2021",
                                                             "interview_2023", "a_last"}
    assert a.tables["claims"]["doc_id"].iloc[0] == "a_last" and a.tables["segments"]["doc_id"].iloc[-1] == "a_last"


def test_worker_warnings_and_reading_errors_reach_the_caller(tmp_path):
    """Files are read in the worker processes: their warnings are re-issued in document order, and every
    file that cannot be read is named in one error, with nothing returned."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"doc{i}.txt").write_text(f"Q: Is trade up in year {i}?\n\nA: Trade is up.\n", encoding="utf-8")
    (folder / "doc_unlabelled.txt").write_text("Trade is up. Tourism is down.\n", encoding="utf-8")
    with pytest.warns(toolkit.ToolkitWarning, match=r"doc_unlabelled\.txt: no speaker labels"):
        a = toolkit.analyze(folder, workers=2)
    assert len(a.documents) == 5
    (folder / "doc_empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "doc_binary.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe")
    with pytest.raises(toolkit.CorpusError) as err, pytest.warns(toolkit.ToolkitWarning, match="doc_unlabelled"):
        toolkit.analyze(folder, workers=2)
    assert len(err.value.errors) == 2
    assert "doc_empty.txt" in str(err.value) and "doc_binary.txt" in str(err.value)
    assert all(isinstance(e, toolkit.TranscriptError) and e.problem for e in err.value.errors)


def test_missing_ids_and_an_unreachable_dask_scheduler_are_clear_errors():
    with pytest.raises(toolkit.ToolkitError, match=r"'doc_id' column has missing values \(rows 1\)"):
        toolkit.analyze(TEXTS.assign(doc_id=["a", None, "c"]))
    dask = pytest.importorskip("dask")
    pytest.importorskip("dask.distributed", reason="the Dask test needs the dask extra")
    import socket
    with socket.socket() as s:      # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        with pytest.raises(toolkit.ToolkitError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
            toolkit.analyze(TEXTS, engine="dask", scheduler=f"tcp://127.0.0.1:{port}")


def test_the_steps_alone_build_what_the_workers_build():
    """STEPS run on an Analysis holding only the read tables give every table analyze() gives."""
    from toolkit.pipeline import STEPS, Analysis
    from toolkit.schema import conform
    from toolkit.topics import as_codebook
    docs = [toolkit.read_transcript(INTERVIEW)] + toolkit.analyze(TEXTS).transcripts
    full = toolkit.analyze(docs, workers=2)
    bare = Analysis(transcripts=docs, options={"codebook": as_codebook(None)},
                    tables={name: conform(name, pd.concat([getattr(t, name) for t in docs], ignore_index=True))
                            for name in ("speakers", "turns", "sentences")})
    for _, step in STEPS:
        step(bare)
    assert set(bare.tables) == set(full.tables) - {"documents"}
    for name, table in bare.tables.items():
        pd.testing.assert_frame_equal(table, full.tables[name], obj=name)


def test_the_corpus_keyword_tables_read_no_sentence_again(monkeypatch):
    """The corpus keyword tables take the words the document workers read (merged): no text is read again,
    and the tables are those of reading every sentence afresh."""
    from toolkit import keywords
    from toolkit.pipeline import _keywords_step

    docs = [toolkit.read_transcript(INTERVIEW)] + toolkit.analyze(TEXTS).transcripts
    reads = []
    real_read, real_steps = keywords._read_words, pl._run_steps

    def steps(*args):
        monkeypatch.setattr(keywords, "_read_words", lambda texts: (reads.append(len(texts)), real_read(texts))[1])
        real_steps(*args)
        monkeypatch.setattr(keywords, "_read_words", real_read)

    monkeypatch.setattr(pl, "_run_steps", steps)
    a = toolkit.analyze(docs, workers=1)
    assert reads == []
    keywords._last_words = None
    fresh = pl.Analysis(transcripts=[], tables={"sentences": a.sentences}, options=a.options)
    _keywords_step(fresh)
    for name in ("keywords_by_speaker", "keyness_by_topic", "collocations"):
        pd.testing.assert_frame_equal(fresh.tables[name], a.tables[name], obj=name)


def test_the_analysis_runs_without_pyarrow_and_writes_the_same_bytes(tmp_path):
    """pyarrow is optional (`pip install -e .` does not install it; `make analysis` runs without it): pandas
    then keeps text as Python strings. The analysis runs and writes exactly the files it writes with pyarrow."""
    import subprocess
    import sys

    script = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "import pandas as pd, toolkit\n"
        "assert pd.Series(['x']).dtype.storage != 'pyarrow'\n"
        f"docs = [toolkit.read_transcript({str(INTERVIEW)!r})] + toolkit.analyze(pd.read_json(sys.argv[1])).transcripts\n"
        "toolkit.write_analysis(toolkit.analyze(docs, workers=1), sys.argv[2])\n")
    texts = tmp_path / "texts.json"
    TEXTS[["doc_id", "text"]].to_json(texts)
    done = subprocess.run([sys.executable, "-c", script, str(texts), str(tmp_path / "without")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    docs = [toolkit.read_transcript(INTERVIEW)] + toolkit.analyze(TEXTS[["doc_id", "text"]]).transcripts
    written = toolkit.write_analysis(toolkit.analyze(docs, workers=1), tmp_path / "with")
    assert len(written) > 10
    for path in written:
        assert (tmp_path / "without" / path.name).read_bytes() == path.read_bytes(), path.name


def _pandas_bytes(df: pd.DataFrame) -> bytes:
    import io
    buf = io.BytesIO()
    df.to_csv(buf, index=False, lineterminator="\n", float_format="%.10g", encoding="utf-8", mode="wb")
    return buf.getvalue()


def _toolkit_bytes(df: pd.DataFrame) -> bytes:
    import io
    buf = io.BytesIO()
    pl._write_csv(df, buf)
    return buf.getvalue()


def test_csv_files_are_byte_for_byte_what_pandas_writes(monkeypatch):
    """The toolkit renders CSV in pyarrow (faster); every byte is what pandas' to_csv writes, chunk boundaries,
    quoting, missing values and float formatting included, and what it does not cover is left to pandas."""
    import numpy as np

    assert pl._fast_csv_agrees(), "the fast CSV path disagrees with this pandas: every table goes through pandas"
    monkeypatch.setattr(pl, "_CSV_CHUNK_ROWS", 4)   # several chunks
    texts = ["We fight, and win.", 'He said "no".', "line one\nline two", "", None, "é ’ 中文", "  padded  ",
             '""', ",", "plain"]
    df = pd.DataFrame({
        "doc_id": pd.Series(texts, dtype="str"),
        "n": np.arange(-3, 7, dtype=np.int64) * 10**15,
        "score": np.array([0.1 + 0.2, float("nan"), -0.0, 1e-7, 123456.7890123, 2 / 3, 1e300, -5.0,
                           float("inf"), 0.5]),
        "flag": np.array([True, False, True, True, False, False, True, False, True, False]),
        "text": pd.Series(list(reversed(texts)), dtype="str")})
    assert _toolkit_bytes(df) == _pandas_bytes(df)
    assert _toolkit_bytes(df.iloc[:0]) == _pandas_bytes(df.iloc[:0])   # header only
    pieces = pd.concat([df.iloc[:3], df.iloc[3:]], ignore_index=True)   # text columns in several arrow chunks
    assert _toolkit_bytes(pieces) == _pandas_bytes(df)
    assert pl._fast_csv_covers(df)   # the fast path wrote it
    # left to pandas, and still the same bytes: a carriage return, one column, other dtypes
    with_cr = df.assign(text=pd.Series(["a\rb"] * 10, dtype="str"))
    assert not pl._fast_csv_covers(with_cr) and _toolkit_bytes(with_cr) == _pandas_bytes(with_cr)
    late_cr = df.assign(text=pd.Series(["plain"] * 9 + ["a\rb"], dtype="str"))   # in the last chunk only
    assert not pl._fast_csv_covers(late_cr) and _toolkit_bytes(late_cr) == _pandas_bytes(late_cr)
    one_column = df[["doc_id"]]
    assert not pl._fast_csv_covers(one_column) and _toolkit_bytes(one_column) == _pandas_bytes(one_column)
    other = df.assign(when=pd.date_range("2020-01-01", periods=10), count=pd.array([1, None] * 5, dtype="Int64"),
                      mixed=[1, "a", 2.5, None, True, "b", 3, 4, 5, 6])
    assert not pl._fast_csv_covers(other) and _toolkit_bytes(other) == _pandas_bytes(other)


def test_written_tables_equal_pandas_csv_files(tmp_path):
    """write_analysis writes every table (two at a time) exactly as pandas' to_csv would."""
    result = toolkit.analyze(TEXTS)
    for path in toolkit.write_analysis(result, tmp_path / "out"):
        if path.suffix == ".csv":
            assert path.read_bytes() == _pandas_bytes(result.tables[path.stem]), path.name
