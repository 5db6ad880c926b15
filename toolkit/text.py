"""Small text utilities shared across the toolkit: word counts and the stopword list."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

#: A word: letters or digits, with inner apostrophes, hyphens or periods
#: ("don't", "anti-terrorism", "U.S", "1.5"). Punctuation and symbols
#: ("%", "—", "$") are not words. This one definition is used for every
#: ``n_words`` column so counts agree across tables.
WORD_RE = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")


#: A sentence that ends as a question (closing quotes or brackets may follow the mark).
QUESTION_END = re.compile(r"\?[\"'”’»)\]]*$")


def count_words(text: str) -> int:
    """Number of words in ``text`` by :data:`WORD_RE`."""
    return sum(1 for _ in WORD_RE.finditer(text))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The shipped English stopword list (``toolkit/data/stopwords_en.txt``; see its header)."""
    text = resources.files("toolkit").joinpath("data").joinpath("stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
