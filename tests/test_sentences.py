"""Sentence splitting: no download, abbreviations, numbers, quotes, ellipses, dashes."""

from __future__ import annotations

import socket

import pytest

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
    ("(We agreed.) Then we left.", ["(We agreed.)", "Then we left."]),
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
