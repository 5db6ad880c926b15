"""Codebooks as data: loading, validation errors, matching rules."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.codebook import default_codebook_path, load_codebook


def write(tmp_path, text, name="cb.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_shipped_codebook_loads_with_its_provenance():
    cb = load_codebook()
    assert cb.topics == ["terrorism", "trade", "tourism", "cooperation"]
    assert cb.version and cb.source and cb.meta.get("licence")
    assert all(cb.definitions[t] for t in cb.topics)
    assert cb.path == default_codebook_path() and len(cb.sha256) == 64


def test_globs_phrases_and_longest_match(tmp_path):
    cb = load_codebook(write(tmp_path, """
topics:
  terrorism:
    definition: terrorism
    strong: ["*terror*"]
    weak: [attack*]
  cooperation:
    definition: cooperation
    strong: [cooperat*]
    weak: ["shanghai cooperation organi?ation"]
ignore: [trade union*]
"""))
    ms = cb.match("The Shanghai Cooperation Organisation fights anti-terrorism and terrorist attacks; "
                  "trade unions cooperate.")
    got = [(m.topic, m.text, m.weight) for m in ms]
    assert got == [("cooperation", "Shanghai Cooperation Organisation", 0.5),
                   ("terrorism", "anti-terrorism", 2.0), ("terrorism", "terrorist", 2.0),
                   ("terrorism", "attacks", 0.5), (None, "trade unions", 0.0), ("cooperation", "cooperate", 2.0)]
    # offsets point into the text
    text = "We cooperate."
    m = cb.match(text)[0]
    assert text[m.start:m.end] == "cooperate"
    # ? is one character; * does not cross words
    assert [m.text for m in cb.match("shanghai cooperation organization")] == ["shanghai cooperation organization"]
    assert cb.match("terror cell")[0].text == "terror"


@pytest.mark.parametrize("body,message", [
    ("topics: {}\n", "with at least one topic"),
    ("colour: red\ntopics:\n  a:\n    patterns: [x]\n", r"unknown codebook key\(s\) \['colour'\]"),
    ("topics:\n  trade:\n    definition: only words\n", "topic 'trade' has no patterns"),
    ("topics:\n  trade:\n    patterns: [x]\n    weights: 2\n", r"topic 'trade' has unknown key\(s\) \['weights'\]"),
    ("topics:\n  trade:\n    patterns: ['tariff(s)']\n", "pattern 'tariff\\(s\\)' has characters"),
    ("topics:\n  trade:\n    patterns: ['**']\n", "a word made only of wildcards"),
    ("topics:\n  trade:\n    patterns: ['']\n", "a pattern must be a non-empty text"),
    ("topics:\n  Trade Policy:\n    patterns: [x]\n", "topic name 'Trade Policy' must be lower case"),
    ("min_score: 0\ntopics:\n  a:\n    patterns: [x]\n", "'min_score' must be a positive number"),
    ("topics:\n  a:\n    patterns: x\n", "'patterns' must be a list"),
    ("topics: [a, b\n", "is not a valid UTF-8 YAML codebook"),
])
def test_bad_codebooks_name_the_file_and_the_problem(tmp_path, body, message):
    p = write(tmp_path, body)
    with pytest.raises(toolkit.TranscriptError, match=rf"cb\.yaml: .*{message}"):
        load_codebook(p)


def test_missing_codebook(tmp_path):
    with pytest.raises(toolkit.TranscriptError, match="codebook file not found"):
        load_codebook(tmp_path / "nope.yaml")


def test_a_users_codebook_with_any_topics(tmp_path):
    from toolkit.topics import code_topics
    p = write(tmp_path, """
name: climate
version: "0.1"
topics:
  climate:
    definition: climate change and emissions
    strong: [climate, emission*]
  energy:
    definition: energy sources
    patterns: [oil, gas, coal, energy]
""")
    t = toolkit.read_transcript("Q: What about climate?\n\nA: Emissions fell. Coal use fell.\n")
    s = code_topics(t.sentences, p)
    assert s["topic"].tolist() == ["climate", "climate", "energy"]
    assert s["topic_terms"].tolist() == ["climate 2: climate", "climate 2: Emissions", "energy 1: Coal"]


def test_not_words_cancel_weaker_evidence_only(tmp_path):
    from toolkit.topics import code_topics
    p = write(tmp_path, """
