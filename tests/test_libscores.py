"""toolkit.libscores gives TextBlob's and VADER's scores bit for bit: every test compares with the libraries."""

from __future__ import annotations

import random
import re
import struct

import pytest
from conftest import INTERVIEW, ROOT, WH_CORPUS, needs_shared
from textblob import TextBlob, _text
from textblob.en import sentiment as pattern_sentiment
from vaderSentiment import vaderSentiment as vs

import toolkit
from toolkit import libscores

TRICKY = [
    "", " ", "\n", " \t\r\n ", "\n\n", ".", "...", "!", "?", "(!)", "!!!", "A.", "Q", "No.", "Not.",
    # plain, negated, boosted, dampened
    "The book was good.", "The book was not good.", "The book was not very good.", "The book was very good!",
    "It is not bad at all.", "Never so good.", "Never this bad.", "Without a doubt, an excellent idea.",
    "The plot was kind of good.", "The plot was sort of bad, kinda.", "Kind of slow.", "What kind of man is he?",
    "Hardly a success, barely a failure.", "Not such a badass after all.", "It's the shit!", "He is the bomb.",
    "That was a kiss of death.", "This cake is to die for.", "Yeah right, bad ass.", "Next to the bus stop.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Good, but bad, but good.", "But it was good.", "It was good but.", "Good good good but bad bad.",
    "At least it isn't a horrible book.", "The least compelling variation.", "Very least good.",
    "No good, no bad.", "No or nor good.", "There is no problem.", "no", "No no no good.",
    # capitals
    "VADER is VERY SMART, handsome, and FUNNY!!!", "GOOD", "GOOD bad", "SO tired.", "NOT GOOD, not good.",
    "It is NOT good.", "VERY bad and VERY good.",
    # punctuation, emphasis, questions
    "Thank you!!!", "Thank you!!!!!!", "Really?? Really???", "Good?!?!", "Great (!) idea.", "Sure ( ! ) that works.",
    "Good ... bad...", "Well... good.", "Wait....what?", "Good.Bad.", "Good;bad:neutral", "Good--bad", "good-bad",
    # emoticons (joined and split by the tokenizer), emoji
    "We met :) today.", "We met : ) today.", "Sad :( face.", "Meeting 8) at nine.", "At 18) the end.", "<3 the team",
    "o.O what", "o . O", "Hmm >.> ok", ":-. hmm", ":'( crying", ": ' ( crying", "XD lol", "xD",
    "Make sure you :) or :D",
    "The ceremony 🎉 begins.", "Catch utf-8 emoji such as 💘 and 💋 and 😁", "Brand™ and ©", "🙂", "good 😀 bad",
    # contractions and quotes
    "We won't go.", "It isn't.", "They can't.", "I'd've said it's good.", "She'll be great, we're sure, I'm not.",
    "It’s not bad.", "Don’t worry, it’s “great”.", "He said \"good\" and 'bad'.", "‘Fine,’ she said.",
    "'good' 'bad' \"x\"", "The dog's bone is good.", "n't good", "Not n't good",
    # abbreviations and numbers
    "Mr. Smith is good.", "The U.S. is great.", "Dr. No is bad.", "E.g. good, i.e. bad, etc.", "At 9 a.m. sharp.",
    "St. Louis vs. Chicago.", "It cost $3.50, a 20% rise in 2021.", "On the 13th of May.", "1,000,000 good 2.5",
    # paragraph breaks, odd whitespace, the tokenizer's own marker
    "Good.\n\nBad.", "Good\r\n\r\nbad", "Good\n\n\n", "good END-OF-SENTENCE bad", "Good\u00a0bad\u2003terrible",
    "Good\u2028bad", "tab\tgood\x0bbad\x0cworse\x1cgreat",
    # words the lexicons map specially, other scripts
    "He's well-off now.", "The mouth-watering offer.", "Self-acting systems.", "F*cking hell.", "The 20th century.",
    "Terribly good, happily sad.", "İyi ΟΔΟΣ naïve café", "KİND of good", "ABSOLUTELY fantastic",
]


def _same(x, y) -> bool:
    """Equal to the last bit (0.0 and -0.0 differ) and of the same type."""
    if type(x) is not type(y):
        return False
    if isinstance(x, float):
        return struct.pack("<d", x) == struct.pack("<d", y)
    return x == y


