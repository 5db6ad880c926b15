"""Discourse devices: counts by hand and rates per 1,000 words."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.devices import DEVICES, count_devices, devices_by


def test_counts_by_hand():
    t = toolkit.read_transcript("A: We must never let them win, and I think our 44% share of $34 billion "
                                "will clearly grow. They can't stop us; of course no one may doubt it.\n")
    s = count_devices(t.sentences)
    first, second = s.iloc[0], s.iloc[1]
    # We / our = 2; them = 1; I = 1; must = 1; will = 1; never = negation + booster; I think = hedge;
    # clearly = booster; 44%, $34 billion = 2 numbers
    assert [first[f"dev_{d}"] for d in DEVICES] == [2, 1, 1, 1, 0, 1, 1, 1, 2, 0, 2]
    assert first["numbers_found"] == "44%|$34 billion"
    # They = 1; us = 1; can't = possibility and negation (n't); of course = booster; no one = negation;
    # may = possibility (not a hedge: "May" is also a month)
    assert [second[f"dev_{d}"] for d in ("we", "they", "possibility", "negation", "booster", "hedge")] == \
        [1, 1, 2, 2, 1, 0]


def test_no_counts_as_negation_and_everyday_words_are_not_stance():
    t = toolkit.read_transcript("A: No. There is no evidence. In May we met around noon, about trade. "
                                "Good morning.\n")
    s = count_devices(t.sentences)
    assert s["dev_negation"].tolist() == [1, 1, 0, 0]
    assert s["dev_hedge"].tolist() == [0, 0, 0, 0] and s["dev_attitude"].tolist() == [0, 0, 0, 0]


def test_rates_per_thousand_words():
    t = toolkit.read_transcript("Q: Will we win?\n\nA: We will. We must.\n")
    rates = devices_by(count_devices(t.sentences), "speaker").set_index("speaker")
    assert rates.loc["Q", "n_words"] == 3 and rates.loc["Q", "we_per_1000"] == pytest.approx(1000 / 3)
    assert rates.loc["A", "prediction_per_1000"] == pytest.approx(1000 / 4)
    assert rates.loc["A", "obligation_per_1000"] == pytest.approx(1000 / 4)


def test_phrases_need_white_space_and_attached_forms_end_a_word():
    s = count_devices(pd.DataFrame({"text": ["We'll have to go.", "have, to", "have\n to", "No one's here.",
                                             "no one here", "Nobody can’t."]}))
    got = s[[f"dev_{d}" for d in ("we", "prediction", "obligation", "negation", "possibility")]].values.tolist()
    # We'll: 'll is prediction, "we'll" is not "we"; "have to" only with white space between; "no one's" is
    # "no" (its "one's" is not "one"); "no one" counts once; Nobody + n't = 2 negations, can’t = possibility
    assert got == [[0, 1, 1, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 0],
                   [0, 0, 0, 2, 1]]


_WORDS = ["we", "We", "us", "they", "I", "i", "me", "must", "have", "has", "to", "need", "going", "can", "can't",
          "can’t", "cannot", "won't", "'ll", "we'll", "WE’LL", "not", "n't", "don't", "no", "No", "one", "one's",
          "nobody", "never", "think", "believe", "in", "general", "sort", "of", "kind", "some", "extent", "course",
          "fact", "doubt", "know", "everyone", "knows", "without", "very", "welcome", "'", "’", "x_y", "5", "İ",
          "café", "ſo", "Σ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_WORDS),
                          st.sampled_from([" ", "  ", "\n", "\t", ", ", "-", "'", "’", "", ". ", " — ", "\u00a0"])),
                min_size=1, max_size=14))
def test_counts_are_the_patterns_counts(pieces):
    """The one-pass count of every device is what each device's regular expression finds (an independent
    implementation), on texts built to stress the boundaries: apostrophes, hyphens, odd spaces, phrases."""
    from toolkit.devices import _patterns, _run_counter
    text = "".join(w + sep for w, sep in pieces)
    counts = _run_counter().counts(text)
    expected = [len(_patterns()[d].findall(text)) for d in DEVICES[:-1]]
    assert counts is None or counts == expected
    s = count_devices(pd.DataFrame({"text": [text]}))
    assert [s[f"dev_{d}"].iloc[0] for d in DEVICES[:-1]] == expected


def test_rates_by_any_key_type_and_missing_keys_left_out():
    s = count_devices(pd.DataFrame({"speaker": ["A", "A", "B", None], "role": ["interviewee"] * 4,
                                    "text": ["We must.", "We will win.", "They can.", "We we we."]}))
    # text keys, object keys (counted by pandas) and integer keys give the same table; a missing key is left out
    rates = devices_by(s.astype({"speaker": "str"}), "speaker")
    assert rates["speaker"].tolist() == ["A", "B"] and rates["n_words"].tolist() == [5, 2]
    assert rates["we_per_1000"].tolist() == [2 / 5 * 1000, 0.0] and rates["they_per_1000"].tolist() == [0.0, 500.0]
    by_object = devices_by(s.astype({"speaker": "object"}), "speaker")
    assert by_object.drop(columns="speaker").equals(rates.drop(columns="speaker"))
    by_int = devices_by(s.assign(n=[2, 2, 1, 1]), "n")
    assert by_int["n"].tolist() == [1, 2] and by_int["n_words"].tolist() == [5, 5]


def test_numbers_found_are_the_number_pattern_matches():
    from toolkit.devices import NUMBER_RE

    texts = ["Prices rose 44 % in 2,000 places: $1.5 billion, 3 per cent, 7percent.", "None here.", "v1.2 and 12"]
    s = count_devices(pd.DataFrame({"text": texts}))
    expected = ["|".join(m.group().strip() for m in NUMBER_RE.finditer(t)) for t in s["text"]]
    assert s["numbers_found"].tolist() == expected
    assert expected == ["44 %|2,000|$1.5 billion|3 per cent|7percent", "", "12"]
    assert s["dev_numbers"].tolist() == [5, 0, 1]


def test_repeated_texts_and_texts_without_digits_count_as_each_alone():
    """Each distinct text is counted once (its rows share the counts) and NUMBER_RE runs only where there is a
    digit (any Unicode decimal digit, as its ``\\d``): the columns equal counting every row on its own."""
    from toolkit.devices import NUMBER_RE, _patterns

    texts = ["We must go.", "We must go.", "Thank you.", "", "٤٤% of ١٬٠٠٠ voters", "²³ and ½ are not digits",
             "We must go.", "$34 billion, 2 percent", "Thank you.", "No one will.", "THEY can't, we won't.",
             "Thank you."]
    s = count_devices(pd.DataFrame({"text": texts, "n": range(len(texts))}))
    assert s["n"].tolist() == list(range(len(texts)))
    for d in DEVICES[:-1]:
        assert s[f"dev_{d}"].tolist() == [len(_patterns()[d].findall(t)) for t in texts], d
    found = [NUMBER_RE.findall(t) for t in texts]
    assert s["dev_numbers"].tolist() == [len(f) for f in found]
    assert s["numbers_found"].tolist() == ["|".join(m.strip() for m in f) for f in found]
    assert s["numbers_found"].tolist()[4] != "" and s["dev_numbers"].tolist()[5] == 0
    empty = count_devices(pd.DataFrame({"text": pd.Series([], dtype="str")}))
    assert len(empty) == 0 and {f"dev_{d}" for d in DEVICES} <= set(empty.columns)


def test_ascii_texts_split_from_bytes_count_as_the_patterns():
    """The runs of an ASCII text (and of one whose only other characters are "’" and "—") are split from its
    bytes: their tokens are those of the regular expression (a "|" for each other character but white space),
    and every ASCII character between, before and after the words of a phrase or next to an attached form
    gives the patterns' counts."""
    from toolkit.devices import _RUN_BYTES, _RUN_TOKEN_RE, _patterns, _run_counter

    ascii_text = "".join(map(chr, range(128))) + "We’LL HAVE—TO"
    expected_tokens = []
    for t in _RUN_TOKEN_RE.findall(ascii_text.lower().replace("’", "'").replace("—", "|")):
        expected_tokens += [t.encode()] if re.fullmatch(r"[\w']+", t) else [b"|"] * len(t)
    data = ascii_text.replace("’", "'").replace("—", "|").encode("ascii").translate(_RUN_BYTES)
    assert data.replace(b"|", b" | ").split() == expected_tokens
    for i in range(128):
        c = chr(i)
        for text in (f"have{c}to", f"We{c}think", f"no{c}one", f"to some{c}extent", f"{c}can{c}", f"won{c}t",
                     f"we'll{c}", f"it{c}'ll", f"I{c}THINK{c}{c}it", f"Of course{c}", f"—we{c}know—", f"in’{c}fact",
                     f"kind{c}—of", f"can’t{c}", f"sort of{c}the", "have —to", "have— to", f"nobody{c}can't"):
            expected = [len(_patterns()[d].findall(text)) for d in DEVICES[:-1]]
            assert _run_counter().counts(text) == expected, text


