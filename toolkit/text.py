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
    return len(WORD_RE.findall(text))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The shipped English stopword list (``toolkit/data/stopwords_en.txt``; see its header)."""
    text = resources.files("toolkit").joinpath("data").joinpath("stopwords_en.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def trie_regex(forms) -> str:
    """One regular expression (without boundaries) matching any of ``forms``, built as a trie so the engine
    tries each character once instead of every alternative: far faster than ``a|b|c`` for long word lists.
    Longer forms win (greedy, with backtracking to a shorter form); a space matches any white space and an
    apostrophe either apostrophe."""
    trie: dict = {}
    for f in forms:
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else "['’]" if ch == "'" else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return build(trie)
