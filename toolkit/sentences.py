"""Download-free sentence splitting with exact character offsets.

The splitter is NLTK's Punkt algorithm (Kiss & Strunk 2006) with parameters
that this repository ships instead of NLTK's downloadable ``punkt`` model:

* ``toolkit/data/abbreviations.txt``: abbreviations after which a period does
  not end a sentence (Mr., Dr., Ltd., U.S., No., a.m., ...). Titles (Mr., Dr.,
  Gen., ...) never end a sentence; other abbreviations end one when the next
  word is a common sentence opener ("... in the U.S. We ...").
* ``toolkit/data/sentence_starters.txt``: those openers.

Punkt handles numbers and percentages ("44%", "1.5 million"), closing quotes
and brackets after the period (straight and curly), ellipses, ``?`` and ``!``.
A sentence never crosses a paragraph boundary: the reader splits paragraphs
first and calls :func:`sentence_spans` on each piece of speech.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = ["sentence_spans", "split_sentences", "load_abbreviations"]


def _read_list(name: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"": []}
    current = ""
    text = resources.files("toolkit").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections.setdefault(current, [])
            continue
        sections[current].append(line.lower())
    return sections


@lru_cache(maxsize=1)
def load_abbreviations() -> dict[str, frozenset[str]]:
    """Return the shipped abbreviations as ``{"titles": ..., "other": ...}``."""
    sections = _read_list("abbreviations.txt")
    return {"titles": frozenset(sections.get("titles", [])),
            "other": frozenset(sections.get("other", []))}


@lru_cache(maxsize=1)
def _tokenizer() -> tuple[PunktSentenceTokenizer, re.Pattern]:
    abbrevs = load_abbreviations()
    params = PunktParameters()
    params.abbrev_types = set(abbrevs["titles"] | abbrevs["other"])
    params.sent_starters = set(_read_list("sentence_starters.txt")[""])
    tok = PunktSentenceTokenizer(params)
    titles = "|".join(sorted((re.escape(t) for t in abbrevs["titles"]), key=len, reverse=True))
    title_end = re.compile(rf"(?:^|[\s(\"'“‘])(?:{titles})\.$", re.I)
    return tok, title_end


# A split before a lower-case word is undone when the previous piece ends in
# an acronym written with periods ("the S.C.O. met") or in a quoted question
# or exclamation ("she asked “Why?” and left"). Other lower-case openers are
# left alone, so all-lower-case text (speech recognition output) still splits.
_SOFT_END = re.compile(r"(?:(?:^|\s)(?:[^\W\d_]\.){2,}|[?!][\"'”’»)\]]+)$")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are into ``text`` itself; each span is stripped of surrounding
    whitespace, so ``text[s:e]`` is the sentence exactly as written.
    """
    end = len(text) if end is None else end
    piece = text[start:end]
    if not piece.strip():
        return []
    tok, title_end = _tokenizer()
    spans: list[list[int]] = []
    for s, e in tok.span_tokenize(piece):
        # Punkt's own spans are already stripped on the left; strip both sides
        # to be safe with no-break spaces and trailing blanks.
        raw = piece[s:e]
        stripped = raw.strip()
        if not stripped:
            continue
        s += len(raw) - len(raw.lstrip())
        e = s + len(stripped)
        if spans:
            prev = piece[spans[-1][0]:spans[-1][1]]
            if title_end.search(prev) or (stripped[0].islower() and _SOFT_END.search(prev)):
                spans[-1][1] = e  # see _SOFT_END and title_end above
                continue
        spans.append([s, e])
    return [(start + s, start + e) for s, e in spans]


def split_sentences(text: str) -> list[str]:
    """Split a piece of text into sentences (convenience wrapper for exploring)."""
    return [text[s:e] for s, e in sentence_spans(text)]