@pytest.fixture(scope="module")
def vader():
    """A separate instance of the library's analyser (not the one libscores uses)."""
    return vs.SentimentIntensityAnalyzer()


def _library_valences(analyzer, text: str) -> list:
    """polarity_scores' valences before score_valence, by the library's own code (its loop, as written)."""
    sentitext = vs.SentiText(text.strip())
    words = sentitext.words_and_emoticons
    sentiments: list = []
    for i, item in enumerate(words):
        valence = 0
        if item.lower() in vs.BOOSTER_DICT:
            sentiments.append(valence)
            continue
        if i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of":
            sentiments.append(valence)
            continue
        sentiments = analyzer.sentiment_valence(valence, sentitext, item, i, sentiments)
    return analyzer._but_check(words, sentiments)


def _mismatches(texts, vader) -> list[str]:
    """Every way the fast scores differ from the libraries' on ``texts`` (empty when identical)."""
    problems = []
    tb = libscores._textblob()
    for text in texts:
        fast_tb = libscores.textblob_scores(text)
        lib_tb = tuple(pattern_sentiment(text))
        blob = TextBlob(text).sentiment
        if not (all(map(_same, fast_tb, lib_tb)) and all(map(_same, fast_tb, (blob.polarity, blob.subjectivity)))):
            problems.append(f"textblob {text!r}: {fast_tb} != {lib_tb}")
        words = [w.lower() for w in " ".join(pattern_sentiment.tokenizer(text)).split()]
        if libscores._words(tb, text) != words:
            problems.append(f"textblob words {text!r}")
        fast_v, lib_v = libscores.vader_scores(text), vader.polarity_scores(text)
        if list(fast_v) != list(lib_v) or not all(_same(fast_v[k], lib_v[k]) for k in lib_v):
            problems.append(f"vader {text!r}: {fast_v} != {lib_v}")
        if libscores._vader().emoji_chars.isdisjoint(text):  # the fast path's own valences, before rounding
            valences, scored = libscores._sentiments(libscores._vader(), text.strip())
            expected = _library_valences(vader, text)
            if (len(valences) != len(expected) or not all(map(_same, valences, expected)) if scored
                    else any(expected)):
                problems.append(f"vader valences {text!r}: {valences} != {expected}")
    return problems


def test_the_verified_versions_use_the_fast_paths():
    assert libscores.fast_paths() == {"textblob": True, "vaderSentiment": True}


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_score_as_the_libraries_score_them(text, vader):
    assert _mismatches([text], vader) == []


def test_random_texts_built_from_the_rules_words(vader):
    """Texts assembled from the words and marks every rule of either library looks at, glued or spaced."""
    pieces = sorted({w for t in TRICKY for w in t.split()} | {
        "good", "bad", "great", "horrible", "love", "hate", "funny", "not", "no", "never", "nor", "or", "very",
        "really", "extremely", "kind", "of", "sort", "but", "least", "at", "without", "doubt", "so", "this", "the",
        "isn't", "don't", "n't", "GOOD", "BAD", "VERY", "Not", "NO", "kinda", "hardly", "most", "less", "uber",
        "!", "!!", "?", "??", "(!)", "(", ")", ":", "'", '"', "“", "”", "‘", "’", ".", "..", "...", ",", ";",
        ":)", ":(", ":-)", ":D", "XD", "8", "8)", "<3", ";)", ":'(", "o", "O", ">.>", ":-.", "Mr.", "U.S.", "e.g.",
        "a.m.", "3.5", "well-off", "happily", "terribly", "END-OF-SENTENCE", "\n", "\n\n", "😀", "sux", "lol"})
    rng = random.Random(0)
    texts = []
    for _ in range(3000):
        parts = [rng.choice(pieces) for _ in range(rng.randint(1, 14))]
        texts.append("".join(p + rng.choice([" ", " ", " ", "", "  ", "\n"]) for p in parts))
    assert _mismatches(texts, vader) == []


def test_find_tokens_whitespace_is_what_str_split_splits_on():
    """find_tokens collapses ``\\s+`` and takes ``(\\S+)\\s``; the fast path uses str.split: the same for
    every Unicode character."""
    every = "x".join(map(chr, range(0x110000)))
    assert _text.TOKEN.findall(re.sub(r"\s+", " ", every) + " ") == every.split()


