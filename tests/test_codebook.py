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


def test_words_and_offsets_of_every_kind_of_text():
    """The words the matcher reads are WORD_RE's on the folded text (or each word lowered on its own), and a
    match's offsets are its words' wherever the same letters also occur elsewhere in the text."""
    from toolkit.codebook import _Words, fold_case
    from toolkit.text import WORD_RE
    texts = ["", "—", "Don’t stop: U.S. anti-terrorism 1.5%", "北京 trade 北京", "x² tariffs ½", "a_b don't",
             "İzmir İZMİR", "\u212aelvin ſtar", "port export PORT exports", "ΟΔΟΣ port", "‘quoted’ — “words”"]
    for text in texts:
        tw = _Words(text)
        low = fold_case(text)
        expected = WORD_RE.findall(low) if low is not None else [w.lower() for w in WORD_RE.findall(text)]
        spans = [m.span() for m in WORD_RE.finditer(text)]
        assert tw.words == expected and tw._low == low, text
        for i in range(len(spans)):   # every word and every phrase of up to three words
            for j in range(i, min(i + 3, len(spans))):
                assert _Words(text).span(i, j) == (spans[i][0], spans[j][1]), (text, i, j)
                assert tw.span(i, j) == (spans[i][0], spans[j][1]), (text, i, j)


def test_repeated_letters_phrases_and_glob_second_words(tmp_path):
    cb = load_codebook(write(tmp_path, """
ignore: ["the white house"]
topics:
  trade:
    definition: trade
    patterns: [port, "trade war*", "free trade agree*", "export ban"]
  tourism:
    definition: tourism
    weak: ["the ?isit", "the tour*", "new york"]
"""))
    text = "Export port: PORT, the export ban. The White House, the visit, the tours and the"
    got = [(m.topic, m.text, m.start, m.end) for m in cb.match(text)]
    assert got == [("trade", "port", 7, 11), ("trade", "PORT", 13, 17), ("trade", "export ban", 23, 33),
                   (None, "The White House", 35, 50), ("tourism", "the visit", 52, 61),
                   ("tourism", "the tours", 63, 72)]
    assert [text[m.start:m.end] for m in cb.match(text)] == [m.text for m in cb.match(text)]
    assert [m.text for m in cb.match("Free trade agreements, trade wars; new")] == \
        ["Free trade agreements", "trade wars"]
    assert cb.match("the") == [] and cb.match("") == [] and cb.match("the new") == []


def test_scanning_many_texts_is_matching_each():
    from toolkit.codebook import _WORDS_CACHE
    cb = load_codebook()
    texts = ["Terrorist attacks.", "", "Trade unions oppose the trade deal.", "İzmir: TARIFFS, terrorism",
             "Nothing here.", "Terrorist attacks.", "\u212aelvin tourism"]
    skip = [False, False, False, False, False, True, False]
    _WORDS_CACHE.clear()
    found = cb._matcher.scan_many(texts, skip)
    assert [k for k, _ in found] == [0, 2, 3, 6]
    for k, matches in found:
        assert [(p.topic, p.text, p.weight, s, e, texts[k][s:e]) for p, s, e in matches] == \
            [(m.topic, m.pattern, m.weight, m.start, m.end, m.text) for m in cb.match(texts[k])]


def test_the_fast_word_pattern_finds_the_words_of_plain_texts():
    import random

    from toolkit.codebook import _PLAIN_WORD_RE, _Words
    from toolkit.text import WORD_RE
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice("ab1Z '’-._,—\u00a0") for _ in range(rng.randint(0, 12)))
        assert _PLAIN_WORD_RE.findall(text.lower()) == WORD_RE.findall(text.lower()), text
        assert _Words(text).words == WORD_RE.findall(text.lower()), text
    # letters and digits outside ASCII that have no case take the full pattern
    assert _Words("北京’s x² ½-way").words == ["北京’s", "x²", "½-way"]


def test_shipped_data_files_read_the_same_by_libyaml_and_by_python():
    """The shipped data files are read by libyaml when PyYAML has it (faster start of every worker): the same
    values as PyYAML's Python parser gives; users' files are read by the Python parser (see the mistakes
    above: libyaml would accept [temperature?])."""
    import yaml

    from toolkit.codebook import _is_shipped
    from toolkit.io import _FAST_LOADER, UniqueKeyLoader
    files = sorted(default_codebook_path().parent.glob("*.yaml"))
    assert len(files) >= 5 and all(_is_shipped(p) for p in files)
    if _FAST_LOADER is None:
        pytest.skip("PyYAML was built without libyaml")
    for p in files:
        text = p.read_text(encoding="utf-8-sig")
        assert yaml.load(text, Loader=_FAST_LOADER) == yaml.load(text, Loader=UniqueKeyLoader), p.name
