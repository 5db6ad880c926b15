"""Interview structure: question-answer pairs and turn-taking."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import toolkit
from toolkit.errors import ToolkitError
from toolkit.interview import qa_pairs, turn_taking
from toolkit.schema import columns


@pytest.fixture(scope="module")
def interview():
    return toolkit.analyze("data/raw")


def test_the_interviews_three_pairs(interview):
    q = qa_pairs(interview.sentences, interview.turns)
    assert list(q.columns) == columns("qa_pairs")
    assert len(q) == 3 and q["questioner"].eq("Massource").all() and q["answerer"].eq("Alimov").all()
    assert q["is_question"].tolist() == [False, True, True]   # the first is a greeting and a request
    assert q["question"].iloc[1] == "Most of the western media tend to associate SCO with NATO. What is your reaction?"
    assert q["question_topic"].iloc[2] == "trade" and "trade" in q["answer_topics"].iloc[2].split("|")
    assert q["takes_up_topic"].iloc[2] == "yes"
    assert "wto" in q["shared_terms"].iloc[2].lower()
    text = interview.transcripts[0].text
    for r in q.itertuples():
        assert text[r.question_start:r.question_end].startswith(r.question[:20])
        assert r.answer_start > r.question_end and 0 < r.similarity < 1
    turns = interview.turns.set_index("turn_id")
    assert q["answer_words"].tolist() == [turns.loc[t, "n_words"] for t in (4, 6, 8)]


def test_pairing_rules_by_hand():
    t = toolkit.read_transcript(
        "Q: Will you raise tariffs on steel?\n\nQ: And on cars?\n\n"
        "MS. SMITH: We will raise tariffs on cars. Steel is next.\n\n"
        "Q: Thank you.\n", speakers={"Q": "interviewer", "MS. SMITH": "interviewee"})
    s = t.sentences.assign(topic="", topics="")
    q = qa_pairs(s, t.turns)
    assert q["question_turn_id"].tolist() == [1, 2, 4]
    # a question followed at once by another question has no answer: an empty span at its end
    assert q["answer_turn_ids"].tolist() == ["", "3", ""]
    first = q.iloc[0]
    assert math.isnan(first["similarity"]) and first["answer_start"] == first["answer_end"] == first["question_end"]
    # cosine of stemmed content words: Q2 {car}, answer {rais, tariff, car, steel} ("next" is a stopword)
    assert q["similarity"].iloc[1] == pytest.approx(1 / math.sqrt(4))
    assert q["shared_terms"].iloc[1] == "cars"
    assert q["is_question"].tolist() == [True, True, False]


def test_a_topic_inherited_from_the_question_does_not_count_as_taking_it_up():
    """The context rules may give an answer its question's topic; takes_up_topic counts only own words."""
    t = toolkit.read_transcript("Q: Will you raise tariffs on steel?\n\nA: We will see.\n\n"
                                "Q: What about terrorism?\n\nA: Terrorism is a threat we fight.\n")
    s = t.sentences.assign(topic=["trade", "trade", "terrorism", "terrorism"], topics="",
                           topic_source=["terms", "context", "terms", "terms"])
    q = qa_pairs(s, t.turns)
    assert q["answer_topic"].tolist() == ["trade", "terrorism"]      # the coded topics are still shown
    assert q["takes_up_topic"].tolist() == ["no", "yes"]


def test_turn_taking_by_hand():
    t = toolkit.read_transcript("Q: Why?\n\nA: Because it works.\n\nQ: Really? Always?\n\nA: Yes.\n")
    tt = turn_taking(t.turns).set_index("speaker")
    assert tt.loc["Q", "n_turns"] == 2 and tt.loc["Q", "n_words"] == 3 and tt.loc["Q", "n_sentences"] == 3
    assert tt.loc["A", "n_words"] == 4 and tt.loc["A", "share_of_talk"] == pytest.approx(4 / 7)
    assert tt.loc["A", "mean_turn_words"] == 2.0 and tt.loc["A", "longest_turn_words"] == 3
    assert tt.loc["A", "longest_turn_id"] == 2 and tt.loc["Q", "longest_turn_id"] == 3


