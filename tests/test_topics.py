"""Topic coding rules on small transcripts, and agreement with the project's human coding."""

from __future__ import annotations

import glob

import pandas as pd
import pytest

import toolkit
from toolkit.topics import code_topics, topic_segments, topics_by_speaker, turn_topics, unit_topics
from toolkit.validation import agreement, classification_report, pk, windowdiff

from conftest import INTERVIEW, REPORT, ROOT, WH_CORPUS, needs_shared

ANNOTATIONS = ROOT / "data" / "annotations"


def coded(text, **kw):
    """The codebook's coding (the rules of toolkit/topics.py; the topic model is tested in test_topic_model.py)."""
    t = toolkit.read_transcript(text)
    return code_topics(t.sentences, **{"model": False, **kw})


def test_evidence_terms_and_primary():
    s = coded("Q: Will tariffs and protectionism hurt cooperation?\n\nA: Terrorist attacks worry us.\n")
    assert s["topics"].tolist() == ["trade|cooperation", "terrorism"]
    assert s["topic"].tolist() == ["trade", "terrorism"]  # tariffs + protectionism (4) beat cooperation (2)
    assert s["topic_terms"].tolist() == ["trade 4: tariffs, protectionism; cooperation 2: cooperation",
                                         "terrorism 2.5: Terrorist, attacks"]
    assert s["topic_source"].tolist() == ["terms", "terms"]


def test_context_follow_up_question_and_answer():
    s = coded("Q: Western media link the SCO with NATO and other alliances. What is your reaction?\n\n"
              "A: We reject that. Our cooperation is open.\n\n"
              "Q: And terrorism? Thank you.\n\nA: It is a threat to everyone.\n")
    assert s["topic"].tolist() == ["cooperation", "cooperation", "cooperation", "cooperation",
                                   "terrorism", "", "terrorism"]
    assert s["topic_source"].tolist() == ["terms", "context", "context", "terms", "terms", "", "context"]


def test_captions_greetings_and_procedure_take_no_topic():
    s = coded("Trade talks resume\n\nDelegates discuss tariffs. (Photo by Alan)\n\n"
              "MODERATOR: Good afternoon! The call is on background.\n\n"
              "Q: On tariffs: will they rise?\n\nMS. X: Thank you. They will rise.\n")
    by_text = dict(zip(s["text"], s["topic"]))
    assert by_text["Trade talks resume"] == "trade"        # a title: narrator text, coded by its words
    assert by_text["Delegates discuss tariffs."] == ""     # caption
    assert by_text["Good afternoon!"] == "" and by_text["The call is on background."] == ""
    assert by_text["Thank you."] == "" and by_text["They will rise."] == "trade"


def test_passage_between_two_paragraphs_on_one_topic():
    s = coded("MR. X: Our plan counters domestic terrorism.\n\nIt has four pillars.\n\n"
              "The second pillar prevents terrorist recruitment.\n\nIt also funds schools.\n")
    assert s["topic"].tolist() == ["terrorism", "terrorism", "terrorism", ""]
    assert s["topic_source"].tolist() == ["terms", "context", "terms", ""]


def test_a_weak_stray_match_does_not_flip_the_passage():
    s = coded("A: Terrorism kills. Our relations with neighbours are good. Terrorists must be stopped.\n")
    assert s["topic"].tolist() == ["terrorism", "terrorism", "terrorism"]
    assert s["topics"].tolist()[1] == "terrorism|cooperation"
    bare = coded("A: Terrorism kills. Our relations with neighbours are good. Terrorists must be stopped.\n",
                 context=False)
    assert bare["topic"].tolist() == ["terrorism", "cooperation", "terrorism"]