def test_rates_on_lists_are_the_pandas_rates():
    """The groups of :func:`devices_by` summed with numpy (rows of a group apart, narrator rows left out) give
    the table of the pandas steps."""
    from toolkit.devices import _devices_by_lists

    texts = ["We must.", "They will not.", "I think we can.", "Go.", "No one knows 5%.", "Thank you very much."]
    s = count_devices(pd.DataFrame({
        "doc_id": ["d2", "d1", "d2", "d1", "d2", "d1", "d1", "d2"], "speaker": ["B", "A", "A", "B", "B", "A", "C", "A"],
        "role": ["interviewee", "interviewee", "narrator", "interviewer", "interviewee", "caption", "narrator",
                 "interviewee"], "text": [texts[i % 6] for i in range(8)]}).astype({"doc_id": "str", "speaker": "str"}))
    counts = [f"dev_{d}" for d in DEVICES]
    for keys in (["doc_id", "speaker"], ["speaker"], ["doc_id"]):
        fast = _devices_by_lists(s, keys, counts)
        data = toolkit.schema.spoken(s)
        data = data.assign(n_words=toolkit.codebook.word_counts(data["text"].tolist()))
        sums = data.groupby(keys, sort=True)[["n_words", *counts]].sum().reset_index()
        assert fast[keys + ["n_words"]].to_dict("list") == sums[keys + ["n_words"]].to_dict("list")
        for d in DEVICES:
            slow = (sums[f"dev_{d}"] / sums["n_words"].where(sums["n_words"] > 0) * 1000).fillna(0.0)
            assert fast[f"{d}_per_1000"].tolist() == slow.tolist()
