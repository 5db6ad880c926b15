"""Discourse devices per sentence and as rates per 1,000 words.

Counts, for each sentence, of: in-group pronouns (``we``: we, us, our),
out-group pronouns (``they``), self-mention (``i``), modality (``obligation``:
must, should, have to; ``possibility``: may, might, could, can;
``prediction``: will, going to), ``negation`` (not, never, no one, ...),
Hyland's (2005) ``hedge``, ``booster`` and ``attitude`` markers, and
quantification (``numbers``: numbers and percentages, with the list of them in
``numbers_found``). Word lists: ``toolkit/data/devices.yaml``. A word may count
for two devices ("never": booster and negation), as in Hyland's counts.
``they`` counts third-person plural pronouns: the out-group of van Dijk's
ideological square only where "they" are the others (check who they are).
Numbers written as words ("seventeen", "one-quarter") are not counted.
``devices_by`` turns the counts into rates per 1,000 words by speaker, topic
or any grouping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from .codebook import fold_case, word_counts
from .io import load_yaml
from .schema import conform_if_complete, group_keys, require_columns, spoken
from .text import trie_regex
from .topics import _with_columns, _word_counts

__all__ = ["DEVICES", "count_devices", "devices_by"]

DEVICES = ("we", "they", "i", "obligation", "possibility", "prediction", "negation", "hedge", "booster",
           "attitude", "numbers")
#: A number used as evidence: 44%, 950, 1.5 million, 2,000, $34 billion, one-quarter is not counted (words).
NUMBER_RE = re.compile(r"(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent))?"
                       r"(?:\s(?:million|billion|trillion|thousand))?(?![\w])", re.IGNORECASE)
#: What every match of NUMBER_RE holds (its ``\d``).
_DIGIT_RE = re.compile(r"\d")


@lru_cache(maxsize=1)
def _lists() -> dict[str, list[str]]:
    data = load_yaml(resources.files("toolkit").joinpath("data").joinpath("devices.yaml").read_text(encoding="utf-8"),
                     shipped=True)
    out = {}
    for name, words in data["devices"].items():
        bad = [w for w in words if not isinstance(w, str)]
        if bad:  # a bare no/yes in YAML is a boolean
            raise ValueError(f"toolkit/data/devices.yaml: device {name!r} has non-text entries {bad}; quote them.")
        out[name] = words
    return out


def _forms(words: list[str]) -> tuple[list[str], list[str]]:
    """A device's word list as ``(free, attached)`` lower-case forms: ``n't`` and ``'ll`` attach to a word."""
    forms = {" ".join(w.lower().split()) for w in words}
    attached = sorted(w for w in forms if w.startswith(("n't", "'")))
    return sorted(forms - set(attached)), attached


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    out = {}
    for name, words in _lists().items():
        free, attached = _forms(words)
        parts = []
        if free:
            parts.append(r"(?<![\w'’])(?:" + trie_regex(free) + r")(?![\w'’])")
        if attached:
            parts.append(r"(?:" + trie_regex(attached) + r")(?![\w'’])")
        out[name] = re.compile("|".join(parts), re.IGNORECASE)
    return out


#: A run of word characters and apostrophes: the stretches the device patterns' boundaries delimit.
_RUN_RE = re.compile(r"[\w'’]+")
#: The runs of a lowered text and, between them, its other characters but white space (each stretch of them
#: one token): two runs are next to each other here when only white space separates them in the text.
_RUN_TOKEN_RE = re.compile(r"[\w'’]+|[^\w'’\s]+")
#: For an ASCII text: its bytes lowered, "|" for every byte that is neither of a run (an ASCII ``\w`` or "'")
#: nor white space (``\s``), a space for white space; with " | " for each "|", its ``bytes.split()`` is the
#: tokens of :data:`_RUN_TOKEN_RE` of the lowered text (as bytes), each stretch of other characters as "|"s.
_RUN_BYTES = bytes(i + 32 if 65 <= i <= 90 else i if i < 128 and (chr(i).isalnum() or chr(i) in "_'")
                   else 32 if i < 128 and re.fullmatch(r"\s", chr(i)) else 124 for i in range(256))