def test_turns_segments_and_shares():
    t = toolkit.read_transcript(INTERVIEW)
    s = code_topics(t.sentences, model=False)
    turns = turn_topics(t.turns, s)
    assert turns.loc[turns.speaker == "Massource", "topic"].tolist()[1:] == ["cooperation", "trade"]
    seg = topic_segments(s)
    assert seg["first_sentence_id"].iloc[0] == 1 and seg["last_sentence_id"].iloc[-1] == 70
    assert (seg["first_sentence_id"].iloc[1:].to_numpy() == seg["last_sentence_id"].iloc[:-1].to_numpy() + 1).all()
    assert (seg["topic"] != seg["topic"].shift()).all()
    assert seg["n_sentences"].sum() == 70 and all(t.text[a:b] for a, b in zip(seg["start"], seg["end"]))
    share = topics_by_speaker(s)
    assert share.groupby("speaker")["share"].sum().round(10).eq(1).all()
    alimov = share[share.speaker == "Alimov"].set_index("topic")
    assert alimov["n_words"].sum() == t.speakers.set_index("speaker").loc["Alimov", "n_words"]
    assert alimov["share"].idxmax() == "cooperation"


def test_unit_topics_by_paragraph():
    s = coded("Q: Tariffs? Really?\n\nA: We will see.\n\nWe cooperate with partners and allies. Tariffs hurt.\n")
    u = unit_topics(s, by="paragraph_id")
    assert u["topic"].tolist() == ["trade", "trade", "cooperation"]
    assert u["topics"].tolist()[2] == "cooperation|trade"


# ---------------------------------------------------------------------------
# Agreement with the project's human coding (see data/annotations/README.md)
# ---------------------------------------------------------------------------

def _interview_auto(model=False):
    t = toolkit.read_transcript(INTERVIEW)
    return code_topics(t.sentences, model=model).rename(columns={"topic": "primary"})


@pytest.mark.parametrize("label,model,guard_b", [
    # the codebook's coding (measured 0.72 vs B when written, 0.755 now)
    ("codebook", False, 0.70),
    # the toolkit's topic: the shipped topic model, trained on this coding too (0.916 vs A, 0.804 vs B when
    # shipped; 0.871 and 0.755 when the interview is left out of its training, data/annotations/README.md)
    ("topic model", "shipped", 0.75),
])
def test_interview_agreement_with_human_coding(label, model, guard_b):
    auto = _interview_auto(model)
    a = pd.read_csv(ANNOTATIONS / "alimov_sco_interview.topics.csv", keep_default_na=False)
    b = pd.read_csv(ANNOTATIONS / "alimov_sco_interview.topics.coder_b.csv", keep_default_na=False)
    # the annotation rows are the reader's sentences
    reader = toolkit.read_transcript(INTERVIEW).sentences
    for col in ("sentence_id", "start", "end", "text"):
        assert a[col].tolist() == reader[col].tolist() == b[col].tolist()
    vs_a = agreement(a, auto).iloc[0]
    vs_b = agreement(b, auto).iloc[0]
    humans = agreement(a, b).iloc[0]
    f1 = classification_report(a, auto).set_index("category").loc["macro", "f1"]
    ref, hyp = a["primary"].tolist(), auto["primary"].tolist()
    REPORT.append(f"interview, primary topic ({label}), 70 sentences: alpha auto-vs-A {vs_a.krippendorff_alpha:.3f}, "
                  f"auto-vs-B {vs_b.krippendorff_alpha:.3f}, A-vs-B {humans.krippendorff_alpha:.3f}; "
                  f"kappa auto-vs-A {vs_a.cohen_kappa:.3f}; macro-F1 vs A {f1:.3f}; "
                  f"Pk {pk(ref, hyp):.3f}, WindowDiff {windowdiff(ref, hyp):.3f} (segments vs A)")
    assert vs_a.krippendorff_alpha >= 0.80     # the bar, against the coder who coded first
    assert vs_b.krippendorff_alpha >= guard_b  # regression guard


def _briefing_units(gold):
    units = []
    for doc in gold["doc_id"].unique():
        t = toolkit.read_transcript(glob.glob(str(WH_CORPUS / "*" / f"{doc}.md"))[0])
        units.append(unit_topics(code_topics(t.sentences, model=False), by="paragraph_id"))
    return pd.concat(units).rename(columns={"topic": "primary"})


