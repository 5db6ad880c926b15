"""Transcript layouts: small transcripts written for each, read as a careful reader would."""

from __future__ import annotations

import warnings

import pytest
from conftest import coverage_problems

import toolkit
from toolkit.errors import ToolkitWarning

NB = "\u00a0"


def read(text, **kw):
    t = toolkit.read_transcript(text, **kw)
    assert coverage_problems(t) == []
    return t


def who(t):
    """(speaker, role, text) of every sentence."""
    return list(zip(t.sentences["speaker"], t.sentences["role"], t.sentences["text"]))


def speaker_roles(t):
    """(speaker, role) of every sentence."""
    return list(zip(t.sentences["speaker"], t.sentences["role"]))


def test_name_labels_with_continuation_paragraphs():
    t = read("Alimov and the SCO\n\n"
             "Massource: Good afternoon! What is the SCO?\n\n"
             "Alimov: It is an organisation.\n\n"
             "It has eight members.\n\n"
             "Massource: Thank you?\n")
    assert who(t) == [
        ("", "narrator", "Alimov and the SCO"),
        ("Massource", "interviewer", "Good afternoon!"),
        ("Massource", "interviewer", "What is the SCO?"),
        ("Alimov", "interviewee", "It is an organisation."),
        ("Alimov", "interviewee", "It has eight members."),
        ("Massource", "interviewer", "Thank you?"),
    ]
    assert t.turns["label"].tolist() == ["", "Massource:", "Alimov:", "Massource:"]
    assert t.turns["n_sentences"].tolist() == [1, 2, 2, 1]
    assert t.turns["n_words"].tolist() == [4, 6, 8, 2]
    assert t.sentences["paragraph_id"].tolist() == [1, 2, 2, 3, 4, 5]
    assert t.sentences["turn_id"].tolist() == [1, 2, 2, 3, 3, 4]
    assert t.speakers.set_index("speaker")["role_source"].to_dict() == {"Massource": "questions",
                                                                       "Alimov": "questions"}


@pytest.mark.parametrize("sep", [" ", ""])
def test_q_a_follow_up_labels_with_or_without_space(sep):
    t = read(f"Q:{sep}Why now?\n\nA:{sep}Because it matters.\n\nFollow-up:{sep}Really?\n\nA:{sep}Yes.\n")
    assert [(s, r) for s, r, _ in who(t)] == [("Q", "interviewer"), ("A", "interviewee"),
                                             ("Follow-up", "interviewer"), ("A", "interviewee")]
    assert t.sentences["text"].tolist() == ["Why now?", "Because it matters.", "Really?", "Yes."]
    assert set(t.speakers["role_source"]) == {"label"}


def test_dotted_q_and_a_at_paragraph_start():
    t = read("Q. What is the SCO?\n\nA. An organisation. It has A. Smith as a member.\n\n"
             "Q. Since when?\nA. 2001.\n")
    assert who(t) == [("Q", "interviewer", "What is the SCO?"),
                      ("A", "interviewee", "An organisation."),
                      ("A", "interviewee", "It has A. Smith as a member."),
                      ("Q", "interviewer", "Since when?"),
                      ("A", "interviewee", "2001.")]
    t = read("Q. Why?\n\nA. Because the minister and\nA. Smith agreed.\n")
    assert t.turns["speaker"].tolist() == ["Q", "A", "A"]  # "A." starts paragraphs, so a line "A." is a label
    # one turn per line with no blank lines: every line labelled, so "A." is a label too
    t = read("Q. Is terrorism still the main threat?\nA. It remains a threat.\nQ. And trade?\nA. Trade grows.\n")
    assert [s for s, _, _ in who(t)] == ["Q", "A", "Q", "A"]
    t = read("Q. Why did the minister\nagree with\nthe plan, and why did\nhis colleague\nA. Smith disagree?\n")
    assert t.turns["speaker"].tolist() == ["Q"]  # a wrapped question, few labels: "A. Smith" is a name


def test_upper_case_labels_white_house_style():
    t = read("THE PRESIDENT:  Thank you all.  Please sit.\n\n"
             "MR. KIRBY:  Good afternoon.\n\n"
             "SENIOR ADMINISTRATION OFFICIAL:  On background, yes.\n\n"
             f"Q{NB}{NB}{NB} Admiral, what happened?  And when?\n\n"
             "MR. KIRBY:  Last night.\n")
    assert t.turns["speaker"].tolist() == ["THE PRESIDENT", "MR. KIRBY", "SENIOR ADMINISTRATION OFFICIAL",
                                           "Q", "MR. KIRBY"]
    assert t.turns["label"].tolist() == ["THE PRESIDENT:", "MR. KIRBY:", "SENIOR ADMINISTRATION OFFICIAL:",
                                         "Q", "MR. KIRBY:"]
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles == {"THE PRESIDENT": "interviewee", "MR. KIRBY": "interviewee",
                     "SENIOR ADMINISTRATION OFFICIAL": "interviewee", "Q": "interviewer"}
    assert t.sentences["text"].tolist()[:2] == ["Thank you all.", "Please sit."]
    assert "Admiral, what happened?" in t.sentences["text"].tolist()


def test_bare_q_with_mixed_spaces_and_hard_wrapped_lines():
    text = ("MS. PSAKI:" + NB + " Good afternoon.  We have a lot to\ncover today.\n\n"
            f"Q {NB}  {NB} Thanks, Jen.  Two matters.  First, on the U.S. plan:\n"
            "will it pass?\n\n"
            "MS. PSAKI:" + NB + " We hope so.\n")
    t = read(text)
    assert t.turns["speaker"].tolist() == ["MS. PSAKI", "Q", "MS. PSAKI"]
    assert t.sentences["text"].tolist() == ["Good afternoon.", "We have a lot to\ncover today.",
                                            "Thanks, Jen.", "Two matters.",
                                            "First, on the U.S. plan:\nwill it pass?", "We hope so."]


def test_label_alone_on_its_own_line():
    t = read("MASSOURCE:\nWhat is your view?\n\nALIMOV:\n\nWe disagree.\n\nIt is wrong.\n")
    assert who(t) == [("MASSOURCE", "interviewer", "What is your view?"),
                      ("ALIMOV", "interviewee", "We disagree."),
                      ("ALIMOV", "interviewee", "It is wrong.")]


def test_declared_label_without_colon_alone_on_its_line():
    t = read("INTERVIEWER\nWhat now?\n\nRASHID ALIMOV\nWe go on.\n",
             speakers={"INTERVIEWER": "interviewer", "RASHID ALIMOV": {"role": "interviewee"}})
    assert who(t) == [("INTERVIEWER", "interviewer", "What now?"), ("RASHID ALIMOV", "interviewee", "We go on.")]
    assert set(t.speakers["role_source"]) == {"caller"}


def test_one_turn_per_line_without_blank_lines():
    t = read("Host: Welcome to the show. Who are you?\nGuest: I am the minister.\n"
             "Host: And your view?\nGuest: Trade is good.\n")
    assert t.turns["speaker"].tolist() == ["Host", "Guest", "Host", "Guest"]
    assert t.sentences["paragraph_id"].tolist() == [1, 1, 2, 3, 4]


def test_yaml_front_matter_stage_notes_timestamps_and_markdown_escapes():
    text = ("---\ntitle: Briefing\ndate: '2021-01-20'\n---\n \n"
            "James S. Brady Press Briefing Room\n\n1:54 P.M. EDT\n\n"
            "MS. PSAKI:  Hi, everyone.  (Laughter.)  The \\[senior administration official\\] said\n"
            "no.  [crosstalk 00:07:53] We move on.\n\n"
            "(As interpreted.)\n\n"
            "Q    Is that \\_right?\n\n"
            "MS. PSAKI:  Yes.\n\n"
            "END\n2:30 P.M. EDT\n")
    t = read(text)
    assert t.metadata["title"] == "Briefing"
    assert who(t) == [
        ("", "narrator", "James S. Brady Press Briefing Room"),
        ("", "narrator", "1:54 P.M. EDT"),
        ("MS. PSAKI", "interviewee", "Hi, everyone."),
        ("", "narrator", "(Laughter.)"),
        ("MS. PSAKI", "interviewee", "The \\[senior administration official\\] said\nno."),
        ("", "narrator", "[crosstalk 00:07:53]"),
        ("MS. PSAKI", "interviewee", "We move on."),
        ("", "narrator", "(As interpreted.)"),
        ("Q", "interviewer", "Is that \\_right?"),
        ("MS. PSAKI", "interviewee", "Yes."),
        ("", "narrator", "END\n2:30 P.M. EDT"),
    ]
    # stage notes stay in the turn they interrupt but do not count as the speaker's words
    psaki = t.turns.iloc[1]
    assert psaki["speaker"] == "MS. PSAKI" and psaki["n_sentences"] == 3
    assert t.sentences["turn_id"].tolist()[2:8] == [2, 2, 2, 2, 2, 2]


def test_markdown_bold_labels_and_leading_timestamps():
    t = read("**Q:** What happened?\n\n**Rashid Alimov:** Nothing.\n\n[00:01:05] Q: Sure?\n\n"
             "[00:01:09] Rashid Alimov: Yes.\n")
    assert t.turns["speaker"].tolist() == ["Q", "Rashid Alimov", "Q", "Rashid Alimov"]
    assert t.turns["label"].tolist() == ["**Q:**", "**Rashid Alimov:**", "[00:01:05] Q:",
                                         "[00:01:09] Rashid Alimov:"]


def test_italic_labels_and_timestamps_without_brackets():
    """Podcast exports write the time without brackets ("00:00:05 Anna:"), Markdown transcripts may set the
    label in italics ("*Sarah Kim:*"); declared names are found in both forms too. A time of day without
    seconds before a capitalised word ("10:30 Meeting: ..."), an italic line without a colon and an italic
    "*Note:*" stay prose."""
    t = read("00:00:05 Anna: Welcome back. Why does reform keep coming back?\n"
             "00:00:14 Tom: Because people notice.\n00:00:17 Anna: Is it unfair?\n00:00:22.5 Tom: It depends.\n\n"
             "10:30 Meeting: the panel resumed.\n")
    assert who(t) == [("Anna", "interviewer", "Welcome back."), ("Anna", "interviewer",
                                                                 "Why does reform keep coming back?"),
                      ("Tom", "interviewee", "Because people notice."), ("Anna", "interviewer", "Is it unfair?"),
                      ("Tom", "interviewee", "It depends."),
                      ("Tom", "interviewee", "10:30 Meeting: the panel resumed.")]
    assert t.turns["label"].tolist()[:2] == ["00:00:05 Anna:", "00:00:14 Tom:"]
    declared = read("00:00:05 Anna - Welcome back.\n\n00:00:14 Tom - Thanks.\n",
                    speakers={"Anna": "interviewer", "Tom": "interviewee"})
    assert declared.turns["speaker"].tolist() == ["Anna", "Tom"]
    t = read("# Interview\n\n*Recorded 2 February 2024. Edited for length.*\n\n"
             "*Sarah Kim:* Professor Weber, is the welfare state in crisis?\n\n*Klaus Weber:* No. Spending is stable."
             "\n\n*Note:* the interview was shortened.\n\n*Sarah Kim:* Thank you.\n")
    assert t.turns["speaker"].tolist() == ["", "Sarah Kim", "Klaus Weber", "Sarah Kim"]
    assert t.turns["label"].tolist()[1:3] == ["*Sarah Kim:*", "*Klaus Weber:*"]
    assert who(t)[-2:] == [("Klaus Weber", "interviewee", "*Note:* the interview was shortened."),
                           ("Sarah Kim", "interviewer", "Thank you.")]
    declared = read("_Intro._\n\n*Sarah Kim* - Why?\n\n*Klaus Weber* - Because.\n",
                    speakers={"Sarah Kim": "interviewer", "Klaus Weber": "interviewee"})
    assert declared.turns["speaker"].tolist() == ["", "Sarah Kim", "Klaus Weber"]


def test_labels_with_timestamps_or_notes_before_the_colon():
    t = read("Speaker 1 (00:07): Why did you come?\n\nMR. LAVROV (as interpreted): We came for talks.\n\n"
             "Speaker 1 (01:15): And?\n\nMR. LAVROV (as interpreted): Nothing more.\n")
    assert t.turns["speaker"].tolist() == ["Speaker 1", "MR. LAVROV", "Speaker 1", "MR. LAVROV"]
    assert t.turns["label"].tolist()[:2] == ["Speaker 1 (00:07):", "MR. LAVROV (as interpreted):"]
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {"Speaker 1": "interviewer",
                                                                   "MR. LAVROV": "interviewee"}


