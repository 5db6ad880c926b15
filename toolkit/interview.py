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
from functools import lru_cache

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


#: Each spelling's ``(stemmed term, surface term, stem of the surface term)`` (None for a word left out): what
#: ``norm.terms_of()``, ``surface.terms_of()`` and ``norm.word()`` give for it (see :func:`_terms`). They depend
#: on the word alone (the shipped stopwords, the Snowball stemmer), so they are kept from call to call.
_TERMS: dict[str, tuple] = {}
_TERMS_SIZE = 1 << 17


def _terms(words: list[str]) -> list[tuple]:
    """The :data:`_TERMS` entry of each of ``words``, working out the spellings not seen yet."""
    got = [_TERMS.get(w) for w in words]   # read once: another thread may start the memo afresh meanwhile
    new = {w for w, g in zip(words, got) if g is None}
    if not new:
        return got
    norm, surface = _normalisers()
    found = {}
    for w in new:
        term = surface.word_term(w)
        found[w] = (norm.word_term(w), term, None if term is None else norm.word(term))
    if len(_TERMS) + len(found) > _TERMS_SIZE:   # a bound on memory: start afresh
        _TERMS.clear()
    _TERMS.update(found)
    return [found[w] if g is None else g for w, g in zip(words, got)]


@lru_cache(maxsize=1)
def _normalisers() -> tuple[_Normaliser, _Normaliser]:
    """The normalisers of :func:`qa_pairs`: content words stemmed (similarity), and as written (shared terms)."""
    return (_Normaliser(stem=True, stopwords=True, func="qa_pairs"),
            _Normaliser(stem=False, stopwords=True, func="qa_pairs"))


