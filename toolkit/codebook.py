"""Codebooks (topic or frame dictionaries) as data: loading, validation, matching.

A codebook is a YAML file::

    name: toolkit-topics
    version: "1.0"
    source: where the definitions and patterns come from
    licence: CC0-1.0
    min_score: 1.0          # a topic applies to a sentence when its score reaches this
    ignore:                 # phrases that are never evidence ("trade union", "state visit")
      - trade union*
    topics:
      terrorism:
        definition: what the topic covers (for coders and readers)
        strong: [terror*, "three evils"]    # weight 2
        patterns: [hostage*]                # weight 1
        weak: [attack*]                     # weight 0.5
        exclude: [...]                      # phrases that are not evidence for this topic
        not: [...]                          # words that cancel the topic's weaker evidence

Patterns are case-insensitive words or phrases (words separated by spaces);
``*`` stands for any characters and ``?`` for one, within a word (``terror*``
matches terrorism and terrorists; ``*terror*`` also anti-terrorism). Words are
the toolkit's words (:data:`toolkit.text.WORD_RE`): letters and digits with
inner hyphens, apostrophes and periods, so ``anti-terrorism`` is one word.
Matching goes left to right and takes the longest phrase at each word (ties:
an ignore phrase, then the higher weight, then the earlier topic), so
``Shanghai Cooperation Organisation`` can be listed as a phrase and its
``cooperation`` does not also count on its own. An ``ignore`` phrase (at the
top, or under a topic's ``exclude`` where it reads best) consumes its words
like any pattern but is evidence for no topic. A topic's ``not`` list names
words that cancel its evidence in a sentence unless a ``strong`` pattern of
the topic is there too (cooperation: "oppose", "condemn", "invasion": the
coding guide puts disputes and accusations outside cooperation).
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any

import yaml

from .errors import ToolkitWarning, TranscriptError, TranscriptNotFoundError
from .io import load_yaml
from .text import WORD_RE

__all__ = ["Codebook", "Match", "default_codebook_path", "load_codebook"]

WEIGHTS = {"strong": 2.0, "patterns": 1.0, "weak": 0.5}
_TOP_KEYS = {"name", "version", "source", "licence", "license", "description", "min_score", "ignore",
             "topics"}
_TOPIC_KEYS = {"definition", "strong", "patterns", "weak", "exclude", "examples", "not"}
_PATTERN_RE = re.compile(r"^[\w*?'’.\-]+(?: [\w*?'’.\-]+)*$")


@dataclass(frozen=True)
class _Pattern:
    text: str                 # as written in the codebook
    topic: str | None         # None: an ignore phrase
    weight: float             # 0 for ignore/exclude phrases
    words: tuple              # each a str (exact) or a compiled regex (glob)


@dataclass(frozen=True)
class Match:
    """One pattern matched in a text: its topic, weight, the words as written and their offsets."""

    topic: str | None
    pattern: str
    weight: float
    start: int
    end: int
    text: str


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: A letter or digit of :data:`WORD_RE` (``[^\W_]``).
_WORD_CHAR = re.compile(r"[^\W_]")
#: :data:`WORD_RE` for a lowered text whose letters and digits are all ASCII (its other characters, if any,
#: are not letters or digits): there ``[^\W_]`` matches exactly ``[a-z0-9]``, so both find the same words. The
#: possessive repeats (faster) change nothing: a run of letters and digits can only be followed by one of
#: ``'’-.``, so giving some back never lets the rest match, and nothing follows the last repeat.
_PLAIN_WORD_RE = re.compile(r"[a-z0-9]++(?:['’\-.][a-z0-9]++)*+")


def fold_case(text: str) -> str | None:
    """``text.lower()`` when lowering changes only the letters A-Z, else ``None``.

    Then the lowered text has the same length, the same words at the same offsets, and each word lowered
    on its own is its slice of the lowered text; and a case-insensitive regular expression of ASCII
    words matches the text where the lower-case expression matches the lowered text. That holds when
    every other character is uncased (its lower and upper case are itself: "’", "—", digits), which
    leaves out "É", "İ", Greek capital sigma (lowered by context), "ſ" and the Kelvin sign (which
    ``re.IGNORECASE`` matches to "s" and "k"). Callers fall back on the exact slow path for ``None``.
    """
    if text.isascii():
        return text.lower()
    other = "".join(_NON_ASCII.findall(text))
    if other.lower() == other and other.upper() == other:
        return text.lower()
    return None


class _Words:
    """A text's words (:data:`WORD_RE`, lower-cased) and, when a pattern matches, their offsets (:meth:`span`)."""

    __slots__ = ("_bounds", "_low", "words")

    def __init__(self, text: str):
        # low = fold_case(text), and the words of a text whose only letters and digits are ASCII found faster
        words_re = _PLAIN_WORD_RE
        if text.isascii():
            low = text.lower()
        else:
            other = "".join(_NON_ASCII.findall(text))
            if other.lower() == other and other.upper() == other:
                low = text.lower()
                if _WORD_CHAR.search(other) is not None:
                    words_re = WORD_RE
            else:
                low = None
        if low is None:   # rare: other cased letters (see fold_case); lower each word on its own
            spans = [m.span() for m in WORD_RE.finditer(text)]
            self.words = [text[s:e].lower() for s, e in spans]
            self._bounds = [x for span in spans for x in span]
        else:
            self.words = words_re.findall(low)
            self._bounds = ()   # worked out when a pattern matches
        self._low = low

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The offsets where word ``i`` starts and word ``j`` ends."""
        low = self._low
        if low is not None and len(self._bounds) <= 2 * j:
            # A word whose text occurs at one place only in the lowered text (which has the text's offsets:
            # fold_case) is there: find it instead of every word before it.
            w = self.words[i]
            start = low.find(w)
            if start == low.rfind(w):
                if i == j:
                    return start, start + len(w)
                w = self.words[j]
                end = low.find(w)
                if end == low.rfind(w):
                    return start, end + len(w)
        bounds = self.bounds(j)
        return bounds[2 * i], bounds[2 * j + 1]

    def bounds(self, k: int) -> list[int]:
        """``bounds(k)[2 * j]`` and ``bounds(k)[2 * j + 1]`` are the offsets of word ``j``, for ``j <= k``."""
        bounds = self._bounds
        if len(bounds) <= 2 * k:
            # Each word is the first place its text occurs after the word before: only non-word characters
            # lie between two words, and a word starts with a letter or digit. The lowered text has the
            # text's offsets (fold_case). A longer list replaces the shorter (threads may share the words).
            bounds = list(bounds)
            pos, find = bounds[-1] if bounds else 0, self._low.find
            for w in self.words[len(bounds) // 2:k + 1]:
                pos = find(w, pos)
                bounds.append(pos)
                pos += len(w)
                bounds.append(pos)
            self._bounds = bounds
        return bounds


#: The words of the latest texts matched, oldest first: a document's codebooks (topics and their vetoes,
#: tone, frames) and word counts read each sentence in turn, so each is split once. It holds the latest
#: 12,288 to 16,384 sentences (about 50 MB): a batch of documents that the pipeline scores at once
#: (about 25 White House briefings, 10,000 sentences) is split once for every step.
_WORDS_CACHE: dict[str, _Words] = {}
_WORDS_CACHE_SIZE = 16_384
_WORDS_LOCK = threading.Lock()


def _words(text: str) -> _Words:
    """The words of ``text``, from the cache when a codebook has just read it."""
    found = _WORDS_CACHE.get(text)
    if found is None:
        found = _Words(text)
        with _WORDS_LOCK:
            if len(_WORDS_CACHE) >= _WORDS_CACHE_SIZE:   # forget the oldest quarter
                for old in list(islice(_WORDS_CACHE, _WORDS_CACHE_SIZE // 4)):
                    del _WORDS_CACHE[old]
            _WORDS_CACHE[text] = found
    return found


def folded(text: str) -> str | None:
    """:func:`fold_case` of ``text``, from the cached words when a codebook has just read it."""
    found = _WORDS_CACHE.get(text)
    return found._low if found is not None else fold_case(text)


def word_counts(texts) -> list[int]:
    """:func:`toolkit.text.count_words` of each text, from the cached words when a codebook has just read it."""
    cache, findall = _WORDS_CACHE, WORD_RE.findall
    return [len(found.words) if (found := cache.get(t)) is not None else len(findall(t)) for t in texts]


class _Matcher:
    """Longest-match-first phrase matching over the toolkit's words.

    ``cache`` maps each word met so far to the patterns that can start at it, longest first, then by
    :func:`_rank` (highest first), then in codebook order: the first of them whose other words follow
    is the match the rules choose. ``seen`` holds the words of ``cache`` and ``starts`` those that start a
    pattern, so a sentence with none of them costs two passes over its words in C.
    """

    def __init__(self, patterns: list[_Pattern]):
        self.by_word: dict[str, list[_Pattern]] = {}
        self.globs: list[_Pattern] = []
        self.cache: dict[str, list[tuple[int, tuple, list | None, _Pattern]]] = {}
        self.seen: set[str] = set()
        self.starts: set[str] = set()
        #: the words of ``starts`` that start only phrases whose second word is not a glob, to their second words
        self.seconds: dict[str, frozenset[str]] = {}
        self.globs_by_initial: dict[str, list[_Pattern]] = {}
        for pat in patterns:
            if isinstance(pat.words[0], str):
                self.by_word.setdefault(pat.words[0], []).append(pat)
            else:
                self.globs.append(pat)

    def _candidates(self, word: str) -> list[tuple[int, tuple, list | None, _Pattern]]:
        found = self.cache.get(word)
        if found is None:
            globs = self.globs_by_initial.get(word[0])
            if globs is None:   # a glob can only match words that start with its first letter, if it has one
                globs = [p for p in self.globs if p.text.lower().split()[0][0] in (word[0], "*", "?")]
                self.globs_by_initial[word[0]] = globs
            pats = list(self.by_word.get(word, ()))
            pats += [p for p in globs if p.words[0].fullmatch(word)]
            order = sorted(range(len(pats)), key=lambda k: (-len(pats[k].words), -_rank(pats[k]), k))
            found = [(len(pats[k].words), pats[k].words[1:], _exact(pats[k].words[1:]), pats[k]) for k in order]
            if found and all(exact for _, _, exact, _ in found):
                self.seconds[word] = frozenset(exact[0] for _, _, exact, _ in found)
            # ``starts`` before ``seen`` and ``cache``: a word found in either is in ``starts`` if it starts a
            # pattern (threads may share the matcher)
            if found:
                self.starts.add(word)
            self.cache[word] = found
            self.seen.add(word)
        return found

    def _learn(self, words: list[str]) -> None:
        """Look up the words not looked up before."""
        for w in set(words).difference(self.cache):
            self._candidates(w)

    def scan(self, text: str) -> list[tuple[_Pattern, int, int]]:
        """The matches of :meth:`match` as ``(pattern, start, end)``, without making :class:`Match` objects."""
        if not self.by_word and not self.globs:
            return []
        tw = _words(text)
        words = tw.words
        if not self.seen.issuperset(words):
            self._learn(words)
        if self.starts.isdisjoint(words):
            return []
        return self._scan(tw)

    def scan_many(self, texts: list[str], skip: list[bool]) -> list[tuple[int, list[tuple[_Pattern, int, int]]]]:
        """``(k, scan(texts[k]))`` for each text that is not to ``skip`` and has a match, in order."""
        out: list[tuple[int, list[tuple[_Pattern, int, int]]]] = []
        if not self.by_word and not self.globs:
            return out
        known, disjoint, get = self.seen.issuperset, self.starts.isdisjoint, _WORDS_CACHE.get
        for k, text in enumerate(texts):
            if skip[k]:
                continue
            tw = get(text)
            if tw is None:
                tw = _words(text)
            words = tw.words
            if not known(words):
                self._learn(words)
            if not disjoint(words):
                found = self._scan(tw)
                if found:
                    out.append((k, found))
        return out

    def _scan(self, tw: _Words) -> list[tuple[_Pattern, int, int]]:
        words = tw.words
        starts = self.starts
        cache, seconds = self.cache, self.seconds
        out: list[tuple[_Pattern, int, int]] = []
        n = len(words)
        nxt = 0   # words before this one are part of a match already
        for i in [k for k, w in enumerate(words) if w in starts]:
            if i < nxt:
                continue
            word = words[i]
            need = seconds.get(word)
            if need is not None and (i + 1 == n or words[i + 1] not in need):   # none of its phrases follows
                continue
            for L, rest, exact, p in cache[word]:
                if L > 1:
                    if i + L > n:
                        continue
                    if exact is not None:
                        if words[i + 1:i + L] != exact:
                            continue
                    elif not all((w == words[i + j]) if isinstance(w, str) else w.fullmatch(words[i + j])
                                 for j, w in enumerate(rest, 1)):
                        continue
                nxt = i + L
                out.append((p, *tw.span(i, nxt - 1)))
                break
        return out

    def match(self, text: str) -> list[Match]:
        return [Match(p.topic, p.text, p.weight, s, e, text[s:e]) for p, s, e in self.scan(text)]


def _exact(words: tuple) -> list[str] | None:
    """``words`` (a pattern's words after the first) as a list when none is a glob, else ``None``: then the
    pattern's other words follow a word ``i`` where ``words[i + 1:i + len(pattern)]`` equals the list."""
    return list(words) if all(isinstance(w, str) for w in words) else None


@dataclass
class Codebook:
    """A validated codebook. Use :func:`load_codebook` to make one."""

    name: str
    version: str
    source: str
    topics: list[str]
    definitions: dict[str, str]
    min_score: float
    path: Path | None
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict)
    _matcher: _Matcher = field(default_factory=lambda: _Matcher([]), repr=False)
    _vetoes: _Matcher = field(default_factory=lambda: _Matcher([]), repr=False)

    def match(self, text: str) -> list[Match]:
        """All evidence in ``text``: longest match first, left to right (see module docstring)."""
        return self._matcher.match(text)

    def vetoes(self, text: str) -> list[Match]:
        """Matches of the topics' ``not`` patterns in ``text`` (see module docstring)."""
        return self._vetoes.match(text)