@needs_shared
@pytest.mark.parametrize("name,n_units,guard", [
    # development set: used while the context rules were written (measured alpha 0.793)
    ("wh_briefings_dev", 210, 0.77),
    # held-out set: coded after the rules were fixed and scored once (alpha 0.624 then; 0.673 now)
    ("wh_briefings_heldout", 168, 0.65),
    # second held-out set, regular briefings from the first question on: scored once at 0.319 (then "hostage"
    # became weak evidence and greetings were narrowed: 0.388; officials' titles no evidence: 0.503; "U.N." read
    # as "UN": 0.437 now)
    ("wh_briefings_heldout2", 175, 0.41),
    # third held-out set, coded blind from the guide and the sheet only: scored once at 0.547 (0.688 with
    # codebook 1.2, written after its errors were read)
    ("wh_briefings_heldout3", 210, 0.66),
    # fourth held-out set, coded blind: scored once at 0.554
    ("wh_briefings_heldout4", 210, 0.53),
])
def test_press_briefing_agreement_with_human_coding(name, n_units, guard):
    """Paragraph-level primary topic against coder B on White House briefings (data/annotations/README.md).
    The guards catch regressions; the target of 0.80 is not reached on briefings yet."""
    gold = pd.read_csv(ANNOTATIONS / f"{name}.topics.csv", keep_default_na=False)
    auto = _briefing_units(gold)
    row = agreement(gold, auto, on=("doc_id", "paragraph_id")).iloc[0]
    assert row.n_units == n_units
    f1 = classification_report(gold, auto, on=("doc_id", "paragraph_id")).set_index("category")
    REPORT.append(f"White House briefings ({name}), primary topic, {n_units} paragraphs: "
                  f"alpha {row.krippendorff_alpha:.3f}, kappa {row.cohen_kappa:.3f}, "
                  f"agreement {row.percent_agreement:.3f}, macro-F1 {f1.loc['macro', 'f1']:.3f}")
    assert row.krippendorff_alpha >= guard


def test_press_conference_exchanges_written_for_this_test():
    """A press conference in the style of a foreign-ministry briefing (written for this test)."""
    text = ("Q: The US announced tariffs on $34 billion of goods. What is your response?\n\n"
            "A: We firmly oppose it. We will take necessary countermeasures.\n\n"
            "Q: The embassy issued a travel advisory for tourists. Can you give more details?\n\n"
            "A: We remind our citizens to pay attention to their safety.\n\n"
            "Q: Are the vocational education and training centres a prison?\n\n"
            "A: They are preventive measures. There has been no violent terrorist attack for three years.\n\n"
            "Q: The foreign minister held talks with his Russian counterpart. Can you share more?\n\n"
            "A: The two sides signed 12 agreements. Cooperation has yielded fruitful results.\n\n"
            "Q: The President will pay a state visit to France. What is your comment?\n\n"
            "A: We firmly oppose interference in our internal affairs.\n")
    t = toolkit.read_transcript(text)
    turns = turn_topics(t.turns, code_topics(t.sentences, model=False))
    assert turns["topic"].tolist() == ["trade", "trade", "tourism", "tourism", "terrorism", "terrorism",
                                       "cooperation", "cooperation", "", ""]


def test_procedural_phrases_also_with_letters_that_fold_specially():
    from toolkit.topics import is_procedural
    assert [is_procedural(t) for t in ["Next QUESTION.", "On background, please.", "Nothing to add."]] == \
        [True, True, False]
    # re.IGNORECASE reads the long s as "s": "queſtion" is "question" (the keyword shortcut must not skip it)
    assert is_procedural("Next queſtion.")


def test_shares_by_speaker_by_hand():
    s = pd.DataFrame({"doc_id": "d", "speaker": ["A", "A", "", "B", "A"],
                      "role": ["interviewee", "interviewee", "narrator", "interviewer", "interviewee"],
                      "topic": ["y", "x", "x", "", None], "text": ["one two", "three four", "skip me", "five",
                                                                     "six seven eight"]})
    out = topics_by_speaker(s)
    # A's x and y tie on words: first seen first; a sentence with no topic value counts nowhere (not in A's total)
    assert out[["speaker", "topic", "n_sentences", "n_words", "share"]].values.tolist() == \
        [["A", "y", 1, 2, 0.5], ["A", "x", 1, 2, 0.5], ["B", "", 1, 1, 1.0]]


