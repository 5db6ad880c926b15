"""Discourse devices per sentence and as rates per 1,000 words.

Counts, for each sentence, of: in-group pronouns (``we``: we, us, our),
out-group pronouns (``they``), self-mention (``i``), modality (``obligation``:
must, should, have to; ``possibility``: may, might, could, can;
``prediction``: will, going to), ``negation`` (not, never, no one, ...),
Hyland's (2005) ``hedge``, ``booster`` and ``attitude`` markers, and
quantification (``numbers``: numbers and percentages, with the list of them in
``numbers_found``). Word lists: ``toolkit/data/devices.yaml``. A word may count
for two devices ("never": booster and negation), as in Hyland's counts.
``they`` counts third-person plural pronouns: the out-group of van Dijk's
ideological square only where "they" are the others (check who they are).
Numbers written as words ("seventeen", "one-quarter") are not counted.
``devices_by`` turns the counts into rates per 1,000 words by speaker, topic
or any grouping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import pandas as pd
import yaml

from .schema import conform_if_complete, group_keys, require_columns, spoken
from .text import count_words, trie_regex

__all__ = ["DEVICES", "count_devices", "devices_by"]

DEVICES = ("we", "they", "i", "obligation", "possibility", "prediction", "negation", "hedge", "booster",
           "attitude", "numbers")
#: A number used as evidence: 44%, 950, 1.5 million, 2,000, $34 billion, one-quarter is not counted (words).
NUMBER_RE = re.compile(r"(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent))?"
                       r"(?:\s(?:million|billion|trillion|thousand))?(?![\w])", re.I)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    data = yaml.safe_load(resources.files("toolkit").joinpath("data").joinpath("devices.yaml")
                          .read_text(encoding="utf-8"))
    out = {}
    for name, words in data["devices"].items():
        bad = [w for w in words if not isinstance(w, str)]
        if bad:  # a bare no/yes in YAML is a boolean
            raise ValueError(f"toolkit/data/devices.yaml: device {name!r} has non-text entries {bad}; quote them.")
        forms = {" ".join(w.lower().split()) for w in words}
        attached = sorted(w for w in forms if w.startswith(("n't", "'")))   # n't and 'll attach to a word
        free = sorted(forms - set(attached))
        parts = []
        if free:
            parts.append(r"(?<![\w'’])(?:" + trie_regex(free) + r")(?![\w'’])")
        if attached:
            parts.append(r"(?:" + trie_regex(attached) + r")(?![\w'’])")
        out[name] = re.compile("|".join(parts), re.I)
    return out


def count_devices(sentences: pd.DataFrame) -> pd.DataFrame:
    """Add ``dev_<device>`` counts for every device and ``numbers_found`` (``|``-joined) to the sentences."""
    require_columns(sentences, {"text"}, func="count_devices")
    pats = _patterns()
    out = sentences.copy()
    texts = out["text"].tolist()
    for name in DEVICES[:-1]:
        out[f"dev_{name}"] = [len(pats[name].findall(t)) for t in texts]
    found = [[m.group().strip() for m in NUMBER_RE.finditer(t)] for t in texts]
    out["dev_numbers"] = [len(f) for f in found]
    out["numbers_found"] = ["|".join(f) for f in found]
    return conform_if_complete("sentences", out)


def devices_by(sentences: pd.DataFrame, by: str | list[str] = "speaker") -> pd.DataFrame:
    """Rates of each device per 1,000 words by a grouping (narrator and caption text left out: they
    are no one's talk). Columns: the ``by`` column(s), ``n_words``, then ``<device>_per_1000``."""
    keys = group_keys(by, "devices_by", sentences)
    require_columns(sentences, {*keys, "text", *(f"dev_{d}" for d in DEVICES)}, func="devices_by")
    data = spoken(sentences)
    data = data.assign(n_words=[count_words(t) for t in data["text"]])
    sums = data.groupby(keys, sort=True)[["n_words", *(f"dev_{d}" for d in DEVICES)]].sum().reset_index()
    out = sums[keys + ["n_words"]].copy()
    for d in DEVICES:
        out[f"{d}_per_1000"] = (sums[f"dev_{d}"] / sums["n_words"].where(sums["n_words"] > 0) * 1000).fillna(0.0)
    return out