def _rank(p: _Pattern) -> float:
    """Tie-break between phrases of the same length: ignore phrases win, then weight."""
    return float("inf") if p.topic is None else p.weight


def default_codebook_path() -> Path:
    """The shipped topic codebook (``toolkit/data/topics.yaml``)."""
    return Path(str(resources.files("toolkit").joinpath("data").joinpath("topics.yaml")))


def _compile(text: str, source, where: str) -> tuple:
    if not isinstance(text, str) or not text.strip():
        raise TranscriptError(source, f"{where}: a pattern must be a non-empty text; got {text!r}.")
    norm = " ".join(text.lower().split())
    if not _PATTERN_RE.match(norm):
        raise TranscriptError(source, f"{where}: pattern {text!r} has characters other than letters, digits, "
                                      "' - . and the wildcards * and ?.")
    words = []
    for w in norm.split(" "):
        if "*" in w or "?" in w:
            if not w.strip("*?"):
                raise TranscriptError(source, f"{where}: pattern {text!r} has a word made only of wildcards.")
            rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in w)
            words.append(re.compile(rx))
        else:
            words.append(w)
    return tuple(words)


def load_codebook(path: str | os.PathLike | None = None, *, what: str = "codebook") -> Codebook:
    """Load and validate a codebook file (default: the shipped topic codebook).

    Raises :class:`toolkit.TranscriptError` naming the file and the problem:
    invalid YAML, unknown keys, a topic with no patterns, a bad pattern or
    weight. ``what`` names the file in the messages of a missing one ("tone
    lexicon file not found.").
    """
    p = Path(path) if path is not None else default_codebook_path()
    if p.is_dir():
        raise TranscriptNotFoundError(p, f"is a folder, not a {what} file.")
    if not p.is_file():
        raise TranscriptNotFoundError(p, f"{what} file not found.")
    return _parse_codebook(p, p.read_bytes())