def test_a_turn_with_no_coded_sentence_gets_no_topic():
    t = toolkit.read_transcript("Q: Tariffs?\n\nA: Yes.\n")
    turns = pd.concat([t.turns, t.turns.tail(1).assign(turn_id=99)], ignore_index=True)
    out = turn_topics(turns, code_topics(t.sentences, model=False))
    assert out["topic"].tolist() == ["trade", "trade", ""] and out["topics"].tolist()[2] == ""


def test_procedural_sentences_offered_a_topic_by_context_take_none():
    """is_procedural() is asked only when a context rule offers a topic: a greeting in a passage on one topic
    (rules 4a and 4c) and in an answer (rule 4b) still takes none."""
    s = coded("MR. X: Tariffs hurt trade. Thank you. Tariffs rise again.\n\n"
              "Q: On tariffs: will they rise?\n\nMS. X: Thank you. Good afternoon. Okay, they will.\n")
    assert s["topic"].tolist() == ["trade", "", "trade", "trade", "", "", "trade"]
    assert s["topic_source"].tolist() == ["terms", "", "terms", "terms", "", "", "context"]


def test_word_counts_remembered_are_the_counts(monkeypatch):
    from toolkit import topics as module
    from toolkit.text import count_words

    texts = ["Don't stop.", "U.S. troops — 1.5 million", "", "Don't stop.", "anti-terrorism law’s reach"]
    expected = [count_words(t) for t in texts]
    assert expected == [2, 4, 0, 2, 3]
    assert module._word_counts(texts) == expected and module._word_counts(texts[::-1]) == expected[::-1]
    monkeypatch.setattr(module, "_N_WORDS_SIZE", 2)   # too many to remember: counted afresh each time
    assert module._word_counts(texts) == expected and module._word_counts(texts[1:3]) == expected[1:3]
    with pytest.raises(TypeError):   # as word_counts() fails on a text that is no string
        module._word_counts(["fine", None])


def test_procedural_shortcuts_agree_with_the_patterns():
    """is_procedural() reads a folded text with substring tests and the pattern without IGNORECASE, and
    remembers its answers: the same answers as the case-insensitive patterns on the text."""
    from toolkit import topics as module
    texts = ["Next QUESTION.", "Next queſtion.", "NEXT QUE\u212aTION", "İ have a question", "next ques\u0131tion",
             "Over to you, Jen.", "over\u00a0to\u00a0you", "over—to you", "Hand it over.", "I’ll turn things back",
             "Not for reporting.", "not for attribution", "This is not reporting.", "On the record:", "record",
             "Ground rules", "embargoed", "for your awareness", "We’ll take a couple of questions",
             "Thanks all for joining", "joining us today", "Back to you", "on background", "feedback to you",
             "moreover to you", "北京 next question", "x² last question", "", "Good afternoon!", "Thank you, Jen."]
    for text in texts:
        expected = bool(module._GREETING.fullmatch(text.strip(" \"'“‘”’(*—-"))) or (
            module._PROCEDURAL.search(text) is not None)
        module._PROCEDURAL_SEEN.clear()
        assert module.is_procedural(text) == expected, text
        assert module.is_procedural(text) == expected, text   # remembered
        if module._PROCEDURAL.search(text):   # every procedural phrase holds one of the words
            assert module._PROCEDURAL_WORDS_RE.search(text), text