def test_the_interview_and_fixtures_score_as_the_libraries_score_them(vader):
    texts = list(toolkit.read_transcript(INTERVIEW).sentences["text"])
    for path in sorted((ROOT / "tests" / "fixtures").glob("*")):
        if path.suffix in (".txt", ".md"):
            texts += list(toolkit.read_transcript(path).sentences["text"])
    assert len(texts) > 50
    assert _mismatches(texts, vader) == []


@needs_shared
def test_white_house_sentences_score_as_the_libraries_score_them(vader):
    texts: list[str] = []
    for path in sorted(WH_CORPUS.rglob("*.md"))[::60]:
        texts += list(toolkit.read_transcript(path).sentences["text"])
        if len(texts) >= 3000:
            break
    texts = texts[:3000]
    assert len(texts) == 3000
    assert _mismatches(texts, vader) == []


def test_other_library_versions_get_the_libraries_own_calls(monkeypatch, vader):
    monkeypatch.setattr(libscores, "_verified", lambda package: False)
    libscores._textblob.cache_clear()
    libscores._vader.cache_clear()
    try:
        assert libscores.fast_paths() == {"textblob": False, "vaderSentiment": False}
        for text in ("The book was not very good :)", "Good, but bad!!", ""):
            assert libscores.textblob_scores(text) == tuple(pattern_sentiment(text))
            assert libscores.vader_scores(text) == vader.polarity_scores(text)
    finally:
        monkeypatch.undo()
        libscores._textblob.cache_clear()
        libscores._vader.cache_clear()
    assert libscores.fast_paths() == {"textblob": True, "vaderSentiment": True}


def test_score_valence_is_the_librarys_on_any_valences(vader):
    """The fast path's score_valence (sift over the non-zero valences, emphasis inlined) against the library's,
    on valence lists with int and float zeros, -0.0, ties and every count of "!" and "?"."""
    rng = random.Random(1)
    choices = [0, 0, 0, 0.0, -0.0, 1.9, -1.9, 0.5, -0.5, 3.1, -2.25, 1e-9, -4.0]
    v = libscores._vader()
    for _ in range(3000):
        valences = [rng.choice(choices) for _ in range(rng.randint(1, 12))]
        text = "word " * len(valences) + "!" * rng.randint(0, 6) + "?" * rng.randint(0, 5)
        ours, theirs = libscores._score_valence(v, list(valences), text), vader.score_valence(list(valences), text)
        assert list(ours) == list(theirs) and all(_same(ours[k], theirs[k]) for k in theirs), (valences, text)


def test_the_grouped_face_pairs_find_what_the_pairs_find():
    """``joinable`` (one branch per first character) finds a pair exactly where the alternation of the pairs of
    characters of the faces, each around a space, finds one."""
    from itertools import pairwise
    pairs = sorted({a + " " + b for faces in _text.EMOTICONS.values() for face in faces for a, b in pairwise(face)})
    plain = re.compile("|".join(map(re.escape, pairs)))
    joinable = libscores._textblob().joinable
    chars = sorted({c for p in pairs for c in p} | set("aAzZ19!?,.\n"))
    rng = random.Random(2)
    for text in [*pairs, *(p.replace(" ", "") for p in pairs), *(p.replace(" ", "  ") for p in pairs)] + [
            "".join(rng.choice(chars) for _ in range(rng.randint(0, 12))) for _ in range(20000)]:
        assert (joinable.search(text) is None) == (plain.search(text) is None), text


@pytest.mark.parametrize("text", [
    "Good. Bad. Great.", "It was good. It was not. Was it?", "Good? Bad.", "Good... bad... great.", "Good.) (bad.",
    "He said “good.” She said ‘bad.’ Fine.", "'Good.' 'Bad.' \"Great.\"", "Good. Nice. :) Bad.", "Good. Nice : ) bad.",
    "Good. Nice. XD", "Good. Nice x D", "Good. Great! Bad.", "Good. (!) Bad.", "Good.\n\nBad. Great.",
    "Good. END-OF-SENTENCE. Bad.", "Mr. Good. Dr. Bad. U.S. great.", "Good. Sure o . O fine.", "Good.8) nine.",
    "Good. 8 ) nine.", "Good.. Bad.. .", ". . . good", "GOOD. Bad. NOT good.", "İyi. ΟΔΟΣ. Naïve café."])