def test_turn_taking_of_the_interview(interview):
    tt = turn_taking(interview.turns).set_index("speaker")
    assert tt.loc["Alimov", "n_turns"] == 3 and tt.loc["Massource", "n_turns"] == 3
    assert tt["share_of_talk"].sum() == pytest.approx(1.0)
    assert tt.loc["Alimov", "longest_turn_id"] == 8


def test_wrong_table_is_named(interview):
    with pytest.raises(ToolkitError, match="turns table"):
        qa_pairs(interview.sentences, interview.sentences.drop(columns=["turn_id"]))
    with pytest.raises(ToolkitError, match="missing columns"):
        turn_taking(interview.sentences)


def test_an_answer_of_stage_notes_only():
    """A reply that is only a stage note ("(Laughter.)") has no words: no similarity, an empty span."""
    t = toolkit.read_transcript("Q: Why?\n\nMS. SMITH: (Laughter.)\n\nQ: And then?\n\nMS. SMITH: Yes.\n",
                                speakers={"Q": "interviewer", "MS. SMITH": "interviewee"})
    q = qa_pairs(t.sentences, t.turns)
    assert q["answer_turn_ids"].tolist() == ["2", "4"] and q["answer_words"].tolist() == [0, 1]
    assert math.isnan(q["similarity"].iloc[0]) and q["answer_start"].iloc[0] == q["question_end"].iloc[0]


def test_turn_taking_lists_give_the_pandas_table(monkeypatch):
    """The fast path (plain lists) against the pandas steps, on turns in no particular order: two documents
    (the later one first), a narrator turn, a speaker whose longest turns tie (the first counts), a speaker
    with an empty name."""
    from toolkit import interview as module

    turns = pd.DataFrame({
        "doc_id": ["b", "b", "a", "a", "a", "a", "a", "b"],
        "turn_id": [2, 1, 3, 1, 2, 4, 5, 3],
        "speaker": ["Q", "A", "A", "Q", "", "A", "Narrator", "Q"],
        "role": ["interviewer", "interviewee", "interviewee", "interviewer", "interviewee", "interviewee",
                 "narrator", "interviewer"],
        "n_sentences": [1, 2, 3, 1, 1, 2, 1, 4],
        "n_words": [5, 7, 9, 4, 2, 9, 30, 5]})
    fast = turn_taking(turns)
    monkeypatch.setattr(module, "_turn_taking_lists", lambda turns: None)
    pd.testing.assert_frame_equal(fast, turn_taking(turns), check_exact=True)
    assert fast[["doc_id", "speaker"]].values.tolist() == [["a", "Q"], ["a", ""], ["a", "A"], ["b", "A"], ["b", "Q"]]
    assert fast["longest_turn_id"].tolist() == [1, 2, 3, 1, 2]   # A in "a": 9 words in turns 3 and 4


def test_qa_pairs_same_with_the_terms_remembered_or_not(monkeypatch):
    """The terms of each spelling are kept from call to call (and forgotten past a bound): no difference."""
    from toolkit import interview as module
    from toolkit.keywords import _Normaliser

    t = toolkit.read_transcript("Q: Will tariffs on steel rise? Steel workers ask.\n\n"
                                "MS. SMITH: Tariffs on steel are rising; the workers’ unions agree.\n\n"
                                "Q: And cars?\n\nMS. SMITH: Cars too. Rising tariffs.\n",
                                speakers={"Q": "interviewer", "MS. SMITH": "interviewee"})
    first = qa_pairs(t.sentences, t.turns)
    assert first["shared_terms"].tolist() == ["tariffs, steel, rise, workers", "cars"]
    module._TERMS.clear()
    monkeypatch.setattr(module, "_TERMS_SIZE", 3)   # forgets all the time
    pd.testing.assert_frame_equal(first, qa_pairs(t.sentences, t.turns), check_exact=True)
    norm, surface = _Normaliser(stem=True), _Normaliser(stem=False)
    words = ["Tariffs", "the", "workers’", "2024", "rising"]
    got = module._terms(words)
    assert [g[0] for g in got if g[0] is not None] == norm.terms_of(words)
    assert [g[1] for g in got if g[1] is not None] == surface.terms_of(words)


