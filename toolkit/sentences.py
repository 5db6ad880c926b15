"""Download-free sentence splitting with exact character offsets.

The splitter is NLTK's Punkt algorithm (Kiss & Strunk 2006) with parameters
that this repository ships instead of NLTK's downloadable ``punkt`` model:

* ``toolkit/data/abbreviations.txt``: abbreviations after which a period does
  not end a sentence (Mr., Dr., Ltd., U.S., No., a.m., ...). Titles (Mr., Dr.,
  Gen., ...) never end a sentence; other abbreviations end one when the next
  word is a common sentence opener ("... in the U.S. We ...").
* ``toolkit/data/sentence_starters.txt``: those openers.

One correction follows Punkt: "No." before a capitalised word is the answer
"No." and ends a sentence ("No. Turnout rose ..."), as "No." is listed for
"No. 10" and "Resolution No. 2231", and a word such as "Turnout" is no
common opener.

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

__all__ = ["load_abbreviations", "sentence_spans", "split_sentences"]


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

    #: The regex module's ``\s`` and ``\S`` (Punkt's patterns are written for it) for the re module.
    _SPACE, _NONSPACE = r"[^\S\x1c-\x1f]", r"[\S\x1c-\x1f]"
    _MAX_REMEMBERED = 200_000  # contexts are a few dozen characters: some tens of MB at most

    def __init__(self, params: PunktParameters):
        super().__init__(params)
        self._decided: dict[str, bool] = {}
        # White space (the tokeniser's and Python's: no-break space included), then a character that is
        # not white space for either, or directly one of Punkt's own non-word characters.
        after = rf"(?:[ \t\n\u00a0]+[^\s.]|{self._lang_vars._re_non_word_chars})"
        self._plain_break = re.compile(rf"(?:(?P<word>[A-Za-z]{{2,}})\.|[A-Za-z]*[?!]){after}")
        # Punkt's candidate pattern (PunktLanguageVars.period_context_re) for the re module: the regex
        # module it is written for takes as white space (\s) Python's white space but U+001C..U+001F.
        lang = self._lang_vars
        self._candidates = re.compile(rf"{lang._re_sent_end_chars}(?=(?P<after_tok>{lang._re_non_word_chars}|"
                                      rf"{self._SPACE}+(?P<next_tok>{self._NONSPACE}+)))")
        #: The characters Punkt's re_boundary_realignment can start with (it matches none other).
        self._closers = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``list(self.span_tokenize(text))``, computed in one loop.

        Punkt's :meth:`span_tokenize` chains generators (candidate contexts, slices, realigned
        slices, pairs of slices); this is the same computation written out step by step, so it
        gives the same spans with less overhead per candidate:

        * the candidates are the matches of Punkt's own pattern (:attr:`_candidates`, the same
          pattern run by :mod:`re`);
        * each candidate mark comes with the word before it: the text after the last ASCII white
          space (Punkt's ``string.whitespace``) between the previous candidate and this one, or,
          when there is none or it is that stretch's first character, the previous candidate's
          word; a candidate whose word overlaps the previous one's drops the previous one;
        * a candidate whose context (its word, the mark and what follows it in the pattern: one
          stretch of the text) holds a break ends a slice at the mark (or its punctuation), and
          the next slice starts at the next token (or right after the mark);
        * the last slice ends at the text's end, white space stripped;
        * closing punctuation (and the white space after it) that starts a slice is moved onto
          the slice before it.

        ``tests/test_sentences.py`` checks the spans against ``span_tokenize`` on many texts.
        """
        last_break = 0
        slices: list[tuple[int, int]] = []
        prev = None             # the previous candidate not yet decided, and its word
        prev_start = prev_stop = 0
        rfind = text.rfind
        for m in self._candidates.finditer(text):
            ms = m.start()
            # Punkt's _get_last_whitespace_index(text[prev_stop:ms]), then the word's start
            i = max(rfind(" ", prev_stop, ms), rfind("\n", prev_stop, ms), rfind("\t", prev_stop, ms),
                    rfind("\r", prev_stop, ms), rfind("\x0b", prev_stop, ms), rfind("\x0c", prev_stop, ms))
            start = i + 1 if i > prev_stop else prev_start
            if prev is not None and prev_stop <= start and self._breaks(text, prev_start, prev.end("after_tok")):
                slices.append((last_break, prev.end()))
                last_break = prev.start("next_tok") if prev.group("next_tok") else prev.end()
            prev, prev_start, prev_stop = m, start, ms
        if prev is not None and self._breaks(text, prev_start, prev.end("after_tok")):
            slices.append((last_break, prev.end()))
            last_break = prev.start("next_tok") if prev.group("next_tok") else prev.end()
        end = len(text.rstrip())
        if not slices:
            return [(0, end)] if end > 0 else []
        slices.append((last_break, end))
        # Punkt's _realign_boundaries
        out: list[tuple[int, int]] = []
        realign = 0
        closers = self._closers
        for k in range(len(slices) - 1):
            s1 = slices[k][0] + realign
            s2, e2 = slices[k + 1]
            r = (self._lang_vars.re_boundary_realignment.match(text[s2:e2])
                 if s2 < e2 and text[s2] in closers else None)
            if r:
                out.append((s1, s2 + len(r.group(0).rstrip())))
                realign = r.end()
            else:
                realign = 0
                if slices[k][1] > s1:
                    out.append((s1, slices[k][1]))
        s1, e1 = slices[-1][0] + realign, slices[-1][1]
        if e1 > s1:
            out.append((s1, e1))
        return out

    def _breaks(self, text: str, start: int, end: int) -> bool:
        """``self.text_contains_sentbreak(text[start:end])``, without the slice for a plain break."""
        m = self._plain_break.match(text, start, end)
        if m is not None and not self._params.collocations:
            word = m.group("word")
            if word is None or word.lower() not in self._params.abbrev_types:
                return True
        return self.text_contains_sentbreak(text[start:end])

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
    title_end = re.compile(rf"(?:^|[\s(\"'“‘])(?:{titles})\.$", re.IGNORECASE)
    # A match ends the text and holds a title, its period and at most one character before:
    # searching from that far before the end finds the same (and need not try every position).
    reach = max(map(len, abbrevs["titles"]), default=0) + 2
    return tok, title_end, reach


