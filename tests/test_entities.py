"""Quantitative claims and named actors: golden values by hand, offsets, the interview, gazetteers, aggregates."""

from __future__ import annotations

import dataclasses
import math
import re
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import INTERVIEW, WH_CORPUS, needs_shared

import toolkit
from toolkit.entities import (
    _DIGIT_LIKE,
    ACTOR_COLUMNS,
    CLAIM_COLUMNS,
    CLAIM_KINDS,
    EVIDENCE_KINDS,
    _ClaimParser,
    _may_hold_claim,
    actors,
    actors_by,
    claims,
    load_gazetteer,
)
from toolkit.sentiment import score_sentiment
from toolkit.text import trie_regex

CLAIM_FIELDS = ["qualifier", "number", "value", "unit", "noun", "kind"]


def _claims(text: str, **kw) -> tuple[pd.DataFrame, str]:
    t = toolkit.read_transcript(text)
    return claims(t.sentences, **kw), t.text


def _rows(df: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return [tuple(r) for r in df[cols].itertuples(index=False)]


def _norm(rows: list[tuple]) -> list[tuple]:
    """Rows with floats rounded and NaN as None, so that == compares them and pytest shows the difference."""
    def one(v):
        if isinstance(v, float):
            return None if math.isnan(v) else round(v, 9)
        return v
    return [tuple(one(v) for v in r) for r in rows]


def _same(got: list[tuple], want: list[tuple]) -> bool:
    assert _norm(got) == _norm(want)
    return True


def _offsets_hold(table: pd.DataFrame, text: str, col: str) -> bool:
    return all(text[s:e] == v for s, e, v in zip(table["start"], table["end"], table[col]))


# ----------------------------------------------------------------------------------------------------
# claims
# ----------------------------------------------------------------------------------------------------

def test_claims_by_hand():
    c, text = _claims("A: It represents 44% of the world’s population and one-quarter of the global GDP. "
                      "There were some 950 terrorist attacks in nine months. We spent more than $34 billion in aid. "
                      "Seventeen years ago, 103 countries joined.\n")
    assert list(c.columns) == CLAIM_COLUMNS
    assert _same(_rows(c, CLAIM_FIELDS), [
        ("", "44%", 44.0, "percent", "world’s population", "percent"),
        ("", "one-quarter", 0.25, "", "global GDP", "fraction"),
        ("some", "950", 950.0, "", "terrorist attacks", "count"),
        ("", "nine", 9.0, "", "months", "duration"),
        ("more than", "$34 billion", 34e9, "currency:USD", "aid", "money"),
        ("", "Seventeen", 17.0, "", "years", "duration"),
        ("", "103", 103.0, "", "countries", "count"),
    ])
    assert _offsets_hold(c, text, "number")
    assert c["sentence_id"].tolist() == [1, 1, 2, 2, 3, 4, 4]
    assert c["sentence"].iloc[0] == "It represents 44% of the world’s population and one-quarter of the global GDP."
    assert set(c["speaker"]) == {"A"} and set(c["topic"]) == {""}   # no topic column: empty


def test_numbers_written_as_words_fractions_ratios_and_vague_amounts():
    c, text = _claims("A: Twenty-five thousand people, two hundred and fifty soldiers, a dozen states, half the "
                      "country, two-thirds of voters, one in five Americans, thousands of troops and 3 percentage "
                      "points. Two and a half years. Half a million jobs cost millions of dollars.\n")
    assert _same(_rows(c, CLAIM_FIELDS), [
        ("", "Twenty-five thousand", 25000.0, "", "people", "count"),
        ("", "two hundred and fifty", 250.0, "", "soldiers", "count"),
        ("", "a dozen", 12.0, "", "states", "count"),
        ("", "half", 0.5, "", "country", "fraction"),
        ("", "two-thirds", 2 / 3, "", "voters", "fraction"),
        ("", "one in five", 0.2, "", "Americans", "fraction"),
        ("", "thousands", float("nan"), "", "troops", "count"),          # vague: no value
        ("", "3 percentage points", 3.0, "percentage point", "", "percent"),
        ("", "Two and a half", 2.5, "", "years", "duration"),
        ("", "Half a million", 5e5, "", "jobs", "count"),
        ("", "millions of dollars", float("nan"), "currency:USD", "", "money"),
    ])
    assert _offsets_hold(c, text, "number")


def test_years_dates_times_and_labels_are_marked_not_evidence():
    c, _ = _claims("A: On January 20, 2021, at 7:06 p.m., under Title 42, the 2020 election and 2000 delegates "
                   "met; in the 1990s, 2000 years ago. Number two, we act.\n")
    assert _same(_rows(c, ["number", "value", "kind"]), [
        ("20", 20.0, "date"), ("2021", 2021.0, "year"), ("7:06 p.m.", 7.1, "time"), ("42", 42.0, "label"),
        ("2020", 2020.0, "year"), ("2000", 2000.0, "count"), ("1990s", 1990.0, "year"),
        ("2000", 2000.0, "duration"), ("two", 2.0, "label"),
    ])
    assert set(CLAIM_KINDS) - set(EVIDENCE_KINDS) == {"year", "date", "time", "label"}
    assert c.loc[c["kind"].isin(EVIDENCE_KINDS), "number"].tolist() == ["2000", "2000"]


def test_ordinals_names_and_codes_are_not_claims():
    c, _ = _claims("A: For the first time, in the 20th century, one country, except for one which, no one, "
                   "COVID-19, the G7, 9/11, 24/7, a two-state solution, a 10-point plan, Air Force One, the "
                   "Group of Seven, B117, 1-800-621-3362 and 2021-01-20.\n")
    assert c.empty and list(c.columns) == CLAIM_COLUMNS


def test_qualifiers_ranges_and_looking_back_for_the_noun():
    c, _ = _claims("A: Nearly 10,000 refugees, at least 50 delegates, up to 3 percent, 50 or more cases and "
                   "50-plus countries. Prices rose 10-15% this year. The number of tourists traveling to member "
                   "countries has increased by 200 million, and unemployment fell to 4%.\n")
    assert _same(_rows(c, CLAIM_FIELDS), [
        ("nearly", "10,000", 10000.0, "", "refugees", "count"),
        ("at least", "50", 50.0, "", "delegates", "count"),
        ("up to", "3 percent", 3.0, "percent", "", "percent"),
        ("or more", "50", 50.0, "", "cases", "count"),
        ("plus", "50", 50.0, "", "countries", "count"),
        ("", "10", 10.0, "percent", "", "percent"),          # a range takes the unit of its second number
        ("", "15%", 15.0, "percent", "", "percent"),
        ("", "200 million", 2e8, "", "tourists", "count"),   # "the number of tourists ... increased by"
        ("", "4%", 4.0, "percent", "unemployment", "percent"),
    ])


def test_offsets_point_into_the_document_across_turns_and_line_breaks():
    c, text = _claims("Q: How many?\n\nA: About 40 percent of\nvoters, and 2,000\ntroops; some\n950 attacks.\n")
    assert _offsets_hold(c, text, "number")
    assert _same(_rows(c, CLAIM_FIELDS), [("about", "40 percent", 40.0, "percent", "voters", "percent"),
                                          ("", "2,000", 2000.0, "", "troops", "count"),
                                          ("some", "950", 950.0, "", "attacks", "count")])


def test_narrator_text_is_left_out_unless_asked():
    t = toolkit.read_transcript("A summit of 8 leaders opened today.\n\nQ: Why?\n\nA: We have 5 goals.\n")
    assert claims(t.sentences)["number"].tolist() == ["5"]
    both = claims(t.sentences, include_narrator=True)
    assert both["number"].tolist() == ["8", "5"] and both["role"].tolist()[0] == "narrator"


def test_the_interview_lists_every_number_used_as_evidence():
    t = toolkit.read_transcript(INTERVIEW)
    c = claims(t.sentences)
    assert _offsets_hold(c, t.text, "number")
    assert set(c["speaker"]) == {"Alimov"} and set(c["kind"]) <= set(EVIDENCE_KINDS)
    assert _same(_rows(c, ["number", "qualifier", "value", "noun", "kind"]), [
        ("44%", "", 44.0, "world’s population", "percent"),
        ("one-quarter", "", 0.25, "global GDP", "fraction"),
        ("four", "", 4.0, "nuclear powers", "count"),
        ("Seventeen", "", 17.0, "years", "duration"),
        ("eight", "", 8.0, "members", "count"),
        ("17", "", 17.0, "years", "duration"),
        ("nine", "", 9.0, "months", "duration"),
        ("950", "some", 950.0, "terrorist attacks", "count"),
        ("103", "", 103.0, "countries", "count"),
        ("2000", "", 2000.0, "delegates", "count"),
        ("200", "more than", 200.0, "events", "count"),
        ("Two", "", 2.0, "years", "duration"),
        ("200 million", "", 2e8, "tourists", "count"),
        ("2000", "", 2000.0, "years", "duration"),
    ])


def test_claims_validates_its_input():
    with pytest.raises(toolkit.ToolkitTypeError, match="expects the sentences table"):
        claims(["44%"])
    with pytest.raises(toolkit.ToolkitValueError, match=r"missing columns: \['role'"):
        claims(pd.DataFrame({"doc_id": [], "sentence_id": [], "speaker": [], "start": [], "text": []}))
    t = toolkit.read_transcript("A: 5 goals.\n")
    with pytest.raises(toolkit.ToolkitTypeError, match="include_narrator"):
        claims(t.sentences, include_narrator="yes")


# The pre-filter of claims() skips the sentences in which the parser cannot find a number. Expected values
# below come from the code before the pre-filter existed (every sentence parsed).

def test_the_claims_prefilter_keeps_every_way_of_writing_a_number():
    c, _ = _claims("A: TWENTY-FIVE people came; ONE percent left, one in ten stayed and a third of them went "
                   "home. We have ٣ goals and ٣٠ notes. Someone often gave us none of it, and attention was done. "
                   "Tenfold, fifteen-odd, sixty-ish and x_two. (Three) cases, ‘four’ more and half the country. "
                   "The one-year plan, one-half and one o’clock.\n")
    assert _same(_rows(c, ["sentence_id", "number", "value", "noun", "kind"]), [
        (1, "TWENTY-FIVE", 25.0, "people", "count"), (1, "one in ten", 0.1, "stayed", "fraction"),
        (1, "a third", 1 / 3, "", "fraction"),
        (2, "٣", 3.0, "goals", "count"), (2, "٣٠", 30.0, "notes", "count"),      # digits that are not ASCII
        (4, "two", 2.0, "", "count"),                  # after an underscore: a word boundary for the tokenizer
        (5, "Three", 3.0, "", "label"), (5, "four", 4.0, "", "count"), (5, "half", 0.5, "country", "fraction"),
        (6, "one", 1.0, "year", "duration"),
    ])


def test_the_claims_prefilter_rests_on_facts_true_of_all_unicode():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    digits = "".join(filter(str.isdigit, everything))
    assert digits and _DIGIT_LIKE.sub("", digits) == ""        # every digit str.isdigit accepts is seen
    not_letters = re.sub(r"[^\W\d_]", "", everything)         # what the tokenizer does not join to a word
    assert not re.search("[a-z]", not_letters.lower())          # ... never lower-cases to an ASCII letter


def test_the_claims_prefilter_lets_through_every_sentence_with_a_number():
    sentences = toolkit.read_transcript(INTERVIEW).sentences["text"].tolist() + [
        "Fifteen", "x_two and y", "a dozen", "A THIRD OF", "hundreds of millions", "1", "٣", "half the"]
    with_claims = [t for t in sentences if _ClaimParser(t).claims()]
    assert len(with_claims) >= 20 and all(map(_may_hold_claim, with_claims))
    assert not any(map(_may_hold_claim, ["Someone often gave us none.", "Tenfold attention.", "No numbers."]))


def test_the_number_word_prefilter_is_the_number_word_pattern():
    """``_may_hold_claim`` reads the runs of a-z of the lowered text where ``_NUMBER_WORD_RE`` searched it: the
    same answer on any text (non-ASCII characters that lower to ASCII letters, or to several characters)."""
    from toolkit.entities import _AZ_BYTES, _NUMBER_WORD_BYTES, _NUMBER_WORD_RE

    def words(text):
        return not _NUMBER_WORD_BYTES.isdisjoint(text.lower().encode("ascii", "replace").translate(_AZ_BYTES).split())

    texts = ["", "one", "One.", "xone", "onex", "one's", "twenty-five", "ONE", "\u212aind of one", "İone", "oneİ",
             "ＯＮＥ", "one\u0307", "é one é", "éone", "half_the", "tens", "tenS", "ten’s", "thousandS of",
             "\u212a", "seventeen—", "—dozen—", "a third", "hundreds", "nothing", "someone", "often", "none",
             "FIFTEEN", "Tens Of", "x9", "0", "_", "a_b", "HALF-", "dozens", "zero", "sevenTY", "\x00one\x7f",
             "".join(map(chr, range(128))), "".join(map(chr, range(128))) + "twelve"]
    for text in texts:
        assert words(text) == (_NUMBER_WORD_RE.search(text.lower()) is not None), text
        assert _may_hold_claim(text) == (_DIGIT_LIKE.search(text) is not None or words(text)), text


def test_tokens_are_the_token_pattern_matches():
    """The parser's tokens (one pass of ``_TOKEN_PIECE_RE``, white space stripped) are ``_TOKEN_RE``'s, with
    their offsets; and the numbers found do not depend on the tokens read before (the cache of tokens that
    can start a number)."""
    from toolkit import entities
    from toolkit.entities import _TOKEN_RE, _Tokens

    texts = ["", "  ", " We have 2,000,000.5 people\u00a0and\u2009x\x1cy ", "one’s rock'n'roll o' 5th ٣٠ x_two",
             "\t$34\nbillion\r\n", "— “Twenty-five” —", "İ K ſ 1,23 1,234,5"]
    for text in texts:
        toks = _Tokens(text)
        found = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
        assert list(zip(toks.texts, toks.starts, toks.ends)) == found
    text = "Some 950 attacks, one in five, a third of them, Seventeen years ago and 44% of two hundred people."
    first = [dataclasses.astuple(c) for c in _ClaimParser(text).claims()]
    entities._STARTS.clear()
    assert [dataclasses.astuple(c) for c in _ClaimParser(text).claims()] == first
    entities._STARTS.update({"Some": True, "attacks": True})   # even a wrong entry only adds a start to read
    assert [dataclasses.astuple(c) for c in _ClaimParser(text).claims()] == first
    size, entities._STARTS_SIZE = entities._STARTS_SIZE, 3     # a full cache starts afresh
    try:
        assert [dataclasses.astuple(c) for c in _ClaimParser(text).claims()] == first
    finally:
        entities._STARTS_SIZE = size
    entities._STARTS.clear()


def test_a_repeated_sentence_gives_its_claims_in_each_row():
    t = toolkit.read_transcript("A: We sent 950 tests. Thank you.\n\nB: We sent 950 tests. Thank you.\n")
    c = claims(t.sentences)
    assert c["speaker"].tolist() == ["A", "B"] and c["number"].tolist() == ["950", "950"]
    assert c["start"].tolist()[1] > c["start"].tolist()[0]


# ----------------------------------------------------------------------------------------------------
# actors
# ----------------------------------------------------------------------------------------------------

def _actors(text: str, **kw) -> pd.DataFrame:
    return actors(toolkit.read_transcript("A: " + text + "\n").sentences, **kw)


def test_actors_by_hand():
    t = toolkit.read_transcript("Q: Is the World Trade Organisation (WTO) still useful?\n\nA: The SCO met in Hong "
                                "Kong and Dushanbe. President Xi and Prime Minister Modi spoke with the Republic "
                                "of Tajikistan, NATO and the United\nNations.\n")
    a = actors(t.sentences)
    assert list(a.columns) == ACTOR_COLUMNS
    assert _rows(a, ["sentence_id", "speaker", "actor", "kind", "mention"]) == [
        (1, "Q", "World Trade Organization", "organisation", "World Trade Organisation"),
        (1, "Q", "World Trade Organization", "organisation", "WTO"),     # every written form counts
        (2, "A", "Shanghai Cooperation Organisation", "organisation", "SCO"),
        (3, "A", "Xi Jinping", "person", "President Xi"),                # the gazetteer's alias
        (3, "A", "Prime Minister Modi", "person", "Prime Minister Modi"),  # a titled name keeps its title
        (3, "A", "Tajikistan", "country", "Republic of Tajikistan"),     # the longest match wins
        (3, "A", "NATO", "organisation", "NATO"),
        (3, "A", "United Nations", "organisation", "United\nNations"),   # as written, line break included
    ]
    assert _offsets_hold(a, t.text, "mention")
    assert a["sentiment"].eq("").all() and a["polarity"].isna().all()   # sentences not scored


def test_the_interview_names_its_actors():
    t = toolkit.read_transcript(INTERVIEW)
    a = actors(t.sentences)
    assert _offsets_hold(a, t.text, "mention")
    assert set(a["actor"]) == {"Shanghai Cooperation Organisation", "NATO", "World Trade Organization",
                               "United Nations", "China", "Tajikistan", "Xi Jinping", "World Tourism Organization"}
    assert {"SCO", "Republic of Tajikistan", "President Xi", "World Trade Organisation", "WTO",
            "International Tourism Organization"} <= set(a["mention"])
    everything = actors(t.sentences, include_narrator=True)   # the caption names Hong Kong: a city
    assert not {"Hong Kong", "Qingdao", "Dushanbe", "Asia Pacific"} & set(everything["mention"])
    assert len(everything) == len(a) + 2                        # the title paragraph names the SCO twice


@pytest.mark.parametrize("text,expected", [
    ("We had a turkey dinner.", []),
    ("Turkey blocked Sweden.", ["Turkey", "Sweden"]),
    ("The National Thanksgiving Turkey arrived.", []),
    ("Jordan said no.", []),                                             # a reporter, not the country
    ("Vernon Jordan said Israel was right.", ["Israel"]),
    ("Israel, Jordan and Egypt agreed.", ["Israel", "Jordan", "Egypt"]),
    ("We spoke with the king of Jordan.", ["Jordan"]),
    ("Georgia Tech won in Atlanta.", []),
    ("The Georgia attorney general spoke about the United States and Canada.", ["United States", "Canada"]),
    ("Ukraine and Georgia want to join NATO.", ["Ukraine", "Georgia", "NATO"]),
    ("Chad Meredith was nominated.", []),
    ("We flew to Mexico City, New Mexico and the South China Sea via Hong Kong.", []),
    ("Latin America, the U.S. and America.", ["United States", "United States"]),
    ("The WHO met; who knows.", ["World Health Organization"]),
    ("Russia’s Security Council met; the Security Council did not.", ["Russia", "United Nations Security Council"]),
    ("The Congo and the Democratic Republic of Congo.", ["Democratic Republic of the Congo"]),
    ("Mr. President, the General Assembly and General Motors.", []),
    ("President Biden met Senator Angus King, Dr. Fauci and Mr. Putin.",
     ["Joe Biden", "Senator Angus King", "Dr. Fauci", "Vladimir Putin"]),
    ("The People's Republic of China, the DPRK and Korea.", ["China", "North Korea", "South Korea"]),
    ("Chinese and Russian officials met Americans.", []),               # adjectives and demonyms are not names
])
def test_ambiguous_words_cities_titles_and_aliases(text, expected):
    assert _actors(text)["actor"].tolist() == expected


def test_actors_carry_the_tone_of_their_sentence():
    s = score_sentiment(toolkit.read_transcript("A: We thank China for its excellent help. NATO attacked us.\n")
                        .sentences)
    a = actors(s)
    for col in ("sentiment", "polarity", "vader_compound"):
        assert a[col].tolist() == s[col].tolist()


def test_a_user_gazetteer_adds_and_replaces_actors(tmp_path):
    path = tmp_path / "my_actors.yaml"
    path.write_text("name: my-actors\nversion: '0.1'\nactors:\n"
                    "  Kaisun Consulting:\n    kind: organisation\n    aliases: [Kaisun]\n"
                    "  Shanghai Cooperation Organisation:\n    kind: organisation\n    aliases: [Shanghai Group]\n"
                    "  Rashid Alimov:\n    kind: person\n    aliases: [Alimov, Secretary-General Alimov]\n"
                    "ignore: [China Daily]\n", encoding="utf-8")
    a = _actors("Kaisun, the Shanghai Group, the SCO, Secretary-General Alimov, China Daily and China.",
                gazetteer=path)
    assert _rows(a, ["actor", "mention"]) == [("Kaisun Consulting", "Kaisun"),
                                              ("Shanghai Cooperation Organisation", "Shanghai Group"),
                                              ("Rashid Alimov", "Secretary-General Alimov"), ("China", "China")]
    # the user's entry replaced the shipped one ("SCO" is gone); the shipped gazetteer is unchanged
    assert "SCO" in _actors("The SCO met.")["mention"].tolist()
    path.write_text("replace: true\nactors:\n  Kaisun Consulting:\n    kind: organisation\n", encoding="utf-8")
    assert _actors("Kaisun Consulting, NATO and China.", gazetteer=path)["actor"].tolist() == \
        ["Kaisun Consulting", "China"]                      # pycountry's countries stay unless pycountry: false
    path.write_text("replace: true\npycountry: false\nactors:\n  Kaisun Consulting:\n    kind: organisation\n",
                    encoding="utf-8")
    assert _actors("Kaisun Consulting, NATO and China.", gazetteer=str(path))["actor"].tolist() == \
        ["Kaisun Consulting"]


def _plain_patterns(g) -> tuple[re.Pattern, re.Pattern]:
    """The gazetteer's patterns as written before they were split by first character (for the checks below)."""
    forms, titles = [f for f in g.forms if f], [t for t in g.titles if t]
    return (re.compile(r"(?<![\w.@/#])(?:" + trie_regex(forms) + r")(?![\w$&])"),
            re.compile(r"(?<![\w.])(?:(?:Deputy|Assistant|Under)\s+)?(?:" + trie_regex(titles) + r")(?=\s)"))


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


TRICKY_GAZETTEER = ("actors:\n"
                    "  Kaisun Consulting:\n    kind: organisation\n    aliases: ['(KC)', 'kaisun group', '’Kaisun', X]\n"
                    "  White House Press Office:\n    kind: organisation\n    aliases: ['.gov', '#WHPress', press corps]\n"
                    "titles: [press secretary, 'Mx.']\n")
TRICKY_TEXT = ("The kaisun group (KC) and ’Kaisun met X, Xi and the press corps at whitehouse.gov, #WHPress and "
               "@#WHPress. Deputy press secretary Jean-Pierre met Mx. Okafor, Under Secretary Jones and Deputy "
               "Secretary Wally Adeyemo. Assistant Secretary Rachel Levine spoke with Xkaisun group.")


def test_forms_that_start_with_punctuation_or_lower_case_and_title_prefixes(tmp_path):
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY_GAZETTEER, encoding="utf-8")
    a = _actors(TRICKY_TEXT, gazetteer=path)
    assert _rows(a, ["sentence_id", "actor", "mention"]) == [   # as the code before the pre-filters found them
        (1, "Kaisun Consulting", "kaisun group"), (1, "Kaisun Consulting", "(KC)"),
        (1, "Kaisun Consulting", "’Kaisun"), (1, "Kaisun Consulting", "X"),
        (1, "White House Press Office", "press corps"), (1, "White House Press Office", "#WHPress"),
        (2, "Deputy press secretary Jean-Pierre", "Deputy press secretary Jean-Pierre"),
        (3, "Under Secretary Jones", "Under Secretary Jones"),
        (3, "Deputy Secretary Wally Adeyemo", "Deputy Secretary Wally Adeyemo"),
        (4, "Assistant Secretary Rachel Levine", "Assistant Secretary Rachel Levine"),
    ]


