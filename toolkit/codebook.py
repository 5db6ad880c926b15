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
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ToolkitWarning, TranscriptError, TranscriptNotFoundError
from .text import WORD_RE

__all__ = ["Codebook", "Match", "load_codebook", "default_codebook_path"]

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


class _Matcher:
    """Longest-match-first phrase matching over the toolkit's words."""

    def __init__(self, patterns: list[_Pattern]):
        self.by_word: dict[str, list[_Pattern]] = {}
        self.globs: list[_Pattern] = []
        self.cache: dict[str, list[_Pattern]] = {}
        for pat in patterns:
            if isinstance(pat.words[0], str):
                self.by_word.setdefault(pat.words[0], []).append(pat)
            else:
                self.globs.append(pat)

    def _candidates(self, word: str) -> list[_Pattern]:
        found = self.cache.get(word)
        if found is None:
            found = list(self.by_word.get(word, ()))
            found += [p for p in self.globs if p.words[0].fullmatch(word)]
            self.cache[word] = found
        return found

    def match(self, text: str) -> list[Match]:
        spans = [(m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(text)]
        words = [w for _, _, w in spans]
        out: list[Match] = []
        i, n = 0, len(words)
        while i < n:
            best: _Pattern | None = None
            best_len = 0
            for p in self._candidates(words[i]):
                L = len(p.words)
                if L < best_len or i + L > n:
                    continue
                if all((w == words[i + j]) if isinstance(w, str) else w.fullmatch(words[i + j])
                       for j, w in enumerate(p.words[1:], 1)):
                    if L > best_len or (best is not None and _rank(p) > _rank(best)):
                        best, best_len = p, L
            if best is None:
                i += 1
                continue
            s, e = spans[i][0], spans[i + best_len - 1][1]
            out.append(Match(best.topic, best.text, best.weight, s, e, text[s:e]))
            i += best_len
        return out


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


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice (a topic defined twice)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_codebook(path: str | os.PathLike | None = None) -> Codebook:
    """Load and validate a codebook file (default: the shipped topic codebook).

    Raises :class:`toolkit.TranscriptError` naming the file and the problem:
    invalid YAML, unknown keys, a topic with no patterns, a bad pattern or
    weight.
    """
    p = Path(path) if path is not None else default_codebook_path()
    if p.is_dir():
        raise TranscriptNotFoundError(p, "is a folder, not a codebook file.")
    if not p.is_file():
        raise TranscriptNotFoundError(p, "codebook file not found.")
    return _parse_codebook(p, p.read_bytes())


@lru_cache(maxsize=32)
def _parse_codebook(p: Path, raw: bytes) -> Codebook:
    """Parse and validate a codebook's bytes (cached: a corpus run loads the same files for every document)."""
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=_UniqueKeyLoader)
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