class _RunCounter:
    """Counts the matches of every device pattern in a text in one pass over its runs (:data:`_RUN_RE`),
    exactly as ``len(_patterns()[device].findall(text))`` would (tested), without running ten regular
    expressions over every character.

    Why it is the same count: a free form matches where a run starts (its look-behind) and, each of its
    words being made of run characters followed by white space or the end look-ahead, its words are whole
    runs separated by white space only; where several forms match, the trie takes the one with most words.
    An attached form (``n't``, ``'ll``) matches the end of a run. Matches do not overlap, and a free match
    at the start of a run comes before an attached one in the same run. Apostrophes are compared as one
    (the patterns accept either), on the lowered text (:func:`toolkit.codebook.fold_case`). A device with a
    form of other characters is counted with its pattern.

    The runs are read as tokens (:data:`_RUN_TOKEN_RE`) in which any character between two runs that is not
    white space is a token too: the words of a form are then consecutive tokens exactly when only white
    space separates them. The tokens of a text that is ASCII once its "’" are made "'" and its "—" another
    character that is not white space (nine sentences in ten of a briefing; neither character is cased, so
    lowering the text is :func:`fold_case`) are split from its bytes (:data:`_RUN_BYTES`), far faster than a
    regular expression finds them, and compared with the forms as bytes.
    """

    def __init__(self, names: tuple[str, ...]):
        self.names = names
        # first word -> (device, [(next words, how many)], longest first)
        self.lead: dict[str, list[tuple[int, list[tuple[list[str], int]]]]] = {}
        self.attached: list[tuple[int, tuple[str, ...]]] = []                  # (device, suffixes)
        self.by_pattern: list[int] = []                                        # devices counted by their pattern
        run = re.compile(r"[\w']+")
        lists = _lists()
        for d, name in enumerate(names):
            free, attached = ([f.replace("’", "'") for f in forms] for forms in _forms(lists[name]))
            if not all(run.fullmatch(w) and w.isascii() for f in free for w in f.split(" ")) or \
                    not all(run.fullmatch(f) and f.isascii() for f in attached):
                self.by_pattern.append(d)
                continue
            tails: dict[str, set[tuple[str, ...]]] = {}
            for f in free:
                first, *rest = f.split(" ")
                tails.setdefault(first, set()).add(tuple(rest))
            for first, ts in tails.items():
                self.lead.setdefault(first, []).append(
                    (d, [(list(t), len(t)) for t in sorted(ts, key=lambda t: (-len(t), t))]))
            if attached:
                self.attached.append((d, tuple(attached)))
        self.suffixes = tuple(a for _, sfx in self.attached for a in sfx)
        # the same as bytes, for the tokens of ASCII texts
        self.blead = {w.encode(): [(d, [([x.encode() for x in t], m) for t, m in ts]) for d, ts in entries]
                      for w, entries in self.lead.items()}
        self.battached = [(d, tuple(a.encode() for a in sfx)) for d, sfx in self.attached]
        self.bsuffixes = tuple(a.encode() for a in self.suffixes)

    def counts(self, text: str) -> list[int] | None:
        """The count of each device in ``text``, or None when the text needs the patterns (see fold_case)."""
        if text.isascii():
            plain = text
        else:
            plain = text.replace("’", "'")
            if "—" in plain:
                plain = plain.replace("—", "|")
        if plain.isascii():
            data = plain.encode("ascii").translate(_RUN_BYTES)
            runs = (data.replace(b"|", b" | ") if b"|" in data else data).split()
            lead, attached, sfx = self.blead, self.battached, self.bsuffixes
        else:
            low = fold_case(text)
            if low is None:
                return None
            data = low.replace("’", "'")
            runs = _RUN_TOKEN_RE.findall(data)
            lead, attached, sfx = self.lead, self.attached, self.suffixes
        counts = [0] * len(self.names)
        at = [k for k, r in enumerate(runs) if r in lead]
        # a token of other characters ends in no attached form: only runs, and only if the text holds one
        ends = ()
        for s in sfx:
            if s in data:
                ends = [k for k, r in enumerate(runs) if r.endswith(sfx)]
                break
        if ends:
            ends_set = set(ends)
            at = sorted(set(at).union(ends))
        elif not at:   # no run starts a form or ends in one: no device
            return counts
        else:
            ends_set = ()
        busy = [0] * len(self.names)   # the first token each device's next match may start at
        for k in at:
            for d, tails in lead.get(runs[k], ()):
                if k < busy[d]:
                    continue
                for tail, m in tails:
                    # the next runs are the form's next words, with only white space between (no token between)
                    if m and runs[k + 1:k + 1 + m] != tail:
                        continue
                    counts[d] += 1
                    busy[d] = k + 1 + m
                    break
            if k in ends_set:
                for d, suffixes in attached:
                    if k >= busy[d] and runs[k].endswith(suffixes):
                        counts[d] += 1
                        busy[d] = k + 1
        return counts


@lru_cache(maxsize=1)
def _run_counter() -> _RunCounter:
    return _RunCounter(DEVICES[:-1])