def test_photo_caption_before_and_inside_turns():
    t = read("SCO chief speaks\n\nThe forum opened on Monday. (Photo by Alan)\n\n"
             "Massource: Why?\n\nAlimov: Because.\n\nDelegates at the summit. (Photo: Reuters)\n\n"
             "And we continue.\n")
    assert who(t) == [("", "narrator", "SCO chief speaks"),
                      ("", "caption", "The forum opened on Monday."),
                      ("", "caption", "(Photo by Alan)"),
                      ("Massource", "interviewer", "Why?"),
                      ("Alimov", "interviewee", "Because."),
                      ("", "caption", "Delegates at the summit."),
                      ("", "caption", "(Photo: Reuters)"),
                      ("Alimov", "interviewee", "And we continue.")]
    assert t.turns["role"].tolist() == ["narrator", "caption", "interviewer", "interviewee"]


@pytest.mark.parametrize("prose", [
    "Alimov: We met at 10:30 and again at 14:45. Note: the meeting ran late.",
    "Alimov: See https://example.org/sco and http://x.org for the text.",
    "Alimov: The agenda is as follows: trade, security: and tourism.",
])
def test_no_label_detected_in_prose(prose):
    t = read("Massource: Tell us?\n\n" + prose + "\n")
    assert t.turns["speaker"].tolist() == ["Massource", "Alimov"]
    assert len(t.turns) == 2


def test_note_at_paragraph_start_and_prose_lead_ins_are_not_speakers():
    t = read("Q: Why?\n\nA: Because.\n\nNote: this answer was edited.\n\nOn Russia: we said enough.\n\n"
             "Finally: thanks.\n")
    assert t.turns["speaker"].tolist() == ["Q", "A"]
    assert t.sentences["speaker"].tolist() == ["Q", "A", "A", "A", "A"]


def test_hard_wrapped_line_starting_with_word_colon_is_not_a_label():
    t = read("MR. KIRBY:  We have said it before and I will say it\nagain: the plan stands.  And more\n"
             "Therefore: nothing changes.\n\nQ    Thanks?\n")
    assert t.turns["speaker"].tolist() == ["MR. KIRBY", "Q"]


def test_wrapped_line_after_a_line_that_runs_on_is_not_a_new_speaker():
    """A headline or a quoted post on the line after "in large letters," or "and I quote," is the host's speech,
    although the name before its colon looks like a label, in mixed case and in upper case; a one-off speaker on
    a later line after a line that ends its sentence (or breaks off with a dash) still takes the turn."""
    t = read("Host: Good evening. Minister, rents rose. What went wrong?\n\n"
             "Jane Okafor: Nothing went wrong.\n\n"
             "Host: It says, in large letters,\nHousing Crisis: Minister Under Fire. Is that fair?\n\n"
             "Jane Okafor: It is a headline.\n\n"
             "Host: Your backbencher posted this, and I quote,\nPeter Hall: the minister has lost control. "
             "What do you say?\n\nJane Okafor: I disagree.\n")
    assert t.turns["speaker"].tolist() == ["Host", "Jane Okafor"] * 3
    assert who(t)[4:6] == [("Host", "interviewer", "It says, in large letters,\nHousing Crisis: Minister Under Fire."),
                           ("Host", "interviewer", "Is that fair?")]
    assert who(t)[8] == ("Host", "interviewer", "What do you say?")
    upper = read("HOST: Read this headline:\nHOUSING CRISIS: Minister Under Fire. Fair?\n\nJANE OKAFOR: No.\n")
    assert upper.turns["speaker"].tolist() == ["HOST", "JANE OKAFOR"]
    # near misses: one turn per line, the one-off speaker after a finished sentence or an interruption
    t = read("Host: Welcome back. Is the budget fair?\nMinister Lee: It is.\nHost: Will taxes rise?\n"
             "Guest Two: No.\n")
    assert t.turns["speaker"].tolist() == ["Host", "Minister Lee", "Host", "Guest Two"]
    t = read("Host: But you said\u2014\nJane Okafor: I said nothing of the kind.\n")
    assert t.turns["speaker"].tolist() == ["Host", "Jane Okafor"]


def test_single_use_mixed_case_quote_in_upper_case_transcript_is_not_a_speaker():
    t = read("MS. JEAN-PIERRE:  Here are reactions.\n\nPolitico Playbook: \u201cA good night.\u201d\n\n"
             "Q    And yours?\n\nMS. JEAN-PIERRE:  Great.\n\nMS. JEAN-PIERRE:  Really.\n")
    assert t.turns["speaker"].tolist() == ["MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE", "MS. JEAN-PIERRE"]


def test_reporters_named_with_their_outlet_ask_in_an_upper_case_briefing():
    """A mixed-case reporter with an outlet in brackets who asks at a paragraph start ("Kate Miller (BBC): Has
    he ...?") is a questioner, although the other labels are upper case and she speaks once. A quotation without
    an outlet, a bracket that is a stage note, or a statement under an outlet stay the press secretary's."""
    t = read("MS. LEE:  Good afternoon.  The President will travel.\n\nQ:  Does he plan a veto?\n\n"
             "MS. LEE:  He has concerns.\n\nKate Miller (BBC): Has he spoken to the Speaker about it?\n\n"
             "MS. LEE:  They spoke yesterday.\n\nHiroshi Tanaka (NHK): Will the President travel to Tokyo?\n\n"
             "MS. LEE:  Not yet.\n")
    assert t.turns["speaker"].tolist() == ["MS. LEE", "Q", "MS. LEE", "Kate Miller", "MS. LEE", "Hiroshi Tanaka",
                                           "MS. LEE"]
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles == {"MS. LEE": "interviewee", "Q": "interviewer", "Kate Miller": "interviewer",
                     "Hiroshi Tanaka": "interviewer"}
    t = read("MS. LEE:  Here are reactions.\n\nPolitico Playbook: Will he run again?\n\n"
             "Senator Smith (R-TX): A disgrace.\n\nGovernor Ruiz (as interpreted): Is this fair?\n\n"
             "Q:  And yours?\n\nMS. LEE:  Great.\n\nQ:  Really?\n\nMS. LEE:  Yes.\n\nMS. LEE:  Next.\n")
    assert t.turns["speaker"].tolist() == ["MS. LEE", "Q", "MS. LEE", "Q", "MS. LEE", "MS. LEE"]


def test_heading_with_a_colon_before_a_label_is_narrator_text():
    """"Questions and Answers:" alone in its paragraph, with a label right after it, is a heading (narrator
    text, before the first label or inside the turn it interrupts), not a speaker with no words. A label
    alone on its line with its speech below it, after a line break or a blank line, keeps its speaker."""
    t = read("Good morning. Before I take your questions, a few words.\n\nQuestions and Answers:\n\n"
             "Q: Was the warning system working?\n\nMinister: It worked.\n\nPart Two:\n\nQ: An inquiry?\n\n"
             "Minister: Yes.\n")
    assert t.turns["speaker"].tolist() == ["", "Q", "Minister", "Q", "Minister"]
    assert t.speakers["speaker"].tolist() == ["Q", "Minister"]
    assert who(t)[2] == ("", "narrator", "Questions and Answers:")
    assert who(t)[5] == ("", "narrator", "Part Two:")   # inside the minister's turn, which it interrupts
    assert t.sentences["turn_id"].tolist()[5] == 3
    t = read("ANNA LIND:\nMinister, why cut the budget?\n\nMINISTER PATEL:\n\nBecause we must.\n\n"
             "ANNA LIND:\n\nIs that fair?\n")
    assert who(t) == [("ANNA LIND", "interviewer", "Minister, why cut the budget?"),
                      ("MINISTER PATEL", "interviewee", "Because we must."), ("ANNA LIND", "interviewer",
                                                                              "Is that fair?")]


def test_file_without_labels_is_all_narrator_with_a_warning():
    with pytest.warns(ToolkitWarning, match="no speaker labels found"):
        t = toolkit.read_transcript("A statement.\n\nIt has two paragraphs. And three sentences.\n")
    assert set(t.sentences["role"]) == {"narrator"} and set(t.sentences["speaker"]) == {""}
    assert len(t.speakers) == 0 and len(t.turns) == 1
    assert t.warnings and "no speaker labels" in t.warnings[0]


def test_roles_inferred_from_who_asks_questions():
    t = read("Anna Smith: Minister, why now? What changed?\n\nMinister Lee: The facts changed.\n\n"
             "Anna Smith: And tomorrow?\n\nMinister Lee: We will see. It is early.\n")
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {"Anna Smith": "interviewer",
                                                                   "Minister Lee": "interviewee"}


def test_speech_without_questions_is_speaker_role_and_moderator_label():
    t = read("MODERATOR: Welcome.\n\nDR. LEE: Thank you. We are here today.\n\nDR. KIM: Thank you too.\n")
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {
        "MODERATOR": "moderator", "DR. LEE": "speaker", "DR. KIM": "speaker"}


def test_caller_overrides_sidecar_and_inference(tmp_path):
    p = tmp_path / "talk.txt"
    p.write_text("Anna: Why?\n\nLee: Because.\n", encoding="utf-8")
    (tmp_path / "talk.meta.yaml").write_text(
        "title: A talk\nspeakers:\n  - label: Lee\n    name: Minister Lee\n    role: interviewee\n"
        "    affiliation: Ministry\n  - label: Anna\n    role: moderator\n", encoding="utf-8")
    t = toolkit.read_transcript(p)
    sp = t.speakers.set_index("speaker")
    assert sp.loc["Lee", "name"] == "Minister Lee" and sp.loc["Lee", "affiliation"] == "Ministry"
    assert sp.loc["Anna", "role"] == "moderator" and sp.loc["Anna", "role_source"] == "sidecar"
    t2 = toolkit.read_transcript(p, speakers={"Anna": "interviewer"})
    sp2 = t2.speakers.set_index("speaker")
    assert sp2.loc["Anna", "role"] == "interviewer" and sp2.loc["Anna", "role_source"] == "caller"
    assert t2.sentences.loc[0, "role"] == "interviewer"
    t3 = toolkit.read_transcript(p, sidecar=False)
    assert t3.metadata == {} and set(t3.speakers["role_source"]) == {"questions"}


def test_aliases_merge_labels_into_one_speaker():
    t = read("Q: Why?\n\nMS. PSAKI: Because.\n\nQ: Sure?\n\nMS PSAKI: Yes.\n",
             speakers=[{"label": "MS. PSAKI", "aliases": ["MS PSAKI"], "role": "interviewee"}])
    assert t.turns["speaker"].tolist() == ["Q", "MS. PSAKI", "Q", "MS. PSAKI"]
    assert t.turns["label"].tolist()[3] == "MS PSAKI:"
    assert len(t.speakers) == 2


def test_warning_free_on_labelled_text():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read("Q: Why?\n\nA: Because.\n")


def test_stage_note_inside_a_sentence_stays_in_it():
    t = read("MR. KIRBY:  It is three borders to access (inaudible).  And we expect (inaudible)?\n\n"
             "Q    As a general matter \u2014 (laughter) \u2014 yes.  (Laughter.)\n")
    assert who(t) == [("MR. KIRBY", "interviewee", "It is three borders to access (inaudible)."),
                      ("MR. KIRBY", "interviewee", "And we expect (inaudible)?"),
                      ("Q", "interviewer", "As a general matter \u2014 (laughter) \u2014 yes."),
                      ("", "narrator", "(Laughter.)")]


def test_stray_blank_line_inside_a_sentence_is_mended():
    t = read("Q    Is that achievable?  Or does that require\n\nquantum computers to achieve?\n\n"
             "MR. X:  It is.\n\nmaybe not.\n")
    assert who(t) == [("Q", "interviewer", "Is that achievable?"),
                      ("Q", "interviewer", "Or does that require\n\nquantum computers to achieve?"),
                      ("MR. X", "interviewee", "It is."),
                      ("MR. X", "interviewee", "maybe not.")]
    assert t.sentences["paragraph_id"].tolist() == [1, 1, 2, 3]


def test_names_with_lower_case_particles_and_declared_labels_in_any_form():
    t = read("Q: What is your priority?\n\nvon der Leyen: Security. And energy.\n")
    assert t.turns["speaker"].tolist() == ["Q", "von der Leyen"]
    t = read("JAKE TAPPER, CNN HOST: Welcome back. Senator, why?\n\n"
             "SEN. ELIZABETH WARREN (D-MA): Because.\n\nTAPPER: Really?\n\nWARREN: Yes.\n")
    assert t.turns["speaker"].tolist() == ["JAKE TAPPER", "SEN. ELIZABETH WARREN", "JAKE TAPPER",
                                           "SEN. ELIZABETH WARREN"]
    assert t.turns["label"].tolist()[:2] == ["JAKE TAPPER, CNN HOST:", "SEN. ELIZABETH WARREN (D-MA):"]
    t = read("Journalist - What is your view?\n\nMinister - We agree.\n",
             speakers={"Journalist": "interviewer", "Minister": "interviewee"})
    assert t.turns["speaker"].tolist() == ["Journalist", "Minister"]
    assert t.turns["label"].tolist() == ["Journalist -", "Minister -"]
    assert t.sentences["text"].tolist() == ["What is your view?", "We agree."]


