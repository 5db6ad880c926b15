"""Robustness on 1,154 real White House press briefings (skips without ../shared)."""

from __future__ import annotations

import warnings

import pytest

import toolkit
from toolkit.pipeline import find_transcripts

from conftest import WH_CORPUS, coverage_problems, needs_shared

pytestmark = needs_shared

# Two files in the folder are written statements, not briefings: no one speaks on the record,
# so they have no speaker labels at all (checked below, not assumed).
STATEMENTS = {
    "2021-02-10-president-biden-announces-members-of-the-biden-harris-administration-covid-19-health-equity-task-force",
    "2024-09-20-a-u-s-framework-for-climate-resilience-and-security",
}


@pytest.fixture(scope="module")
def corpus():
    files = find_transcripts(WH_CORPUS)
    out = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for f in files:
            out.append(toolkit.read_transcript(f))
    return out, caught


def test_every_briefing_reads_with_at_least_two_speakers(corpus):
    transcripts, caught = corpus
    assert len(transcripts) == 1154
    few = {t.doc_id: list(t.speakers["speaker"]) for t in transcripts if len(t.speakers) < 2}
    assert set(few) == STATEMENTS and all(v == [] for v in few.values())
    warned = {str(w.message).split(":")[0] for w in caught}
    assert {p.rsplit("/", 1)[-1].removesuffix(".md") for p in warned} == STATEMENTS


def test_no_break_space_q_turns_are_interviewer_turns(corpus):
    transcripts, _ = corpus
    n_q = 0
    for t in transcripts:
        q = t.turns[t.turns["label"].str.fullmatch("Q")]
        n_q += len(q)
        assert (q["role"] == "interviewer").all(), t.doc_id
        assert (q["speaker"] == "Q").all(), t.doc_id
    assert n_q > 20000


def test_front_matter_and_offsets(corpus):
    transcripts, _ = corpus
    for t in transcripts:
        assert t.front_matter_end > 0 and t.metadata.get("date"), t.doc_id
        s = t.sentences
        assert all(t.text[a:b] == x for a, b, x in zip(s["start"], s["end"], s["text"])), t.doc_id
    # the full no-text-lost check on a sample spread over the years
    for t in transcripts[::50]:
        assert coverage_problems(t) == [], t.doc_id


def test_speakers_are_labels_not_prose(corpus):
    transcripts, _ = corpus
    names = {sp for t in transcripts for sp in t.speakers["speaker"]}
    mixed = {n for n in names if n != n.upper()}
    assert mixed <= {"Moderator", "Question"}, sorted(mixed)