def count_devices(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``dev_<device>`` counts for every device and ``numbers_found`` (``|``-joined) to the sentences."""
    require_columns(sentences, {"text"}, func="count_devices")
    pats = _patterns()
    counter = _run_counter()
    texts = sentences["text"].tolist()
    names = DEVICES[:-1]
    # The counts are a function of the text alone: a text met again ("Go ahead.", "Thank you.": about one
    # sentence in nine of a briefing) is counted once.
    distinct = list(dict.fromkeys(texts)) if all(type(t) is str for t in texts) else texts
    rows: list[tuple] = []
    for t in distinct:
        c = counter.counts(t)
        if c is None:
            c = [len(pats[name].findall(t)) for name in names]
        else:
            for d in counter.by_pattern:
                c[d] = len(pats[names[d]].findall(t))
        # NUMBER_RE's matches (whole matches: it has no group) hold a digit: a text without one has none
        found = NUMBER_RE.findall(t) if _DIGIT_RE.search(t) is not None else []
        rows.append((*c, len(found), "|".join([m.strip() for m in found]) if found else ""))
    if distinct is not texts:
        by_text = dict(zip(distinct, rows))
        rows = [by_text[t] for t in texts]
    columns = list(zip(*rows)) if rows else [()] * (len(names) + 2)
    out = _with_columns(sentences, {**{f"dev_{name}": list(col) for name, col in zip(names, columns)},
                                   "dev_numbers": list(columns[-2]), "numbers_found": list(columns[-1])})
    return conform_if_complete("sentences", out)


def devices_by(sentences: pd.DataFrame, by: str | list[str] = "speaker") -> pd.DataFrame:
    """Rates of each device per 1,000 words by a grouping (narrator and caption text left out: they
    are no one's talk). Columns: the ``by`` column(s), ``n_words``, then ``<device>_per_1000``."""
    keys = group_keys(by, "devices_by", sentences)
    counts = [f"dev_{d}" for d in DEVICES]
    require_columns(sentences, {*keys, "text", *counts}, func="devices_by")
    fast = _devices_by_lists(sentences, keys, counts)
    if fast is not None:
        return fast
    data = spoken(sentences)
    data = data.assign(n_words=word_counts(data["text"].tolist()))
    sums = data.groupby(keys, sort=True)[["n_words", *counts]].sum().reset_index()
    out = sums[keys + ["n_words"]].copy()
    for d in DEVICES:
        out[f"{d}_per_1000"] = (sums[f"dev_{d}"] / sums["n_words"].where(sums["n_words"] > 0) * 1000).fillna(0.0)
    return out


def _devices_by_lists(sentences: pd.DataFrame, keys: list[str], counts: list[str]) -> pd.DataFrame | None:
    """:func:`devices_by` on plain lists for the usual table (text or integer keys with no missing value,
    integer counts, some spoken rows), the same table as the pandas steps give; None for any other table.

    The groups are sorted as Python tuples, which is pandas' order for such keys (code points for text);
    sums are exact integers; a rate is the same float64 division and product as on the columns."""
    dtypes = sentences.dtypes
    if (len(set(keys)) < len(keys) or {"n_words", "text", *counts} & set(keys)
            or any(str(dtypes[k]) not in ("str", "int64") for k in keys)
            or any(str(dtypes[c]) != "int64" for c in counts)
            or sentences[keys].isna().to_numpy().any()):
        return None
    rows = range(len(sentences))
    if "role" in sentences.columns:   # spoken(): narrator and caption text left out
        rows = [i for i, role in enumerate(sentences["role"].tolist()) if role not in ("narrator", "caption")]
    if not rows:
        return None
    texts = sentences["text"].tolist()
    row_keys = list(zip(*[sentences[k].tolist() for k in keys]))
    values = sentences[counts].to_numpy(dtype="int64")
    if not isinstance(rows, range):
        row_keys = [row_keys[i] for i in rows]
        texts = [texts[i] for i in rows]
        values = values[np.asarray(rows, dtype=np.intp)]
    groups: dict[tuple, int] = {}   # key -> group number, in order of first row
    group = np.array([groups.setdefault(key, len(groups)) for key in row_keys], dtype=np.intp)
    # each group's rows together (in row order), then each column summed over them: exact integer sums
    by_group = np.argsort(group, kind="stable")
    table = np.column_stack([np.array(_word_counts(texts), dtype="int64"), values])[by_group]
    firsts = np.flatnonzero(np.r_[True, group[by_group][1:] != group[by_group][:-1]])
    totals = np.add.reduceat(table, firsts, axis=0)   # row j: group j (every group number has rows)
    order = sorted(groups)
    sums = totals[[groups[key] for key in order]]
    with np.errstate(invalid="ignore", divide="ignore"):
        words = np.where(sums[:, 0] > 0, sums[:, 0], np.nan)
        rates = sums[:, 1:] / words[:, None] * 1000
    rates[np.isnan(rates)] = 0.0
    out = {k: pd.Series([key[j] for key in order], dtype=dtypes[k]) for j, k in enumerate(keys)}
    out["n_words"] = sums[:, 0]
    for j, d in enumerate(DEVICES):
        out[f"{d}_per_1000"] = rates[:, j]
    return pd.DataFrame(out)