def test_lower_case_role_labels_at_paragraph_start_only():
    t = read("interviewer: so tell me about the plan.\n\nrespondent: it is simple. the\nquestion: is money.\n")
    assert t.turns["speaker"].tolist() == ["interviewer", "respondent"]
    assert t.turns["role"].tolist() == ["interviewer", "interviewee"]


def test_roles_from_requests_not_rhetorical_questions():
    t = read("Anna Schmidt: Welcome to the programme, Minister.\n\n"
             "Minister Lee: Thank you. Glad to be here.\n\n"
             "Anna Schmidt: Tell us about the new housing plan.\n\n"
             "Minister Lee: We will build 300,000 homes a year. Why? Because the country needs them. "
             "Who else will build them?\n\n"
             "Anna Schmidt: Talk me through the funding.\n\n"
             "Minister Lee: Half comes from the state. Is that ambitious? Yes. Is it achievable? Absolutely.\n")
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {"Anna Schmidt": "interviewer",
                                                                   "Minister Lee": "interviewee"}


def test_mc_names_in_upper_case_transcripts_and_one_turn_per_line():
    t = read("MODERATOR: Senator, your view?\n\nMcCAIN: Thank you. I disagree.\n\nMODERATOR: And you?\n\n"
             "OBAMA: I agree.\n\nOBAMA: Strongly.\n")
    assert t.turns["speaker"].tolist() == ["MODERATOR", "McCAIN", "MODERATOR", "OBAMA", "OBAMA"]
    t = read("HOST: Welcome. Minister, is the budget fair?\nMINISTER: It is.\nHOST: Will taxes rise?\n"
             "FINANCE MINISTER: No.\n")
    assert t.turns["speaker"].tolist() == ["HOST", "MINISTER", "HOST", "FINANCE MINISTER"]


def test_white_house_q_followed_by_a_dash():
    t = read("MS. JEAN-PIERRE:  Go ahead.\n\nQ -- will the President travel there?\n\n"
             "MS. JEAN-PIERRE:  Not yet.\n")
    assert t.turns["speaker"].tolist() == ["MS. JEAN-PIERRE", "Q", "MS. JEAN-PIERRE"]
    assert t.turns["role"].tolist()[1] == "interviewer"


def test_surname_labels_join_the_full_name():
    t = read("MARGARET BRENNAN: Mr. Secretary, why?\n\nSECRETARY ANTONY BLINKEN: Because.\n\n"
             "BRENNAN: And now?\n\nBLINKEN: We wait.\n\nMR. BIDEN: Hello.\n\nDR. BIDEN: Hi.\n\nBIDEN: Who?\n")
    assert t.turns["speaker"].tolist() == ["MARGARET BRENNAN", "SECRETARY ANTONY BLINKEN", "MARGARET BRENNAN",
                                           "SECRETARY ANTONY BLINKEN", "MR. BIDEN", "DR. BIDEN", "BIDEN"]


def test_parliament_speaker_chairs_and_second_questioners():
    t = read("The Speaker: Order. Question one, Mrs. Patel.\n\n"
             "Mrs. Patel (Conservative): Does my right hon. Friend agree?\n\n"
             "The Prime Minister: I do.\n\nMrs. Patel (Conservative): And will he act?\n\n"
             "The Prime Minister: Yes.\n\nMr. Jones (Labour): Why not sooner?\n\n"
             "The Prime Minister: We were ready.\n\nMr. Jones (Labour): Is he sure?\n",
             speakers={"Mr. Jones": "interviewer"})
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles == {"The Speaker": "moderator", "Mrs. Patel": "interviewer",
                     "The Prime Minister": "interviewee", "Mr. Jones": "interviewer"}


def test_hansard_labels_with_constituency_and_party():
    """Hansard names a member with two brackets, constituency then party: "Mrs Helen Smith (Westfield) (Con):".
    Each member is a speaker who asks; a line of prose with two brackets before a colon inside it stays prose,
    and a declared label is found with two brackets too."""
    text = ("The Prime Minister (Rishi Sunak): This morning I had meetings.\n\n"
            "Mrs Helen Smith (Westfield) (Con): Will the Prime Minister meet me?\n\n"
            "The Prime Minister: I would be happy to.\n\nMr Speaker: I call the Leader of the Opposition.\n\n"
            "Sir Keir Starmer (Holborn and St Pancras) (Lab): Waiting lists have doubled. When will he admit it?\n\n"
            "The Prime Minister: The plan (we said) is working (see the figures): inflation has halved.\n")
    t = read(text)
    assert t.turns["speaker"].tolist() == ["The Prime Minister", "Mrs Helen Smith", "The Prime Minister",
                                           "Mr Speaker", "Sir Keir Starmer", "The Prime Minister"]
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {
        "The Prime Minister": "interviewee", "Mrs Helen Smith": "interviewer", "Mr Speaker": "moderator",
        "Sir Keir Starmer": "interviewer"}
    assert t.sentences["text"].tolist()[-1] == "The plan (we said) is working (see the figures): inflation has halved."
    t = read("Mr Speaker: Order.\n\nMrs Helen Smith (Westfield) (Con) \u2014 Will he meet me?\n",
             speakers={"Mrs Helen Smith": "interviewer"})   # a declared label with a dash for the colon
    assert who(t) == [("Mr Speaker", "moderator", "Order."), ("Mrs Helen Smith", "interviewer", "Will he meet me?")]


def test_declared_label_that_never_occurs_is_reported(tmp_path):
    p = tmp_path / "talk.txt"
    p.write_text("Massource: Why?\n\nAlimov: Because.\n", encoding="utf-8")
    (tmp_path / "talk.meta.yaml").write_text("speakers:\n  - label: Masource\n    role: interviewer\n",
                                             encoding="utf-8")
    with pytest.warns(ToolkitWarning, match=r"speaker label 'Masource' given in the sidecar .*talk\.meta\.yaml "
                                            r"does not occur in the transcript \(labels found: \['Alimov', "
                                            r"'Massource'\]\)"):
        t = toolkit.read_transcript(p)
    assert t.speakers["role_source"].tolist() == ["questions", "questions"]
    with pytest.warns(ToolkitWarning, match=r"'Anna' given in speakers= does not occur"):
        toolkit.read_transcript(p, speakers={"Anna": "interviewer"}, sidecar=False)


def test_indented_labels_and_prose_that_starts_like_one():
    """Labels after spaces or a tab are found; a line that starts with Q or A, or holds a colon later on, is
    prose; a stage note is cut out only between sentences, whether or not the speech has other brackets."""
    t = read("  Q  What now?\n\n\tA. We wait.\n\nQuite so. Anything else?\n\n"
             "A. No (laughter) thanks.  (Laughter.)  Bye.\n")
    assert who(t) == [("Q", "interviewer", "What now?"), ("A", "interviewee", "We wait."),
                      ("A", "interviewee", "Quite so."), ("A", "interviewee", "Anything else?"),
                      ("A", "interviewee", "No (laughter) thanks."), ("", "narrator", "(Laughter.)"),
                      ("A", "interviewee", "Bye.")]
    assert t.turns["label"].tolist() == ["Q", "A.", "A."]
    t = read(f"MS. PSAKI:  Hi.\n\n  Q{NB} Jen, on Iran?\n\nAnd more text: with a colon.\n\nA [pause] here.\n")
    assert who(t) == [("MS. PSAKI", "interviewee", "Hi."), ("Q", "interviewer", "Jen, on Iran?"),
                      ("Q", "interviewer", "And more text: with a colon."), ("Q", "interviewer", "A [pause] here.")]


# ---------------------------------------------------------------------------
# The fast paths of parse_layout give the line-by-line answers.
# ---------------------------------------------------------------------------

_LINES = ["MS. PSAKI:  Thanks.", "Q    Why?", "Q. And?", "A. Yes.", "Anna: Hi.", "  indented: yes", "\tTabbed",
          "a wrapped line", "QUESTION:x", "10:30 a.m.", "ALONE", "Q", "A", ":", "x:", "", " ", "\u00a0 ", "\t",
          "\x1c", "\u2028", "\r", " \x0c ", "Quiet", "Also: this"]


def _naive_label_lines(text, pos, every_line):
    """_label_lines as the line-by-line loop it replaces."""
    from toolkit.layout import _paragraphs

    return [(lines[0][0], lines[-1][1],
             [(i, ls, le) for i, (ls, le) in enumerate(lines)
              if every_line or text[ls:ls + 1] in " \tQA" or text.find(":", ls, le) != -1], len(lines))
            for lines in _paragraphs(text, pos)]


def _counted(paragraphs, text):
    return [(s, e, lines, text.count("\n", s, e) + 1 if n == -1 else n) for s, e, lines, n in paragraphs]


def test_label_lines_are_the_line_by_line_ones():
    import random

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from toolkit.layout import _label_lines

    @settings(max_examples=600, deadline=None)
    @given(st.lists(st.sampled_from(_LINES), max_size=25), st.integers(0, 400), st.booleans())
    def check(lines, cut, every_line):
        text = "\n".join(lines)
        for pos in {-2, 0, min(cut, len(text)), len(text), len(text) + 2} | {i + 1 for i, c in enumerate(text)
                                                                             if c == "\n"}:
            assert _counted(_label_lines(text, pos, every_line), text) == _naive_label_lines(text, pos, every_line)

    check()
    rng = random.Random(3)   # longer texts
    for _ in range(200):
        text = "\n".join(rng.choice(_LINES) for _ in range(rng.randrange(1, 200)))
        pos = rng.randrange(len(text) + 1)
        assert _counted(_label_lines(text, pos, False), text) == _naive_label_lines(text, pos, False)
        assert _counted(_label_lines(text, 0, False), text) == _naive_label_lines(text, 0, False)


def test_front_matter_end_inside_a_line_and_declared_labels():
    from toolkit.layout import parse_layout

    text = "---\ntitle: x\n---\nMS. PSAKI:  Hello.\nQ    Why?\n\nMS. PSAKI:  Because.  Really: yes.\n"
    for first, speaker in (("PSAKI:", "PSAKI"), ("llo.", None)):   # the first line starts inside a line
        mid = text.index(first)
        lay = parse_layout(text, front_matter_end=mid)
        assert [(b.start, b.end, b.label and b.label.speaker) for b in lay.blocks] == [
            (mid if speaker is None else text.index("Hello"), text.index("\nQ"), speaker),
            (text.index("Why"), text.index("\n\n"), "Q"), (text.index("Because"), len(text) - 1, "MS. PSAKI")]
    lay = parse_layout(text, front_matter_end=text.index("MS."), declared={"ms. psaki": "Psaki"})
    assert [b.label.speaker for b in lay.blocks] == ["Psaki", "Q", "Psaki"]


def test_numbered_questions_and_answers():
    """A numbered list of questions: the number before a role label is part of the label, not speech."""
    t = toolkit.read_transcript("1. Question: Why did the talks fail?\nAnswer: They did not fail.\n\n"
                                "2. Question: What happens next?\nAnswer: More talks.\n\n(3) Q: And tourism?\n"
                                "A: Tourists are welcome.\n")
    assert t.turns["speaker"].tolist() == ["Question", "Answer", "Question", "Answer", "Q", "A"]
    assert t.turns["role"].tolist() == ["interviewer", "interviewee"] * 3
    assert t.sentences["text"].tolist()[:3] == ["Why did the talks fail?", "They did not fail.", "What happens next?"]
    vn = toolkit.read_transcript("1. Reporter: Could you update us on the floods?\n\nSpokesperson Le Thi Thu Hang: "
                                 "Relief is under way.\n\n2. Reporter: And the fishermen?\n\n"
                                 "Spokesperson Le Thi Thu Hang: They are safe.\n")
    assert vn.turns["speaker"].tolist() == ["Reporter", "Spokesperson Le Thi Thu Hang"] * 2
    assert vn.turns["role"].tolist() == ["interviewer", "interviewee"] * 2
    assert vn.sentences["text"].tolist()[0] == "Could you update us on the floods?"
    outlet = toolkit.read_transcript("Spokesperson Chen: Good afternoon.\n\n1. Reporter (Reuters): Will the minister "
                                     "travel?\n\nSpokesperson Chen: Yes.\n")
    assert outlet.turns["speaker"].tolist() == ["Spokesperson Chen", "Reporter", "Spokesperson Chen"]
    assert outlet.sentences["text"].tolist()[1] == "Will the minister travel?"
    # the number of the question after the role word: the speaker is the role ("Q1:", "Question 2:")
    qn = toolkit.read_transcript("Q1: How are relations?\n\nA1: Pragmatic.\n\nQ2: And trade?\n\nA2: It grew.\n\n"
                                 "Question 3: Tourism?\n\nAnswer 3: Up.\n")
    assert qn.turns["speaker"].tolist() == ["Q", "A", "Q", "A", "Question", "Answer"]
    assert qn.turns["role"].tolist() == ["interviewer", "interviewee"] * 3
    # a numbered list item in prose is no label
    prose = toolkit.read_transcript("MS. SMITH: Two points.\n1. Economy: we grew.\n2. Trade: we signed.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH"]


