"""Topic coding of sentences and turns, topic segments and topic shares by speaker.

Rules (documented in the README; each code says where it came from in
``topic_source``):

1. **Evidence.** Each sentence's words are matched against the codebook
   (:mod:`toolkit.codebook`); a topic's score is the sum of the weights of
   its matched patterns (each pattern counts once per sentence), and the topic applies when the score reaches the
   codebook's ``min_score``. ``topic_terms`` lists the matched words.
   ``topic`` (primary) is the topic with the highest score; a tie goes to the
   topic of the sentence before, then to the codebook's order. A topic's
   ``not`` words (cooperation: "oppose", "condemn", "invasion", ...) cancel its
   evidence in the sentence unless one of its strong patterns is there; such a
   sentence takes no topic from context either (a dispute is not about the
   topic of its passage), and ``topic_terms`` shows what was cancelled.
2. **Captions** (photo captions and credits) take no topic: they are not talk.
3. **Procedure.** A sentence that is only a greeting, thanks or a filler
   ("Good afternoon!", "Thank you, Jen.", "Okay.") and the procedure of a briefing (handovers such as "over to you", ground
   rules, "happy to take your questions") take no topic, not even from context.
4. **Context.** A speaker's sentence with no evidence of its own takes, in
   this order: (a) the primary topic of the sentence before it in the same
   paragraph (a follow-up such as "What is your reaction?" or "It is very
   important that these drills are not directed to any country."); (b) in an
   answer, the topic of the question it answers (the last topical sentence of
   the interviewer's turn before it); (c) the topic of the passage around it,
   when the nearest topical sentences before and after it in the same turn
   share one.
5. **Stray matches.** A sentence whose evidence is weak (no strong pattern and a
   score under 2), lying between two sentences of the same turn that share a
   different primary topic, takes that topic as primary (and keeps its own
   in ``topics``): one stray word does not flip a passage.

``topic_source`` is ``terms`` (rule 1), ``context`` (rules 4-5) or empty.
Narrator text (titles, lead paragraphs) is coded by its own evidence only.
"""

from __future__ import annotations

import operator
import os
import re
from collections import Counter
from itertools import compress, count

import pandas as pd

from .codebook import Codebook, folded, load_codebook, word_counts
from .schema import conform, conform_if_complete, in_reading_order, reading_order, require_columns

__all__ = ["as_codebook", "code_topics", "topic_segments", "topics_by_speaker", "turn_topics", "unit_topics"]

#: A whole sentence that is only a greeting, thanks or a filler ("Good afternoon!", "Thank you, Jen.", "Okay.").
_GREETING = re.compile(
    r"(?i:(?:good\s+(?:morning|afternoon|evening|day)|hello|hi|hey|thank\s+you(?:\s+(?:very|so)\s+much)?|"
    r"thanks(?:\s+(?:a\s+lot|so\s+much))?|you['’]re\s+welcome|welcome|okay|ok|all\s+right|alright|sorry|"
    r"bye|goodbye|nice\s+to\s+(?:see|meet)\s+you|great|good|and)[\s,.!]*)+"
    r"(?:(?i:everyone|everybody|all|sir|ma['’]am)|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2})?[\s.!?,]*")
#: Procedural lines of briefings and calls: handovers, ground rules, taking questions.
_PROCEDURAL = re.compile(
    r"\b(?:(?:turn|hand|pass)\s+(?:it|things|the\s+(?:floor|mic|call))\s+(?:over|back)|over\s+to\s+you|"
    r"back\s+to\s+you|on\s+background|embargo(?:ed)?|ground\s+rules|not\s+for\s+(?:reporting|attribution)|"
    r"for\s+your\s+awareness|on\s+the\s+record|(?:take|taking)\s+(?:your|a\s+few|some|a\s+couple\s+of)?\s*"
    r"questions|next\s+question|last\s+question|(?:thanks|thank\s+you)\s+(?:all\s+)?for\s+joining|"
    r"joining\s+us\s+(?:today|tonight|on\s+the\s+call))\b",
    re.IGNORECASE)
#: Every alternative of _PROCEDURAL contains one of these words: a text with none of them has no procedural
#: phrase, which spares the search for most sentences (keep the two in step). They are searched for with the
#: flags of _PROCEDURAL, so wherever _PROCEDURAL matches, one of them matches within its match.
_PROCEDURAL_WORDS = ("over", "back", "embargo", "ground", "reporting", "attribution", "awareness", "record",
                     "question", "joining")
