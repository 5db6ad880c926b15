"""Discourse devices: counts by hand and rates per 1,000 words."""

from __future__ import annotations

import pytest

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
