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
from itertools import chain
from typing import NamedTuple

import numpy as np
import pandas as pd

from .keywords import _Index, _Normaliser, _read_words, _words_read
from .schema import columns, conform, require_columns
from .text import QUESTION_END
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

    sourced = coded and "topic_source" in sentences.columns
    cols = ["doc_id", "turn_id", "text", "topic" if coded else "text", "start", "end", "speaker",
            "topic_source" if sourced else "text"]
    said = sentences[list(dict.fromkeys([*cols, "sentence_id", "role"]))]   # only what is read: faster
    said = said[~said["role"].isin(_NO_SPEECH)]
    # reading order: the order of said.sort_values(["doc_id", "sentence_id"], kind="stable"), found from those
    # two columns alone (the same keys give the same stable order); the rows are then read as lists
    order = said[["doc_id", "sentence_id"]].reset_index(drop=True).sort_values(
        ["doc_id", "sentence_id"], kind="stable").index.tolist()
    rows_of = list(zip(*(said[c].tolist() for c in cols)))
    by_turn: dict[tuple, list] = {}   # (doc_id, turn_id) -> [(text, topic, start, end, speaker, own, row), ...]
    for r in order:
        doc_id, turn_id, text, topic, start, end, speaker, source = rows_of[r]
        # own: the sentence's topic comes from its own words, not from the context rules
        by_turn.setdefault((doc_id, turn_id), []).append((text, topic if coded else "", start, end, speaker,
                                                          source != "context" if sourced else True, r))
    texts = [row[2] for row in rows_of]
    odd = not all(isinstance(t, str) for t in texts)
    by_doc: dict[str, list] = {}   # doc_id -> [(turn_id, speaker, role), ...] in turn order
    ordered = turns.sort_values(["doc_id", "turn_id"], kind="stable")
    for doc_id, tid, speaker, role in zip(*(ordered[c].tolist() for c in ("doc_id", "turn_id", "speaker", "role"))):
        by_doc.setdefault(doc_id, []).append((tid, speaker, role))
    rows = []
    q_texts: list[str] = []
    q_rows: list[list[int]] = []   # each pair's question sentences and answer sentences (rows of `said`)
    a_rows: list[list[int]] = []
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
            q_text = " ".join(s[0] for s in q)
            if odd:
                " ".join(s[0] for s in a)   # raises for a text that is no string (before the next question)
            q_texts.append(q_text)
            q_topic, q_topics = topic_of_unit(s[1] for s in q)
            a_topic, a_topics = topic_of_unit(s[1] for s in a)
            q_rows.append([s[6] for s in q])
            a_rows.append([s[6] for s in a])
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
                "question_words": 0, "answer_words": 0, "similarity": 0.0, "shared_terms": "",
                "takes_up_topic": takes_up, "question_start": q_start, "question_end": q_end,
                "answer_start": int(a[0][2]) if a else q_end,
                "answer_end": int(a[-1][3]) if a else q_end})
    if rows:
        q_words, a_words, similarity, shared = _similarity(_pair_words(texts, q_texts, q_rows, a_rows))
        for row, nq, na, sim, terms in zip(rows, q_words, a_words, similarity, shared, strict=True):
            row["question_words"], row["answer_words"], row["similarity"], row["shared_terms"] = nq, na, sim, terms
    return conform("qa_pairs", pd.DataFrame(rows, columns=columns("qa_pairs")))


class _PairWords(NamedTuple):
    """The words of the questions and answers: ``q_pair``/``q_word`` (``a_pair``/``a_word``) give each word of
    a question (answer) in reading order, as its pair and its spelling (an index into ``surface``, ``stem`` and
    ``stem_of_surface``: the :data:`_TERMS` entry of each spelling; the stems as indices into one list of
    stemmed terms, -1 for none); ``answered``: the pair's answer has a sentence."""

    n_pairs: int
    answered: np.ndarray
    q_pair: np.ndarray
    q_word: np.ndarray
    a_pair: np.ndarray
    a_word: np.ndarray
    stem: np.ndarray
    stem_of_surface: np.ndarray
    surface: list