def test_title_comma_name_labels_and_one_question_reporters():
    """A foreign ministry's layout: the spokesperson's label is a title, a comma and a name in mixed case
    ("Official Spokesperson, Shri Arindam Bagchi:"), and reporters named with their outlet ask one question
    each: they are questioners although each has one turn. A long single turn that ends with a question, and
    a line of prose with a comma before its colon, keep their readings."""
    t = read("Official Spokesperson, Shri Arindam Bagchi: Good afternoon. I have two announcements.\n\n"
             "Question: Will the minister travel to Dhaka?\n\n"
             "Official Spokesperson, Shri Arindam Bagchi: Not this month.\n\n"
             "Sidhant (WION): Sir, on the advisory, any response?\n\n"
             "Official Spokesperson, Shri Arindam Bagchi: We have taken it up.\n\n"
             "Rezaul (BSS): And the water-sharing talks?\n\n"
             "Official Spokesperson, Shri Arindam Bagchi: They went well. In Delhi, the minister said: "
             "progress is steady.\n")
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles == {"Official Spokesperson": "interviewee", "Question": "interviewer", "Sidhant": "interviewer",
                     "Rezaul": "interviewer"}
    assert t.sentences["text"].tolist()[-1] == "In Delhi, the minister said: progress is steady."
    long = read("Q: What happened?\n\nA: Talks.\n\nDr. Lee: One. Two. Three. Four. Is that not so?\n")
    assert dict(zip(long.speakers["speaker"], long.speakers["role"]))["Dr. Lee"] == "interviewee"
    prose = read("MS. SMITH: Hello.\n\nPrime Minister Modi, speaking in Delhi, said: we will act.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH"]


def test_outlets_written_in_lower_case_ask():
    """German outlets write themselves in lower case ("dpa:", "taz:"): at a paragraph start, asking, among other
    labels, they are questioners like "Reuters:". A lower-case word that is an English word ("so:", "why:"), one
    that makes a statement, one inside a paragraph, or one in a text with no other label stays prose."""
    t = read("Deputy Spokesperson Weber: Good morning. The Chancellor will travel to Paris.\n\n"
             "Reuters: Will the Chancellor discuss defence?\n\nDeputy Spokesperson Weber: Certainly.\n\n"
             "dpa: Is a joint declaration planned?\n\nDeputy Spokesperson Weber: I cannot anticipate that.\n\n"
             "taz: Will the Chancellor meet opposition leaders?\n\nDeputy Spokesperson Weber: That is not planned.\n\n"
             "so: what is planned?\n\nepd: a statement on energy.\n\nwhy: because it matters?\n\n"
             "Reuters: And then?\nkna: Is a visit planned?\n")
    assert t.turns["speaker"].tolist() == ["Deputy Spokesperson Weber", "Reuters", "Deputy Spokesperson Weber", "dpa",
                                           "Deputy Spokesperson Weber", "taz", "Deputy Spokesperson Weber", "Reuters"]
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles == {"Deputy Spokesperson Weber": "interviewee", "Reuters": "interviewer", "dpa": "interviewer",
                     "taz": "interviewer"}
    assert who(t)[-5:] == [("Deputy Spokesperson Weber", "interviewee", "so: what is planned?"),
                           ("Deputy Spokesperson Weber", "interviewee", "epd: a statement on energy."),
                           ("Deputy Spokesperson Weber", "interviewee", "why: because it matters?"),
                           ("Reuters", "interviewer", "And then?"),
                           ("Reuters", "interviewer", "kna: Is a visit planned?")]
    with pytest.warns(ToolkitWarning, match="no speaker labels found"):
        toolkit.read_transcript("dpa: Is a joint declaration planned?\n\ntaz: Will she meet them?\n")


@pytest.mark.parametrize("space", ["\u2003", "\u202f", "\u2009", "\u2007", "\u3000", "\u200b", "\u2002\u200b "])
def test_labels_indented_with_other_unicode_spaces(space):
    """PDF and web copies indent with em, narrow no-break, thin, figure or ideographic spaces, or a zero-width
    space: the label after them is found as after spaces or a no-break space (a zero-width space, which is not
    white space, belongs to the label, so every character stays in a sentence or a label). Prose after such
    indentation, with a colon inside it, stays prose."""
    t = read(f"Interview with the Mayor\n\n{space * 2}Interviewer: Mayor, why the tax?\n\n"
             f"{space * 2}Mayor Costa: Tourism brings costs. The tax raises 40 million.\n\n"
             f"{space}Q. And the money?\n\n{space}A. Housing.\n\n"
             f"{space * 2}It is, in short: housing first.\n")
    assert who(t) == [("", "narrator", "Interview with the Mayor"),
                      ("Interviewer", "interviewer", "Mayor, why the tax?"),
                      ("Mayor Costa", "interviewee", "Tourism brings costs."),
                      ("Mayor Costa", "interviewee", "The tax raises 40 million."),
                      ("Q", "interviewer", "And the money?"), ("A", "interviewee", "Housing."),
                      ("A", "interviewee", (space * 2).lstrip() + "It is, in short: housing first.")]


def test_two_officials_with_one_title_are_two_speakers():
    """An MEA briefing with two Joint Secretaries: the title may carry the division in brackets before the comma
    ("Joint Secretary (East Asia), Shri Anil Kumar:"), and the two people behind one title are two speakers,
    each named with the title (the same person with or without the division, or with "Smt" for "Smt.", is one).
    A title that goes with one person stays the speaker on its own, and a name with a role after the comma
    ("JAKE TAPPER, CNN HOST:") stays the name."""
    t = read("Official Spokesperson, Shri Randhir Jaiswal: Good evening. Two Joint Secretaries will brief you.\n\n"
             "Joint Secretary (East Asia), Shri Anil Kumar: Thank you. The Prime Minister held talks.\n\n"
             "Joint Secretary (Economic Diplomacy), Smt. Priya Rao: Four agreements were signed.\n\n"
             "Joint Secretary, Shri Anil Kumar: A defence dialogue was launched.\n\n"
             "Question (Sidhant Sibal, WION): Was the bullet train discussed?\n\n"
             "Joint Secretary, Smt Priya Rao: Yes, in detail.\n\n"
             "Official Spokesperson, Shri Randhir Jaiswal: Thank you all.\n")
    assert t.turns["speaker"].tolist() == [
        "Official Spokesperson", "Joint Secretary, Shri Anil Kumar", "Joint Secretary, Smt. Priya Rao",
        "Joint Secretary, Shri Anil Kumar", "Question", "Joint Secretary, Smt. Priya Rao", "Official Spokesperson"]
    assert who(t)[3] == ("Joint Secretary, Shri Anil Kumar", "interviewee", "The Prime Minister held talks.")
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles == {"Official Spokesperson": "interviewee", "Joint Secretary, Shri Anil Kumar": "interviewee",
                     "Joint Secretary, Smt. Priya Rao": "interviewee", "Question": "interviewer"}
    cnn = read("JAKE TAPPER, CNN HOST: Senator, will you vote for it?\n\nSEN. ELIZABETH WARREN (D-MA): No.\n\n"
               "JAKE TAPPER, CNN ANCHOR: Why not?\n\nSEN. ELIZABETH WARREN (D-MA): It is too weak.\n")
    assert cnn.turns["speaker"].tolist() == ["JAKE TAPPER", "SEN. ELIZABETH WARREN"] * 2
    prose = read("MS. SMITH: Hello.\n\nThe minister (in Delhi), speaking to us, said: we will act.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH"]


def test_bare_q_indented_with_no_break_spaces():
    """White House transcripts indent some lines with no-break spaces: a bare "Q" after them is still the
    questioner's label (it was read as the previous speaker's speech)."""
    t = read("\u00a0 \u00a0 MS. JEAN-PIERRE:\u00a0 Last question.\n\n"
             "\u00a0 \u00a0 Q\u00a0\u00a0\u00a0 On NATO, are we expecting action?\n\n"
             "\u00a0 \u00a0 MS. JEAN-PIERRE:\u00a0 No.\n")
    assert who(t) == [("MS. JEAN-PIERRE", "interviewee", "Last question."),
                      ("Q", "interviewer", "On NATO, are we expecting action?"),
                      ("MS. JEAN-PIERRE", "interviewee", "No.")]


def test_long_and_square_bracket_notes_in_labels_and_a_list_of_speakers():
    """Germany's government press conference names each ministry's spokesperson with the ministry in
    brackets ("Seidel (Federal Ministry for Economic Affairs and Climate Action):", 56 characters) and NATO's
    transcripts put outlets and roles in square brackets ("Martin Aldridge [Reuters]:"): both are labels,
    and reporters who each ask once under a bracketed outlet are questioners. A "Speakers:" heading over a
    list of names is no speaker; a bracket of prose before a colon in a sentence is no label."""
    t = read("Speakers:\nAlbers (Deputy Government Spokesperson)\nSeidel (Federal Ministry)\n\n"
             "Question (Hartmann): Will the tariffs rise?\n\n"
             "Seidel (Federal Ministry for Economic Affairs and Climate Action): We are examining that.\n\n"
             "Albers (Deputy Government Spokesperson): Nothing to add.\n")
    assert who(t)[0][:2] == ("", "narrator")
    assert speaker_roles(t)[1:] == [("Question", "interviewer"), ("Seidel", "interviewee"),
                                    ("Albers", "interviewee")]
    nato = read("Ilse Verhaegen [NATO Spokesperson]: Good afternoon. The Secretary General.\n\n"
                "NATO Secretary General: Ministers meet today. Allies will decide on support.\n\n"
                "Ilse Verhaegen [NATO Spokesperson]: Reuters.\n\n"
                "Martin Aldridge [Reuters]: Will allies send more air defence?\n\n"
                "NATO Secretary General: That is for allies to decide.\n\n"
                "Ilse Verhaegen [NATO Spokesperson]: Kyodo.\n\n"
                "Haruto Saito [Kyodo News]: And on Japan?\n\n"
                "NATO Secretary General: Japan is a close partner.\n")
    roles = dict(zip(nato.speakers["speaker"], nato.speakers["role"]))
    assert roles == {"Ilse Verhaegen": "interviewee", "NATO Secretary General": "interviewee",
                     "Martin Aldridge": "interviewer", "Haruto Saito": "interviewer"}
    prose = read("MS. SMITH: Hello.\n\nThe report (published in a very long and winding bracket of more than "
                 "eighty characters in all, which no label has) said: we will act.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH"]


def test_follow_up_question_with_a_reporters_name_is_a_question():
    """Germany's government press conference labels a reporter's second question "Follow-up question (Name):";
    it is the questioner's label (it was read as the spokesperson's speech), as are "Supplementary question:"
    and "Further question:"; "Follow-up questions were few." in prose is no label."""
    t = read("Question (Hartmann): Will Germany take part?\n\n"
             "Hoffmann (Federal Foreign Office): Yes, with a frigate.\n\n"
             "Follow-up question (Hartmann): Also in strikes?\n\n"
             "Hoffmann (Federal Foreign Office): No.\n\n"
             "Supplementary question: And the costs?\n\n"
             "Hoffmann (Federal Foreign Office): Follow-up questions were few. That is all.\n")
    assert speaker_roles(t) == [
        ("Question", "interviewer"), ("Hoffmann", "interviewee"), ("Follow-up question", "interviewer"),
        ("Hoffmann", "interviewee"), ("Supplementary question", "interviewer"), ("Hoffmann", "interviewee"),
        ("Hoffmann", "interviewee")]


def test_chairperson_who_answers_mc_and_long_upper_case_titles():
    """An African Union press conference: "CHAIRPERSON:" is the Commission's head who answers when a
    "MODERATOR:" chairs (alone, "Chairperson:" still chairs a meeting); "MC:" moderates; an upper-case title of
    seven words ("DIRECTOR FOR THE PROTECTION OF INDONESIAN CITIZENS:") is a label; a "SUBJECTS:" line under a
    minister's name is no speaker."""
    au = read("MODERATOR: Welcome. The Chairperson will make a statement.\n\n"
              "CHAIRPERSON: Thank you. Peace in the Sahel is our priority.\n\n"
              "QUESTION (Amina Diallo, RFI): What about the sanctions on Niger?\n\n"
              "CHAIRPERSON: They will be reviewed.\n")
    assert dict(zip(au.speakers["speaker"], au.speakers["role"])) == {
        "MODERATOR": "moderator", "CHAIRPERSON": "interviewee", "QUESTION": "interviewer"}
    sa = read("Programme Director: Welcome. The Minister.\n\nMinister: Thank you.\n\nJournalist: And BRICS?\n\n"
              "Minister: We will host.\n")
    assert sa.speakers.set_index("speaker").loc["Programme Director", "role"] == "moderator"   # South Africa's MC
    meeting = read("Chairperson: The meeting is open. Who wishes to speak?\n\nMr Lee: I do. The budget is late.\n")
    assert meeting.speakers.set_index("speaker").loc["Chairperson", "role"] == "moderator"
    mfa = read("SUBJECTS: Lebanon; Gaza.\n\nMC: Our first speaker.\n\nSPOKESPERSON: Good afternoon.\n\n"
               "Q (Budi, Kompas): On the crew in Mauritius?\n\n"
               "DIRECTOR FOR THE PROTECTION OF INDONESIAN CITIZENS: They are safe and will come home.\n")
    assert speaker_roles(mfa) == [
        ("", "narrator"), ("MC", "moderator"), ("SPOKESPERSON", "interviewee"), ("Q", "interviewer"),
        ("DIRECTOR FOR THE PROTECTION OF INDONESIAN CITIZENS", "interviewee")]