def test_the_fast_gazetteer_patterns_match_what_the_plain_ones_match(tmp_path):
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY_GAZETTEER, encoding="utf-8")
    texts = [TRICKY_TEXT, INTERVIEW.read_text(encoding="utf-8"),
             ("The U.S. and the United\nStates; People’s Republic of China, Côte d'Ivoire, Côte d’Ivoire, "
              "x.China, a@NATO, /NATO, #NATO, NATO$, NATO& AT&T. Mr. President Xi.\tSecretary\nBlinken, "
              "Under-Secretary-General Guterres and Deputy  Prime Minister Freeland.")]
    shipped = load_gazetteer()
    spaced = dataclasses.replace(shipped, forms={**shipped.forms, " Leading Space": ("X", "organisation")})
    for g in (shipped, load_gazetteer(path), spaced):   # the last keeps the plain pattern: a form opens with a space
        forms, titles = _plain_patterns(g)
        for text in texts:
            assert _spans(g._forms_re, text) == _spans(forms, text)
            assert _spans(g._titles_re, text) == _spans(titles, text)
    assert len(_spans(shipped._forms_re, texts[1])) > 20
    assert spaced._forms_re.pattern.startswith("(?<!") and not shipped._forms_re.pattern.startswith("(?<!")


def test_actors_and_claims_read_missing_values_as_before():
    """Columns of any dtype: missing topics and labels (None, NA) are empty, as with ``to_dict``; a NUL in a
    text makes actors() read every sentence (expected values: the code before the pre-filters)."""
    s = pd.DataFrame({"doc_id": ["d"] * 4, "sentence_id": pd.array([1, 2, 3, 4], dtype="Int64"),
                      "speaker": ["A", "A", "B", "B"], "role": ["interviewee", "interviewee", "narrator",
                                                                "interviewee"],
                      "start": [0, 40, 80, 120],
                      "text": ["NATO\x00China met 5 times.", "The WHO\x00and 3 NATO allies.", "China.", "Russia."],
                      "topic": pd.Series([pd.NA, None, "x", pd.NA], dtype=object),
                      "sentiment": pd.Series(["positive", pd.NA, None, "negative"], dtype="string"),
                      "polarity": np.array([0.5, np.nan, 0.1, -0.25], dtype="float32")})
    a = actors(s)
    assert _same(_rows(a, ["sentence_id", "topic", "mention", "start", "sentiment", "polarity", "vader_compound"]), [
        (1, "", "NATO", 0, "positive", 0.5, None), (1, "", "China", 5, "positive", 0.5, None),
        (2, "", "WHO", 44, "", None, None), (2, "", "NATO", 54, "", None, None),
        (4, "", "Russia", 120, "negative", -0.25, None)])
    assert a["sentence_id"].dtype == "int64" and a["polarity"].dtype == "float64"
    c = claims(s)
    assert _rows(c, ["sentence_id", "topic", "number", "noun", "start"]) == [(1, "", "5", "times", 15),
                                                                             (2, "", "3", "NATO allies", 52)]


