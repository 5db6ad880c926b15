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


class _FastPunkt(PunktSentenceTokenizer):
    """Punkt, deciding its candidate breaks faster with the same answers.

    Punkt finds each candidate break (``.``, ``?`` or ``!`` followed by
    punctuation, or by white space and a word) and decides it with
    :meth:`text_contains_sentbreak` on the short context around it ("said.
    The"), tokenising and annotating that context anew each time. The answer
    depends only on the context string and the fixed parameters, so:

    * a context that starts with a plain word (two or more ASCII letters, not
      a listed abbreviation), a period, then punctuation, or white space and
      a character other than a period, is a break without asking. Punkt's
      tokeniser makes "word." one token (the character after the period ends
      it, and no spaced ellipsis ". . ." can start at the period); its first
      pass marks a period-final token that is not an abbreviation a break;
      its second pass changes only abbreviations, ellipses, initials (one
      letter), numbers and listed collocations (we list none); and a break
      followed by any token makes the answer True;
    * so is a context that starts with letters (or nothing), ``?`` or ``!``,
      then the same: the mark is a token of its own, a break in the first
      pass, left alone by the second (it does not end in a period), and a
      token follows;
    * any other context is decided by Punkt and remembered, as the same
      contexts recur in a corpus ("U.S. and").

    ``[^\\s.]`` is tested with Python's white space, which includes all of the
    tokeniser's. ``tests/test_sentences.py`` checks the decisions against
    Punkt's own.
    """

    _MAX_REMEMBERED = 200_000  # contexts are a few dozen characters: some tens of MB at most

    def __init__(self, params: PunktParameters):
        super().__init__(params)
        self._decided: dict[str, bool] = {}
        # White space (the tokeniser's and Python's: no-break space included), then a character that is
        # not white space for either, or directly one of Punkt's own non-word characters.
        after = rf"(?:[ \t\n\u00a0]+[^\s.]|{self._lang_vars._re_non_word_chars})"
        self._plain_break = re.compile(rf"(?:(?P<word>[A-Za-z]{{2,}})\.|[A-Za-z]*[?!]){after}")

    def text_contains_sentbreak(self, text: str) -> bool:
        m = self._plain_break.match(text)
        if m is not None and not self._params.collocations:
            word = m.group("word")
            if word is None or word.lower() not in self._params.abbrev_types:
                return True
        found = self._decided.get(text)
        if found is None:
            found = super().text_contains_sentbreak(text)
            if len(self._decided) >= self._MAX_REMEMBERED:
                self._decided.clear()
            self._decided[text] = found
        return found


@lru_cache(maxsize=1)
def _tokenizer() -> tuple[PunktSentenceTokenizer, re.Pattern, int]:
    abbrevs = load_abbreviations()
    params = PunktParameters()
    params.abbrev_types = set(abbrevs["titles"] | abbrevs["other"])
    params.sent_starters = set(_read_list("sentence_starters.txt")[""])
    tok = _FastPunkt(params)
    titles = "|".join(sorted((re.escape(t) for t in abbrevs["titles"]), key=len, reverse=True))
    title_end = re.compile(rf"(?:^|[\s(\"'“‘])(?:{titles})\.$", re.I)
    # A match ends the text and holds a title, its period and at most one character before:
    # searching from that far before the end finds the same (and need not try every position).
    reach = max(map(len, abbrevs["titles"]), default=0) + 2
    return tok, title_end, reach


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
    stripped = piece.strip()
    if not stripped:
        return []
    body = stripped[:-1]
    if "." not in body and "?" not in body and "!" not in body:
        # One sentence: Punkt only considers a break at ".", "?" or "!" with
        # punctuation or a word after it, and here there is none (this is the
        # span Punkt returns, stripped as below, without running it).
        s = len(piece) - len(piece.lstrip())
        return [(start + s, start + s + len(stripped))]
    tok, title_end, reach = _tokenizer()
    spans: list[list[int]] = []
    prev = ""  # the text of spans[-1]
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
            # title_end needs a final period (prev is stripped, so "$" is its very end)
            if ((prev[-1] == "." and title_end.search(prev, max(0, len(prev) - reach)))
                    or (stripped[0].islower() and _SOFT_END.search(prev))):
                spans[-1][1] = e  # see _SOFT_END and title_end above
                prev = piece[spans[-1][0]:e]
                continue
        spans.append([s, e])
        prev = stripped
    return [(start + s, start + e) for s, e in spans]


def split_sentences(text: str) -> list[str]:
    """Split a piece of text into sentences (convenience wrapper for exploring)."""
    return [text[s:e] for s, e in sentence_spans(text)]