def test_journalist_dash_outlet_labels_and_delivered_on():
    """Brazil's Foreign Ministry labels reporters "Journalist - Reuters (Michael Harwood, in English):": the
    questioner's label (the questions were read as the ambassador's speech); a gov.uk page's "Delivered on:"
    line is no speaker; a dash inside prose before a colon is no label."""
    t = read("Delivered on: 12 July 2023 (Transcript of the speech)\n\n"
             "Ambassador Helena Barros: Good morning. The summit opens on Monday.\n\n"
             "Journalist - Reuters (Michael Harwood, in English): Will the declaration mention Ukraine?\n\n"
             "Ambassador Helena Barros: The text is still being negotiated.\n\n"
             "Journalist \u2013 O Globo: And the holidays in Rio?\n\n"
             "Ambassador Helena Barros: The city decided that - as it may: we agree.\n")
    assert speaker_roles(t) == [
        ("", "narrator"), ("Ambassador Helena Barros", "interviewee"), ("Ambassador Helena Barros", "interviewee"),
        ("Journalist", "interviewer"), ("Ambassador Helena Barros", "interviewee"), ("Journalist", "interviewer"),
        ("Ambassador Helena Barros", "interviewee")]


def test_a_slash_inside_a_label():
    """The EU's "HR/VP:" (High Representative / Vice-President) is a label (his answers were read as the
    questioner's); "and/or:" in prose and a URL are not."""
    t = read("Spokesperson: Welcome. The High Representative will start.\n\n"
             "HR/VP: Good afternoon. Ministers discussed Ukraine.\n\nQ. Will there be new sanctions?\n\n"
             "HR/VP: Yes, and/or: more aid.\n\nSpokesperson: Thank you.\n")
    assert speaker_roles(t) == [
        ("Spokesperson", "interviewee"), ("Spokesperson", "interviewee"), ("HR/VP", "interviewee"),
        ("HR/VP", "interviewee"), ("Q", "interviewer"), ("HR/VP", "interviewee"), ("Spokesperson", "interviewee")]
    prose = read("MS. SMITH: Hello.\n\nand/or: the minister said so.\n\nSee https://example.org: it says so.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH"]


def test_french_foreign_ministry_q_and_r_dashes():
    """The Quai d'Orsay's English briefings label questions "Q - " and answers "R - " (réponse) at paragraph
    starts; a question that opens with a sentence and a colon is no "role - outlet:" label; "R:" answers as
    "A:" does (qualitative interviews' respondent); "R - " inside a paragraph is prose."""
    t = read("The Deputy Spokesperson made the following statements:\n\nFrance condemns the attack.\n\n"
             "Q - [Translation] Good afternoon. On the Games: is the threat real?\n\n"
             "R - The threat is real. We do not underestimate it.\n\nQ - And the visas?\n\n"
             "R - No. They are examined case by case, as the R - 7 form says.\n")
    assert list(zip(t.turns["speaker"], t.turns["role"])) == [
        ("", "narrator"), ("Q", "interviewer"), ("R", "interviewee"), ("Q", "interviewer"), ("R", "interviewee")]
    assert t.sentences["text"].tolist()[3:] == [
        "Good afternoon.", "On the Games: is the threat real?", "The threat is real.", "We do not underestimate it.",
        "And the visas?", "No.", "They are examined case by case, as the R - 7 form says."]
    qual = read("Interviewer: How did you start?\n\nR: I joined the party in 1998.\n")
    assert speaker_roles(qual) == [("Interviewer", "interviewer"), ("R", "interviewee")]
    prose = read("MS. SMITH: Hello.\n\nThe vote was 12 for and 3 against,\nR - the Republican member - abstained.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH"]


def test_his_excellency_does_not_end_a_sentence():
    t = read("Transcript of the Joint Press Conference of H.E. Mr. Faisal Al-Rumaihi, Secretary-General.\n\n"
             "MODERATOR: Welcome.\n")
    assert t.sentences["text"].tolist() == [
        "Transcript of the Joint Press Conference of H.E. Mr. Faisal Al-Rumaihi, Secretary-General.", "Welcome."]


def test_reporter_slash_outlet_labels():
    """The Philippine Foreign Affairs department writes reporters as "NAME/OUTLET:": the speaker is the reporter
    (two questions from one reporter of different outlets' spelling stay one speaker); "HR/VP:" stays whole."""
    t = read("MODERATOR: Good morning.\n\nJULES ALONZO/RAPPLER: Can you confirm the sentence?\n\n"
             "ASEC. DIZON: We are verifying.\n\nKATRINA VELASCO/GMA NEWS: And the repatriation?\n\n"
             "ASEC. DIZON: Next week.\n\nJULES ALONZO/RAPPLER: Thank you.\n\nHR/VP: Good afternoon.\n")
    assert t.turns["speaker"].tolist() == ["MODERATOR", "JULES ALONZO", "ASEC. DIZON", "KATRINA VELASCO",
                                           "ASEC. DIZON", "JULES ALONZO", "HR/VP"]
    assert dict(zip(t.speakers["speaker"], t.speakers["role"]))["KATRINA VELASCO"] == "interviewer"
    spaced = read("ASEC. SANTOS: Let us start with your questions.\n\nMARICEL HALILI / TV5: Ma'am, is he going?\n\n"
                  "ASEC. SANTOS: Not yet.\n\nMARICEL HALILI/TV5: And after?\n\nASEC. SANTOS: We will see.\n\n"
                  "Yes / No: the vote was close.\n")
    assert list(zip(spaced.turns["speaker"], spaced.turns["role"])) == [
        ("ASEC. SANTOS", "interviewee"), ("MARICEL HALILI", "interviewer"), ("ASEC. SANTOS", "interviewee"),
        ("MARICEL HALILI", "interviewer"), ("ASEC. SANTOS", "interviewee")]


def test_spanish_period_dash_labels():
    """Spain's Foreign Ministry writes "Name.- ..." and "P.-" (pregunta) / "R.-" (respuesta) at paragraph
    starts, "R. (Minister Fall).-" naming who answers; a ".-" later in a paragraph is prose."""
    t = read("Madrid, 19 September 2024\n\n"
             "Minister for Foreign Affairs, European Union and Cooperation, Ramón Echevarría Solís.- Good afternoon. "
             "We met today.\n\nModerator.- The first question is from Agencia EFE.\n\n"
             "P.- Good afternoon. Is the agreement enough?\n\nR.- It is a first step.\n\n"
             "P.- And the returns?\n\nR. (Minister Ndiaye Fall).- Senegal respects its commitments.\n\n"
             "Minister Echevarría.- One last word: the figures rose 3.- 4 per cent.\n")
    assert list(zip(t.turns["speaker"], t.turns["role"])) == [
        ("", "narrator"), ("Minister for Foreign Affairs", "interviewee"), ("Moderator", "moderator"),
        ("P", "interviewer"), ("R", "interviewee"), ("P", "interviewer"), ("R", "interviewee"),
        ("Minister Echevarría", "interviewee")]
    assert t.sentences["text"].tolist()[4:7] == ["Good afternoon.", "Is the agreement enough?", "It is a first step."]


def test_transcription_export_name_and_time_lines():
    """An Otter.ai export puts the speaker's name and a timestamp alone on a line and the turn's text on the
    lines after it; its footer is no speech. A name and a time of day inside prose are not a label."""
    t = read("Hannah Whitcombe  0:00\nGood evening. Minister, thanks for coming in.\n\n"
             "Rebecca Thornton  0:14\nThanks, Hannah.\n\nHannah Whitcombe  1:02:16\nWhat did you agree?\n\n"
             "Rebecca Thornton  1:02:20\nA new arrangement on terrorist financing.\nIt starts in March.\n\n"
             "Transcribed by https://otter.ai\n")
    assert list(zip(t.sentences["speaker"], t.sentences["role"], t.sentences["text"])) == [
        ("Hannah Whitcombe", "interviewer", "Good evening."),
        ("Hannah Whitcombe", "interviewer", "Minister, thanks for coming in."),
        ("Rebecca Thornton", "interviewee", "Thanks, Hannah."),
        ("Hannah Whitcombe", "interviewer", "What did you agree?"),
        ("Rebecca Thornton", "interviewee", "A new arrangement on terrorist financing."),
        ("Rebecca Thornton", "interviewee", "It starts in March."),
        ("", "narrator", "Transcribed by https://otter.ai")]
    prose = read("MS. SMITH: The train leaves at\n10:30\nand arrives at noon.\n\nMS. SMITH: Meet Anna Berg 10:30\n"
                 "at the station.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH", "MS. SMITH"]


def test_podcast_export_name_and_bracketed_time_lines():
    """A podcast platform's export: the name and a timestamp in parentheses (or square brackets) alone on a line,
    the text on the next; a name followed by a bracketed time inside prose is not a label."""
    t = read("The Open Border Podcast\nEpisode 212\n\nPriya Castellano (00:00:00)\nHi everyone. Welcome back.\n\n"
             "Martin Oyelaran (00:00:24)\nThanks, Priya.\n\nPriya Castellano [01:02:14]\n(laughs) So, tariffs?\n")
    assert list(zip(t.sentences["speaker"], t.sentences["text"])) == [
        ("", "The Open Border Podcast\nEpisode 212"), ("Priya Castellano", "Hi everyone."),
        ("Priya Castellano", "Welcome back."), ("Martin Oyelaran", "Thanks, Priya."), ("", "(laughs)"),
        ("Priya Castellano", "So, tariffs?")]
    prose = read("MS. SMITH: We met Anna Berg (10:30)\nat the station.\n")
    assert prose.turns["speaker"].tolist() == ["MS. SMITH"]


def test_broadcast_and_closing_notes_are_no_speech():
    """A cable-news transcript's "(COMMERCIAL BREAK)", "(BEGIN VIDEO CLIP)" and "(END VIDEO CLIP)", and a
    briefing's closing "(The briefing was concluded at 2:11 p.m.)", are narrator text, not the speech of the
    turn before them."""
    t = read("HOLLOWAY: Stay with us.\n\n(COMMERCIAL BREAK)\n\nHOLLOWAY: Welcome back. Here is the senator.\n\n"
             "(BEGIN VIDEO CLIP)\n\nBRANNIGAN: It includes everybody.\n\n(END VIDEO CLIP)\n\n"
             "MR CORBETT: Thank you.\n\n(The briefing was concluded at 2:11 p.m.)\n\n"
             "MR CORBETT: We will end the session early (the meeting was short).\n")
    assert list(zip(t.sentences["speaker"], t.sentences["text"])) == [
        ("HOLLOWAY", "Stay with us."), ("", "(COMMERCIAL BREAK)"), ("HOLLOWAY", "Welcome back."),
        ("HOLLOWAY", "Here is the senator."), ("", "(BEGIN VIDEO CLIP)"), ("BRANNIGAN", "It includes everybody."),
        ("", "(END VIDEO CLIP)"), ("MR CORBETT", "Thank you."), ("", "(The briefing was concluded at 2:11 p.m.)"),
        ("MR CORBETT", "We will end the session early (the meeting was short).")]
    assert (t.sentences.loc[t.sentences["speaker"] == "", "role"] == "narrator").all()


def test_a_footer_after_a_closing_line_is_no_speech():
    """After a closing line ("*****", "###", "END 11:33 A.M. EST") the unlabelled paragraphs are a publisher's
    footer, narrator text; a label opens speech again, and a paragraph after an ordinary stage note still
    continues the turn."""
    t = read("FM MARCHAND: Thank you. Merci.\n\n*****\n\nASEAN Secretariat\nPublic Outreach Division\n")
    assert list(zip(t.sentences["speaker"], t.sentences["role"], t.sentences["text"])) == [
        ("FM MARCHAND", "speaker", "Thank you."), ("FM MARCHAND", "speaker", "Merci."),
        ("", "narrator", "*****"), ("", "narrator", "ASEAN Secretariat\nPublic Outreach Division")]
    t = read("MR. ZIENTS: Thanks, all.\n\nEND 11:13 A.M. EDT\n\nTo view the slides, visit the site.\n\n"
             "Q: One more?\n\nMR. ZIENTS: No.\n\n(Laughter.)\n\nReally, no.\n")
    assert t.sentences["speaker"].tolist() == ["MR. ZIENTS", "", "", "Q", "MR. ZIENTS", "", "MR. ZIENTS"]