_PROCEDURAL_WORDS_RE = re.compile("|".join(_PROCEDURAL_WORDS), _PROCEDURAL.flags)
#: _PROCEDURAL without re.IGNORECASE, for a text lowered by :func:`toolkit.codebook.fold_case`: its letters
#: A-Z become a-z and nothing else changes, so the lower-case ASCII words of _PROCEDURAL match there exactly
#: where _PROCEDURAL matches the text (white space and word boundaries are where they were), and faster.
_PROCEDURAL_LOW = re.compile(_PROCEDURAL.pattern)
#: The answers of :func:`is_procedural` to the latest texts (topics, frames and sentiment ask of the same
#: sentences); at most _PROCEDURAL_SEEN_SIZE of them.
_PROCEDURAL_SEEN: dict[str, bool] = {}
_PROCEDURAL_SEEN_SIZE = 1 << 15
_NO_SPEECH = {"narrator", "caption"}
#: The topics of a sentence with none (shared by all of them: the lists of topics are replaced, never changed).
_NO_TOPICS: list[str] = []
#: The topic scores of a sentence with no evidence (shared likewise).
_NO_SCORES: dict[str, float] = {}


#: The word count of each text counted lately (:func:`_word_counts`): the tables of a batch of documents
#: (segments, topics by speaker, devices by speaker) count the words of the same sentences.
_N_WORDS: dict[str, int] = {}
_N_WORDS_SIZE = 1 << 15


def _word_counts(texts: list[str]) -> list[int]:
    """:func:`toolkit.codebook.word_counts` of ``texts`` (a count depends on the text alone), remembering the
    counts of up to :data:`_N_WORDS_SIZE` texts so that the next table of the same sentences need not split
    them again. Texts that are not all strings are counted as ``word_counts`` counts them (or fails)."""
    if len(texts) > _N_WORDS_SIZE or not all(type(t) is str for t in texts):
        return word_counts(texts)
    cache = _N_WORDS
    counts = [cache.get(t) for t in texts]
    missing = [t for t, n in zip(texts, counts) if n is None]
    if missing:
        found = dict(zip(missing, word_counts(missing)))
        counts = [found[t] if n is None else n for t, n in zip(texts, counts)]
        if len(cache) + len(found) > _N_WORDS_SIZE:   # a bound on memory: start afresh
            cache.clear()
        cache.update(found)
    return counts


def as_codebook(codebook: Codebook | str | os.PathLike | None) -> Codebook:
    """A :class:`Codebook` from a codebook, a path, or ``None`` (the shipped topic codebook)."""
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(codebook)


def is_greeting(text: str) -> bool:
    """Whether a sentence is only a greeting, thanks or a filler ("Good afternoon!", "Thank you, Jen.", "Okay.")."""
    return _GREETING.fullmatch(text.strip(" \"'“‘”’(*—-")) is not None


def is_procedural(text: str) -> bool:
    """Greetings, thanks and the procedure of a briefing take no topic, not even from context."""
    if type(text) is not str:
        return _is_procedural(text)
    found = _PROCEDURAL_SEEN.get(text)
    if found is None:
        found = _is_procedural(text)
        if len(_PROCEDURAL_SEEN) >= _PROCEDURAL_SEEN_SIZE:   # a bound on memory: start afresh
            _PROCEDURAL_SEEN.clear()
        _PROCEDURAL_SEEN[text] = found
    return found


def _is_procedural(text: str) -> bool:
    if is_greeting(text):
        return True
    low = folded(text)
    if low is None:   # other cased letters (see fold_case): the case-insensitive patterns on the text
        return _PROCEDURAL_WORDS_RE.search(text) is not None and _PROCEDURAL.search(text) is not None
    # _PROCEDURAL_WORDS_RE finds a word in the text exactly where the word is in the lowered text (fold_case)
    return (("over" in low or "back" in low or "question" in low or "record" in low or "ground" in low
             or "embargo" in low or "joining" in low or "awareness" in low or "reporting" in low
             or "attribution" in low) and _PROCEDURAL_LOW.search(low) is not None)