def test_units_segments_and_shares_with_documents_interleaved():
    s = pd.DataFrame({"doc_id": ["a", "b", "a", "b", "a", "a"], "sentence_id": [1, 1, 2, 2, 3, 4],
                      "turn_id": [1, 1, 1, 2, 2, 2], "speaker": ["X", "Y", "X", "Z", "", "W"],
                      "role": ["interviewer", "interviewee", "interviewer", "interviewee", "narrator", "speaker"],
                      "start": [0, 0, 10, 10, 20, 30], "end": [9, 9, 19, 19, 29, 39],
                      "text": ["one", "two words", "three", "four", "five six", "seven"],
                      "topic": ["x", "y", "x", "", "z", "z"]})
    seg = topic_segments(s)
    assert seg[["doc_id", "segment_id", "topic", "first_sentence_id", "last_sentence_id", "speakers",
                "n_words"]].values.tolist() == [["a", 1, "x", 1, 2, "X", 2], ["a", 2, "z", 3, 4, "W", 3],
                                                ["b", 1, "y", 1, 1, "Y", 2], ["b", 2, "", 2, 2, "Z", 1]]
    grouped = topic_segments(s.sort_values("doc_id", kind="stable"))
    pd.testing.assert_frame_equal(seg, grouped)
    assert unit_topics(s, by="turn_id").values.tolist() == [["a", 1, "x", "x"], ["b", 1, "y", "y"],
                                                          ["b", 2, "", ""], ["a", 2, "z", "z"]]
    from toolkit.topics import topic_of_unit
    assert topic_of_unit(["b", "", "a", "a", "b"]) == ("b", "b|a")
    assert topic_of_unit(iter(["a", "", "a"])) == ("a", "a") and topic_of_unit(["", ""]) == ("", "")
    with pytest.raises(TypeError):   # a topic that is no text cannot be joined
        topic_of_unit([float("nan"), float("nan")])


def test_officials_titles_take_no_topic():
    """Titles take no topic (the coding guide): a title holding a topic's word is no evidence for it, while
    the same words used as words still are."""
    t = toolkit.read_transcript(
        "MS. JEAN-PIERRE: National Security Coordinator John Kirby is here to take your questions.\n\n"
        "MS. JEAN-PIERRE: U.S. Trade Representative Katherine Tai joins us.\n\n"
        "MS. JEAN-PIERRE: The Special Presidential Envoy for Hostage Affairs met the family.\n\n"
        "MS. JEAN-PIERRE: We coordinate closely with our allies. Trade with Mexico grew.\n",
        speakers={"MS. JEAN-PIERRE": "interviewee"})
    got = code_topics(t.sentences, model=False)
    assert got["topic"].tolist() == ["", "", "", "cooperation", "trade"]
    assert got["topic_terms"].tolist()[:3] == ["", "", ""]


def test_organisations_with_full_stops_and_treaties_are_cooperation():
    """"U.N." and "E.U." (U.S. spelling: the words are "U.N" and "E.U") are the evidence "UN" and "EU" are; a
    pact between states is cooperation; a treaty is weak evidence (codebook 1.4: treaties are as often the
    subject of a dispute, "Russia suspends the peace treaty talks"), cooperation with one more sign of it."""
    t = toolkit.read_transcript("A: The U.N. Security Council met.\n\nA: The E.U. acted.\n\n"
                                "A: They signed a pact.\n\nA: The treaty holds.\n\nA: The U.S. acted.\n\n"
                                "A: The treaty strengthens our partnership.\n")
    got = code_topics(t.sentences, model=False)
    assert got["topic"].tolist() == ["cooperation"] * 3 + ["", "", "cooperation"]
    assert got["topic_terms"].tolist()[:2] == ["cooperation 1: U.N", "cooperation 1: E.U"]