def test_a_heading_with_a_colon_and_a_date_is_no_speaker():
    t = read("Post-Cabinet Press Conference: Monday, 14 October 2024\n\nPM: Kia ora koutou.\n\n"
             "Media: Prime Minister, why now?\n\nPM: Because it is ready.\n")
    assert list(zip(t.turns["speaker"], t.turns["role"])) == [
        ("", "narrator"), ("PM", "interviewee"), ("Media", "interviewer"), ("PM", "interviewee")]


def test_question_and_answer_dashes_in_other_forms():
    """"R – " with an en dash, "Q. - " and "R. — " (any dash after a full stop) and Spain's "P. - ", "P.– " and
    "R.-Yes" are labels, the dash left out of the text; the White House's "Q — " keeps its dash (an
    interruption) and "R-Ohio" at a paragraph start is no label."""
    t = read("Q - Is there a date?\n\nR \u2013 The council meets in April.\n\nQ. - And the tariffs?\n\n"
             "R. \u2014 None yet.\n\nP. - Will Spain support it?\n\nR.-Yes.\n\nP.\u2013 And Morocco?\n\n"
             "Sr. Albares.\u2013 One more word.\n")
    assert who(t) == [("Q", "interviewer", "Is there a date?"), ("R", "interviewee", "The council meets in April."),
                      ("Q", "interviewer", "And the tariffs?"), ("R", "interviewee", "None yet."),
                      ("P", "interviewer", "Will Spain support it?"), ("R", "interviewee", "Yes."),
                      ("P", "interviewer", "And Morocco?"), ("Sr. Albares", "interviewee", "One more word.")]
    wh = read("MS. SMITH: Hello.\n\nQ \u2014 will he go?\n\nMS. SMITH: No.\n\nR-Ohio Senator Vance said so.\n")
    assert who(wh)[1] == ("Q", "interviewer", "\u2014 will he go?")
    assert wh.turns["speaker"].tolist() == ["MS. SMITH", "Q", "MS. SMITH"]


def test_commons_committee_question_numbers_and_speech_recogniser_segments():
    """A Commons committee's evidence numbers its questions before the member's name ("Q12 Daniel Petrie:"):
    the speaker is the member, one speaker across questions; a "Witnesses:" list is no speaker. A speech
    recogniser's segments ("[00:00:09.479 --> 00:00:21.277] SPEAKER_00:", WhisperX) are labels."""
    t = read("Witnesses: Rachel Denholm and Sir Martin Hargreave.\n\nQ1 Chair: Welcome. What is the threat?\n\n"
             "Rachel Denholm: It is serious.\n\nQ2 Daniel Petrie: And the camps?\n\nRachel Denholm: We are working "
             "on it.\n\nQ3 Daniel Petrie: When?\n\nSir Martin Hargreave: Soon.\n")
    assert list(zip(t.turns["speaker"], t.turns["role"])) == [
        ("", "narrator"), ("Chair", "moderator"), ("Rachel Denholm", "interviewee"), ("Daniel Petrie", "interviewer"),
        ("Rachel Denholm", "interviewee"), ("Daniel Petrie", "interviewer"), ("Sir Martin Hargreave", "interviewee")]
    asr = read("[00:00:00.031 --> 00:00:09.479] SPEAKER_00: You're listening to Breakfast. Minister, welcome.\n\n"
               "[00:00:09.479 --> 00:00:21.277] SPEAKER_01: Thanks. Good to be here.\n\n"
               "[00:00:21.819 --> 00:00:30.583] SPEAKER_00: What did you agree?\n")
    assert who(asr) == [("SPEAKER_00", "interviewer", "You're listening to Breakfast."),
                        ("SPEAKER_00", "interviewer", "Minister, welcome."),
                        ("SPEAKER_01", "interviewee", "Thanks."), ("SPEAKER_01", "interviewee", "Good to be here."),
                        ("SPEAKER_00", "interviewer", "What did you agree?")]


def test_a_bracketed_editors_note_and_ends_are_no_speech():
    t = read("Tánaiste: We agreed. Next question.\n\n[Press officer indicates time for one final question]\n\n"
             "Journalist: And Gaza?\n\nTánaiste: We will keep pressing. [inaudible] Thank you.\n\nENDS\n")
    assert who(t) == [("Tánaiste", "interviewee", "We agreed."), ("Tánaiste", "interviewee", "Next question."),
                      ("", "narrator", "[Press officer indicates time for one final question]"),
                      ("Journalist", "interviewer", "And Gaza?"), ("Tánaiste", "interviewee", "We will keep pressing."),
                      ("", "narrator", "[inaudible]"), ("Tánaiste", "interviewee", "Thank you."), ("", "narrator", "ENDS")]


GPO_HEARING = (
    "[House Hearing, 118 Congress]\n[From the U.S. Government Publishing Office]\n\n"
    "                 ADVANCING U.S. INTERESTS IN SOUTH AND\n"
    "               CENTRAL ASIA: SECURITY, TRADE, AND PEOPLE-\n"
    "                       TO-PEOPLE PARTNERSHIPS\n\n"
    "                            C O N T E N T S\n\n"
    "Wen, Hon. Margaret, Assistant Secretary of State..............     6\n\n"
    "                 ADVANCING U.S. INTERESTS IN SOUTH AND\n"
    "               CENTRAL ASIA: SECURITY, TRADE, AND PEOPLE-\n"
    "                       TO-PEOPLE PARTNERSHIPS\n\n"
    "    The committee met, pursuant to notice, at 10:02 a.m., in room\n2172, Rayburn House Office Building.\n\n"
    "    Chairman HARLAN. The committee will come to order. I recognize the\nranking member, Mr.\n"
    "Delacroix, for his opening statement.\n\n"
    "    Mr. DELACROIX. Thank you, Mr. Chairman. I agree with the chairman.\n\n"
    "    [Laughter.]\n\n"
    "    Partnership with India is one of our great achievements. I yield\nback.\n\n"
    "       STATEMENT OF THE HONORABLE MARGARET WEN, ASSISTANT SECRETARY,\n"
    "                         DEPARTMENT OF STATE\n\n"
    "    Secretary WEN. Thank you, Chairman Harlan. I look forward to your\nquestions.\n\n"
    "    [The prepared statement of Ms. Wen follows:]\n\n"
    "            Prepared Statement of the Honorable Margaret Wen\n\n"
    "    Thank you for inviting me to testify.\n\n"
    "    Mr. SMITH of New Jersey. Will the Department act?\n\n"
    "    Secretary WEN. We will, Congressman.\n\n"
    "    [GRAPHIC] [TIFF OMITTED] T5481.001\n\n"
    "    The CHAIRMAN. Without objection, the committee stands adjourned.\n\n"
    "    [Whereupon, at 12:47 p.m., the committee was adjourned.]\n\n"
    "                                APPENDIX\n\n"
    "Questions Submitted for the Record to the Honorable Margaret Wen by\n"
    "                    Representative Loretta Teague\n\n"
    "    Question. How much assistance has the Department provided?\n\n"
    "    Answer. The figures are in the classified annex.\n\n"
    "                                 [all]\n")


def test_congressional_hearing_as_the_government_publishing_office_prints_it():
    """GPO's labels end with a full stop ("Mr. DELACROIX."); the title block, the centred headings, the bracketed
    notes, a prepared statement inserted for the record and what follows the adjournment are no one's speech, and
    the appendix's "Question." and "Answer." are the questions and answers for the record."""
    t = read(GPO_HEARING)
    assert t.turns.loc[t.turns["role"] != "narrator", "speaker"].tolist() == [
        "Chairman HARLAN", "Mr. DELACROIX", "Secretary WEN", "Mr. SMITH of New Jersey", "Secretary WEN",
        "The CHAIRMAN", "Question", "Answer"]
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles["Chairman HARLAN"] == roles["The CHAIRMAN"] == "moderator"
    assert roles["Question"] == "interviewer" and roles["Answer"] == "interviewee"
    s = t.sentences
    said = dict(zip(s["text"], zip(s["speaker"], s["role"])))
    assert said["I recognize the\nranking member, Mr.\nDelacroix, for his opening statement."][0] == "Chairman HARLAN"
    assert said["Thank you, Mr. Chairman."][0] == "Mr. DELACROIX"
    assert said["Partnership with India is one of our great achievements."][0] == "Mr. DELACROIX"
    for note in ["[Laughter.]", "[The prepared statement of Ms. Wen follows:]", "[GRAPHIC] [TIFF OMITTED] T5481.001",
                 "[Whereupon, at 12:47 p.m., the committee was adjourned.]", "APPENDIX", "[all]",
                 "Prepared Statement of the Honorable Margaret Wen", "Thank you for inviting me to testify."]:
        assert said[note] == ("", "narrator"), note
    assert all(r == "narrator" for txt, (_, r) in said.items() if "CENTRAL ASIA" in txt or "STATEMENT OF" in txt
               or "C O N T E N T S" in txt or "Questions Submitted" in txt)
    assert not any(s["speaker"].str.contains("CENTRAL ASIA"))
    # one such line in a transcript that is no hearing is no label
    t = read("MR SMITH: Welcome.\n\n    Mr. JONES. He said so.\n\nMS LEE: Did he?\n")
    assert t.turns["speaker"].tolist() == ["MR SMITH", "MS LEE"]


WEBVTT_PRESSER = (
    "WEBVTT\n\n"
    "1\n00:00:02.480 --> 00:00:03.897\n[APPLAUSE]\n\n"
    "2\n00:00:04.378 --> 00:00:09.426\n<v Moderator>Good afternoon, everyone. Welcome to\nthis press\n\n"
    "3\n00:00:09.565 --> 00:00:14.016\nconference. Minister, the floor is yours.\n\n"
    "4\n00:00:15.598 --> 00:00:19.545\n<v Foreign Minister Aldana>Thank you. I have eaten more breadfruit\n"
    "in three days than in my\n\n"
    "5\n00:00:19.561 --> 00:00:21.247\nentire life.\n\n"
    "6\n00:00:22.279 --> 00:00:23.843\n[LAUGHTER]\n\n"
    "7\n00:00:24.130 --> 00:00:28.238\nToday's declaration reaffirms the region\nas a zone of peace.\n\n"
    "8\n00:00:29.791 --> 00:00:32.120\n<v Reporter>Daniela Osorio, Reuters. Will\nColombia recognise the result\n\n"
    "9\n00:00:32.300 --> 00:00:33.500\n[CROSSTALK]\n\n"
    "10\n00:00:34.791 --> 00:00:38.120\n<v Foreign Minister Aldana>Not yet. Will you\n"
    "wait for the <i>count</i>?</v>\n")


def test_webvtt_captions_with_voice_tags():
    """A WebVTT file: the voice tag names the speaker (its label is the tag), an untagged cue continues the speaker,
    a turn's cues are one paragraph (a sentence split across cues is one sentence), a bracketed cue is a stage
    note, and no sentence holds the header, a cue number or a timing line; offsets stay offsets into the file."""
    t = toolkit.read_transcript(WEBVTT_PRESSER)
    s = t.sentences
    assert who(t) == [
        ("", "narrator", "[APPLAUSE]"),
        ("Moderator", "moderator", "Good afternoon, everyone."),
        ("Moderator", "moderator", "Welcome to\nthis press\nconference."),
        ("Moderator", "moderator", "Minister, the floor is yours."),
        ("Foreign Minister Aldana", "interviewee", "Thank you."),
        ("Foreign Minister Aldana", "interviewee",
         "I have eaten more breadfruit\nin three days than in my\nentire life."),
        ("", "narrator", "[LAUGHTER]"),
        ("Foreign Minister Aldana", "interviewee", "Today's declaration reaffirms the region\nas a zone of peace."),
        ("Reporter", "interviewer", "Daniela Osorio, Reuters."),
        ("Reporter", "interviewer", "Will\nColombia recognise the result"),
        ("", "narrator", "[CROSSTALK]"),
        ("Foreign Minister Aldana", "interviewee", "Not yet."),
        ("Foreign Minister Aldana", "interviewee", "Will you\nwait for the count?"),
    ]
    assert t.turns["label"].tolist() == ["", "<v Moderator>", "<v Foreign Minister Aldana>", "<v Reporter>",
                                         "<v Foreign Minister Aldana>"]
    for start, label in zip(t.turns["start"], t.turns["label"]):
        assert t.text[start:start + len(label)] == label
    assert s.groupby("turn_id")["paragraph_id"].nunique().tolist() == [1, 1, 3, 2, 1]
    text = t.text
    for start, end, sentence in zip(s["start"], s["end"], s["text"]):
        assert "-->" not in sentence and "WEBVTT" not in sentence and not any(w.isdigit() for w in sentence.split())
        assert text[start:end].startswith(sentence[:8]) and text[end - 1] == sentence[-1]
    assert t.text == WEBVTT_PRESSER   # the document itself is kept as it is