def code_topics(sentences: pd.DataFrame, codebook: Codebook | str | os.PathLike | None = None, *,
                context: bool = True, model=None) -> pd.DataFrame:
    """Code the topics of every sentence.

    Returns a copy of ``sentences`` with ``topics`` (all topics that apply,
    ``|``-joined in codebook order), ``topic`` (the primary one, or empty),
    ``topic_dictionary`` (the codebook's primary topic), ``topic_terms``
    (``topic score: word, word; ...``: every matched word with its topic's
    score, also below ``min_score``, and any cancellation) and
    ``topic_source`` (``terms``, ``context``, ``model`` or empty).

    ``model`` is the topic model that gives ``topic`` (:mod:`toolkit.topic_model`: each paragraph's topic,
    read from its words, the codebook's codes and its neighbours, given to its sentences): by default the
    shipped one, when ``codebook`` is the codebook it was trained with (with your own codebook, the codebook's
    primary topic is ``topic``); ``"shipped"``, a saved model's path or a
    :class:`~toolkit.topic_model.TopicModel`; or ``False`` (``"none"``): ``topic`` is the codebook's primary
    topic. ``context=False`` switches off rules 4 and 5 (see the module docstring) and the model, to show the
    bare dictionary coding.
    """
    require_columns(sentences, {"doc_id", "turn_id", "role", "text"}, func="code_topics")
    cb = as_codebook(codebook)
    topic_model = None
    if context:
        from .topic_model import as_topic_model
        topic_model = as_topic_model(model, cb)

    def coded(rows: pd.DataFrame) -> pd.DataFrame:
        primary, topics, terms, source = _code(rows, cb, context=context)
        out = _with_columns(rows, {"topic": primary, "topic_dictionary": primary,
                                   "topics": ["|".join(t) for t in topics], "topic_terms": terms,
                                   "topic_source": source})
        if topic_model is not None and len(out):
            from .topic_model import label_sentences
            out["topic"], out["topic_source"] = label_sentences(topic_model, out)
        return conform_if_complete("sentences", out)

    return in_reading_order(coded, sentences)   # the context rules read each document's sentences in order


def _with_columns(df: pd.DataFrame, new: dict[str, list]) -> pd.DataFrame:
    """A copy of ``df`` with the ``new`` columns set: ``out = df.copy()`` then ``out[name] = values`` for each,
    in one step when none of them is there yet (pandas inserts them one by one otherwise): the same table."""
    if (df.attrs or not df.flags.allows_duplicate_labels or isinstance(df.columns, pd.MultiIndex)
            or not df.columns.is_unique or not df.index.is_unique or any(name in df.columns for name in new)):
        out = df.copy()
        for name, values in new.items():
            out[name] = values
        return out
    return pd.concat([df, pd.DataFrame(new, index=df.index)], axis=1)


def _code(sentences: pd.DataFrame, cb: Codebook, *, context: bool, texts: list | None = None):
    """Dictionary coding with the rules of the module docstring; returns
    ``(primary, topics, terms, source)`` lists aligned with ``sentences`` (``texts``: its ``text`` column as a
    list, if the caller has it)."""
    order = {t: i for i, t in enumerate(cb.topics)}
    n = len(sentences)
    if texts is None:
        texts = sentences["text"].tolist()
    roles = sentences["role"].tolist()
    docs = sentences["doc_id"].tolist()
    turns = sentences["turn_id"].tolist()

    # what a sentence with no evidence has (most sentences: captions, no match); the others' entries are set below
    scores: list[dict[str, float]] = [_NO_SCORES] * n   # each entry is replaced, never changed in place
    strong: list[bool] = [False] * n
    terms: list[str] = [""] * n
    blocked: list[bool] = [False] * n   # evidence cancelled by "not" words: no topic, not even from context
    topics: list[list[str]] = [_NO_TOPICS] * n   # each entry is replaced, never changed in place
    primary = [""] * n
    source = [""] * n
    min_score = cb.min_score
    vetoes = cb._vetoes.scan   # cb.vetoes() without Match objects
    # cb.match() of each sentence but captions, as (pattern, start, end), for the sentences with a match, in order
    for i, matches in cb._matcher.scan_many(texts, [role == "caption" for role in roles]):
        text = texts[i]
        sc: dict[str, float] = {}
        words: dict[str, list[str]] = {}
        topic_strong: set[str] = set()
        seen: set[str] = set()
        for p, start, end in matches:
            topic = p.topic
            if topic is None:
                continue
            if p.text not in seen:  # a pattern counts once per sentence
                seen.add(p.text)
                sc[topic] = sc.get(topic, 0.0) + p.weight
                if p.weight >= 2:
                    topic_strong.add(topic)
            bucket = words.get(topic)
            if bucket is None:
                words[topic] = [text[start:end]]
            elif (found := text[start:end]) not in bucket:
                bucket.append(found)
        if not sc:   # ignore phrases only: no evidence
            continue
        cancelled: dict[str, list[str]] = {}
        if not topic_strong.issuperset(sc):   # a topic's "not" words cancel its evidence unless it is strong
            for v, start, end in vetoes(text):
                if v.topic in sc and v.topic not in topic_strong:
                    cancelled.setdefault(v.topic, []).append(text[start:end])
            for t in cancelled:
                sc[t] = 0.0
        scores[i] = sc
        strong[i] = bool(topic_strong)
        blocked[i] = bool(cancelled)
        parts = []
        for t in sorted(words, key=order.get):
            note = f" (cancelled by {', '.join(dict.fromkeys(cancelled[t]))})" if t in cancelled else ""
            parts.append(f"{t} {sc[t]:g}{note}: {', '.join(words[t])}")
        terms[i] = "; ".join(parts)
        # the topics that apply and the primary one (a sentence's depends on the sentence before it)
        own = [t for t, v in sc.items() if v >= min_score]
        if not own:
            continue
        prev = primary[i - 1] if i > 0 and docs[i - 1] == docs[i] else ""   # (for every sentence with topics)
        if len(own) == 1:
            topics[i] = own
            primary[i] = own[0]
        else:
            topics[i] = own = sorted(own, key=order.get)
            best = max(sc[t] for t in own)
            tied = [t for t in own if sc[t] == best]
            primary[i] = prev if prev in tied else tied[0]
        source[i] = "terms"

    if context:
        _apply_context(texts, roles, docs, turns, sentences, topics, primary, source, scores, strong, order,
                       blocked)

    return primary, topics, terms, source