topics:
  cooperation:
    definition: cooperation
    strong: [cooperat*]
    patterns: [nato, partners]
    not: [condemn*]
""")
    t = toolkit.read_transcript("A: We condemn what NATO partners did. We condemn it but cooperation goes on. "
                                "NATO partners met.\n")
    s = code_topics(t.sentences, p, context=False)
    assert s["topic"].tolist() == ["", "cooperation", "cooperation"]
    # the words are still shown, with the cancellation; and the sentence takes no topic from context
    assert s["topic_terms"].tolist()[0] == "cooperation 0 (cancelled by condemn): NATO, partners"
    s = code_topics(t.sentences, p)
    assert s["topic"].tolist() == ["", "cooperation", "cooperation"]
    with pytest.raises(toolkit.TranscriptError, match="'not' must be a list"):
        load_codebook(write(tmp_path, "topics:\n  a:\n    patterns: [x]\n    not: y\n", "bad.yaml"))


def test_more_codebook_mistakes(tmp_path):
    with pytest.raises(toolkit.TranscriptError, match=r"cb\.yaml: .*the key 'climate' appears twice"):
        load_codebook(write(tmp_path, "topics:\n  climate:\n    patterns: [a]\n  climate:\n    patterns: [b]\n"))
    with pytest.raises(toolkit.TranscriptError, match="pattern 'oil' is listed under both 'energy' and 'climate'"):
        load_codebook(write(tmp_path, "topics:\n  energy:\n    definition: d\n    patterns: [oil]\n"
                                      "  climate:\n    definition: d\n    weak: [oil]\n"))
    with pytest.warns(toolkit.ToolkitWarning, match="topic 'a' has no definition"):
        load_codebook(write(tmp_path, "topics:\n  a:\n    patterns: [x]\n"))
    with pytest.raises(FileNotFoundError, match="is a folder, not a codebook file"):
        load_codebook(tmp_path)
    with pytest.raises(toolkit.TranscriptError, match=r"Quote patterns that start with \*"):
        load_codebook(write(tmp_path, "topics:\n  a:\n    weak: [temperature?]\n"))


def test_globs_stay_in_a_word_and_phrases_skip_punctuation(tmp_path):
    cb = load_codebook(write(tmp_path, """
topics:
  terrorism:
    definition: terrorism
    strong: ["terror*ism", "new york attack*"]
  trade:
    definition: trade
    patterns: [tariff*]
"""))
    # "terror*ism" is one word: not "terror ism", but "terror-ism" (inner hyphen: one word) at 15-25
    assert [(m.text, m.start, m.end) for m in cb.match("Terror ism and terror-ism.")] == [("terror-ism", 15, 25)]
    # only words are compared, so a phrase may have punctuation between its words
    assert [(m.text, m.start, m.end) for m in cb.match("New, York attacks; new york. Attack")] == \
        [("New, York attacks", 0, 17), ("new york. Attack", 19, 35)]
    # "İ" lowers to two characters and "É" is a cased letter outside ASCII: offsets still point into the text
    assert [(m.text, m.start, m.end) for m in cb.match("İzmir: TARIFFS, terrorism")] == \
        [("TARIFFS", 7, 14), ("terrorism", 16, 25)]
    assert [(m.start, m.end) for m in cb.match("ÉTATS tariffs")] == [(6, 13)]


def test_fold_case_only_where_offsets_and_case_insensitive_matches_are_kept():
    from toolkit.codebook import fold_case
    assert fold_case("U.S. Tariffs — don’t") == "u.s. tariffs — don’t"
    # İ lowers to two characters, Σ by context; re.IGNORECASE matches ſ to s and the Kelvin sign to k
    for text in ("İzmir", "ÉTATS", "ΟΔΟΣ", "ſtar", "\u212aelvin"):
        assert fold_case(text) is None


def test_word_counts_are_count_words():
    from toolkit.codebook import word_counts
    from toolkit.text import count_words
    texts = ["Don’t U.S. anti-terrorism 1.5%", "İzmir — ÉTATS", "", "a_b"]
    load_codebook().match(texts[0])   # its words are cached now
    assert word_counts(texts) == [count_words(t) for t in texts] == [4, 2, 0, 2]