@pytest.mark.parametrize("name, coders, n_units, guard", [
    # foreign-ministry style (the first set): scored once at 0.755 and 0.762 (codebook 1.2); 0.781 and 0.787
    # with codebooks 1.3 and 1.4, written from the second set
    ("press_conferences", ("b1", "b2"), 107, (0.75, 0.75)),
    # Russian, US, Indian and Japanese layouts: scored once after the rules were frozen (codebook 1.3), auto
    # 0.615 and 0.557; its errors were read since (codebook 1.4: 0.693 and 0.633), a development set now
    ("press_conferences_5_8", ("p1", "p2"), 139, (0.66, 0.60)),
    # Chinese, UN, Kazakh and EU layouts: scored once after codebook 1.4 was frozen, auto 0.421 and 0.412
    # (codebook 1.5: 0.434 and 0.426)
    ("press_conferences_9_12", ("q1", "q2"), 120, (0.40, 0.40)),
    # Pakistani, Vietnamese, Iranian and SCO layouts: scored once after codebook 1.4, auto 0.379 and 0.441;
    # its errors were read since (codebook 1.5: 0.528 and 0.584), a development set now
    ("press_conferences_13_16", ("r1", "r2"), 112, (0.50, 0.55)),
    # Thai, German, NATO and Korean layouts: scored once after codebook 1.5 was frozen, auto 0.652 and 0.617
    ("press_conferences_17_20", ("s1", "s2"), 167, (0.62, 0.58)),
    # Indonesian, African Union, Kremlin and Australian layouts: scored once after codebook 1.5, auto 0.376 and
    # 0.362; its errors were read since (codebook 1.6: 0.403 and 0.390)
    ("press_conferences_21_24", ("u1", "u2"), 149, (0.38, 0.37)),
    # Turkish, British, Brazilian and UN Geneva layouts: scored once after codebook 1.6, auto 0.527 and 0.545
    ("press_conferences_25_28", ("v1", "v2"), 185, (0.50, 0.51)),
    # Canadian, Egyptian, EU and Singaporean layouts: scored once after codebook 1.6, auto 0.473 and 0.466
    ("press_conferences_29_32", ("w1", "w2"), 165, (0.44, 0.44)),
    # Philippine, South African, US national-security and Mexican layouts: scored once after codebook 1.6, auto
    # 0.455 and 0.521
    ("press_conferences_33_36", ("x1", "x2"), 181, (0.42, 0.49)),
    # Japanese, French, Pakistani and GCC layouts: scored once after codebook 1.6, auto 0.549 and 0.548
    ("press_conferences_37_40", ("y1", "y2"), 192, (0.51, 0.51)),
    # Spanish, transcription-export (Otter.ai), New Zealand and Nigerian layouts: scored once after codebook 1.6,
    # auto 0.598 and 0.636
    ("press_conferences_41_44", ("z1", "z2"), 212, (0.56, 0.60)),
    # Commons committee, speech-recogniser, Irish and Markdown Q&A layouts: scored once after codebook 1.6, auto
    # 0.482 and 0.484
    ("press_conferences_45_48", ("aa1", "aa2"), 232, (0.44, 0.44)),
    # cable-news interview, State Department briefing, podcast export and ASEAN Secretariat layouts: scored once
    # after codebook 1.6, auto 0.412 and 0.360
    ("press_conferences_49_52", ("ab1", "ab2"), 299, (0.37, 0.32)),
    # US House hearing (GPO), NPR, WebVTT captions and Commons Hansard layouts: scored once after codebook 1.6,
    # auto 0.636 and 0.641 (the topic model, frozen with it: 0.684 and 0.680)
    ("press_conferences_53_56", ("ac1", "ac2"), 393, (0.60, 0.61)),
    # UN Security Council record, European Parliament debate, think-tank panel and a briefing extracted from a
    # PDF: scored once after codebook 1.6, auto 0.567 and 0.558 (the topic model, frozen with it: 0.586 and 0.577)
    ("press_conferences_57_60", ("ad1", "ad2"), 271, (0.53, 0.52)),
])
def test_press_conference_sets_against_two_blind_coders(name, coders, n_units, guard):
    """Press briefings of foreign ministries and international organisations in their own label layouts
    (written for this project by helper sessions from general knowledge; data/annotations/README.md), each
    paragraph coded by two coders who saw only the coding guide and the sheet. The guards catch regressions;
    the 0.80 bar is not reached. The offsets of the coding are the paragraphs' own."""
    folder = ANNOTATIONS / "press_conferences"
    a, b = (pd.read_csv(ANNOTATIONS / f"{name}.topics.coder_{c}.csv", keep_default_na=False) for c in coders)
    docs = {d: toolkit.read_transcript(folder / f"{d}.txt") for d in a["doc_id"].unique()}
    auto = pd.concat([unit_topics(code_topics(t.sentences, model=False), by="paragraph_id") for t in docs.values()]
                     ).rename(columns={"topic": "primary"})
    paragraphs = pd.concat([t.sentences.groupby("paragraph_id").agg(start=("start", "min"), end=("end", "max"))
                            .reset_index().assign(doc_id=d) for d, t in docs.items()])
    on = ["doc_id", "paragraph_id"]
    pd.testing.assert_frame_equal(a[on + ["start", "end"]].reset_index(drop=True),
                                  paragraphs[on + ["start", "end"]].reset_index(drop=True), check_dtype=False)
    alpha = {f"auto-vs-{coders[0].upper()}": agreement(a, auto, on=tuple(on)).iloc[0],
             f"auto-vs-{coders[1].upper()}": agreement(b, auto, on=tuple(on)).iloc[0],
             f"{coders[0].upper()}-vs-{coders[1].upper()}": agreement(a, b, on=tuple(on)).iloc[0]}
    assert all(row.n_units == n_units for row in alpha.values())
    REPORT.append(f"press conferences ({name}), primary topic, {n_units} paragraphs: alpha "
                  + ", ".join(f"{k} {v.krippendorff_alpha:.3f}" for k, v in alpha.items()))
    first, second = list(alpha.values())[:2]
    assert first.krippendorff_alpha >= guard[0] and second.krippendorff_alpha >= guard[1]