# A split before a lower-case word is undone when the previous piece ends in
# an acronym written with periods ("the S.C.O. met") or in a quoted question
# or exclamation ("she asked “Why?” and left"). Other lower-case openers are
# left alone, so all-lower-case text (speech recognition output) still splits.
_SOFT_END = re.compile(r"(?:(?:^|\s)(?:[^\W\d_]\.){2,}|[?!][\"'”’»)\]]+)$")

# "No." is listed as an abbreviation for "No. 10 Downing Street" and "Resolution No. 2231", so Punkt keeps it
# in the sentence before a capitalised word that is no common opener ("No. Turnout rose ..."). Before a
# capitalised word (a capital, then a lower-case letter) it is the answer "No.", and ends a sentence; before a
# number, a Roman numeral or a letter ("No. 5", "No. IV", "No. A12") it stays an abbreviation.
_NO_ANSWER = re.compile(r"(?<![\w.])(?:No|NO|no)\.(?=\s+[A-Z][a-z])")


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
    pieces = tok.spans(piece)
    if "o." in piece or "O." in piece:   # cut after a "No." answer (see _NO_ANSWER)
        pieces = [cut for s, e in pieces for cut in _cut_after(piece, s, e, _NO_ANSWER)]
    for s, e in pieces:
        # Punkt's own spans are already stripped on the left; strip both sides
        # to be safe with no-break spaces and trailing blanks.
        raw = piece[s:e]
        stripped = raw.strip()
        if not stripped:
            continue
        s += len(raw) - len(raw.lstrip())
        e = s + len(stripped)
        # title_end needs a final period (prev is stripped, so "$" is its very end)
        if spans and ((prev[-1] == "." and title_end.search(prev, max(0, len(prev) - reach)))
                      or (stripped[0].islower() and _SOFT_END.search(prev))):
            spans[-1][1] = e  # see _SOFT_END and title_end above
            prev = piece[spans[-1][0]:e]
            continue
        spans.append([s, e])
        prev = stripped
    return [(start + s, start + e) for s, e in spans]


def _cut_after(text: str, start: int, end: int, pattern: re.Pattern) -> list[tuple[int, int]]:
    """``(start, end)`` cut after each match of ``pattern`` inside it (the pieces are stripped on the left)."""
    out = []
    for m in pattern.finditer(text, start, end):
        out.append((start, m.end()))
        start = m.end()
        while start < end and text[start].isspace():
            start += 1
    out.append((start, end))
    return out


def split_sentences(text: str) -> list[str]:
    """Split a piece of text into sentences (convenience wrapper for exploring)."""
    return [text[s:e] for s, e in sentence_spans(text)]