def qa_pairs(sentences: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """One row per interviewer turn with the answer that follows (see the module docstring).

    Columns: ``doc_id``, ``pair_id`` (from 1 in each document),
    ``question_turn_id``, ``questioner``, ``question`` (the turn's text),
    ``is_question`` (a sentence of the turn ends with a question mark; False for
    a request or statement), ``question_topic``, ``question_topics``,
    ``answer_turn_ids`` (``|``-joined; empty when no answer follows),
    ``answerer`` (``|``-joined speakers), ``answer_topic``, ``answer_topics``,
    ``question_words``, ``answer_words``, ``similarity`` (0 to 1; NaN with no
    answer), ``shared_terms``, ``takes_up_topic`` (``yes`` when a sentence of
    the answer is coded with a topic of the question from its own words,
    ``no`` when none is, empty when the question has no topic or there is no
    answer; sentences coded from context are left out, because the context
    rules let an answer inherit its question's topic, which would make every
    answer take up its question by construction), ``question_start``,
    ``question_end``, ``answer_start``, ``answer_end`` (offsets; an empty answer
    is the empty span at the question's end). Topic columns are empty when the
    sentences are not topic-coded.
    """
    require_columns(sentences, {"doc_id", "sentence_id", "turn_id", "speaker", "role", "start", "end", "text"},
                    func="qa_pairs")
    require_columns(turns, {"doc_id", "turn_id", "speaker", "role"}, func="qa_pairs", table="turns")
    coded = "topic" in sentences.columns
    terms = _terms

    said = sentences[~sentences["role"].isin(_NO_SPEECH)].sort_values(["doc_id", "sentence_id"], kind="stable")
    by_turn: dict[tuple, list] = {}   # (doc_id, turn_id) -> [(text, topic, start, end, speaker, own), ...]
    sourced = coded and "topic_source" in said.columns
    cols = ["doc_id", "turn_id", "text", "topic" if coded else "text", "start", "end", "speaker",
            "topic_source" if sourced else "text"]
    # columns read as lists (the values itertuples() gives): iterating rows of text columns is far slower
    for doc_id, turn_id, text, topic, start, end, speaker, source in zip(*(said[c].tolist() for c in cols)):
        # own: the sentence's topic comes from its own words, not from the context rules
        by_turn.setdefault((doc_id, turn_id), []).append((text, topic if coded else "", start, end, speaker,
                                                          source != "context" if sourced else True))
    rows = []
    by_doc: dict[str, list] = {}   # doc_id -> [(turn_id, speaker, role), ...] in turn order
    ordered = turns.sort_values(["doc_id", "turn_id"], kind="stable")
    for doc_id, tid, speaker, role in zip(*(ordered[c].tolist() for c in ("doc_id", "turn_id", "speaker", "role"))):
        by_doc.setdefault(doc_id, []).append((tid, speaker, role))
    for doc_id in sorted(by_doc):
        seq = by_doc[doc_id]
        pair_no = 0
        for i, (tid, speaker, role) in enumerate(seq):
            if role != "interviewer":
                continue
            answer = []
            for j in range(i + 1, len(seq)):   # indices, not a slice: a copy of the rest of the turns per question
                tid2, _, role2 = seq[j]
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
            q_all = terms(q_words)
            q_terms = Counter([t[0] for t in q_all if t[0] is not None])
            a_terms = Counter([t[0] for t in terms(a_words) if t[0] is not None])
            shared = q_terms.keys() & a_terms.keys()
            shown = list(dict.fromkeys(t[1] for t in q_all if t[1] is not None and t[2] in shared))
            if a and q_topics:
                own = {s[1] for s in a if s[5]} - {""}   # an answer can inherit its question's topic by context
                takes_up = "yes" if set(q_topics.split("|")) & own else "no"
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
    fast = _turn_taking_lists(turns)
    if fast is not None:
        return fast
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


def _turn_taking_lists(turns: pd.DataFrame) -> pd.DataFrame | None:
    """:func:`turn_taking` on plain lists for the usual turns table (integer ``turn_id``, ``n_sentences`` and
    ``n_words``, no missing ``doc_id`` or ``speaker``, a unique index), the same table as the pandas steps
    give; None for any other table.

    Documents are sorted as Python strings (pandas' order for text: code points), speakers kept in order of
    first turn, turns sorted stably by ``turn_id``; sums are exact integers, and the share and mean are the
    same float64 divisions of exact integers as pandas' (``Series.mean`` divides the float64 sum)."""
    dtypes = turns.dtypes
    if (not turns.index.is_unique or not turns.columns.is_unique
            or any(str(dtypes[c]) != "int64" for c in ("turn_id", "n_sentences", "n_words"))
            or str(dtypes["doc_id"]) not in ("str", "object") or turns[["doc_id", "speaker"]].isna().to_numpy().any()
            or not all(isinstance(d, str) for d in set(turns["doc_id"].tolist()))):
        return None
    roles = turns["role"].tolist()
    keep = [i for i, role in enumerate(roles) if role not in _NO_SPEECH]
    doc_ids, turn_ids = turns["doc_id"].tolist(), turns["turn_id"].tolist()
    keep.sort(key=lambda i: (doc_ids[i], turn_ids[i]))
    speakers, n_sentences, n_words = (turns[c].tolist() for c in ("speaker", "n_sentences", "n_words"))
    docs: dict[str, dict] = {}   # doc_id -> speaker -> [role, n_turns, n_sentences, n_words, longest, its turn]
    for i in keep:
        by_speaker = docs.setdefault(doc_ids[i], {})
        s = by_speaker.get(speakers[i])
        if s is None:
            by_speaker[speakers[i]] = [roles[i], 1, n_sentences[i], n_words[i], n_words[i], turn_ids[i]]
            continue
        s[1] += 1
        s[2] += n_sentences[i]
        s[3] += n_words[i]
        if n_words[i] > s[4]:   # the first of the longest turns
            s[4], s[5] = n_words[i], turn_ids[i]
    rows = []
    for doc_id in sorted(docs):
        by_speaker = docs[doc_id]
        total = sum(s[3] for s in by_speaker.values())
        for speaker, (role, n, sents, words, longest, longest_id) in by_speaker.items():
            rows.append({"doc_id": doc_id, "speaker": speaker, "role": role, "n_turns": n, "n_sentences": sents,
                         "n_words": words, "share_of_talk": words / total if total else 0.0,
                         "mean_turn_words": words / n, "longest_turn_words": longest,
                         "longest_turn_id": longest_id})
    return conform("turn_taking", pd.DataFrame(rows, columns=columns("turn_taking")))
