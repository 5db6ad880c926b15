"""Interview structure: question-answer pairs and turn-taking statistics.

``qa_pairs`` pairs each interviewer turn with the answer that follows it: the
turns of the other speakers (interviewees, or speakers of a labelled talk) up
to the next interviewer turn. Moderator, narrator and caption turns in between
are passed over (they are neither question nor answer). An interviewer turn
followed directly by another interviewer turn has an empty answer.

``similarity`` is the cosine similarity of the question's and the answer's
content words (lower-cased, Snowball-stemmed, shipped stopwords left out), with
the shared words listed in ``shared_terms``. It is a heuristic signal of
responsiveness, not a verdict: an answer can take up a question in other words,
or repeat its words while evading it. Bull's typology (replies, intermediate
replies, non-replies; see METHODS.md) needs a human reading, and question-answer
similarity has not been validated against it (Thomas et al. 2024). Use the
column to find pairs worth reading, not to count evasions.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from .keywords import _Normaliser
from .schema import columns, conform, require_columns
from .text import QUESTION_END, WORD_RE
from .topics import topic_of_unit

__all__ = ["qa_pairs", "turn_taking"]

_NO_SPEECH = {"narrator", "caption"}
_NOT_ANSWER = {"interviewer", "moderator", *_NO_SPEECH}


def _cosine(a: Counter, b: Counter) -> float:
    dot = sum(a[t] * b[t] for t in a.keys() & b.keys())
    na, nb = math.sqrt(sum(v * v for v in a.values())), math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def qa_pairs(sentences: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """One row per interviewer turn with the answer that follows (see the module docstring).

    Columns: ``doc_id``, ``pair_id`` (from 1 in each document),
    ``question_turn_id``, ``questioner``, ``question`` (the turn's text),
    ``is_question`` (a sentence of the turn ends with a question mark; False for
    a request or statement), ``question_topic``, ``question_topics``,
    ``answer_turn_ids`` (``|``-joined; empty when no answer follows),
    ``answerer`` (``|``-joined speakers), ``answer_topic``, ``answer_topics``,
    ``question_words``, ``answer_words``, ``similarity`` (0 to 1; NaN with no
    answer), ``shared_terms``, ``takes_up_topic`` (``yes`` when the answer has a
    topic of the question, ``no`` when it has none of them, empty when the
    question has no topic or there is no answer), ``question_start``,
    ``question_end``, ``answer_start``, ``answer_end`` (offsets; an empty answer
    is the empty span at the question's end). Topic columns are empty when the
    sentences are not topic-coded.
    """
    require_columns(sentences, {"doc_id", "sentence_id", "turn_id", "speaker", "role", "start", "end", "text"},
                    func="qa_pairs")
    require_columns(turns, {"doc_id", "turn_id", "speaker", "role"}, func="qa_pairs", table="turns")
    norm = _Normaliser(stem=True, stopwords=True, func="qa_pairs")
    surface = _Normaliser(stem=False, stopwords=True, func="qa_pairs")
    coded = "topic" in sentences.columns
    stems: dict[str, str] = {}

    def stem_of(word: str) -> str:
        if word not in stems:
            stems[word] = norm.word(word)
        return stems[word]

    said = sentences[~sentences["role"].isin(_NO_SPEECH)].sort_values(["doc_id", "sentence_id"], kind="stable")
    by_turn: dict[tuple, list] = {}   # (doc_id, turn_id) -> [(text, topic, start, end, speaker), ...]
    cols = ["doc_id", "turn_id", "text", "topic" if coded else "text", "start", "end", "speaker"]
    for doc_id, turn_id, text, topic, start, end, speaker in said[cols].itertuples(index=False, name=None):
        by_turn.setdefault((doc_id, turn_id), []).append((text, topic if coded else "", start, end, speaker))
    rows = []
    by_doc: dict[str, list] = {}   # doc_id -> [(turn_id, speaker, role), ...] in turn order
    ordered = turns.sort_values(["doc_id", "turn_id"], kind="stable")
    for doc_id, tid, speaker, role in ordered[["doc_id", "turn_id", "speaker", "role"]].itertuples(index=False,
                                                                                                    name=None):
        by_doc.setdefault(doc_id, []).append((tid, speaker, role))
    for doc_id in sorted(by_doc):
        seq = by_doc[doc_id]
        pair_no = 0
        for i, (tid, speaker, role) in enumerate(seq):
            if role != "interviewer":
                continue
            answer = []
            for tid2, _, role2 in seq[i + 1:]:
                if role2 == "interviewer":
                    break
                if role2 not in _NOT_ANSWER:
                    answer.append(tid2)
            pair_no += 1
            q = by_turn.get((doc_id, tid), [])
            a = [s for t in answer for s in by_turn.get((doc_id, t), [])]
            q_text, a_text = " ".join(s[0] for s in q), " ".join(s[0] for s in a)
            q_topic, q_topics = topic_of_unit(s[1] for s in q)
            a_topic, a_topics = topic_of_unit(s[1] for s in a)
            q_words, a_words = WORD_RE.findall(q_text), WORD_RE.findall(a_text)
            q_terms, a_terms = Counter(norm.terms_of(q_words)), Counter(norm.terms_of(a_words))
            shared = q_terms.keys() & a_terms.keys()
            shown = list(dict.fromkeys(w for w in surface.terms_of(q_words) if stem_of(w) in shared))
            if a and q_topics:
                takes_up = "yes" if set(q_topics.split("|")) & set(a_topics.split("|")) - {""} else "no"
            else:
                takes_up = ""
            q_start, q_end = (int(q[0][2]), int(q[-1][3])) if q else (0, 0)
            rows.append({
                "doc_id": doc_id, "pair_id": pair_no, "question_turn_id": int(tid), "questioner": speaker,
                "question": q_text, "is_question": any(QUESTION_END.search(s[0].rstrip()) for s in q),
                "question_topic": q_topic, "question_topics": q_topics,
                "answer_turn_ids": "|".join(str(t) for t in answer),
                "answerer": "|".join(dict.fromkeys(s[4] for s in a)),
                "answer_topic": a_topic, "answer_topics": a_topics,
                "question_words": len(q_words), "answer_words": len(a_words),   # = count_words()
                "similarity": _cosine(q_terms, a_terms) if a else float("nan"),
                "shared_terms": ", ".join(shown), "takes_up_topic": takes_up,
                "question_start": q_start, "question_end": q_end,
                "answer_start": int(a[0][2]) if a else q_end,
                "answer_end": int(a[-1][3]) if a else q_end})
    return conform("qa_pairs", pd.DataFrame(rows, columns=columns("qa_pairs")))


def turn_taking(turns: pd.DataFrame) -> pd.DataFrame:
    """Turn-taking statistics of each speaker in each document (narrator and caption turns left out).

    Columns: ``doc_id``, ``speaker``, ``role``, ``n_turns``, ``n_sentences``,
    ``n_words``, ``share_of_talk`` (the speaker's share of the document's
    spoken words), ``mean_turn_words``, ``longest_turn_words``,
    ``longest_turn_id`` (the first of the longest turns). Speakers in order of
    their first turn.
    """
    require_columns(turns, {"doc_id", "turn_id", "speaker", "role", "n_sentences", "n_words"},
                    func="turn_taking", table="turns")
    data = turns[~turns["role"].isin(_NO_SPEECH)].sort_values(["doc_id", "turn_id"], kind="stable")
    rows = []
    for doc_id, doc in data.groupby("doc_id", sort=True):
        total = int(doc["n_words"].sum())
        for speaker, g in doc.groupby("speaker", sort=False):
            longest = g.loc[g["n_words"].idxmax()]
            rows.append({"doc_id": doc_id, "speaker": speaker, "role": g["role"].iloc[0], "n_turns": len(g),
                         "n_sentences": int(g["n_sentences"].sum()), "n_words": int(g["n_words"].sum()),
                         "share_of_talk": g["n_words"].sum() / total if total else 0.0,
                         "mean_turn_words": float(g["n_words"].mean()),
                         "longest_turn_words": int(longest["n_words"]), "longest_turn_id": int(longest["turn_id"])})
    return conform("turn_taking", pd.DataFrame(rows, columns=columns("turn_taking")))
