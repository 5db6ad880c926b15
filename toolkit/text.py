"""Small text utilities shared across the toolkit (word counts)."""

from __future__ import annotations

import re

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