HANSARD_QUESTIONS = (
    "House of Commons\n\nTuesday 5 March 2024\n\n[Mr Speaker in the Chair]\n\nColumn 245\n\n"
    "Oral Answers to Questions\n\nThe Secretary of State was asked—\n\n"
    "Counter-terrorism: Sahel\n\n"
    "1. Mrs Annabel Crewe (South Wessex) (Con): What steps his Department is taking in the Sahel. [901511]\n\n"
    "The Minister of State, Foreign, Commonwealth and Development Office (Mr Tobias Renn): The situation has "
    "deteriorated sharply.\n\n"
    "Mrs Crewe: I thank the Minister. Will he act?\n\n"
    "Mr Renn: We will. [Laughter.]\n\n"
    "11.42 am\n\n"
    "Trade: Gulf Co-operation Council\n\n"
    "2. Mr Callum Strachan (Clydeside West) (SNP): What recent discussions he has had with the Gulf. [901512]\n\n"
    "The Secretary of State for Foreign, Commonwealth and Development Affairs (Mr Edmund Harcourt-Vale): Many.\n\n"
    "Several hon. Members rose—\n\n"
    "Mr Speaker: Order.\n\n"
    "Topical Questions\n\n"
    "T1. [901530] Mr Raymond Ferris (Heaton Moorside) (Lab): If he will make a statement.\n\n"
    "Mr Harcourt-Vale: I will. [Interruption.] Thank you.\n\n"
    "Hon. Members: Hear, hear!\n\n"
    "Mr Strachan rose—\n\n"
    "Column 246\n\n"
    "Mr Speaker: The hon. Gentleman has had his question.\n")


def test_hansard_oral_questions_headings_numbers_and_ministers():
    """Hansard's topic headings are no speakers, a question's number and its order-paper number are part of the
    label, a minister's title with the name in brackets is that person, whom the short label names later, and the
    times, column numbers, "rose—" lines and bracketed notes are no one's speech."""
    t = read(HANSARD_QUESTIONS)
    assert t.turns.loc[t.turns["role"] != "narrator", "speaker"].tolist() == [
        "Mrs Annabel Crewe", "Mr Tobias Renn", "Mrs Annabel Crewe", "Mr Tobias Renn", "Mr Callum Strachan",
        "Mr Edmund Harcourt-Vale", "Mr Speaker", "Mr Raymond Ferris", "Mr Edmund Harcourt-Vale", "Hon. Members",
        "Mr Speaker"]
    assert "1. Mrs Annabel Crewe (South Wessex) (Con):" in t.turns["label"].tolist()
    assert "T1. [901530] Mr Raymond Ferris (Heaton Moorside) (Lab):" in t.turns["label"].tolist()
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles["Mr Speaker"] == "moderator" and roles["Mr Tobias Renn"] == "interviewee"
    assert roles["Mrs Annabel Crewe"] == "interviewer"
    s = t.sentences
    narrator = s.loc[s["role"] == "narrator", "text"].tolist()
    for line in ["Counter-terrorism: Sahel", "Trade: Gulf Co-operation Council", "Topical Questions", "11.42 am",
                 "Column 245", "Column 246", "Several hon. Members rose—", "Mr Strachan rose—", "[Laughter.]",
                 "[Interruption.]"]:
        assert line in narrator, line
    assert set(s.loc[s["role"] != "narrator", "speaker"]) == set(roles)
    # a numbered list item with one bracket is prose, and so is a title-case line inside a turn's speech
    t = read("MR SMITH: Three points.\n\n1. Security (Article 5): the alliance holds.\n\nMS JONES: Why?\n")
    assert t.turns["speaker"].tolist() == ["MR SMITH", "MS JONES"]
    assert t.sentences.loc[t.sentences["text"].str.contains("Security|alliance"), "speaker"].tolist() == ["MR SMITH"]


NPR_TRANSCRIPT = (
    "ALL THINGS CONSIDERED\n\nAt ASEAN summit, leaders weigh war in Myanmar\n\n"
    "October 10, 2024 · 4:34 PM ET\n\nTranscript\n\n"
    "JUANITA FELLOWES, HOST:\n\nLeaders meet in Laos this week. Annika Solberg reports.\n\n"
    "ANNIKA SOLBERG, BYLINE: The night market is busy again.\n\n"
    "(SOUNDBITE OF TRAFFIC)\n\n"
    "THIDA CHANTHAVONG: (Through interpreter) Before COVID, we had many visitors.\n\n"
    "SOLBERG: Chanthavong sells silk. The summit brings buyers.\n\n"
    "FELLOWES: What do the leaders want?\n\n"
    "RUTH ABERNATHY-KWAN: (Laughter) A quiet week.\n\n"
    "FELLOWES: Will they get it?\n\n"
    "ABERNATHY-KWAN: No.\n\n"
    "MARCUS ODHIAMBO, HOST: That was Ruth Abernathy-Kwan.\n\n"
    "(SOUNDBITE OF MUSIC)\n\n"
    "Copyright © 2024 NPR. All rights reserved. Visit our website terms of use for further information.\n\n"
    "NPR transcripts are created on a rush deadline. The authoritative record of NPR’s programming is the "
    "audio record.\n")


def test_npr_transcript_soundbites_surnames_and_footer():
    """NPR names a speaker in full with a role the first time ("ANNIKA SOLBERG, BYLINE:") and by the surname after;
    a host is an interviewer by the label; "(SOUNDBITE OF ...)" and "(Through interpreter)" are stage notes and the
    copyright footer and what follows it are no one's speech."""
    t = read(NPR_TRANSCRIPT)
    assert t.turns.loc[t.turns["role"] != "narrator", "speaker"].tolist() == [
        "JUANITA FELLOWES", "ANNIKA SOLBERG", "THIDA CHANTHAVONG", "ANNIKA SOLBERG", "JUANITA FELLOWES",
        "RUTH ABERNATHY-KWAN", "JUANITA FELLOWES", "RUTH ABERNATHY-KWAN", "MARCUS ODHIAMBO"]
    roles = dict(zip(t.speakers["speaker"], t.speakers["role"]))
    assert roles["JUANITA FELLOWES"] == roles["MARCUS ODHIAMBO"] == "interviewer"
    assert roles["RUTH ABERNATHY-KWAN"] == "interviewee"
    s = t.sentences
    narrator = s.loc[s["role"] == "narrator", "text"].tolist()
    for line in ["(SOUNDBITE OF TRAFFIC)", "(SOUNDBITE OF MUSIC)", "(Through interpreter)", "(Laughter)",
                 "The authoritative record of NPR’s programming is the audio record."]:
        assert line in narrator, line
    assert any(x.startswith("Copyright © 2024 NPR.") for x in narrator)
    assert s.loc[s["text"] == "Before COVID, we had many visitors.", "speaker"].tolist() == ["THIDA CHANTHAVONG"]


def test_captions_that_repeat_the_voice_tag_and_subrip_labels():
    """A voice tag repeated on every cue (Microsoft Teams) joins a sentence that the cue before leaves open and
    opens a turn after a sentence end; a SubRip file's cues are read alike, a "Name:" label opening a cue."""
    t = toolkit.read_transcript(
        "WEBVTT\n\nabc-1/0\n00:00:00.000 --> 00:00:02.000\n<v Jane Doe>Hello everyone, today we</v>\n\n"
        "abc-1/1\n00:00:02.000 --> 00:00:04.000\n<v Jane Doe>will talk about the budget.</v>\n\n"
        "abc-2/0\n00:00:04.500 --> 00:00:06.000\n<v Jane Doe>Any questions?</v>\n\n"
        "abc-3/0\n00:00:06.500 --> 00:00:08.000\n<v John Roe>Yes. Why now?</v>\n")
    assert list(zip(t.sentences["turn_id"], t.sentences["speaker"], t.sentences["text"])) == [
        (1, "Jane Doe", "Hello everyone, today we\nwill talk about the budget."), (2, "Jane Doe", "Any questions?"),
        (3, "John Roe", "Yes."), (3, "John Roe", "Why now?")]
    t = toolkit.read_transcript(
        "1\n00:00:01,000 --> 00:00:02,500\nANNA SMITH: Good evening. Tonight we\n\n"
        "2\n00:00:02,600 --> 00:00:04,000\nlook at the budget.\n\n"
        "3\n00:00:04,100 --> 00:00:06,000\nTOM REED: Is it any good?\n\n"
        "4\n00:00:06,100 --> 00:00:08,000\nANNA SMITH: We will see.\n")
    assert who(t) == [("ANNA SMITH", "interviewee", "Good evening."),
                      ("ANNA SMITH", "interviewee", "Tonight we\nlook at the budget."),
                      ("TOM REED", "interviewer", "Is it any good?"), ("ANNA SMITH", "interviewee", "We will see.")]
    assert t.text[int(t.sentences["start"].iloc[1]):int(t.sentences["end"].iloc[1])].startswith("Tonight we\n")


def slices_cover(t):
    """The coverage check for a text read with mends (page breaks, hyphenated words): every non-space character
    belongs to one sentence span or label (the sentences' texts set to their slices for the check)."""
    import dataclasses
    plain = dataclasses.replace(t, sentences=t.sentences.assign(
        text=[t.text[s:e] for s, e in zip(t.sentences["start"], t.sentences["end"])]))
    return coverage_problems(plain)


UN_RECORD = (
    "United Nations S/PV.9999\n\nSecurity Council\nEightieth year\n\n9999th meeting\nMonday, 3 March 2025, 3 p.m.\n"
    "New York\n\nProvisional\n\n"
    "President: Mr. Kamara . . . . . . . . . . . . . . . . . . . . . . (Sierra Leone)\n\n"
    "Members: Algeria . . . . . . . . . . . . . . . . . . . . . . Mr. Benali\n"
    "United States of America . . . . . . . . . . . . . . Mrs. Shea\n\n"
    "Agenda\n\nThe situation in the Sahel\n\n"
    "This record contains the text of speeches delivered in English. Corrections should be submitted.\n\n"
    "25-01234 (E)\n*2501234*\n\n"
    "S/PV.9999 The situation in the Sahel 03/03/2025\n\n"
    "The meeting was called to order at 3.05 p.m.\n\nAdoption of the agenda\n\nThe agenda was adopted.\n\n"
    "The President: In accordance with rule 39, I invite Ms. Ann Lee, Special Representative of the "
    "Secretary-General for West Africa; and Mr. Paul Diop, President of the Dakar Traders' Union.\n\n"
    "I give the floor to Ms. Lee.\n\n"
    "Ms. Lee: Thank you. The situation is grave.\n\n"
    "2/4 25-01234\n\n"
    "03/03/2025 The situation in the Sahel S/PV.9999\n\n"
    "Mr. Diop (spoke in French): Our markets are closed. We want roads.\n\n"
    "Mrs. Shea (United States of America): We thank the briefers.\n\n"
    "Mr. Benali (Algeria) (spoke in Arabic): Algeria stands with the Sahel.\n\n"
    "The President: I shall now make a statement in my capacity as the representative of Sierra Leone.\n\n"
    "Our region is not a distant\n\n"
    "25-01234 3/4\n\n"
    "S/PV.9999 The situation in the Sahel 03/03/2025\n\n"
    "place for us. We will help.\n\n"
    "I now resume my functions as President of the Council.\n\n"
    "There are no more names inscribed on the list of speakers.\n\n"
    "The meeting rose at 4.10 p.m.\n\n"
    "4/4 25-01234\n")


def test_united_nations_verbatim_record():
    """A United Nations verbatim record: the composition with its dot leaders, the agenda, the job number, the
    running headers and footers and the record's lines on the meeting are no one's speech; the President chairs,
    States' representatives and a United Nations official who briefs are officials, a briefer from civil society is
    a speaker; the President's national statement is a turn of its own, as an official; and a paragraph that a
    page break cuts is one paragraph, its sentence one sentence (its text without the footer and header)."""
    t = toolkit.read_transcript(UN_RECORD)
    assert slices_cover(t) == []
    assert [(s, r) for s, r in zip(t.turns["speaker"], t.turns["role"]) if r != "narrator"] == [
        ("The President", "moderator"), ("Ms. Lee", "interviewee"), ("Mr. Diop", "speaker"),
        ("Mrs. Shea", "interviewee"), ("Mr. Benali", "interviewee"), ("The President", "moderator"),
        ("The President", "interviewee"), ("The President", "moderator")]
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {
        "The President": "moderator", "Ms. Lee": "interviewee", "Mr. Diop": "speaker", "Mrs. Shea": "interviewee",
        "Mr. Benali": "interviewee"}
    s = t.sentences
    said = dict(zip(s["text"], zip(s["speaker"], s["role"])))
    for line in ["President: Mr. Kamara . . . . . . . . . . . . . . . . . . . . . . (Sierra Leone)",
                 "United States of America . . . . . . . . . . . . . . Mrs. Shea", "Agenda", "25-01234 (E)",
                 "*2501234*", "2/4 25-01234", "03/03/2025 The situation in the Sahel S/PV.9999",
                 "The meeting was called to order at 3.05 p.m.", "The agenda was adopted.",
                 "The meeting rose at 4.10 p.m.", "4/4 25-01234"]:
        assert said[line] == ("", "narrator"), line
    assert said["Our region is not a distant\nplace for us."] == ("The President", "interviewee")
    assert said["We will help."] == ("The President", "interviewee")
    assert said["I shall now make a statement in my capacity as the representative of Sierra Leone."][1] == "moderator"
    assert said["I now resume my functions as President of the Council."] == ("The President", "moderator")
    assert said["Our markets are closed."] == ("Mr. Diop", "speaker")
    assert "Mrs. Shea (United States of America):" in t.turns["label"].tolist()
    joined = s.loc[s["text"] == "Our region is not a distant\nplace for us."].iloc[0]
    assert t.text[joined["start"]:joined["end"]].startswith("Our region is not a distant\n\n25-01234 3/4")
    assert not s["speaker"].isin(["President", "Members"]).any()
    # "The President:" without a United Nations symbol is no chair (the White House's "THE PRESIDENT:" answers)
    wh = read("The President: We will act.\n\nQ: When?\n\nThe President: Soon.\n")
    assert dict(zip(wh.speakers["speaker"], wh.speakers["role"]))["The President"] == "interviewee"


