"""The interview read as a careful reader reads it, and invariants on any input."""

from __future__ import annotations

import warnings

import pytest
from conftest import INTERVIEW, SHARED, coverage_problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit import schema

# Sentences per paragraph, counted by reading the interview (not by running the splitter).
PARAGRAPH_SENTENCES = [2, 2, 2, 2, 5, 3, 6, 2, 11, 3, 4, 4, 2, 3, 3, 5, 1, 6, 4]
PARAGRAPH_SPEAKER = (["", ""] + ["Massource"] + ["Alimov"] * 4 + ["Massource"] + ["Alimov"] * 4
                     + ["Massource"] + ["Alimov"] * 6)


@pytest.fixture(scope="module")
def interview():
    return toolkit.read_transcript(INTERVIEW)


def test_raw_copy_is_byte_identical_to_shared():
    shared = SHARED / "data" / "alimov_sco_interview.txt"
    if not shared.is_file():
        pytest.skip("../shared/data is not present")
    assert INTERVIEW.read_bytes() == shared.read_bytes()


def test_interview_sentences_are_the_careful_readers(interview):
    s = interview.sentences
    assert s.groupby("paragraph_id").size().tolist() == PARAGRAPH_SENTENCES
    assert s.groupby("paragraph_id")["speaker"].first().tolist() == PARAGRAPH_SPEAKER
    texts = s["text"].tolist()
    assert texts[2] == ("Rashid Alimov was invited by Kaisun Consulting Ltd. to attend a forum on Belt "
                        "and Road Initiative in Hong Kong.")
    assert texts[4:6] == ["Good afternoon!", ("As a respected veteran diplomat, you must have some experience "
                                              "that you want to share with our audience.")]
    assert any(t.startswith("Seventeen years ago") and t.endswith("in the world.") and "today\u2014the" in t
               for t in texts)
    assert "This is the \u201cShanghai Spirit\u201d; this is our common capital." in texts
    assert "Will it replace the role of the World Trade Organisation (WTO)?" in texts
    assert texts[-1].endswith("but without camels.")


def test_interview_roles_and_speakers(interview):
    s = interview.sentences
    by_para = s.groupby("paragraph_id")["role"].agg(set)
    assert by_para.iloc[0] == {"narrator"}      # lead paragraph
    assert by_para.iloc[1] == {"caption"}       # photo caption "(Photo by Alan)"
    roles = dict(zip(interview.speakers["speaker"], interview.speakers["role"]))
    assert roles == {"Massource": "interviewer", "Alimov": "interviewee"}
    assert interview.turns["role"].tolist() == ["narrator", "caption"] + ["interviewer", "interviewee"] * 3
    assert interview.speakers.set_index("speaker").loc["Alimov", "name"] == "Rashid Alimov"
    # the roles do not depend on the sidecar: who asks questions decides the same
    plain = toolkit.read_transcript(INTERVIEW, sidecar=False)
    assert dict(zip(plain.speakers["speaker"], plain.speakers["role"])) == roles


def test_interview_offsets_and_coverage(interview):
    assert coverage_problems(interview) == []
    s = interview.sentences
    assert (s["start"].diff().dropna() > 0).all()
    assert s["sentence_id"].tolist() == list(range(1, len(s) + 1))


def test_interview_metadata_from_sidecar(interview):
    m = interview.metadata
    assert m["title"].startswith("Interview with Rashid Alimov")
    assert "2018" in str(m["date"])
    assert {sp["label"] for sp in m["speakers"]} == {"Massource", "Alimov"}


def test_tables_have_exactly_their_documented_columns(interview):
    for name in ("sentences", "turns", "speakers"):
        df = getattr(interview, name)
        reader_columns = [c.name for c in schema.TABLES[name] if not c.added_by]
        assert list(df.columns) == reader_columns  # analyses add the rest
        for col in schema.TABLES[name]:
            if col.added_by:
                continue
            kind = {"int": "i", "str": "O"}[col.dtype]
            assert df[col.name].dtype.kind == kind or (col.dtype == "str" and str(df[col.name].dtype) in
                                                       ("str", "string")), (name, col.name, df[col.name].dtype)


def test_word_counts_add_up(interview):
    t = interview.turns
    sp = interview.speakers.set_index("speaker")
    assert sp.loc["Alimov", "n_words"] == t.loc[t.speaker == "Alimov", "n_words"].sum()
    assert t["n_sentences"].sum() == len(interview.sentences)