def test_texts_of_several_sentences_score_as_the_libraries_score_them(text, vader):
    """The words of a text without "!", paragraph breaks and split faces are its tokens, lowercased; with them,
    the library's sentence loop."""
    assert _mismatches([text], vader) == []


@pytest.mark.parametrize("text", [
    "It is kind of good.", "Kind of good and sort of bad.", "The bomb is the bomb, good.", "Good, the bomb.",
    "A kiss of death, good.", "Good kiss of death bad.", "Cake to die for, good.", "It is, to die for.",
    "Yeah right, good.", "Good yeah right.", "Just enough good.", "It was just enough, good.", "Bad ass good.",
    "the shit good bad", "good the shit", "at least good", "Very least good.", "least good", "The least good.",
    "At LEAST it isn't bad.", "good least", "Least", "THE BOMB good", "kind OF good", "Kiss of good death.",
    "the the bomb good great", "of death kiss good"])
def test_idioms_and_least_are_checked_where_they_may_apply(text, vader):
    """_special_idioms_check runs only where two neighbouring words start one of its phrases, _least_check only
    in a sentence with "least": the valences are the library's either way."""
    assert _mismatches([text], vader) == []


def test_a_tokens_pieces_start_and_end_with_its_own_characters():
    """_words finds a face split by a space where two tokens meet in " ".join(split): a token's pieces (never
    empty) start with its first character and end with its last (its punctuation loops drop only periods
    before a final "...")."""
    tb = libscores._textblob()
    chars = [*".,;:!?()[]{}`'\"@#$^&*+-|=~_xXdDpPoO38<>/\\aA", "...", "n't", "'s", "’", "“", "😀", "é"]
    rng = random.Random(3)
    for _ in range(50000):
        token = "".join(rng.choice(chars) for _ in range(rng.randint(1, 8)))
        pieces = libscores._Pieces(tb)[token]
        assert pieces and all(pieces), token
        assert pieces[0][0] == token[0] and pieces[-1][-1] == token[-1], token


@pytest.mark.parametrize("text", [
    "We met :) today.", "We met : ) today.", "It -protect us", "x-D good", "go (: now", "good :-) bad :-( fine",
    "good :- ) bad", "good : -) bad", "good. -p bad", "8) good", "8 ) good", "-pretty good", "not -pretty good",
    "very :) good", "not :) good", "really not good", "not a very good", "not, good", "a b c d e f g", "the of and"])
def test_faces_split_inside_or_between_tokens_score_as_the_libraries_score_them(text, vader):
    """A face split by a space where a token's pieces meet (``_Lowered.joined``) or where two tokens meet; and
    texts whose words are none of TextBlob's active words (nor VADER's lexicon's), the early returns."""
    assert _mismatches([text], vader) == []


def test_the_caches_score_the_same_when_cleared_between_texts(vader, monkeypatch):
    """The token caches are bounded: scores with the caches cleared before every text are the same."""
    texts = [t for t in TRICKY if t] * 2
    expected = [(libscores.textblob_scores(t), libscores.vader_scores(t)) for t in texts]
    tb, v = libscores._textblob(), libscores._vader()
    got = []
    for t in texts:
        tb.lowered.clear()
        tb.lowered.joined.clear()
        tb.pieces.clear()
        v.tokens.clear()
        v.tokens.plain.clear()
        got.append((libscores.textblob_scores(t), libscores.vader_scores(t)))
    assert got == expected
    assert _mismatches(texts, vader) == []


def test_vader_plain_tokens_are_exactly_those_without_valence():
    """``_TokenCache.plain`` holds the tokens met whose word is not scored: a text of only those is all zeros."""
    v = libscores._vader()
    for text in ["the of and a", "good the", "kind of", "no no", "GOOD", "... ,,, !!", "the the the"]:
        libscores.vader_scores(text)
        for token in text.split():
            assert (token in v.tokens.plain) == (not v.tokens[token][2]), token