def test_rows_in_any_order_are_read_in_sentence_order():
    """The context rules and segments read each document's sentences in order: shuffled rows get the codes
    and segments of the table in order, and keep their own order and index."""
    docs = [toolkit.read_transcript(INTERVIEW), toolkit.read_transcript(
        "Q: Will tariffs on steel rise?\n\nA: They will. Trade suffers. What else?\n\nQ: Tourists?\n\n"
        "A: Tourism grew. It is good.\n", doc_id="second")]
    s = pd.concat([d.sentences for d in docs], ignore_index=True)
    coded = code_topics(s, model=False)
    shuffled = s.sample(frac=1, random_state=3)
    again = code_topics(shuffled, model=False)
    assert again.index.tolist() == shuffled.index.tolist()
    pd.testing.assert_frame_equal(again.sort_index(), coded)
    pd.testing.assert_frame_equal(topic_segments(coded.sample(frac=1, random_state=4)), topic_segments(coded))


def test_imported_cases_are_not_trade():
    """Infections "imported" from abroad are no imports (codebook 1.3), nor is a commercial flight commerce;
    credit lines and supplies of energy between states, and "economic measures" (sanctions), are trade (1.4)."""
    t = toolkit.read_transcript("A: Imported cases rose again.\n\nA: Imported steel rose again.\n\n"
                                "A: Citizens should leave on commercial flights.\n\n"
                                "A: India extended a credit line to Sri Lanka.\n\n"
                                "A: Gas supplies to Europe fell.\n\nA: We will respond with strong economic measures.\n")
    assert code_topics(t.sentences, model=False)["topic"].tolist() == ["", "trade", "", "trade", "trade", "trade"]


def test_codebook_1_5_pilgrims_imf_chairmanship_and_aid():
    """Codebook 1.5 (from the errors of the fourth press-conference set): pilgrims travel (tourism), an IMF
    programme is the economy between countries (trade), an organisation's chairmanship and a new member's
    accession are cooperation, and aid is weak evidence of cooperation: with one more sign of it."""
    t = toolkit.read_transcript("A: Hajj pilgrims need flights.\n\nA: The IMF programme was agreed.\n\n"
                                "A: Kazakhstan's chairmanship ends.\n\nA: Belarus completed its accession.\n\n"
                                "A: Iran sent aid.\n\nA: Iran sent aid to its neighbours.\n")
    got = code_topics(t.sentences, model=False)
    assert got["topic"].tolist() == ["tourism", "trade", "cooperation", "cooperation", "", "cooperation"]
    assert got["topic_terms"].tolist()[4] == "cooperation 0.5: aid"


def test_codebook_1_6_travel_advice_is_tourism():
    """Codebook 1.6 (from the errors of the sixth press-conference set): advice to citizens not to travel is
    tourism (the coding guide's travel advisories), also without the word "advisory"; a bare "travel" is still
    weak evidence only."""
    t = toolkit.read_transcript("A: Do not travel to Lebanon.\n\nA: Register with Smartraveller.\n\n"
                                "A: Please reconsider travel to the region.\n\nA: The talks did not travel far.\n")
    assert code_topics(t.sentences, model=False)["topic"].tolist() == ["tourism", "tourism", "tourism", ""]