def _apply_context(texts, roles, docs, turns, sentences, topics, primary, source, scores, strong, order,
                   blocked):
    n = len(texts)
    paragraphs = sentences["paragraph_id"].tolist() if "paragraph_id" in sentences.columns else turns
    speech = [r not in _NO_SPEECH for r in roles]
    # A sentence open to context (spoken, with no topic of its own, not blocked) takes a topic unless it is
    # procedural; is_procedural() is asked only of an open sentence offered a topic (``procedural`` remembers
    # its answers). A sentence with no topic of its own when a rule below offers one still has none: only
    # ``take`` sets topics, and a sentence's own rule runs once, so it is the same question as open_[i].
    open_ = [sp and not p and not b for sp, p, b in zip(speech, primary, blocked)]
    procedural: dict[int, bool] = {}

    def takes(i) -> bool:
        found = procedural.get(i)
        if found is None:
            found = procedural[i] = is_procedural(texts[i])
        return not found

    def take(i, t):
        primary[i], topics[i], source[i] = t, [t], "context"

    # Rule 4a-b: within a paragraph, carry the topic forward; in an answer, fall back on the question's.
    para_topic: dict[tuple, str] = {}
    question_of_turn: dict[tuple, str] = {}
    last_question: dict[str, str] = {}   # doc -> topic of the latest interviewer turn
    prev_role: dict[str, str] = {}
    tkeys = list(zip(docs, turns))
    for i, tkey in enumerate(tkeys):
        if not speech[i]:
            continue
        doc, role = docs[i], roles[i]
        if tkey not in question_of_turn:
            answers = role != "interviewer" and prev_role.get(doc) == "interviewer"
            question_of_turn[tkey] = last_question.get(doc, "") if answers else ""
            if role == "interviewer":
                last_question[doc] = ""
            prev_role[doc] = role
        pkey = (doc, turns[i], paragraphs[i])
        if open_[i]:
            carried = para_topic.get(pkey) or question_of_turn[tkey]
            if carried and takes(i):
                take(i, carried)
        if primary[i]:
            para_topic[pkey] = primary[i]
            if role == "interviewer":
                last_question[doc] = primary[i]
    # Rule 4c: a passage with no evidence between two passages of the same turn on one topic.
    before = [""] * n
    last: dict[tuple, str] = {}
    for i, tkey in enumerate(tkeys):
        if speech[i]:
            before[i] = last.get(tkey, "")
            if primary[i]:
                last[tkey] = primary[i]
    last = {}
    for i in range(n - 1, -1, -1):
        if not speech[i]:
            continue
        tkey = tkeys[i]
        after = last.get(tkey, "")
        if primary[i]:
            last[tkey] = primary[i]
        elif open_[i] and before[i] and before[i] == after and takes(i):
            take(i, after)
    # Rule 5: a weak stray match between two sentences of the same turn that agree (a sentence's source is
    # what it was before the rule: the rule changes only the sentence it looks at).
    for i in [k for k in range(1, n - 1) if source[k] == "terms"]:
        if strong[i] or max(scores[i].values(), default=0) >= 2:
            continue
        a, b = i - 1, i + 1
        if not (docs[a] == docs[i] == docs[b] and turns[a] == turns[i] == turns[b]):
            continue
        if roles[a] in _NO_SPEECH or roles[b] in _NO_SPEECH:
            continue
        t = primary[a]
        if t and t == primary[b] and t != primary[i] and t not in topics[i]:
            primary[i] = t
            topics[i] = sorted([t, *topics[i]], key=order.get)
            source[i] = "context"