def _is_shipped(path: Path) -> bool:
    """Whether ``path`` is one of the data files the toolkit ships (``toolkit/data/``)."""
    try:
        return Path(path).resolve().parent == Path(str(resources.files("toolkit").joinpath("data"))).resolve()
    except (OSError, TypeError, ValueError):
        return False


@lru_cache(maxsize=32)
def _parse_codebook(p: Path, raw: bytes) -> Codebook:
    """Parse and validate a codebook's bytes (cached: a corpus run loads the same files for every document)."""
    try:
        data = load_yaml(raw.decode("utf-8-sig"), shipped=_is_shipped(p))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        hint = (" Quote patterns that start with * or contain ? inside [...] lists, e.g. [\"*terror*\"]."
                if "?" in str(getattr(exc, "problem", "")) or "*" in str(getattr(exc, "problem", "")) else "")
        raise TranscriptError(p, f"is not a valid UTF-8 YAML codebook{where}: "
                                 f"{getattr(exc, 'problem', exc)}.{hint}") from None
    if not isinstance(data, dict):
        raise TranscriptError(p, "a codebook must be a YAML mapping with a 'topics' key.")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise TranscriptError(p, f"unknown codebook key(s) {sorted(unknown)}; allowed: {sorted(_TOP_KEYS)}.")
    topics = data.get("topics")
    if not isinstance(topics, dict) or not topics:
        raise TranscriptError(p, "'topics' must be a mapping of topic names to their patterns, with at "
                                 "least one topic.")
    min_score = data.get("min_score", 1.0)
    if not isinstance(min_score, (int, float)) or isinstance(min_score, bool) or min_score <= 0:
        raise TranscriptError(p, f"'min_score' must be a positive number; got {min_score!r}.")
    patterns: list[_Pattern] = []
    for text in data.get("ignore") or []:
        patterns.append(_Pattern(str(text), None, 0.0, _compile(text, p, "ignore")))
    names, definitions = [], {}
    vetoes: list[_Pattern] = []
    for name, spec in topics.items():
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise TranscriptError(p, f"topic name {name!r} must be lower case letters, digits and _ "
                                     "(it becomes a column value).")
        if not isinstance(spec, dict):
            raise TranscriptError(p, f"topic {name!r} must be a mapping with patterns; got {spec!r}.")
        bad = set(spec) - _TOPIC_KEYS
        if bad:
            raise TranscriptError(p, f"topic {name!r} has unknown key(s) {sorted(bad)}; "
                                     f"allowed: {sorted(_TOPIC_KEYS)}.")
        n_patterns = 0
        for key, weight in WEIGHTS.items():
            items = spec.get(key) or []
            if not isinstance(items, list):
                raise TranscriptError(p, f"topic {name!r}: {key!r} must be a list of patterns.")
            for text in items:
                patterns.append(_Pattern(str(text), name, weight, _compile(text, p, f"topic {name!r}")))
                n_patterns += 1
        if n_patterns == 0:
            raise TranscriptError(p, f"topic {name!r} has no patterns (give 'strong', 'patterns' or 'weak').")
        for text in spec.get("exclude") or []:
            patterns.append(_Pattern(str(text), None, 0.0, _compile(text, p, f"topic {name!r} exclude")))
        nots = spec.get("not") or []
        if not isinstance(nots, list):
            raise TranscriptError(p, f"topic {name!r}: 'not' must be a list of patterns.")
        for text in nots:
            vetoes.append(_Pattern(str(text), name, 0.0, _compile(text, p, f"topic {name!r} not")))
        names.append(name)
        definitions[name] = str(spec.get("definition", "") or "").strip()
        if not definitions[name]:
            warnings.warn(ToolkitWarning(f"{p}: topic {name!r} has no definition; coders and readers need "
                                         "one to know what the topic covers."), stacklevel=2)
    owner: dict[str, str] = {}
    for pat in patterns:
        key = " ".join(w if isinstance(w, str) else w.pattern for w in pat.words)
        if pat.topic is not None and key in owner and owner[key] != pat.topic:
            raise TranscriptError(p, f"pattern {pat.text!r} is listed under both {owner[key]!r} and "
                                     f"{pat.topic!r}; give each pattern one topic.")
        if pat.topic is not None:
            owner.setdefault(key, pat.topic)
    return Codebook(name=str(data.get("name", p.stem)), version=str(data.get("version", "")),
                    source=str(data.get("source", "")).strip(), topics=names, definitions=definitions,
                    min_score=float(min_score), path=p, sha256=hashlib.sha256(raw).hexdigest(),
                    meta={k: data[k] for k in ("licence", "license", "description") if k in data},
                    _matcher=_Matcher(patterns), _vetoes=_Matcher(vetoes))