EP_DEBATE = (
    "Verbatim report of proceedings\nTuesday, 1 April 2025 - Strasbourg\n\n"
    "IN THE CHAIR: ANNA NOVAK\nVice-President\n\n"
    "7. Trade with Central Asia (debate)\n\n"
    "President. – The next item is the debate on trade with Central Asia.\n\n"
    "Jan Kowal, President-in-Office of the Council. – Madam President, the summit is near.\n\n"
    "We will be frank.\n\n"
    "President. – Thank you, Minister.\n\n"
    "Eva Berg, Member of the Commission. – Madam President, trade has doubled.\n\n"
    "Piet de Vries, on behalf of the Renew Group. – Madam President, we want results.\n\n"
    "(The speaker agreed to respond to a blue-card question)\n\n"
    "Mara Ruiz (The Left), blue-card question. – Do you accept the abuses?\n\n"
    "Piet de Vries (Renew), blue-card answer. – No, I do not.\n\n"
    "Ola Lind (PPE). – Madam President, the corridor matters for my country and we must\u00a0—\n\n"
    "(The President cut off the speaker)\n\n"
    "(Applause)\n\n"
    "Catch-the-eye procedure\n\n"
    "Mara Ruiz (The Left). – Madam President, raw materials are not values.\n\n"
    "(End of catch-the-eye procedure)\n\n"
    "President. – Thank you.\n\nThe debate is closed.\n\nVote: Thursday, 3 April 2025.\n\n"
    "Written statements (Rule 178)\n\n"
    "Rui Lobo (S&D), in writing. – The summit is an opportunity.\n")


def test_european_parliament_verbatim_report():
    """The European Parliament's verbatim report: "Name (Group), capacity. – " labels; the President chairs, the
    Council's and the Commission's representatives are officials, members are speakers (a blue-card question's turn
    asks, its answer's answers); the record's notes in brackets, its headings and the vote's date are no speech;
    "The debate is closed." is the President's."""
    t = read(EP_DEBATE)
    assert [(s, r) for s, r in zip(t.turns["speaker"], t.turns["role"]) if r != "narrator"] == [
        ("President", "moderator"), ("Jan Kowal", "interviewee"), ("President", "moderator"),
        ("Eva Berg", "interviewee"), ("Piet de Vries", "speaker"), ("Mara Ruiz", "interviewer"),
        ("Piet de Vries", "interviewee"), ("Ola Lind", "speaker"), ("Mara Ruiz", "speaker"),
        ("President", "moderator"), ("Rui Lobo", "speaker")]
    assert dict(zip(t.speakers["speaker"], t.speakers["role"]))["Mara Ruiz"] == "speaker"
    assert "Mara Ruiz (The Left), blue-card question. –" in t.turns["label"].tolist()
    s = t.sentences
    said = dict(zip(s["text"], zip(s["speaker"], s["role"])))
    for line in ["(The speaker agreed to respond to a blue-card question)", "(The President cut off the speaker)",
                 "(Applause)", "Catch-the-eye procedure", "(End of catch-the-eye procedure)",
                 "Vote: Thursday, 3 April 2025.", "Written statements (Rule 178)",
                 "Tuesday, 1 April 2025 - Strasbourg", "Trade with Central Asia (debate)"]:
        assert any(line in x for x, (sp, r) in said.items() if r == "narrator"), line
        assert not any(line in x for x, (sp, r) in said.items() if r != "narrator"), line
    assert said["We will be frank."] == ("Jan Kowal", "interviewee")
    assert said["The debate is closed."] == ("President", "moderator")
    # one such line in another transcript is no label
    other = read("MS. SMITH: Welcome.\n\nThank you. – And then we left.\n\nQ: Why?\n")
    assert other.turns["speaker"].tolist() == ["MS. SMITH", "Q"]


THINK_TANK_EVENT = (
    "Center for Policy Studies\n\nEVENT TRANSCRIPT\n\nAfter the Mission: Security in the South\n\n"
    "Speakers:\nAmbassador Ruth Banda\nFormer Director, Regional Secretariat\n\n"
    "Dr. Leo Marsh\nSenior Associate, Policy Center\n\n"
    "Moderator:\nNora Kim-Adler\nSenior Fellow, Policy Center\n\n"
    "[Transcript begins]\n\n"
    "NORA KIM-ADLER: Good morning. Ambassador, what did the mission achieve?\n\n"
    "RUTH BANDA: Thank you, Nora.\n\n"
    "KIM-ADLER: Ambassador?\n\n"
    "BANDA: It achieved a lot. (Laughter.) Money was short.\n\n"
    "LEO MARSH: No, agreed, and I didn't mean it — [crosstalk]\n\n"
    "KIM-ADLER: Dr. Marsh, where do things stand?\n\n"
    "MARSH: Better than 2020. [Laughs.] Worse than 2023.\n\n"
    "Q: Hi, I'm Paul from Radio Africa. Is dialogue realistic?\n\n"
    "BANDA: Every insurgency ends with politics.\n\n"
    "AUDIENCE MEMBER: Thank you. [Inaudible] — from the embassy. Should advisories change?\n\n"
    "MARSH: Yes.\n\n"
    "KIM-ADLER: Please join me in thanking the panel. (Applause.)\n\n"
    "[END]\n\n"
    "This is an automatically generated transcript. Please check the video before quoting.\n")


def test_think_tank_event_with_a_list_of_speakers_and_audience_questions():
    """A think tank's event transcript: the list of speakers ("Moderator:" over a name and an affiliation) is no
    turn and makes that person, who asks the panel, the moderator; panellists answer, the audience's "Q:" and
    "AUDIENCE MEMBER:" ask; surnames later name the full label; stage notes between sentences, and a note after a
    dash that ends a turn, are no speech; the end marker and the disclaimer are no speech."""
    t = read(THINK_TANK_EVENT)
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {
        "NORA KIM-ADLER": "moderator", "RUTH BANDA": "interviewee", "LEO MARSH": "interviewee", "Q": "interviewer",
        "AUDIENCE MEMBER": "interviewer"}
    assert "Moderator" not in t.turns["speaker"].tolist()
    s = t.sentences
    said = dict(zip(s["text"], zip(s["speaker"], s["role"])))
    for line in ["Moderator:\nNora Kim-Adler\nSenior Fellow, Policy Center", "[Transcript begins]", "(Laughter.)",
                 "[crosstalk]", "[Laughs.]", "[Inaudible]", "(Applause.)", "[END]",
                 "This is an automatically generated transcript."]:
        assert said[line] == ("", "narrator"), line
    assert said["No, agreed, and I didn't mean it —"] == ("LEO MARSH", "interviewee")
    assert said["Worse than 2023."] == ("LEO MARSH", "interviewee")
    assert said["Is dialogue realistic?"] == ("Q", "interviewer")


PDF_BRIEFING = (
    "                              REPUBLIC OF KENYA\n\n"
    "                 MINISTRY OF INTERIOR\n\n"
    "_____________________________________________\n\n"
    "                                  TRANSCRIPT\n\n"
    "VENUE:   Media Centre, Nairobi\nDATE:    Thursday, 14th November 2024\n\n"
    "PRESENT:\n1. Hon. Dr. Samuel Rotich - Cabinet Secretary, Interior\n2. Ms. Faith Otieno - Director (Moderator)\n\n"
    "MODERATOR (Ms. Faith Otieno, Director, Public Communications): Good\n"
    "morning, members of the press.\n\n"
    "(Opening prayer)\n\n"
    "(A minute of silence was observed in memory of the victims of the\nattack)\n\n"
    "CABINET SECRETARY ROTICH: Thank you, Faith. Colleagues, the Deputy\n"
    "Inspector-General, senior officers\n\n\n"
    "                                  Page 1 of 3\n"
    "\fMINISTRY OF INTERIOR                 14 November 2024\n\n"
    "present, good morning. We work with the Federal Govern-\n"
    "ment of Somalia on regional coopera-\n"
    "tion, and the dusk-to-\n"
    "dawn curfew stays. The long-\n"
    "awaited visa is coming, in cooperation with the Government.\n\n"
    "QUESTION (Taifa Leo, Mr. Omar Bakari) [in Kiswahili]: Asante sana Waziri. Swali\n"
    "langu ni kuhusu wavuvi...\n\n"
    "INTERPRETER: Thank you, Cabinet Secretary. My question is about the fishermen.\n"
    "What is the Government doing?\n\n\n"
    "                                  Page 2 of 3\n"
    "\fMINISTRY OF INTERIOR                 14 November 2024\n\n"
    "CABINET SECRETARY ROTICH [in Kiswahili, interpreted]: We will help them.\n\n"
    "Journalist: (Inaudible)\n\n"
    "MODERATOR: Thank you, members of the press.\n\n"
    "END OF TRANSCRIPT\n\n\n"
    "                                  Page 3 of 3\n\f")


def test_press_briefing_as_text_extracted_from_a_pdf():
    """A government's press briefing as a PDF's text: the letterhead and list of those present, the running header,
    the "Page n of m" footers and the stage lines in brackets are no speech; a page break inside a sentence is
    read through (the sentence is one, its text without the footer and header, its offsets the file's); words
    hyphenated at a line end are rejoined ("Govern-ment", "coopera-tion"), compounds keep their hyphen
    ("Inspector-General", "dusk-to-dawn", "long-awaited"); a questioner's label with a language note is a label, and
    the interpreter who gives the question asks."""
    t = toolkit.read_transcript(PDF_BRIEFING)
    assert slices_cover(t) == []
    assert dict(zip(t.speakers["speaker"], t.speakers["role"])) == {
        "MODERATOR": "moderator", "CABINET SECRETARY ROTICH": "interviewee", "QUESTION": "interviewer",
        "INTERPRETER": "interviewer", "Journalist": "interviewer"}
    s = t.sentences
    said = dict(zip(s["text"], zip(s["speaker"], s["role"])))
    for line in ["REPUBLIC OF KENYA", "TRANSCRIPT", "(Opening prayer)",
                 "(A minute of silence was observed in memory of the victims of the\nattack)",
                 "Page 2 of 3", "MINISTRY OF INTERIOR                 14 November 2024", "(Inaudible)",
                 "END OF TRANSCRIPT", "Page 3 of 3"]:
        assert said[line] == ("", "narrator"), line
    rotich = ("CABINET SECRETARY ROTICH", "interviewee")
    assert said["Colleagues, the Deputy\nInspector-General, senior officers\npresent, good morning."] == rotich
    assert said["We work with the Federal Government of Somalia on regional cooperation, and the dusk-to-\n"
                "dawn curfew stays."] == rotich
    assert said["The long-\nawaited visa is coming, in cooperation with the Government."] == rotich
    assert said["We will help them."] == rotich
    assert said["Asante sana Waziri."] == ("QUESTION", "interviewer")
    assert said["What is the Government doing?"] == ("INTERPRETER", "interviewer")
    assert not any("Page" in x or "\f" in x for x, (_, r) in said.items() if r != "narrator")
    # offsets stay the file's: the sentence across the page break starts and ends where its words are
    row = s.loc[s["text"].str.startswith("Colleagues")].iloc[0]
    assert t.text[row["start"]:row["end"]].startswith("Colleagues") and t.text[row["end"] - 1] == "."
    assert "Page 1 of 3" in t.text[row["start"]:row["end"]]
    # no page furniture, no mends: a plain transcript's hyphen at a line end stays as it is
    plain = read("MS. LEE: We need more coopera-\ntion.\n\nQ: Why?\n")
    assert plain.sentences["text"].tolist()[0] == "We need more coopera-\ntion."