def unit_topics(sentences: pd.DataFrame, *, by: str = "paragraph_id") -> pd.DataFrame:
    """Topics of larger units (``by="paragraph_id"`` or ``"turn_id"``) from coded sentences.

    A unit's ``topic`` is the primary topic of most of its sentences that have
    one (a tie goes to the topic that comes first in the unit); ``topics`` lists
    every primary topic of its sentences in order of first appearance. Narrator
    and caption sentences count only in units that hold nothing else.
    Columns: ``doc_id``, the ``by`` column, ``topic``, ``topics``.
    """
    units = _unit_topics(sentences, by)
    rows = [(doc_id, unit, topic, topics) for (doc_id, unit), (topic, topics) in units.items()]
    return pd.DataFrame(rows, columns=["doc_id", by, "topic", "topics"])


def _unit_topics(sentences: pd.DataFrame, by: str) -> dict[tuple, tuple[str, str]]:
    """``(doc_id, unit) -> (topic, topics)`` in order of first appearance (see :func:`unit_topics`)."""
    require_columns(sentences, {"doc_id", by, "role", "topic"}, func="unit_topics")
    # (doc_id, unit) -> [any spoken sentence, spoken topics, all topics], first-seen order; the topics that
    # topic_of_unit() leaves out (empty) are left out here already
    units: dict[tuple, list] = {}
    docs, unit_ids, roles, topics = (sentences[c].tolist() for c in ("doc_id", by, "role", "topic"))
    for key, role, topic in zip(zip(docs, unit_ids), roles, topics):
        entry = units.get(key)
        if entry is None:
            units[key] = entry = [False, [], []]
        if role not in _NO_SPEECH:
            entry[0] = True
            if topic:
                entry[1].append(topic)
        if topic:
            entry[2].append(topic)
    return {key: _topic_of_topics(spoken if any_spoken else every)
            for key, (any_spoken, spoken, every) in units.items()}


def topic_of_unit(sentence_topics) -> tuple[str, str]:
    """``(topic, topics)`` of a unit from its sentences' primary topics, in reading order: the topic of most
    of them (a tie goes to the one that comes first) and all of them ``|``-joined in order of first
    appearance."""
    return _topic_of_topics([t for t in sentence_topics if t])


def _topic_of_topics(seq: list) -> tuple[str, str]:
    """:func:`topic_of_unit` of the topics ``seq`` (none empty)."""
    if not seq:
        return "", ""
    first = seq[0]
    if type(first) is str and seq.count(first) == len(seq):   # one topic (most units)
        return first, first
    counts = Counter(seq)
    best = max(counts.values(), default=0)
    return next((t for t in seq if counts[t] == best), ""), "|".join(dict.fromkeys(seq))