EDGE = ("Q: Will tariffs on steel rise? Steel workers ask.\n\n"
        "MS. SMITH: Tariffs on steel are rising; the workers’ unions agree. Café owners, naïve or not, agree.\n\n"
        "MR. JONES: ”\n\n"
        "Q: And cars?\n\nQ: Or trucks?\n\n"
        "MS. SMITH: Cars too. Rising tariffs. Trucks, 2024, the the the.\n\n"
        "MODERATOR: Next question.\n\n"
        "Q: Thank you.\n")


def _reference_similarity(sentences, turns, pairs):
    """similarity and shared_terms computed pair by pair from the texts, with Counters (the code before the
    pairs were scored all at once)."""
    from collections import Counter

    from toolkit.interview import _cosine, _terms
    from toolkit.text import WORD_RE

    said = sentences[~sentences["role"].isin(["narrator", "caption"])].sort_values(["doc_id", "sentence_id"])
    text_of = {}
    for doc_id, turn_id, text in zip(said["doc_id"], said["turn_id"], said["text"], strict=True):
        text_of.setdefault((doc_id, turn_id), []).append(text)
    out = []
    for r in pairs.itertuples():
        answer = [int(t) for t in r.answer_turn_ids.split("|")] if r.answer_turn_ids else []
        q_text = " ".join(text_of.get((r.doc_id, r.question_turn_id), []))
        a_sentences = [s for t in answer for s in text_of.get((r.doc_id, t), [])]
        q_all = _terms(WORD_RE.findall(q_text))
        q = Counter(t[0] for t in q_all if t[0] is not None)
        a = Counter(t[0] for t in _terms(WORD_RE.findall(" ".join(a_sentences))) if t[0] is not None)
        shared = q.keys() & a.keys()
        shown = ", ".join(dict.fromkeys(t[1] for t in q_all if t[1] is not None and t[2] in shared))
        out.append((_cosine(q, a) if a_sentences else float("nan"), shown))
    return out


def test_qa_pairs_scored_at_once_as_pair_by_pair():
    """Similarity and shared terms of all pairs at once (from keyness's words of the sentences, or from the
    texts of the pairs) equal the pair-by-pair Counters: two documents (one without any question, one
    speaker only), empty and punctuation-only answers, non-ASCII words, a question with no answer."""
    from toolkit import keywords

    speakers = {"Q": "interviewer", "MS. SMITH": "interviewee", "MR. JONES": "interviewee",
                "MODERATOR": "moderator"}
    docs = [toolkit.read_transcript(EDGE, speakers=speakers, doc_id="b"),
            toolkit.read_transcript("MS. SMITH: Good morning. Nothing to add.\n",
                                    speakers={"MS. SMITH": "interviewee"}, doc_id="a"),
            toolkit.read_transcript("Q: Anything?\n", speakers={"Q": "interviewer"}, doc_id="c")]
    s = pd.concat([d.sentences for d in docs], ignore_index=True)
    turns = pd.concat([d.turns for d in docs], ignore_index=True)
    keywords._last_words = None
    cold = qa_pairs(s, turns)
    keywords.keyness(s, "speaker", within="doc_id")   # reads the same sentences: qa_pairs takes its words
    assert keywords._words_read(s[~s["role"].isin(["narrator", "caption"])]["text"].tolist()) is not None
    warm = qa_pairs(s, turns)
    keywords._last_words = None
    pd.testing.assert_frame_equal(cold, warm, check_exact=True)
    assert cold["doc_id"].tolist() == ["b", "b", "b", "b", "c"]
    want = _reference_similarity(s, turns, cold)
    got = list(zip(cold["similarity"], cold["shared_terms"], strict=True))
    assert [(float(x).hex(), t) for x, t in got] == [(float(x).hex(), t) for x, t in want]
    assert math.isnan(cold["similarity"].iloc[1]) and cold["answer_words"].iloc[1] == 0
    assert cold["shared_terms"].iloc[0] == "tariffs, steel, rise, workers" and cold["similarity"].iloc[0] > 0


def test_qa_pairs_a_text_that_is_no_string_raises_as_before():
    t = toolkit.read_transcript("Q: Will tariffs rise?\n\nA: Yes.\n", speakers={"Q": "interviewer",
                                                                                 "A": "interviewee"})
    s = t.sentences.copy()
    s["text"] = s["text"].astype(object)
    s.loc[s["speaker"] == "A", "text"] = 5
    with pytest.raises(TypeError):
        qa_pairs(s, t.turns)
