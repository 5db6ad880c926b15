"""Sentence splitting: no download, abbreviations, numbers, quotes, ellipses, dashes."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize("text,expected", [
    ("Rashid Alimov was invited by Kaisun Consulting Ltd. to attend a forum. (Photo by Alan)",
     ["Rashid Alimov was invited by Kaisun Consulting Ltd. to attend a forum.", "(Photo by Alan)"]),
    ("Mr. Smith met Dr. Jones and Gen. Lee. They talked.",
     ["Mr. Smith met Dr. Jones and Gen. Lee.", "They talked."]),
    ("Troops left the U.S. We stayed. The U.S. economy grew.",
     ["Troops left the U.S.", "We stayed.", "The U.S. economy grew."]),
    ("See No. 5 in the list. The answer is no. We disagree.",
     ["See No. 5 in the list.", "The answer is no.", "We disagree."]),
    ("It met at 10 a.m. and ended at 5 p.m. The talks failed.",
     ["It met at 10 a.m. and ended at 5 p.m.", "The talks failed."]),
    ("It represents 44% of the world\u2019s population and 1.5 billion people. That is 3.2 times more.",
     ["It represents 44% of the world\u2019s population and 1.5 billion people.", "That is 3.2 times more."]),
    ("He said, \u201cWe will win.\u201d Then he left.", ["He said, \u201cWe will win.\u201d", "Then he left."]),
    ("She said \"No way.\" We laughed.", ["She said \"No way.\"", "We laughed."]),
    ("She asked \u201cWhy?\u201d and left.", ["She asked \u201cWhy?\u201d and left."]),
    ("Really? Yes! Of course.", ["Really?", "Yes!", "Of course."]),
    ("Well... I think so. And then\u2026 nothing.", ["Well...", "I think so.", "And then\u2026 nothing."]),
    ("It is today\u2014the biggest organisation\u2014and it grows. It will -- we hope -- last.",
     ["It is today\u2014the biggest organisation\u2014and it grows.", "It will -- we hope -- last."]),
    ("In 2018 the S.C.O. met in Qingdao. It agreed.", ["In 2018 the S.C.O. met in Qingdao.", "It agreed."]),
    ("Mr. The Rock spoke.", ["Mr. The Rock spoke."]),
    ("We thanked Messrs. The Beatles played.", ["We thanked Messrs. The Beatles played."]),  # the longest title
    ("Messrs. The Beatles played.", ["Messrs. The Beatles played."]),
    ("(We agreed.) Then we left.", ["(We agreed.)", "Then we left."]),
    # "No." as an answer ends a sentence before any capitalised word; as "number" it stays in its sentence
    ("No. Turnout rose by four points. No. Ministers stayed away.",
     ["No.", "Turnout rose by four points.", "No.", "Ministers stayed away."]),
    ("The answer is no.\u00a0 Voters wanted more. NO. Never.", ["The answer is no.", "Voters wanted more.", "NO.",
                                                               "Never."]),
    ("He went to No. 10 Downing Street. Under Resolution No. 2231 Iran agreed. See Item No. IV and No. A12 here.",
     ["He went to No. 10 Downing Street.", "Under Resolution No. 2231 Iran agreed.",
      "See Item No. IV and No. A12 here."]),
    ("Juno. Turnout rose. Casino. Boats.", ["Juno.", "Turnout rose.", "Casino.", "Boats."]),
])
def test_careful_reader_sentences(text, expected):
    assert split_sentences(text) == expected


def test_spans_are_offsets_into_the_whole_text():
    text = "XXX  First one.  Second one?\nThird.  YYY"
    spans = sentence_spans(text, 3, len(text) - 3)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one?", "Third."]
    assert spans[0][0] == 5


def test_whitespace_only_piece_has_no_sentences():
    assert sentence_spans("   \n\u00a0 ") == []


def test_splitting_needs_no_download_or_network(monkeypatch):
    import nltk

    def refuse(*a, **k):
        raise AssertionError("network or download attempted")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    assert split_sentences("One. Two.") == ["One.", "Two."]


# ---------------------------------------------------------------------------
# The fast paths give Punkt's own answers.
# ---------------------------------------------------------------------------

def _plain_punkt():
    """NLTK's Punkt with the shipped parameters, called as the splitter first did (no fast paths)."""
    import re

    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from toolkit.sentences import _SOFT_END, _read_list, load_abbreviations

    abbrevs = load_abbreviations()
    params = PunktParameters()
    params.abbrev_types = set(abbrevs["titles"] | abbrevs["other"])
    params.sent_starters = set(_read_list("sentence_starters.txt")[""])
    tok = PunktSentenceTokenizer(params)
    titles = "|".join(sorted((re.escape(t) for t in abbrevs["titles"]), key=len, reverse=True))
    title_end = re.compile(rf"(?:^|[\s(\"'“‘])(?:{titles})\.$", re.IGNORECASE)

    def spans(text):
        out: list[list[int]] = []
        for s, e in tok.span_tokenize(text):
            raw = text[s:e]
            stripped = raw.strip()
            if not stripped:
                continue
            s += len(raw) - len(raw.lstrip())
            e = s + len(stripped)
            if out:
                prev = text[out[-1][0]:out[-1][1]]
                if title_end.search(prev) or (stripped[0].islower() and _SOFT_END.search(prev)):
                    out[-1][1] = e
                    continue
            out.append([s, e])
        return [(s, e) for s, e in out] if text.strip() else []

    return tok, spans