def test_sentence_lookup(interview):
    assert interview.sentence(5) == "Good afternoon!"
    with pytest.raises(ValueError, match="no sentence_id 999"):
        interview.sentence(999)


# ---------------------------------------------------------------------------
# Property: whatever the input, no text is lost and offsets are exact.
# ---------------------------------------------------------------------------

_pieces = st.sampled_from([
    "Q: ", "A: ", "Alimov: ", "MS. PSAKI:  ", "Q\u00a0\u00a0 ", "Note: ", "(Laughter.) ", "[crosstalk 00:01:02] ",
    "Mr. Smith went to the U.S. ", "It rose 44%. ", "Why? ", "Yes! ", "Well... ", "\u201cQuoted.\u201d ",
    "(Photo by Alan)", "7:06 P.M. EST", "\n", "\n\n", "\r\n", " \u00a0 ", "---\n", "**Q:** ", "as follows: ",
    "10:30 ", "https://x.org ", "word ", "caf\u00e9 ", "\t", "END", "\\[x\\] ", "\ufeff",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_pieces, min_size=1, max_size=40))
def test_no_text_is_lost_on_any_input(parts):
    text = "".join(parts)
    if not text.strip() or not text.replace("\ufeff", "").strip():
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = toolkit.read_transcript(text.encode("utf-8"))  # bytes: never mistaken for a path
    assert coverage_problems(t) == []
    assert set(t.sentences["role"]) <= {"interviewer", "interviewee", "narrator", "caption", "moderator",
                                        "speaker"}
    assert (t.sentences["end"] > t.sentences["start"]).all()
    assert t.sentences["turn_id"].isin(t.turns["turn_id"]).all()


def test_large_transcript_reads(tmp_path):
    """A few megabytes read without trouble (speed is measured in benchmarks/, not here)."""
    block = INTERVIEW.read_text(encoding="utf-8").split("\n\n", 2)[2]
    p = tmp_path / "big.txt"
    p.write_text("\n\n".join([block] * 300), encoding="utf-8")
    t = toolkit.read_transcript(p)
    assert len(t.sentences) == 300 * 66
    assert t.turns["n_words"].sum() == 300 * (1045 - 44 - 23)


def test_a_declaration_that_moves_other_roles_says_so():
    text = ("The Speaker: Order.\n\nMs Jones (Labour): Will the Prime Minister explain the cuts?\n\n"
            "The Prime Minister: The cuts are a myth.\n\nMr Brown: Is that true?\n\nThe Prime Minister: Yes.\n")
    plain = toolkit.read_transcript(text).speakers.set_index("speaker")["role"]
    assert plain["Mr Brown"] == "interviewer"
    with pytest.warns(toolkit.ToolkitWarning, match=r"declaring \['Ms Jones'\] changed the roles inferred for "
                                                    r"Mr Brown \(interviewer -> interviewee\)"):
        t = toolkit.read_transcript(text, speakers={"Ms Jones": "interviewer"})
    assert t.speakers.set_index("speaker")["role"]["Mr Brown"] == "interviewee"


def test_tables_are_built_in_their_documented_dtypes(interview):
    """The reader builds its tables directly in the documented dtypes, as ``schema.conform`` would give them,
    also with no labelled speaker (an empty speakers table) and with a sidecar name that YAML reads as a number."""
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        unlabelled = toolkit.read_transcript("Just a statement.\nNo labels here.\n")
    numbered = toolkit.read_transcript("Bob: Hello there.\n\nAnn: Hi?\n",
                                       speakers={"Bob": {"name": 5, "affiliation": 1.5}})
    assert numbered.speakers[["name", "affiliation"]].values.tolist() == [["5", "1.5"], ["Ann", ""]]
    assert len(unlabelled.speakers) == 0
    for t in (interview, unlabelled, numbered):
        for name in ("sentences", "turns", "speakers"):
            df = getattr(t, name)
            assert isinstance(df.index, pd.RangeIndex) and df.index.start == 0
            pd.testing.assert_frame_equal(df, schema.conform(name, df), check_exact=True)
            assert [str(d) for d in df.dtypes] == [{"int": "int64", "str": "str"}[c.dtype]
                                                   for c in schema.TABLES[name] if not c.added_by]


def test_word_counts_follow_word_re():
    # counted by hand: don't, stop, U.S, 1.5, a, b, x, y, café, anti-terrorism, 44
    assert toolkit.read_transcript("A: don't stop\u2014U.S. 1.5 a..b x_y - caf\u00e9 anti-terrorism 44%\n\n"
                                   "Q: Why?\n").turns["n_words"].tolist() == [11, 1]