def turn_topics(turns: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``topic`` and ``topics`` to the turns table from coded sentences (see :func:`unit_topics`)."""
    require_columns(turns, {"doc_id", "turn_id"}, func="turn_topics", table="turns")
    units = _unit_topics(sentences, "turn_id")
    out = turns.drop(columns=[c for c in ("topic", "topics") if c in turns.columns]).reset_index(drop=True)
    # a left join on (doc_id, turn_id): a turn with no coded sentence gets empty topics
    found = [units.get(key, ("", "")) for key in zip(out["doc_id"].tolist(), out["turn_id"].tolist())]
    out["topic"] = [topic for topic, _ in found]
    out["topics"] = [topics for _, topics in found]
    return conform("turns", out)


def topic_segments(sentences: pd.DataFrame) -> pd.DataFrame:
    """Contiguous passages on one topic: runs of sentences with the same primary topic.

    Columns: ``doc_id``, ``segment_id`` (from 1 in each document), ``topic``
    (empty for passages on none of the topics), ``first_sentence_id``,
    ``last_sentence_id``, ``start``, ``end``, ``speakers`` (``|``-joined, in order
    of first appearance), ``n_sentences``, ``n_words``.
    """
    require_columns(sentences, {"doc_id", "sentence_id", "speaker", "start", "end", "text", "topic"},
                    func="topic_segments")
    cols = ["doc_id", "sentence_id", "speaker", "start", "end", "text", "topic"]
    columns = [sentences[c].tolist() for c in cols]
    order = _by_document(sentences)
    if order is not None:
        columns = [[col[i] for i in order] for col in columns]
    docs, sids, speakers, starts, ends, texts, topics = columns
    # each sentence's id and end as int(), as a sentence-by-sentence reading would take them
    sids, ends = ([int(x) for x in col] if sentences[c].dtype != "int64" else col
                  for c, col in (("sentence_id", sids), ("end", ends)))
    counts = _word_counts(texts)
    # a segment starts at each sentence whose document or topic is not the one before it (its segment's)
    firsts = [0, *compress(count(1), map(operator.or_, map(operator.ne, docs[1:], docs[:-1]),
                                         map(operator.ne, topics[1:], topics[:-1])))] if docs else []
    rows: list[list] = []
    seg_no = 0
    for a, b in zip(firsts, [*firsts[1:], len(docs)]):
        seg_no = seg_no + 1 if a and docs[a - 1] == docs[a] else 1
        rows.append([docs[a], seg_no, topics[a], sids[a], sids[b - 1], int(starts[a]), ends[b - 1],
                     "|".join(dict.fromkeys(filter(None, speakers[a:b]))), b - a, sum(counts[a:b])])
    return conform("segments", pd.DataFrame(rows, columns=[
        "doc_id", "segment_id", "topic", "first_sentence_id", "last_sentence_id", "start", "end",
        "speakers", "n_sentences", "n_words"]))


def topics_by_speaker(sentences: pd.DataFrame) -> pd.DataFrame:
    """Each topic's share of each speaker's words (by primary topic, so shares add up to 1).

    Columns: ``doc_id``, ``speaker``, ``role``, ``topic`` (empty: none of the
    topics), ``n_sentences``, ``n_words``, ``share`` (of the speaker's words in
    the document). Narrator and caption text is left out.
    """
    require_columns(sentences, {"doc_id", "speaker", "role", "text", "topic"}, func="topics_by_speaker")
    # Group the spoken sentences by (doc_id, speaker, role, topic) in order of first appearance, leaving out
    # rows with a missing key as pandas' groupby does; then sort stably by document, speaker and words (most first).
    keys = ["doc_id", "speaker", "role", "topic"]
    doc_ids, speakers, roles, topics = (sentences[c].tolist() for c in keys)
    missing = sentences[keys].isna().any(axis=1).tolist()
    texts = sentences["text"].tolist()
    rows = [i for i, speaker in enumerate(speakers) if speaker != ""]
    groups: dict[tuple, list[int]] = {}   # key -> [n_sentences, n_words]
    for i, n_words in zip(rows, _word_counts([texts[i] for i in rows]), strict=True):
        if missing[i]:
            continue
        key = (doc_ids[i], speakers[i], roles[i], topics[i])
        group = groups.get(key)
        if group is None:
            groups[key] = [1, n_words]
        else:
            group[0] += 1
            group[1] += n_words
    totals: dict[tuple, int] = {}
    for (doc_id, speaker, _, _), (_, n_words) in groups.items():
        totals[doc_id, speaker] = totals.get((doc_id, speaker), 0) + n_words
    table = [(*key, n, w, w / totals[key[:2]] if totals[key[:2]] > 0 else 0.0) for key, (n, w) in groups.items()]
    table.sort(key=lambda r: (r[0], r[1], -r[5]))
    return conform("topics_by_speaker", pd.DataFrame(table, columns=[*keys, "n_sentences", "n_words", "share"]))


def _by_document(sentences: pd.DataFrame) -> list[int] | None:
    """Row positions in reading order (:func:`toolkit.schema.reading_order`), leaving out rows with no
    ``doc_id``; ``None`` when that is the table's order (and every row has a ``doc_id``)."""
    order = reading_order(sentences)
    missing = sentences["doc_id"].isna().to_numpy()
    if not missing.any():
        return None if order is None else order.tolist()
    positions = range(len(sentences)) if order is None else order.tolist()
    return [i for i in positions if not missing[i]]