_WORDS = ["said", "Said", "SAID", "ab", "Mr", "mr", "MR", "Dr", "gen", "etc", "Etc", "No", "no", "U.S", "a", "I",
          "", "co-op", "don\u2019t", "2020", "caf\u00e9", "Jr", "inc", "vs", "Q", "K"]
_MARKS = [".", "?", "!", "..", "?!", ".\u201d", ".)"]
_GAPS = [" ", "  ", "\u00a0", "\u00a0 ", "\n", "\t", "\u2009", "\x1c", " \x1c", "\r", "\u2028", " \u3000"]
_NEXT = ["The", "the", "And", ".", ". .", "..", "(Laughter.)", "\u201d", ")", "?", "U.S.", "A.", "a", "2020",
         "'s", "x.y", "--", "\x1c", "\u00c9", "*", ",", ";"]
_NONWORD = [")", "\"", ";", "]", "*", ":", "@", "'", "(", "[", "\u2018", "\u2019", "\u201c", "\u201d", "\xab",
            "\xbb", "?", "!", ".", ",", "-"]


def test_fast_break_decisions_are_punkts():
    """The splitter decides most candidate breaks without running Punkt's annotation (see
    ``_FastPunkt``); every decision must be the one Punkt itself makes."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from toolkit.sentences import _tokenizer

    tok = _tokenizer()[0]
    plain, _ = _plain_punkt()
    contexts = [w + m + g + n for w in _WORDS for m in _MARKS for g in _GAPS for n in _NEXT]
    contexts += [w + m + n for w in _WORDS for m in _MARKS for n in _NONWORD]
    fast = [c for c in contexts if tok._plain_break.match(c)]
    assert len(fast) > 5000 and len(contexts) - len(fast) > 5000   # both ways are exercised
    wrong = [c for c in contexts if tok.text_contains_sentbreak(c) != plain.text_contains_sentbreak(c)]
    assert wrong == []
    # the base class's method on the same object gives the same as well (no stale remembered answer)
    assert all(PunktSentenceTokenizer.text_contains_sentbreak(tok, c) == tok.text_contains_sentbreak(c)
               for c in contexts[::50])


_ATOMS = st.sampled_from(["said", "Mr", "Dr", "Messrs", "Capt", "U.S", "a", "I", "The", "the", "don\u2019t", "2020", "1.5", "44%",
                          ".", ".", "?", "!", "...", "\u2026", ",", ";", ":", "--", "\u2014",
                          " ", " ", "  ", "\u00a0", "\n", "\n\n", "\t", "\u2009", "\x1c",
                          "(", ")", "[", "]", "\"", "'", "\u201c", "\u201d", "\u2018", "\u2019"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_ATOMS, min_size=1, max_size=30), st.sampled_from(["", " ", "x ", "\n"]),
       st.sampled_from(["", " ", " y", "\n"]))
def test_spans_are_plain_punkts_on_any_text(parts, before, after):
    """Whatever the text, the spans are those of NLTK's Punkt with the shipped rules, run plainly."""
    _, plain_spans = _plain_punkt()
    piece = "".join(parts)
    text = before + piece + after
    expected = [(len(before) + s, len(before) + e) for s, e in plain_spans(piece)]
    assert sentence_spans(text, len(before), len(before) + len(piece)) == expected


_RAW_ATOMS = st.sampled_from(["said", "Mr", "U.S", "a", "I", "The", "2020", ".", ".", "?", "!", "...", "\u2026", ",",
                              ";", ":", "--", "-", " ", "  ", "\u00a0", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c",
                              "\x1f", "\x85", "\u2028", "\u2009", "\u3000", "(", ")", "[", "]", "{", "}", "\"", "'",
                              "\u201c", "\u201d", "\u2018", "\u2019", "\xab", "\xbb", "*", "@", "&"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_RAW_ATOMS, min_size=0, max_size=30))
def test_spans_in_one_loop_are_punkts_span_tokenize(parts):
    """``_FastPunkt.spans`` writes Punkt's chain of generators out as one loop, with Punkt's candidate
    pattern run by ``re``: the spans must be those of ``span_tokenize`` (white space of every kind included)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from toolkit.sentences import _tokenizer

    tok = _tokenizer()[0]
    text = "".join(parts)
    assert tok.spans(text) == list(PunktSentenceTokenizer.span_tokenize(tok, text))


def test_candidate_pattern_and_closers_are_punkts_for_every_character():
    """The candidate pattern for ``re`` takes the characters as Punkt's (``regex`` module) pattern does,
    and realignment can only start at one of ``_closers``."""
    import re

    import regex

    from toolkit.sentences import _tokenizer

    tok = _tokenizer()[0]
    punkt = tok._lang_vars.period_context_re()
    chars = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]
    every = "".join(chars)
    for ours, theirs in ((tok._SPACE, r"\s"), (tok._NONSPACE, r"\S")):
        assert ([m.start() for m in re.finditer(ours, every)]
                == [m.start() for m in regex.finditer(theirs, every, flags=punkt.flags)])
    for text in ("".join(f".{c}x\n" for c in chars), ". x\x1c\x1d\x1e\x1f\u2028 ! \x1c.\x0b? \u00a0y"):
        ours = [(m.span(), m.span("after_tok"), m.span("next_tok")) for m in tok._candidates.finditer(text)]
        theirs = [(m.span(), m.span("after_tok"), m.span("next_tok")) for m in punkt.finditer(text)]
        assert ours == theirs
    starts = {m.group()[0] for m in tok._lang_vars.re_boundary_realignment.finditer(" ".join(chars) + " ")}
    assert starts == tok._closers