def _pair_words(texts: list, q_texts: list[str], q_rows: list[list[int]], a_rows: list[list[int]]) -> _PairWords:
    """The words of each question and answer: those of their texts (the sentences joined by spaces), read
    once. When :func:`toolkit.keywords.keyness` has just read these very sentences (as the analysis does),
    its words are taken sentence by sentence: a :data:`WORD_RE` word holds no white space, so none runs across
    two sentences of a text, and a text's words are its sentences' words in turn."""
    n_pairs = len(q_rows)
    read = _words_read(texts)
    if read is not None:
        first = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(read.n_words, out=first[1:])
        (qp, qw), (ap, aw) = (_gather(read.n_words, first, read.word, rows) for rows in (q_rows, a_rows))
    else:
        units = q_texts + [" ".join(texts[r] for r in rows) for rows in a_rows]
        read = _read_words(units)
        unit = np.repeat(np.arange(len(units), dtype=np.int64), read.n_words)
        n_q = int(read.n_words[:n_pairs].sum())
        qp, qw, ap, aw = unit[:n_q], read.word[:n_q], unit[n_q:] - n_pairs, read.word[n_q:]
    # the terms of the spellings the pairs use (the sentences of no pair, such as an opening statement, are
    # not stemmed)
    used = np.flatnonzero(np.bincount(np.concatenate([qw, aw]), minlength=len(read.distinct))).tolist()
    distinct = read.distinct
    got = _terms([distinct[w] for w in used])
    index = _Index()
    stem = np.full(len(distinct), -1, dtype=np.int64)
    stem_of_surface = np.full(len(distinct), -1, dtype=np.int64)
    stem[used] = np.fromiter((-1 if g[0] is None else index[g[0]] for g in got), dtype=np.int64, count=len(got))
    stem_of_surface[used] = np.fromiter((-1 if g[2] is None else index[g[2]] for g in got), dtype=np.int64,
                                        count=len(got))
    surface: list = [None] * len(distinct)
    for w, g in zip(used, got, strict=True):
        surface[w] = g[1]
    answered = np.fromiter(map(bool, a_rows), dtype=bool, count=n_pairs)
    return _PairWords(n_pairs, answered, qp, qw, ap, aw, stem, stem_of_surface, surface)


def _gather(n_words: np.ndarray, first: np.ndarray, word: np.ndarray, rows: list[list[int]]):
    """``(unit, word)`` of each word of each unit's sentences (``rows[p]``, in order), in order; sentence ``r``
    has ``n_words[r]`` words, from ``word[first[r]]`` on."""
    per_unit = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    sent = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(per_unit.sum()))
    n = n_words[sent]
    starts = np.repeat(first[sent] - (np.cumsum(n) - n), n)
    unit = np.repeat(np.repeat(np.arange(len(rows), dtype=np.int64), per_unit), n)
    return unit, word[starts + np.arange(int(n.sum()), dtype=np.int64)]


def _similarity(words: _PairWords):
    """Words of each question and answer, similarity and shared terms of each pair, for all pairs at once.

    The cosine of :func:`_cosine` from integer counts: ``dot``, ``|q|^2`` and ``|a|^2`` are exact integer sums
    in any order, and the square roots, product and quotient are the same float64 operations as Python's."""
    n_pairs = words.n_pairs
    qp, qw, ap, aw = words.q_pair, words.q_word, words.a_pair, words.a_word
    q_words = np.bincount(qp, minlength=n_pairs)
    a_words = np.bincount(ap, minlength=n_pairs)
    size = max(int(max(words.stem.max(initial=-1), words.stem_of_surface.max(initial=-1))) + 1, 1)

    def counts(p: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        t = words.stem[w]
        kept = t >= 0
        cells, n = np.unique(p[kept] * size + t[kept], return_counts=True)
        norm2 = np.zeros(n_pairs, dtype=np.int64)
        np.add.at(norm2, cells // size, n * n)
        return cells, n, norm2

    q_cells, q_n, q_norm2 = counts(qp, qw)
    a_cells, a_n, a_norm2 = counts(ap, aw)
    both, iq, ia = np.intersect1d(q_cells, a_cells, assume_unique=True, return_indices=True)
    dot = np.zeros(n_pairs, dtype=np.int64)
    np.add.at(dot, both // size, q_n[iq] * a_n[ia])
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = np.where((q_norm2 > 0) & (a_norm2 > 0), dot / (np.sqrt(q_norm2) * np.sqrt(a_norm2)), 0.0)
    similarity = np.where(words.answered, cosine, np.nan)
    # the question's words (as written) whose stem the answer shares, each once, in order of first use
    t2 = words.stem_of_surface[qw]
    hit = (t2 >= 0) & np.isin(qp * size + t2, both)
    shown: list[dict] = [{} for _ in range(n_pairs)]
    surface = words.surface
    for p, w in zip(qp[hit].tolist(), qw[hit].tolist()):
        shown[p][surface[w]] = None
    return q_words.tolist(), a_words.tolist(), similarity.tolist(), [", ".join(d) for d in shown]


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