@pytest.mark.parametrize("content,message", [
    ("actors:\n  X:\n    kind: country\n    colour: red\n", "unknown key"),
    ("actorz: {}\n", "unknown gazetteer key"),
    ("actors:\n  '':\n    kind: person\n", "empty or non-text name"),
    ("actors:\n  X:\n    kind: planet\n", "'kind' must be one of"),
    ("actors:\n  X:\n    aliases: [Y]\n", "'kind' must be one of"),
    ("actors:\n  X:\n    kind: person\n    aliases: Y\n", "must be a list"),
    ("actors:\n  X:\n    kind: person\n    aliases: ['  ']\n", "empty or non-text entry"),
    ("actors:\n  X:\n    kind: person\n    aliases: [1990]\n", "empty or non-text entry"),
    ("actors:\n  X:\n    kind: person\n    aliases: [Y]\n  Z:\n    kind: person\n    aliases: [Y]\n",
     "listed under both"),
    ("actors:\n  X:\n    kind: country\n    iso: xx\n", "'iso' must be"),
    ("actors:\n  X:\n    kind: country\n    iso: ZZZ\n", "unknown ISO"),
    ("actors:\n  X:\n    kind: person\n    ambiguous: [Y]\n", "not one of its names"),
    ("actors: [a, b]\n", "'actors' must be a mapping"),
    ("actors:\n  X:\n    kind: person\nactors: {}\n", "appears twice"),
    ("actors:\n  X:\n    kind: person\n    aliases: [a, b\n", "line"),
    ("replace: please\nactors:\n  X:\n    kind: person\n", "'replace' must be true or false"),
    ("name: nothing\n", "lists no actors"),
    ("- a list\n", "must be a YAML mapping"),
])
def test_bad_gazetteers_name_the_file_and_the_problem(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(toolkit.TranscriptError, match=message) as err:
        load_gazetteer(path)
    assert str(path) in str(err.value) and isinstance(err.value, toolkit.ToolkitError)


def test_gazetteer_arguments_are_checked(tmp_path):
    with pytest.raises(toolkit.TranscriptNotFoundError, match="not found"):
        load_gazetteer(tmp_path / "missing.yaml")
    with pytest.raises(toolkit.ToolkitTypeError, match="gazetteer"):
        _actors("China.", gazetteer=3)


def test_the_shipped_gazetteer():
    g = load_gazetteer()
    assert g.name == "toolkit-actors" and g.version and g.source and len(g.sha256) == 64
    assert g.forms["Tajikistan"] == ("Tajikistan", "country") and g.forms["Russian Federation"] == ("Russia",
                                                                                                    "country")
    assert g.forms["Hong Kong"] is None and g.forms["American Samoa"] is None   # places, not states
    countries = {a for a, k in (v for v in g.forms.values() if v) if k == "country"}
    assert 195 <= len(countries) <= 200         # 193 UN members, 2 observers, Taiwan, Kosovo (+ Soviet Union)


# ----------------------------------------------------------------------------------------------------
# actors_by
# ----------------------------------------------------------------------------------------------------

def _actor_table() -> pd.DataFrame:
    rows = [  # sentence 1 names China twice; sentence 2 names China and NATO; B's sentence 3 names China
        ("d", 1, "A", "China", 0.5, 0.4, "positive"), ("d", 1, "A", "China", 0.5, 0.4, "positive"),
        ("d", 2, "A", "China", -0.5, -0.2, "negative"), ("d", 2, "A", "NATO", -0.5, -0.2, "negative"),
        ("d", 3, "B", "China", 0.0, 0.0, "neutral"),
    ]
    df = pd.DataFrame(rows, columns=["doc_id", "sentence_id", "speaker", "actor", "polarity", "vader_compound",
                                     "sentiment"])
    df["kind"] = df["actor"].map({"China": "country", "NATO": "organisation"})
    return df.assign(role="interviewee", topic="", mention=df["actor"], start=0, end=0)[ACTOR_COLUMNS]


def test_actors_by_speaker_by_hand():
    out = actors_by(_actor_table(), "speaker")
    assert list(out.columns) == ["speaker", "actor", "kind", "n_mentions", "n_sentences", "polarity_mean",
                                 "compound_mean", "share_positive", "share_negative"]
    assert _same(_rows(out, list(out.columns)), [
        ("A", "China", "country", 3, 2, 0.0, 0.1, 0.5, 0.5),      # each sentence once: (0.5 - 0.5) / 2
        ("A", "NATO", "organisation", 1, 1, -0.5, -0.2, 0.0, 1.0),
        ("B", "China", "country", 1, 1, 0.0, 0.0, 0.0, 0.0),
    ])
    both = actors_by(_actor_table(), ["doc_id", "speaker"])
    assert list(both.columns[:3]) == ["doc_id", "speaker", "actor"] and len(both) == 3
    assert actors_by(_actor_table(), "doc_id")["n_mentions"].tolist() == [4, 1]   # most mentioned first


def test_actors_by_on_unscored_sentences_and_empty_tables():
    out = actors_by(_actors("China and China."))
    assert out["n_mentions"].tolist() == [2] and out["n_sentences"].tolist() == [1]
    assert out[["polarity_mean", "share_positive"]].isna().all(axis=None)
    empty = actors_by(_actors("Nothing here."), "topic")
    assert empty.empty and list(empty.columns)[:2] == ["topic", "actor"]


def test_actors_by_checks_its_arguments():
    table = _actor_table()
    with pytest.raises(toolkit.ToolkitValueError, match=r"The `by` parameter of actors_by\(\) names \['Speaker'\]"):
        actors_by(table, "Speaker")
    with pytest.raises(toolkit.ToolkitValueError, match="names columns of the output"):
        actors_by(table, ["speaker", "actor"])
    with pytest.raises(toolkit.ToolkitValueError, match="`by` parameter of actors_by"):
        actors_by(table, 3)
    with pytest.raises(toolkit.ToolkitTypeError, match="expects the actors table"):
        actors_by(table.to_dict())


def test_results_are_deterministic():
    t = toolkit.read_transcript(INTERVIEW)
    pd.testing.assert_frame_equal(claims(t.sentences), claims(t.sentences))
    pd.testing.assert_frame_equal(actors(t.sentences), actors(t.sentences))


# ----------------------------------------------------------------------------------------------------
# a White House briefing (read by hand: see the report in the pull request)
# ----------------------------------------------------------------------------------------------------

BRIEFING = "2022-02/2022-02-24-press-briefing-by-press-secretary-jen-psaki-and-deputy-national-security-advisor-" \
           "for-international-economics-and-deputy-nec-director-daleep-singh-february-24-2022.md"


@needs_shared
def test_a_white_house_briefing():
    path = WH_CORPUS / BRIEFING
    if not path.is_file():
        pytest.skip(f"{BRIEFING} is not in the shared corpus")
    t = toolkit.read_transcript(path)
    a, c = actors(t.sentences), claims(t.sentences)
    assert _offsets_hold(a, t.text, "mention") and _offsets_hold(c, t.text, "number")
    assert {"Russia", "Ukraine", "United States", "NATO", "G7", "Vladimir Putin", "Volodymyr Zelenskyy",
            "Secretary Blinken"} <= set(a["actor"])
    assert not {"Georgia", "Jordan", "Chad"} & set(a["actor"])
    assert set(a["speaker"]) <= {"MS. PSAKI", "MR. SINGH", "Q"}
    money = c[c["kind"] == "money"].set_index("number")
    assert money.loc["$750 billion", "qualifier"] == "over" and money.loc["$750 billion", "value"] == 7.5e11
    half = c[c["number"] == "half"].iloc[0]
    assert (half["qualifier"], half["noun"]) == ("more than", "Russian banking system’s assets")


def test_claim_tokens_are_the_tokens_of_finditer():
    """The parser's tokens (texts and offsets from two findall calls, objects made when read) are those of
    _TOKEN_RE.finditer, white space of every kind around them."""
    from toolkit.entities import _TOKEN_RE, _Tokens

    texts = ["", " ", "  2,000.5 people\t(30%)  ", "U.S. $34 billion—or 1-800-621-3362; ’22 and 1990s.",
             "\u00a0٣ ² ½ café’s naïve\u2009x\n", "a", "Seventeen, twenty-five…", "x  "]
    for text in texts:
        toks = _Tokens(text)
        want = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
        assert len(toks) == len(want) and toks.starts == [w[0] for w in want] and toks.ends == [w[1] for w in want]
        assert [(t.start, t.end, t.text) for t in toks] == want
        assert [(t.is_num, t.is_word, t.low) for t in toks] == [(w[2][0].isdecimal(), w[2][0].isalpha(), w[2].lower())
                                                                 for w in want]
        if want:
            assert toks[-1] is toks[-1] and (toks[-1].start, toks[-1].text) == want[-1][::2]
        with pytest.raises(IndexError):
            toks[len(want)]


def test_actor_matches_from_the_joined_scan_are_those_of_each_text():
    """actors() scans all texts joined and hands each text its spans: the same mentions as a scan of each
    text, with forms and titles at the very start and end of texts, and empty texts between them."""
    g = load_gazetteer()
    texts = ["China", "", "President Xi", "Talks with NATO and the WTO (World Trade Organization).",
             "Secretary Blinken met President Xi", "x.China", "Georgia and Armenia", "Jordan", "  ", "Russia",
             INTERVIEW.read_text(encoding="utf-8")]
    scanned = g._scan(texts)
    assert scanned is not None and g._may_name(texts) == sorted(scanned)
    for i, text in enumerate(texts):
        plain = g.match(text)
        assert (i in scanned) == bool(_spans(g._forms_re, text) or _spans(g._titles_re, text))
        assert g.match(text, scanned.get(i, ([], []))) == plain
    assert g._scan(["China", "a\0b"]) is None and g._may_name(["China", "a\0b"]) == range(2)
    assert g._scan(["China", None]) is None


def test_superscript_digits_are_not_numbers():
    """"²" is a digit to str.isdigit but no number to float(): a sentence with one used to stop the analysis."""
    import toolkit
    from toolkit.entities import claims
    t = toolkit.read_transcript("Q: How big?\n\nA: It is ² percent. The score was ²³. Costs rose ²/³. "
                                "The area is 5 km², and ٣٤ percent agree.\n", doc_id="x")
    found = claims(t.sentences)
    assert [t.text[s:e] for s, e in zip(found["start"], found["end"], strict=True)] == ["5", "٣٤ percent"]
