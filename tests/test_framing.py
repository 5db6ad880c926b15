"""Frames: dictionary coding, residuals by hand, agreement with human framing."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import toolkit
from toolkit.codebook import load_codebook
from toolkit.framing import code_frames, default_frames_path, frames_by

from conftest import INTERVIEW, REPORT, ROOT

SLUGS = ["economic", "capacity", "morality", "fairness", "legality", "policy", "crime", "security", "health",
         "quality_of_life", "cultural", "public_opinion", "political", "external"]


def test_the_shipped_dictionary_has_the_codebook_dimensions():
    cb = load_codebook(default_frames_path())
    assert cb.topics == SLUGS  # `other` is for human coders only
    assert all(cb.definitions[s] for s in SLUGS)


def test_frames_of_sentences():
    t = toolkit.read_transcript("A: Terrorist attacks threaten civilians. Tariffs cost billions. "
                                "Everyone is treated equally. Good afternoon!\n")
    s = code_frames(t.sentences)
    assert s["frame_dictionary"].tolist() == ["security", "economic", "fairness", ""]
    assert s["frame_terms"].iloc[0].startswith("security ")


def test_adjusted_residuals_by_hand():
    # 2 x 2 table: topic t1 has frames security 3, economic 1; t2 has security 1, economic 3. N = 8.
    s = pd.DataFrame({"topic": ["t1"] * 4 + ["t2"] * 4,
                      "frame": ["security"] * 3 + ["economic"] + ["security"] + ["economic"] * 3})
    out = frames_by(s, "topic").set_index(["topic", "frame"])
    # E = 4 * 4 / 8 = 2; adjusted residual = (3 - 2) / sqrt(2 * (1 - 4/8) * (1 - 4/8)) = 1 / sqrt(0.5)
    assert out.loc[("t1", "security"), "expected"] == pytest.approx(2.0)
    assert out.loc[("t1", "security"), "residual"] == pytest.approx(1 / math.sqrt(0.5))
    assert out.loc[("t1", "economic"), "residual"] == pytest.approx(-1 / math.sqrt(0.5))
    assert out.loc[("t2", "economic"), "share"] == pytest.approx(0.75)
    assert out["n"].sum() == 8


def test_interview_primary_frame_is_one_the_human_coder_chose():
    s = code_frames(toolkit.read_transcript(INTERVIEW).sentences)
    gold = pd.read_csv(ROOT / "data/annotations/alimov_sco_interview.tone_frames.csv", keep_default_na=False)
    m = s.merge(gold[["sentence_id", "frames", "primary_frame"]], on="sentence_id", suffixes=("", "_gold"))
    framed = m[m["frames_gold"] != ""]
    hit = sum(f != "" and f in set(g.split("|")) for f, g in zip(framed["frame_dictionary"], framed["frames_gold"]))
    share = hit / len(framed)
    REPORT.append(f"interview, frames, {len(framed)} sentences coder A framed: the dictionary's primary frame is "
                  f"one of the coder's frames for {share:.3f}; equals the coder's primary for "
                  f"{(framed['frame_dictionary'] == framed['primary_frame']).mean():.3f}")
    assert share >= 0.60   # the bar (measured 0.921 when written; optimistic: see annotations README)


def test_procedural_sentences_take_no_frame():
    from toolkit.framing import code_frames
    t = toolkit.read_transcript("A: Good morning, everyone. Everyone deserves a fair hearing.\n")
    s = code_frames(t.sentences)
    assert s["frame_dictionary"].tolist() == ["", "fairness"] and s["frames"].tolist() == ["", "fairness"]
    assert "procedural sentence: no frame" in s["frame_terms"].iloc[0]


def test_frames_by_role_leaves_out_narrator_text():
    s = pd.DataFrame({"role": ["interviewer", "interviewer", "interviewee", "narrator"],
                      "frame": ["security", "economic", "security", "economic"]})
    out = frames_by(s, "role").set_index(["role", "frame"])
    assert out["n"].tolist() == [0, 1, 1, 1]   # interviewee economic, security; interviewer economic, security
    assert out.loc[("interviewer", "economic"), "share"] == 0.5
    assert out.loc[("interviewee", "security"), "expected"] == pytest.approx(1 * 2 / 3)


def test_frames_of_a_users_codebook_with_phrases_and_globs(tmp_path):
    p = tmp_path / "frames.yaml"
    p.write_text("topics:\n  economic:\n    definition: d\n    strong: [\"tariff*\", \"trade war*\"]\n"
                 "    weak: [the economy]\n  security:\n    definition: d\n    patterns: [\"*terror*\"]\n",
                 encoding="utf-8")
    t = toolkit.read_transcript("A: The economy and anti-terrorism. TRADE WARS hurt the economy. "
                                "Thank you. Tariffs.\n")
    s = code_frames(t.sentences, load_codebook(p))
    assert s["frame_dictionary"].tolist() == ["security", "economic", "", "economic"]
    assert s["frame_terms"].tolist() == ["economic 0.5: The economy; security 1: anti-terrorism",
                                         "economic 2.5: TRADE WARS, the economy", "", "economic 2: Tariffs"]


def test_a_sentence_without_frame_words_takes_the_frame_of_its_exchange():
    """The context rules of topic coding: a follow-up takes the frame of the sentence before it in its
    paragraph, an answer with no frame words that of its question; frame_terms says so. A greeting takes none,
    and a caption none."""
    t = toolkit.read_transcript(
        "Q: How many troops will the military send?\n\n"
        "A: I cannot give you a number. Thank you.\n\n"
        "Q: And what about vaccines?\n\n"
        "A: That could be a year.\n",
        speakers={"Q": "interviewer", "A": "interviewee"})
    got = code_frames(t.sentences)
    assert got["frame_dictionary"].tolist() == ["security", "security", "", "health", "health"]
    assert got["frame_terms"].tolist()[1] == "(security from context)"
    assert got["frame_terms"].tolist()[4] == "(health from context)"
    assert not got["frame_terms"].tolist()[0].endswith("context)")


def test_frames_of_rows_in_any_order_are_read_in_sentence_order():
    s = toolkit.read_transcript(INTERVIEW).sentences
    shuffled = s.sample(frac=1, random_state=5)
    pd.testing.assert_frame_equal(code_frames(shuffled).sort_index(), code_frames(s))


def test_accidents_are_health_and_investigations_are_not_investment():
    """The coding guide puts accidents and public safety under health (dictionary 1.1); "investigated" is no
    word of the economic frame (its pattern "invest*" once took it), imported cases are no imports, and the
    "Democratic" of a country's name is no democrat (1.2)."""
    t = toolkit.read_transcript("A: The boat capsized and rescuers searched for survivors.\n\n"
                                "A: The case was investigated by the police.\n\n"
                                "A: Imported cases rose.\n\nA: Investors invested in ports.\n\n"
                                "A: The minister of the Lao People's Democratic Republic visits.\n")
    got = code_frames(t.sentences)
    assert got["frame_dictionary"].tolist()[0] == "health"
    assert "economic" not in got["frames"].tolist()[1].split("|")
    assert "economic" not in got["frames"].tolist()[2].split("|")
    assert got["frame_dictionary"].tolist()[3] == "economic"
    assert "Democratic" not in got["frame_terms"].tolist()[4] and "minister" in got["frame_terms"].tolist()[4]
