"""Transcript layout: paragraphs, speaker labels, stage notes, captions and roles.

This module turns decoded text into *blocks* (a paragraph, or part of one
that starts at a speaker label) and *turns*; :mod:`toolkit.transcript` then
splits the blocks into sentences and builds the tables. The rules below are
the ones a careful reader applies; the README repeats them for users.

Paragraphs
    Runs of non-blank lines (a line holding only spaces or no-break spaces is
    blank). A hard-wrapped paragraph stays one paragraph. An unlabelled
    paragraph that starts in lower case after a paragraph that stops
    mid-sentence is the rest of that paragraph (a stray blank line in the
    source, as in "Or does that require\n\nquantum computers to achieve?").
    A text extracted from pages (a PDF's, with form feeds or page numbers in
    a running footer, :func:`page_text`): the footers ("Page 3 of 8", the
    United Nations' "2/8 24-24317") and the running headers that come back
    next to them are narrator text, one sentence a line; where a page break
    falls inside a paragraph they are left out of the reading, as a caption
    file's cue headers are, and the two parts are one paragraph (a sentence
    across the break reads a line break there). In such a text a word
    hyphenated at a line end is rejoined where the rest is only an ending or
    the word is written whole elsewhere ("coopera-\ntion", "Govern-\nment";
    not "Inspector-\nGeneral", "dusk-to-\ndawn", "long-\nawaited"). These two
    are the places, with caption files, where a sentence's text is not its
    slice of the document (offsets stay offsets into the file).

Speaker labels (checked at the start of a line, after any indentation, never inside a line)
    * ``Name:`` where Name is one to eight words, the first capitalised
      (``Alimov:``, ``MS. JEAN-PIERRE:``, ``Rashid Alimov:``,
      ``SENIOR ADMINISTRATION OFFICIAL:``, ``Follow-up:``, ``Speaker 2:``),
      optionally in Markdown bold or italic (``**Q:**``, ``*Sarah Kim:*``),
      after a timestamp (``[00:01:23] Alimov:``, ``00:01:23 Alimov:``) or
      with a timestamp or a note of up to 80 characters in round or square
      brackets before the colon (``Speaker 1 (00:07):``, ``LAVROV (as
      interpreted):``, ``Martin Aldridge [Reuters]:``; Hansard's two,
      ``Mrs Helen Smith (Westfield) (Con):``), or with a role or a person
      after a comma (``JAKE TAPPER, CNN HOST:``, ``Joint Secretary
      (East Asia), Shri Anil Kumar:``): the speaker is the name before the
      comma, unless two people named with an honorific share it (then each
      is ``Joint Secretary, Shri Anil Kumar``),
      followed by white space or the end of the line (a label alone on its
      line).
    * Role labels ``Q:``, ``A:``, ``Question:``, ``Answer:``, ``Follow-up:``
      may be followed directly by text (``Q:What ...``), and may follow the
      number of a numbered list of questions (``1. Question:``, ``2) Q:``);
      a questioner's role word may be followed by a dash and the outlet
      (``Journalist - Reuters (Michael Harwood):``).
    * An outlet written in lower case (``dpa:``, ``taz:``): one short word that
      is no English function word or lead-in, at a paragraph start, asking
      (its speech ends with a question mark), in a document with other labels.
    * White House style: a bare ``Q`` followed by no-break spaces, a tab or
      two or more spaces; and ``Q.`` / ``A.`` at the start of a paragraph (or
      of a line, once the document uses them at paragraph starts).
    * The French Foreign Ministry's ``Q - `` and ``R - `` (réponse) at the start
      of a paragraph; ``R:`` is an answer (a respondent) as ``A:`` is.
    * Spain's ``P.- `` (pregunta), ``R.- `` and ``Name.- `` at the start of a
      paragraph: read as ``Name:`` would be.
    * A transcription export's (Otter.ai, podcast platforms) name and timestamp
      alone on the first line of a paragraph (``Hannah Whitcombe  0:14``,
      ``Priya Castellano (00:02:14)``), the text on the next;
      a speech recogniser's segment before a label
      (``[00:00:09.479 --> 00:00:21.277] SPEAKER_00:``).
    * A reporter and the outlet, ``NAME/OUTLET:`` or ``NAME / OUTLET:`` (the
      speaker is the name, the outlet the label's note; ``HR/VP:`` stays
      whole), and a Commons committee's ``Q12 Daniel Petrie:`` (the speaker is
      the member).
    * A name that a sidecar or the caller declares is always a label, also
      with a dash instead of the colon or alone on its line without a colon.
    * A congressional hearing as the Government Publishing Office prints it: a
      title and the SURNAME in capitals ending with a full stop at a paragraph
      start (``Chairman HARLAN.``, ``Mr. McCAUL.``, ``Mr. SMITH of New
      Jersey.``, ``The CHAIRMAN.``; ``Voice.``, ``Question.``, ``Answer.``),
      in a document with two such labels at least; there ``Name:`` labels are
      not taken, and a chairman's label makes a ``moderator``.
    * Hansard's oral questions: the question's number, and a topical
      question's order-paper number, before the member's label (``1. Mrs
      Annabel Crewe (South Wessex) (Con):``, ``T1. [901530] Mr Raymond
      Ferris (Heaton Moorside) (Lab):``); a minister's title with the person
      in brackets (``The Minister of State, ... (Mr Tobias Renn):``) is that
      person, unless the title alone is a label too (``The Prime Minister:``).
      A later ``Mr Renn:`` (honorific and surname) is the one person named so
      in full before; the order-paper number ``[901511]`` is a stage note.
    * The European Parliament's verbatim report (CRE): the name, the group in
      brackets and the capacity after a comma, a full stop and a dash
      (``President. – ``, ``Liisa Vahtera, Member of the Commission. – ``,
      ``Kristaps Ozoliņš (PPE). – ``, ``Niamh Kiernan (The Left), blue-card
      question. – ``) at a paragraph start, in a document with two such
      labels at least, one the chair's ``President. – ``.
    * A United Nations verbatim record ("S/PV.9708"): ``The President:``,
      ``Mr. Rivaud (France) (spoke in French):``, and a label with a language
      in square brackets after a bracket (``QUESTION (Taifa Leo, Mr. Omar
      Bakari) [in Kiswahili]:``).
    * A caption file (WebVTT, first line ``WEBVTT``; SubRip): a cue's voice
      tag ``<v Foreign Minister Aldana>`` is the label. The reader reads the
      file with its header, cue numbers, timing lines and other cue tags
      blanked out (:func:`caption_text`; offsets stay offsets into the file,
      and no sentence's text holds them, which is the one place where a
      sentence's text is not its slice of the document). A cue without a voice
      tag continues the speaker, in the same paragraph (a sentence split
      across cues is one sentence); a cue that is only a note (``[APPLAUSE]``)
      is a stage line.
    A label at the start of a paragraph is always taken. A label at the start
    of a later line of a paragraph (one turn per line, no blank lines) is
    taken only if the name is declared, is a role label, starts a paragraph
    elsewhere in the document, or starts two or more lines, or if most lines
    of the paragraph start with a label and the line before does not run on
    into this one with a comma, colon or semicolon ("and I quote,\nPeter
    Hall: the minister ..." is a quotation). Where most labels are upper case,
    a mixed-case name used once is a quotation ("Politico Playbook: ..."),
    also at a paragraph start, unless its label names an outlet in brackets
    and it asks there ("Kate Miller (BBC): Has he ...?"). Words such as
    ``Note:``, ``Source:`` or ``Update:`` are never labels; neither are times
    (``10:30``), URLs (``https://``) or a colon inside a line ("as follows:"),
    nor a name before dot leaders ("President: Mr. Kargbo-Lansana . . . . .
    (Sierra Leone)", a record's list of members, narrator text one line a
    sentence). An event's list of speakers ("Moderator:" alone on its line,
    then the name and affiliation of a person who speaks later under a label
    of their own) is narrator text, and gives that person the role.

Stage notes and captions
    Bracketed notes such as ``(Laughter.)``, ``(As interpreted.)``,
    ``[crosstalk 00:07:53]``, ``[inaudible]`` or a bracketed timestamp that
    stand between sentences are their own sentences with role ``narrator``
    and no speaker (a note inside a sentence stays in it); so are lines
    that are only a time ("7:06 P.M. EST", Hansard's "11.42 am"), a column
    number ("Column 245"), ``END`` or ``###``, NPR's "(SOUNDBITE OF MUSIC)"
    and "(Through interpreter)", Hansard's "Mr Strachan rose—", a publisher's
    copyright line, and a heading printed centred (an unlabelled paragraph of
    up to four lines each indented six spaces or more, with no full stop at
    its end, as a hearing's witness headings), a whole paragraph in round
    brackets that opens with a capital ("(The President cut off the
    speaker)", "(Opening prayer)", "(A cellphone rings.)"), a record's lines on
    the meeting ("The meeting was called to order at 10.05 a.m.", "The
    meeting rose at 12.40 p.m.", which closes it) and "END OF TRANSCRIPT". A
    note right after a dash that ends a turn's speech ("I didn't mean it —
    [crosstalk]") is its own sentence too. A paragraph
    ending in a photo credit ("(Photo by Alan)") or starting "Photo:" is a
    ``caption``.

Turns
    A label starts a turn; unlabelled paragraphs continue the current turn,
    except a whole paragraph in square brackets (an editor's note) and
    ``END``/``ENDS``, which are narrator text. After a closing line (``###``,
    ``END``, a copyright line, "[Whereupon, ... the committee was
    adjourned.]") or a note that inserted material follows ("[The prepared
    statement of Ms. Wen follows:]"), unlabelled paragraphs are narrator text
    until the next label.
    Text before the first label forms narrator (or caption) turns with no
    speaker. A name label alone in its paragraph, used once, with another
    label right after it ("Questions and Answers:") would open a turn in
    which nobody speaks: it is a heading, narrator text; so is a one-line
    paragraph in title case with no full stop right before a label (Hansard's
    "Counter-terrorism: Sahel", "Topical Questions").

Roles (first rule that applies wins)
    1. the caller's ``speakers=`` argument; 2. the metadata sidecar or front
    matter ``speakers`` list; 3. role labels (``Q``, ``Question``,
    ``Interviewer``, ``Follow-up`` ... are ``interviewer``; ``A``, ``Answer``
    ... ``interviewee``; ``Moderator``, ``MC``, ``Programme Director``,
    ``Operator`` ... ``moderator``, also after a name's comma as in
    ``JUANITA FELLOWES, HOST:``, and ``Chairperson``, ``Chair`` unless
    another speaker is a moderator: then it is the title of the head who
    answers, and rule 4 decides);
    3a. the layout's own roles: in a United Nations record the President
    moderates, representatives of States and briefers who hold a United
    Nations office are ``interviewee``, a briefer from civil society is a
    ``speaker``, and the President's statement "in my capacity as the
    representative of" the country is a turn of its own as ``interviewee``
    until "I now resume my functions as President"; in the European
    Parliament's report the President moderates, the Council and the
    Commission are ``interviewee``, members ``speaker`` (a blue-card
    question's turn ``interviewer``, its answer's ``interviewee``); a person
    an event's list of speakers names under "Moderator:" moderates.
    4. who asks: a turn asks when its last sentence is a question or it makes
    a request ("Tell us about ..."). When some speaker is an interviewer, the
    other speakers are interviewees unless they ask in most of two or more
    turns;
    otherwise speakers who ask in at least half of their turns are
    interviewers and the rest interviewees; 5. when no one asks (a speech, a
    statement), every speaker is ``speaker``. An interpreter whose every turn
    comes right after a questioner's asks as the questioner did
    (``interviewer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .text import QUESTION_END, stopwords

#: Roles a sentence or turn can have.
ROLES = frozenset({"interviewer", "interviewee", "narrator", "caption", "moderator", "speaker"})

ROLE_LABELS: dict[str, str] = {
    **dict.fromkeys(["q", "question", "questioner", "interviewer", "journalist", "reporter",
                     "host", "presenter", "anchor", "correspondent", "follow-up", "follow up",
                     "followup", "audience member", "audience", "press",
                     # Germany's government press conference: "Follow-up question (Hartmann):"
                     "follow-up question", "follow up question", "supplementary question", "further question",
                     "additional question",
                     # Spain's "P.-" (pregunta) questions, answered by "R.-"
                     "p"], "interviewer"),
    # "R": the French Foreign Ministry's answers ("R - ...", réponse) and qualitative interviews' respondent
    **dict.fromkeys(["a", "r", "answer", "respondent", "interviewee", "guest"], "interviewee"),
    **dict.fromkeys(["moderator", "the moderator", "mc", "master of ceremonies", "programme director",
                     "program director", "operator", "the operator",
                     "chair", "the chair", "chairman", "the chairman", "chairwoman", "chairperson", "facilitator",
                     "the speaker", "mr speaker", "mr. speaker", "madam speaker", "the deputy speaker",
                     "the presiding officer"], "moderator"),
    **dict.fromkeys(["narrator", "announcer", "voiceover", "voice-over", "voice over"], "narrator"),
}
#: Moderator labels that are also the title of an organisation's head ("CHAIRPERSON:" of a commission).
_CHAIR_LABELS = frozenset({"chair", "the chair", "chairman", "the chairman", "chairwoman", "chairperson"})
#: Role labels that may be followed directly by text ("Q:What ...").
_TIGHT_LABELS = r"Q|A|Question|Answer|Follow-?[Uu]p|QUESTION|ANSWER|FOLLOW-?UP"

#: Names that look like labels but introduce prose ("Note: the interview ...").
NOT_SPEAKERS = frozenset({
    "note", "notes", "editor's note", "editor’s note", "editors note", "nb", "n.b", "ps", "p.s",
    "source", "sources", "update", "updated", "correction", "corrections", "clarification",
    "disclaimer", "warning", "caution", "example", "examples", "e.g", "i.e", "re", "subject",
    "date", "time", "location", "place", "venue", "title", "tags", "tag", "summary", "subjects", "witnesses",
    "background", "related", "read more", "see also", "photo", "photos", "caption", "credit",
    "credits", "image", "video", "audio", "watch", "listen", "tel", "phone", "email", "e-mail",
    "fax", "url", "http", "https", "www", "keywords", "abstract", "contents", "transcript",
    "attendees", "participants", "present", "also present", "speakers", "panel", "panellists", "panelists",
    "topics", "agenda", "tl;dr",
    "translation", "translated by", "published", "posted", "edited by", "by", "end", "delivered on",
})
#: First words that open a prose lead-in, not a name ("On Russia:", "Finally:").
_NOT_FIRST_WORDS = frozenset({
    "on", "and", "or", "but", "so", "for", "in", "at", "to", "from", "with", "about", "regarding",
    "take", "briefly", "first", "second", "third", "fourth", "fifth", "finally", "next", "lastly",
    "also", "then", "now", "plus", "conclusion", "here", "there", "that", "this", "these", "those",
    "what", "why", "how", "when", "where", "which", "if", "as", "my", "our", "your", "his", "her",
    "their", "its", "one", "two", "three", "again", "meanwhile", "today", "tomorrow", "yesterday",
    "therefore", "however", "thus", "hence", "moreover", "furthermore", "nevertheless", "indeed",
    "instead", "otherwise", "still", "yet", "besides", "consequently", "similarly", "likewise",
    "because", "since", "although", "though", "while", "whereas", "unless", "until", "after", "before",
    "once", "well", "look", "listen", "yes", "no", "okay", "ok", "sure", "example", "remember",
    "result",
})
#: Lower-case words that can open a name.
_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "du", "des", "van", "von", "der", "den",
                             "al", "el", "bin", "ibn", "la", "le", "ten", "ter"})
_PARTICLES = frozenset({"de", "da", "del", "della", "di", "du", "des", "van", "von", "der",
                        "den", "al", "el", "bin", "ibn", "la", "le", "of", "the", "and", "y",
                        "for", "on", "in"})

#: Spaces that indent a label: spaces, tabs and the other Unicode spaces that PDF and web copies bring
#: (no-break, em, en, thin, figure, narrow no-break, ideographic ...).
_SPACE_CHARS = " \t\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
#: Zero-width characters (zero-width space, word joiner, a stray byte order mark) in the indentation.
_ZERO_WIDTH_CHARS = "\u200b\u2060\ufeff"
_INDENT = f"[{_SPACE_CHARS}]*"
#: Zero-width characters are not white space, so that every character of the text still belongs to a
#: sentence or a label, the label takes them (with the spaces after them).
_ZERO_WIDTH = f"(?:[{_ZERO_WIDTH_CHARS}]{_INDENT})*"
#: The first characters of a line that may start a label without holding a colon (indentation, Q, A, R or P).
_LINE_OPENERS = _SPACE_CHARS + _ZERO_WIDTH_CHARS + "QARP"
#: (also a speech recogniser's segment, "[00:01:02.340 --> 00:01:09.880]", as WhisperX writes it)
_TS = (r"(?:\\?[\[(]\s*\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?"
       r"(?:\s*-->\s*\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)?\s*\\?[\])]\s*)")
#: A timestamp without brackets before a label, with its seconds ("00:00:05 Anna:"), as podcast exports write it;
#: "10:30" alone is a time of day in prose, not a timestamp.
_BARE_TS = r"(?:\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?[ \t]+)"
#: Markdown around a label: bold ("**Q:**", "__Q:__") or italic ("*Sarah Kim:*", the star right before the name).
_MD_OPEN = r"(?:\*\*|__|\*(?=[^\W_]))"
_MD_CLOSE = r"(?:\*\*|__|\*)"
#: A word of a name: letters, digits, full stops, apostrophes, hyphens and, inside it, slashes ("HR/VP", the EU's
#: High Representative and Vice-President); Markdown escapes ("\\_") too.
_WORD = r"(?:[^\W_]|\\[_*\-.])(?:[\w.'’\-]|/(?=[^\W_])|\\[_*\-.])*"
_NAME = rf"{_WORD}(?:[ \u00a0]{_WORD}){{0,7}}"
_LABEL_RE = re.compile(
    rf"""{_INDENT}
    (?P<label>{_ZERO_WIDTH}
        (?:{_TS}|{_BARE_TS})?
        {_MD_OPEN}?
        (?P<name>{_NAME})
        (?:[ \t]+\((?P<note0>[^()\n]{{1,40}})\)(?=,))?             # "Joint Secretary (East Asia), Shri A. Kumar:"
        (?:,[ \t]+(?P<desc>[^\W\d_][^:()\n]{{0,60}}?))?       # "JAKE TAPPER, CNN HOST:", "Official Spokesperson, Shri A. Bagchi:"
        (?:[ \t]*{_TS}|[ \t]+(?:\((?P<note>[^()\n]{{1,80}})\)|\[[^\[\]\n]{{1,80}}\]))?  # "Name (00:07):", "Name (as
        # interpreted):", "Seidel (Federal Ministry for Economic Affairs and Climate Action):", "Name [Reuters]:"
        (?(note)(?:[ \t]+(?:\([^()\n]{{1,40}}\)|\[in[ \t]+[A-Z][\w\-]*(?:,[ \t]+[a-z][a-z ]{{1,20}})?\]))?)
        # Hansard: "Mrs Helen Smith (Westfield) (Con):"; a language after an outlet's bracket:
        # "QUESTION (Taifa Leo, Mr. Omar Bakari) [in Kiswahili]:"
        {_MD_CLOSE}?
        [ \t]*:
        {_MD_CLOSE}?
    )
    (?=\s|$)""",
    re.VERBOSE,
)
_TIGHT_RE = re.compile(rf"{_INDENT}(?P<label>{_ZERO_WIDTH}(?P<name>{_TIGHT_LABELS})[ \t]*:)(?=\S)")
#: White House style: "Q" then white space holding a no-break space or a tab, or
#: two or more spaces. A single plain space is accepted at a paragraph start only.
_BARE_Q_RE = re.compile(
    _INDENT + r"(?P<label>" + _ZERO_WIDTH
    + r"(?P<name>Q))(?=[ ]*[\u00a0\t]|[ ]{2}|[ ]+(?:--|[\u2014\u2013]))[ \t\u00a0]+(?=\S)")
#: Role words that may follow the number of a numbered list ("1. Reporter:", "2) Journalist:").
_NUMBERED_ROLES = _TIGHT_LABELS + r"|Reporter|REPORTER|Journalist|JOURNALIST|Correspondent|CORRESPONDENT|Interviewer|INTERVIEWER"
#: A role label after the number of a numbered list of questions: "1. Question: ...", "2) Q: ...", "(3) Answer: ...",
#: "4. Reporter: ..." (Viet Nam's Foreign Ministry numbers its reporters' questions so), "5. Reporter (Reuters): ...".
_NUMBERED_RE = re.compile(
    rf"{_INDENT}(?P<label>{_ZERO_WIDTH}\(?\d{{1,3}}[.)][ \t]+(?:\*\*|__)?(?P<name>{_NUMBERED_ROLES})(?:\*\*|__)?"
    rf"(?:[ \t]+\([^()\n]{{1,40}}\))?[ \t]*:"
    rf"(?:\*\*|__)?)")
#: A questioner's role word, a dash and the outlet before the colon: "Journalist - Reuters (Michael Harwood):"
#: (Brazil's Foreign Ministry), "QUESTION - AFP:" (the speaker is the role word).
_ROLE_DASH_RE = re.compile(
    rf"{_INDENT}(?P<label>{_ZERO_WIDTH}(?:\*\*|__)?(?P<name>{_NUMBERED_ROLES})[ \t]+[-\u2013\u2014][ \t]+"
    rf"(?![^:\n]*?(?:[a-z]{{2}}[.?!]|[?!])\s)[^\s:][^:\n]{{0,79}}?[ \t]*:(?:\*\*|__)?)(?=\s|$)")
#: A role label with the number of its question: "Q1", "A12", "Question 3", "ANSWER 3" (the speaker is the role word).
_ROLE_NUMBER_RE = re.compile(r"(?P<role>Q|A|Question|Answer|QUESTION|ANSWER)[ \u00a0]?\d{1,3}")
#: "Q. What ..." / "A. We ..." at a paragraph start.
_DOTTED_QA_RE = re.compile(_INDENT + r"(?P<label>" + _ZERO_WIDTH + r"(?P<name>Q|A)\.)[ \t\u00a0]+(?=\S)")
_BARE_Q1_RE = re.compile(_INDENT + r"(?P<label>" + _ZERO_WIDTH + r"(?P<name>Q)) (?=[A-Z\u201c\"'])")
#: A transcription export's turn head (Otter.ai, podcast platforms): the name and a timestamp alone on a line
#: ("Hannah Whitcombe  0:14", "Priya Castellano (00:02:14)"), the turn's text on the lines after it.
_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}"
_NAME_TIME_LINE_RE = re.compile(
    rf"{_INDENT}(?P<label>{_ZERO_WIDTH}(?P<name>{_NAME})[ \t]+(?:{_CLOCK}|\({_CLOCK}\)|\[{_CLOCK}\]))[ \t]*"
    r"(?=\n[ \t]*\S)")
#: A label's speech that is only a date: the label is a heading ("Post-Cabinet Press Conference: Monday, 14 October
#: 2024").
_DATE_ONLY_RE = re.compile(
    r"[ \t]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+[A-Z][a-z]+|"
    r"[A-Z][a-z]+[ \t]+\d{1,2}(?:st|nd|rd|th)?),?[ \t]+\d{4}\.?[ \t]*")
#: The French Foreign Ministry's "Q - Will ...?" and "R - We ..." at a paragraph start (the dash is part of the
#: label).
#: Also "R – ", "R. - " and "Q. – " (any dash after a full stop), and Spain's "P. - "; a White House "Q — " or
#: "Q -- " (an em dash or two hyphens after a space) is the bare Q below, whose dash stays in the text.
_QR_DASH_RE = re.compile(
    _INDENT + r"(?P<label>" + _ZERO_WIDTH
    + r"(?P<name>[PR](?=\.|[ \t])|Q(?=\.[ \t]*[-\u2013\u2014]|[ \t]+-(?!-)))\.?[ \t]*[-\u2013\u2014](?![-\u2013\u2014]))"
    r"[ \t]*(?=[A-Z\[(\u201c\"'])")
#: A reporter and the outlet with spaces around the slash, at a paragraph start: "MARICEL HALILI / TV5:".
_SLASH_OUTLET_RE = re.compile(
    rf"{_INDENT}(?P<label>{_ZERO_WIDTH}(?P<name>{_NAME})[ \t]+/[ \t]+(?P<note>[^\s:/][^:/\n]{{0,39}}?)[ \t]*:)(?=\s)")
#: The Government Publishing Office's label in a congressional hearing: a title and the SURNAME in capitals, ending
#: with a full stop, the speech on the same line ("Chairman HARLAN. The committee ...", "Mr. McCAUL.", "Ms. JACKSON
#: LEE.", "Mr. SMITH of New Jersey.", "The CHAIRMAN.", "Secretary WEN."); "Voice.", "Question." and "Answer." (the
#: questions for the record) alone. Taken at a paragraph start in a document with two such labels at least.
_GPO_SURNAME = r"(?:Mc|Mac|De|Del|Di|Da|La|Le|Van|Von|O['’])?[A-Z][A-Z'’\-]*[A-Z]"
_GPO_LABEL_RE = re.compile(
    rf"{_INDENT}(?P<label>{_ZERO_WIDTH}(?P<name>(?:(?:Mr|Mrs|Ms|Messrs|Dr)\.|[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
    rf"[ ]{_GPO_SURNAME}(?:[ -]{_GPO_SURNAME})*(?:[ ]of[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)?"
    r"|Voices?|Question|Answer)\.)[ \t]+(?=[A-Z\[(\"'`“‘])")
#: The European Parliament's verbatim report (CRE): the speaker, the political group in brackets and the capacity
#: after a comma, a full stop and a dash, the speech on the same line ("President. – ", "Liisa Vahtera, Member of the
#: Commission. – ", "Dainius Žemaitis, on behalf of the PPE Group. – ", "Kristaps Ozoliņš (PPE). – ",
#: "Niamh Kiernan (The Left), blue-card question. – "). Taken at a paragraph start in a document with two such
#: labels at least, one of them the chair's "President. – ".
_EP_LABEL_RE = re.compile(
    rf"{_INDENT}(?P<label>{_ZERO_WIDTH}(?P<name>{_NAME})(?:[ \t]+\((?P<note>[^()\n]{{1,40}})\))?"
    rf"(?:,[ \t]+(?P<desc>[^\n\u2013\u2014]{{1,160}}?))?\.[ \t\u00a0]+[\u2013\u2014])[ \t\u00a0]+(?=\S)")
#: Dot leaders spaced out, as a list of names and places prints them ("Algeria . . . . . . . . Mr. Benhamadi").
_DOT_LEADERS_RE = re.compile(r"(?:\.[ \u00a0]){7,}\.")
#: Hansard's number of an oral question before the member's label: "1. Mrs Annabel Crewe (South Wessex) (Con):",
#: a topical question's with its number in the order paper: "T1. [901530] Mr Raymond Ferris (Heaton Moorside) (Lab):".
#: Taken with the label's two brackets (constituency and party) or the order-paper number only: "1. Security
#: (Article 5): ..." is an item of a list.
_HANSARD_NUMBER_RE = re.compile(rf"{_INDENT}(?P<num>{_ZERO_WIDTH}T?\d{{1,3}}\.[ \t]+(?P<uin>\[\d{{3,8}}\][ \t]+)?)")
#: A person named in brackets after a title: "The Minister of State, ... (Mr Tobias Renn):", "(Rishi Sunak)".
_PERSON_NOTE_RE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness|Baron)\.?[ ]+)?[A-Z][\w'’\-]+"
    r"(?:[ ]+(?:[A-Z][\w'’\-]+|of|de|van|von|der)){1,4}")
#: The number of the question before a member's name in a House of Commons committee's evidence ("Q12 Chair:").
_COMMITTEE_QUESTION_RE = re.compile(r"Q\d{1,4} (?=[A-Z])")
#: Spain's "Name.- " (also with an en dash, or no space before the text).
_DOT_DASH_RE = re.compile(r"\.[-\u2013](?=[ \t]|[A-Z])")
_STAGE_WORDS = (
    r"laughter|laughs|laughing|applause|crosstalk|cross-talk|cross\s+talk|inaudible|unintelligible|"
    r"indiscernible|as\s+interpreted|interpreted|interpretation|translated|translation|pause|pauses|"
    r"through\s+(?:an\s+)?interpreter|soundbite\s+of\s+\w+|"     # NPR: "(Through interpreter)", "(SOUNDBITE OF MUSIC)"
    r"silence|cheers|cheering|booing|boos|music|coughs|sighs|audio\s+\w+|technical\s+difficult\w*|"
    r"break|recess|recording\s+\w+|end\s+of\s+\w+|off[- ]mic|speaks?\s+\w+|speaking\s+\w+|"
    r"foreign\s+language|no\s+audio|static|phone\s+rings|video\s+\w+|clip\s+\w+|begin\w*|"
    r"mic\s+\w+|microphone\s+\w+|interruption|interrupts|overtalk|simultaneous\s+\w+|"
    r"break\s+in\s+\w+|brief\s+pause|sic|gap\s+in\s+\w+|commercial\s+break|"
    r"end\s+(?:video|audio|sound|tape|clip)\w*(?:\s+clip)?|"
    r"(?:the\s+)?(?:briefing|press\s+(?:briefing|conference)|meeting|session)\s+(?:was\s+)?"
    r"(?:concluded|adjourned|ended|resumed)"
)
#: A stage note inside or between turns: "(Laughter.)", "[crosstalk 00:07:53]", "(00:07)".
#: Also Hansard's number of a question in the order paper after it: "[901511]".
STAGE_NOTE_RE = re.compile(
    rf"\\?[\[(]\s*(?:(?:{_STAGE_WORDS})\b[^()\[\]\n]{{0,80}}|\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[.,]\d+)?)\s*\\?[\])]"
    r"|\[\d{5,8}\]",
    re.IGNORECASE,
)
#: A record's line on the meeting itself: "The meeting was called to order at 10.05 a.m.", "The meeting rose at 12.40
#: p.m.", "The meeting was suspended at 11.30 a.m. and resumed at 11.45 a.m.", "The agenda was adopted."
_PROCEEDINGS = (r"(?:The\s+(?:meeting|sitting|session)\s+(?:was\s+)?(?:called\s+to\s+order|opened|rose|adjourned|"
                r"suspended|resumed|closed)\b[^\n]{0,80}?|The\s+agenda\s+was\s+adopted)\.?")
#: Those that close it: "The meeting rose at 12.40 p.m."
_PROCEEDINGS_END = (r"The\s+(?:meeting|sitting|session)\s+(?:was\s+)?(?:rose|adjourned|closed)\b[^\n]{0,80}?\.?"
                    r"|(?i:END\s+OF\s+(?:THE\s+)?(?:TRANSCRIPT|BRIEFING|PRESS\s+(?:BRIEFING|CONFERENCE)|RECORDING|"
                    r"REMARKS))\.?")
#: A whole paragraph that is only a time, END, ### or similar.
_STAGE_LINE_RE = re.compile(
    r"""\s*(?:
        (?:END\b[\s\d:.APMapm]*(?:[A-Z]{2,4})?)               # END 2:30 P.M. EDT
      | \d{1,2}:\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,4}\b)?\.?  # 7:06 P.M. EST
      | \d{1,2}\.\d{2}\s*[AaPp]\.?\s?[Mm]\.?                 # Hansard's "11.42 am"
      | Column\s+\d{1,4}                                     # Hansard's column number
      | \\?\#{3,}|\*(?:\s*\*){2,}|-{3,}|—+\s*END\s*—+|\[?ENDS?\]?
      | Transcribed\s+by\s+\S*otter\.ai\S*                  # a transcription export's footer
      | (?i:END\s+OF\s+(?:THE\s+)?(?:TRANSCRIPT|BRIEFING|PRESS\s+(?:BRIEFING|CONFERENCE)|RECORDING|REMARKS))\.?
      | """ + _PROCEEDINGS + r"""
    )\s*""",
    re.VERBOSE,
)
#: A stage line that closes the transcript's speech ("###", "*****", "---", "END 2:30 P.M. EDT", "ENDS"): the
#: unlabelled paragraphs after it (a publisher's footer) are no one's speech.
#: A publisher's copyright line: "Copyright © 2024 NPR. All rights reserved. ..." (one line).
_COPYRIGHT = r"(?:Copyright\s*(?:©|\(c\))?|©)\s*\d{4}\b[^\n]{0,300}"
_COPYRIGHT_RE = re.compile(_COPYRIGHT)
#: Also a record's note that the meeting has adjourned ("[Whereupon, at 12:47 p.m., the committee was adjourned.]",
#: as the Government Publishing Office prints a hearing) or that inserted material follows ("[The prepared statement
#: of Ms. Wen follows:]"): the unlabelled paragraphs after it (a prepared statement, an appendix's headings) are no
#: one's speech either, until the next label.
CLOSING_LINE_RE = re.compile(r"\s*(?:\\?\#{3,}|\*(?:\s*\*){2,}|-{3,}|—+\s*END\s*—+|\[?ENDS?\]?|END\b[\s\d:.APMapm]*"
                             r"(?:[A-Z]{2,4})?|\[Whereupon\b[^\[\]]{0,200}\badjourned\b[^\[\]]{0,80}\]"
                             r"|\[[^\[\]\n]{0,200}\bfollows?:?\]|\[all\]|" + _COPYRIGHT + r"|" + _PROCEEDINGS_END
                             + r")\s*")
#: A whole unlabelled paragraph in square brackets: an editor's note, not speech.
#: Also notes side by side with a figure's number ("[GRAPHIC] [TIFF OMITTED] T5481.001", the Government Publishing
#: Office's omitted image).
_EDITORIAL_NOTE_RE = re.compile(r"\[[^\[\]\n]{1,300}\](?:[ \t]+\[[^\[\]\n]{1,300}\])*"
                                r"(?:[ \t]+(?=[\w.\-]*\d)[\w.\-]{1,20})?")
#: A whole unlabelled paragraph in round brackets that opens with a capital, with no sentence break inside: a
#: record's note on what happens ("(The President cut off the speaker)", "(Applause from certain quarters)",
#: "(A minute of silence was observed ...)"), not speech.
_ROUND_NOTE_RE = re.compile(r"\([A-Z][^()\n]{0,200}(?:\n[^()\n]{1,200}){0,2}\)")
#: Hansard's note that members stand to be called, a paragraph of its own: "Mr Strachan rose—", "Several hon. Members
#: rose—".
_ROSE_RE = re.compile(r"[^\n]{1,80}?\brose[ \t]*(?:[-\u2013\u2014]{1,2}|\.{3}|…)")
_CAPTION_END_RE = re.compile(
    r"\((?:file\s+)?(?:photo|photograph|image|picture|pic|credit|courtesy)s?\b[^()\n]{0,120}\)\W*$", re.IGNORECASE)
_CAPTION_START_RE = re.compile(r"\s*(?:photo|image|caption|picture|credit)s?\s*(?:by\b|:)", re.IGNORECASE)
#: The end of a sentence: a final mark, then closing quotes or brackets.
_SENTENCE_DONE = re.compile(r"[.?!…][\"'”’)\]]*$")
_MD_CHARS = re.compile(r"\\(?=[^\w\s])|\*\*|__")
_SPACES = re.compile(r"[\s\u00a0]+")
#: Last characters of a line that runs on into the next line (a dash is left out: it marks an interruption).
_RUNS_ON = (",", ":", ";")


def speaker_name(label_name: str) -> str:
    """The speaker as the tables show it: the label's name, Markdown removed,
    white space collapsed (``"MS.\\u00a0 PSAKI"`` becomes ``"MS. PSAKI"``)."""
    return _SPACES.sub(" ", _MD_CHARS.sub("", label_name)).strip()


@lru_cache(maxsize=4096)
def _plausible_name(name: str) -> bool:
    norm = speaker_name(name)
    if norm.lower().rstrip(".") in NOT_SPEAKERS:
        return False
    if len(norm) > 1 and norm.lower() in ROLE_LABELS:  # "interviewer:", "respondent:"
        return True
    words = norm.split(" ")
    while len(words) > 1 and words[0] in _NAME_PARTICLES:  # "von der Leyen", "de Gaulle"
        words = words[1:]
    if not words or not words[0][:1].isalpha() or not words[0][:1].isupper():
        return False
    if words[0].lower() in _NOT_FIRST_WORDS:
        return False
    if words[0] == "Q" and len(words) > 1:  # "Q And on Cuba: ..." is a question, not a name
        return False
    for w in words[1:]:
        c = w[:1]
        if not (c.isupper() or c.isdigit() or w.lower() in _PARTICLES):
            return False
    return True


@lru_cache(maxsize=4096)
def _lower_outlet(name: str) -> bool:
    """A name that can be a news outlet written in lower case ("dpa", "taz", "epd"): one short lower-case
    word that is no English function word, lead-in or prose heading. Taken as a label only where
    :func:`parse_layout` sees it ask at a paragraph start."""
    return (2 <= len(name) <= 5 and name.isalpha() and name.islower() and name not in stopwords()
            and name not in NOT_SPEAKERS and name not in _NOT_FIRST_WORDS and name not in ROLE_LABELS)


#: A person named after a title's comma: an honorific, then the name ("Shri Anil Kumar", "Smt. Priya Rao").
_HONORIFIC_RE = re.compile(r"(?:Shri|Sri|Smt|Shrimati|Kumari|Sushri|Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Ambassador)"
                           r"\.?[ \u00a0]+\S", re.IGNORECASE)


def _person_key(desc: str) -> str:
    """``desc`` without case and periods: "Smt. Priya Rao" and "SMT PRIYA RAO" are one person."""
    return desc.replace(".", "").casefold()


@lru_cache(maxsize=4096)
def _is_upper(name: str) -> bool:
    """Upper-case style: no lower-case letters, except a "Mc"/"Mac" prefix (McCAIN)."""
    if not any(c.isalpha() for c in name):
        return False
    for w in name.split():
        w = re.sub(r"^(?:Mc|Mac)(?=[A-Z])", "", w)
        if any(c.islower() for c in w):
            return False
    return True


@dataclass
class Label:
    start: int          # offset of the label's first character
    end: int            # offset after the label (colon included)
    speaker: str        # normalised name
    kind: str           # "name", "tight", "numbered", "role_dash", "dotted", "bare_q", "declared", "outlet"
    note: str = ""      # the note in brackets before the colon ("BBC" in "Kate Miller (BBC):"), if any
    desc: str = ""      # what follows the name's comma ("Shri Anil Kumar" in "Joint Secretary, Shri Anil Kumar:")
    person: str = ""    # a person named in brackets after a title ("Mr Tobias Renn" in "The Minister of State (Mr
    #                     Tobias Renn):"), the speaker unless the title alone is a label elsewhere in the document
    role: str = ""      # the speaker's role as the layout gives it (a parliament's or the UN's chair, a minister,
    #                     a delegate, a member in a debate; a person a list of speakers names as the moderator)
    turn_role: str = "" # the role of this turn only, where it is not the speaker's ("blue-card question")


@dataclass
class Block:
    """A stretch of one paragraph that belongs to one turn."""

    paragraph_id: int
    start: int                  # first non-space character of the content
    end: int                    # after the last non-space character
    label: Label | None = None  # the label that opens a turn here, if any
    kind: str = "speech"        # "speech", "narrator" (stage line) or "caption"
    new_turn: bool = False      # an unlabelled block that opens a new turn of the same speaker in another capacity
    turn_role: str = ""         # that turn's role ("" for the speaker's own): a chair's national statement
    lines: bool = False         # narrator text read one sentence per line (a list with dot leaders, page furniture)


@dataclass
class Layout:
    front_matter_end: int
    blocks: list[Block] = field(default_factory=list)
    n_labels: int = 0
    #: A caption file's text as it is read (:func:`caption_text`): the document with its cue numbers, timing lines
    #: and header blanked out, character for character, so that offsets into it are offsets into the document;
    #: None for any other transcript.
    reading: str | None = None
    #: What the reading text is: "captions" (:func:`caption_text`) or "pages" (:func:`page_text`), else "".
    reading_kind: str = ""
    #: Mends of a text extracted from pages (:func:`page_text`): ``(start, end, replacement)`` in the document,
    #: in order; a sentence that holds ``text[start:end]`` reads ``replacement`` there (a page's footer and the
    #: next page's header inside a sentence become one line break; a word hyphenated at a line end is rejoined).
    edits: list[tuple[int, int, str]] = field(default_factory=list)


#: A caption file's timing line: "00:01:02.340 --> 00:01:06.910" (WebVTT, with any cue settings after it),
#: "00:01:02,340 --> 00:01:06,910" (SubRip).
_CUE_TIMING_RE = re.compile(
    r"[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}[ \t]+-->[ \t]+(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}(?:[ \t][^\n]*)?")
#: A WebVTT voice tag opening a cue's text: "<v Foreign Minister Aldana>", "<v.loud Esme>" (a label: see the module).
_VOICE_RE = re.compile(r"(?P<label><v(?:\.[\w.\-]+)?[ \t]+(?P<name>[^<>\n]{1,80})>)")
#: WebVTT's other cue text tags, which are no text: "</v>", "<i>", "</c>", "<c.yellow>", "<00:00:05.120>".
_CUE_TAG_RE = re.compile(r"</v>|</?(?:[ibu]|c(?:\.[\w.\-]+)*|lang(?:[ \t][^<>\n]*)?|ruby|rt)>"
                         r"|<(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}>")
#: A cue that is only a note: "[APPLAUSE]", "(laughter)", "♪ music ♪".
_NOTE_CUE_RE = re.compile(r"\s*(?:\[[^\[\]]{1,80}\]|\([^()]{1,80}\)|♪[^\n]{0,80}♪?)\s*")


def caption_text(text: str, start: int = 0) -> str | None:
    """The text of a caption file as the reader reads it, or None if ``text[start:]`` is no caption file.

    A WebVTT file (its first line ``WEBVTT``) or a SubRip file (its first block a cue: a number, then a timing
    line ``00:00:01,000 --> 00:00:04,000``) is a run of cues separated by blank lines: an optional identifier (the
    cue number), the timing line, then one or two lines of text. The header, ``NOTE``/``STYLE``/``REGION``
    blocks, identifiers, timing lines and cue tags other than a voice tag are replaced by spaces, keeping every
    line break, so that every offset stays an offset into ``text``. A cue that continues the one before (no voice
    tag, no note) is joined to it, its blank line and header becoming spaces before one line break: the cues of one
    turn form one paragraph and a sentence split across cues is one sentence. A cue that opens with a voice tag, a
    cue that is only a note ("[APPLAUSE]"), the cue after a note and a cue that opens with a ``Name:`` label start
    a paragraph; but where the cue before stops inside a sentence, a voice tag naming its speaker again is blanked
    out too and the cue joined to it (captions that repeat the tag on every cue, as Microsoft Teams writes them).
    """
    head = text[start:start + 200].lstrip("\n")
    first_line = head.split("\n", 1)[0].rstrip()
    webvtt = first_line == "WEBVTT" or first_line.startswith(("WEBVTT ", "WEBVTT\t"))
    if not webvtt:
        lines = head.split("\n", 3)
        if not (len(lines) > 2 and lines[0].strip().isdigit() and _CUE_TIMING_RE.fullmatch(lines[1])):
            return None
    chars = list(text)

    def blank(a: int, b: int, keep_breaks: bool = True) -> None:
        for i in range(a, b):
            if not (keep_breaks and chars[i] == "\n"):
                chars[i] = " "

    prev_end = -1        # the end of the last cue's text (-1: none yet, or the paragraph must break)
    voice = prev_voice = None   # the speaker of this cue and of the cue before, by their voice tags
    for m in _PARAGRAPH_RE.finditer(text, start):
        ps, pe = m.span()
        block = text[ps:pe]
        lines = block.split("\n")
        if webvtt and (block.startswith("WEBVTT") or lines[0].startswith(("NOTE", "STYLE", "REGION"))
                       and "-->" not in block):
            blank(ps, pe)   # the header, a comment, a style sheet
            continue
        timing = next((j for j in range(min(2, len(lines))) if _CUE_TIMING_RE.fullmatch(lines[j])), None)
        if timing is None:
            prev_end = pe   # text that is no cue: left as it is
            continue
        text_start = ps + sum(len(line) + 1 for line in lines[:timing + 1])
        if text_start >= pe:
            blank(ps, pe)   # a cue without text
            continue
        for t in _CUE_TAG_RE.finditer(text, text_start, pe):
            blank(t.start(), t.end())
        note = _NOTE_CUE_RE.fullmatch(text, text_start, pe) is not None
        tag = _VOICE_RE.match(text, text_start, pe) if text.startswith("<v", text_start) else None
        voice = speaker_name(tag.group("name")) if tag else voice
        if (tag and voice == prev_voice and prev_end != -1
                and not _SENTENCE_DONE.search("".join(chars[max(0, prev_end - 12):prev_end]).rstrip())):
            blank(tag.start(), tag.end())   # the speaker's tag repeated inside a sentence (as Teams writes it)
            tag = None
        lab = _LABEL_RE.match(text, text_start, pe) if ":" in text[text_start:text_start + 60] else None
        named = lab is not None and _plausible_name(lab.group("name"))   # "JOHN ROE: ..." opening a SubRip cue
        if prev_end != -1 and not note and tag is None and not named:
            blank(prev_end, text_start - 1, keep_breaks=False)   # continues the cue before: one paragraph
        else:
            blank(ps, text_start - 1)
        prev_end = -1 if note else pe
        prev_voice = voice
    return "".join(chars)


#: A page's number as a running footer prints it, a whole line: "Page 3 of 8", "PAGE 3", "- 3 -"; the United Nations'
#: "2/8 24-24317" and "24-24317 3/8" (the page, the pages and the document's job number), and the job number and
#: bar code of a record's first page ("24-24317 (E)", "*2424317*").
_PAGE_NUMBER = (r"(?:Page|PAGE|Pg\.?)[ \t]+\d{1,4}(?:[ \t]+(?:of|OF|/)[ \t]+\d{1,4})?|-[ \t]*\d{1,4}[ \t]*-"
                r"|\d{1,4}/\d{1,4}[ \t]+\d{2}-\d{5}|\d{2}-\d{5}[ \t]+\d{1,4}/\d{1,4}"
                r"|\d{2}-\d{5}[ \t]*\([A-Z]\)|\*\d{7,9}\*")
_PAGE_NUMBER_RE = re.compile(_PAGE_NUMBER)
_PAGE_NUMBER_LINE_RE = re.compile(rf"^[ \t\f]*(?:{_PAGE_NUMBER})[ \t\f]*$", re.MULTILINE)
#: A line that may be such a footer (a quick test, one attempt a line: the pattern opens with a line break).
_PAGE_HINT_RE = re.compile(r"\n[ \t\f]*(?:(?:Page|PAGE|Pg\.?)[ \t]+\d|-[ \t]*\d|\d{1,4}/\d|\d{2}-\d{5}[ \t]|\*\d)")
#: A word hyphenated at a line end and the rest of it on the next line: "coopera-\ntion", "Inspector-\n   General".
_LINE_END_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")
#: The rest of a hyphenated word that is only an ending ("tion", "ment", "ship", "ing", "gence", "sition"): the word
#: is one, split by the typesetter; a rest that is a word of its own ("awaited" in "long-\nawaited") is not.
_WORD_ENDING_RE = re.compile(
    r"ings?|[a-z]{0,3}(?:tions?|sions?|ments?|ness|ships?|ities|ity|ences?|ances?|ency|ancy|ures?|ously|ous|ives?"
    r"|ical|ally|ably|ibly|able|ible|isms?|ists?|i[sz](?:ed|es|ing)|at(?:ed|es|ing))")
_DOC_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def page_text(text: str, start: int = 0) -> tuple[str, list[tuple[int, int, str]], set[int]] | None:
    """A text extracted from pages (a PDF's text, pages separated by form feeds or numbered by a running footer),
    as the reader reads it: ``(reading, edits, furniture)``, or None if ``text[start:]`` has no pages.

    The page furniture is the footers with the page number (:data:`_PAGE_NUMBER`) and the running headers: a line
    that comes back on two pages or more, each time next to a page number or after a form feed (with its numbers
    any and its words in any order: "S/PV.9708 Threats ... 21/08/2024" and "21/08/2024 Threats ... S/PV.9708" on
    facing pages). ``furniture``
    holds the offsets where such lines start (their first character that is not white space); they are narrator
    text, no one's speech. Where a page break falls inside a paragraph (the text before the footer does not end a
    sentence and the text after the header opens no turn), the footer, the header and the blank lines around them
    are blanked out in ``reading`` (spaces, keeping one line break before the text that goes on), as a caption
    file's cue headers are, so that the paragraph and its sentence are one; ``edits`` then says that a sentence
    across the break reads a line break there. A word hyphenated at a line end is rejoined where the rest is only
    an ending or the whole word is written elsewhere in the document ("coopera-\ntion", "Govern-\nment"), and left
    as it is where it is a compound ("Inspector-\nGeneral", "dusk-to-\ndawn", "long-\nawaited"): an edit removes
    the hyphen and the line break. Offsets stay offsets into ``text``.
    """
    if "\f" not in text and (_PAGE_HINT_RE.search(text, start) is None
                             or len(_PAGE_NUMBER_LINE_RE.findall(text, start)) < 2):
        return None
    # lines: (start, end) of each line from ``start``, the "\n" left out
    bounds: list[tuple[int, int]] = []
    pos = start
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        bounds.append((pos, end))
        if nl == -1:
            break
        pos = nl + 1
    body = [text[a:b].strip() for a, b in bounds]
    k_lines = len(bounds)
    footer = [bool(line) and _PAGE_NUMBER_RE.fullmatch(line) is not None for line in body]
    feed = [text[a:b].lstrip(" \t").startswith("\f") or (i > 0 and text[bounds[i - 1][0]:bounds[i - 1][1]].rstrip(" \t")
                                                            .endswith("\f")) for i, (a, b) in enumerate(bounds)]
    nonblank = [i for i, line in enumerate(body) if line]
    prev_nb: dict[int, int] = {}
    next_nb: dict[int, int] = {}
    for j, i in enumerate(nonblank):
        prev_nb[i] = nonblank[j - 1] if j else -1
        next_nb[i] = nonblank[j + 1] if j + 1 < len(nonblank) else -1
    if sum(footer) < 2 and not any(feed):
        return None

    def key(i: int) -> str:   # the line's words in any order, numbers any (facing pages swap the date and symbol)
        return " ".join(sorted(re.sub(r"\d+", "#", body[i]).split()))

    near = {i for i in nonblank if not footer[i] and len(body[i]) <= 160 and body[i][-1] not in ".?!:;,"
            and (feed[i] or (prev_nb[i] != -1 and footer[prev_nb[i]]) or (next_nb[i] != -1 and footer[next_nb[i]]))}
    by_key: dict[str, list[int]] = {}
    for i in near:
        by_key.setdefault(key(i), []).append(i)
    furniture_lines = {i for i in nonblank if footer[i]}
    for lines in by_key.values():
        if len(lines) >= 2:
            furniture_lines.update(lines)
    if not furniture_lines:
        return None

    chars = list(text)
    edits: list[tuple[int, int, str]] = []
    words = None   # the document's words, lower case, when a hyphenated word asks for them

    def content(i: int) -> tuple[int, int]:
        a, b = bounds[i]
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        return a, b

    def rejoin(head_end: int, tail_start: int) -> bool:
        """The word hyphenated at ``head_end`` (the hyphen's offset), its rest at ``tail_start``, is one word."""
        nonlocal words
        h = head_end
        while h > 0 and (text[h - 1].isalpha() or text[h - 1] == "-"):
            h -= 1
        head = text[h:head_end]
        t = tail_start
        while t < n and text[t].isalpha():
            t += 1
        tail = text[tail_start:t]
        if not head or not tail or "-" in head or not tail[0].islower():
            return False   # "dusk-to-\ndawn", "Inspector-\nGeneral"
        if words is None:
            words = {w.lower() for w in _DOC_WORD_RE.findall(text)}
        whole = (head + tail).lower()
        if f"{head}-{tail}".lower() in words:
            return False   # written so elsewhere: a compound
        return whole in words or _WORD_ENDING_RE.fullmatch(tail) is not None

    # page breaks inside a paragraph: blank the furniture out and join the two parts
    i = 0
    while i < k_lines:
        if i not in furniture_lines:
            i += 1
            continue
        j = i   # the run of furniture and blank lines from line i to line j - 1
        while j < k_lines and (j in furniture_lines or not body[j]):
            j += 1
        p = i - 1
        while p >= 0 and not body[p]:
            p -= 1
        if 0 <= p and j < k_lines and p not in furniture_lines:
            ps, pe = content(p)
            ns, ne = content(j)
            last = text[max(ps, pe - 4):pe]
            if not _SENTENCE_DONE.search(last) and _match_label(text, bounds[j][0], bounds[j][1], {}, None,
                                                                first_line=True) is None:
                for c in range(pe, bounds[j][0] - 1):
                    chars[c] = " "
                if text[pe - 1] == "-" and pe - 2 >= ps and text[pe - 2].isalpha() and text[ns].isalpha():
                    edits.append((pe - 1, ns, "") if rejoin(pe - 1, ns) else (pe, ns, ""))
                else:
                    edits.append((pe, ns, "\n"))
                for f in range(i, j):
                    furniture_lines.discard(f)   # blanked out: in no sentence
        i = j
    furniture = {content(i)[0] for i in furniture_lines}
    # words hyphenated at a line end inside a paragraph
    for m in _LINE_END_HYPHEN_RE.finditer(text, start):
        if rejoin(m.start(), m.end()):
            edits.append((m.start(), m.end(), ""))
    edits.sort()
    return "".join(chars), edits, furniture


def _paragraphs(text: str, pos: int):
    """Yield paragraphs as lists of ``(line_start, line_end)`` (end excludes the newline)."""
    lines: list[tuple[int, int]] = []
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl == -1 else nl
        if text[pos:end].strip():
            lines.append((pos, end))
        elif lines:
            yield lines
            lines = []
        pos = end + 1
    if lines:
        yield lines


#: A paragraph: lines that are not blank (``str.strip`` leaves something), each after a "\n".
_PARAGRAPH_RE = re.compile(r"^[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*", re.MULTILINE)
#: What a line holds when it may hold a label that does not start with one of _LINE_OPENERS: a colon, or
#: Spain's "Name.- " dash (with a hyphen or an en dash).
_LINE_MARKS = (":", ".-", ".\u2013", ". \u2013", ".\u00a0\u2013")
#: A line that starts with a space, a tab, a no-break space, Q, A, R or P (after the "\n" before it).
_LINE_QA_RE = re.compile(rf"\n[{_LINE_OPENERS}]")


def _label_lines(text: str, pos: int, every_line: bool) -> list[tuple[int, int, list[tuple[int, int, int]], int]]:
    """The paragraphs of :func:`_paragraphs` as ``(start, end, lines, n_lines)``, where ``lines``
    lists ``(index, line_start, line_end)`` of the lines that may hold a label: all lines if
    ``every_line``, otherwise those that start with white space, Q, A, R or P or hold a colon (the
    others :func:`_match_label` turns down at once when no label is declared). ``n_lines`` is the
    number of lines, or -1 when it is the number of "\n" in ``text[start:end]`` plus one (lines
    follow one another, one "\n" apart), to be counted where it is needed.

    Paragraphs are found by one regular expression over the whole text, and these lines from the
    text's colons and line starts, rather than line by line (most lines are wrapped prose); where
    ``pos`` is not at a line start (the expression's ``^`` would not match there, or it is outside
    the text) the lines come from :func:`_paragraphs`.
    """
    out = []
    if every_line or pos < 0 or (pos > 0 and text[pos - 1:pos] != "\n"):
        for lines in _paragraphs(text, pos):
            out.append((lines[0][0], lines[-1][1],
                        [(i, ls, le) for i, (ls, le) in enumerate(lines)
                         if every_line or text[ls:ls + 1] in _LINE_OPENERS
                         or any(text.find(mark, ls, le) != -1 for mark in _LINE_MARKS)], len(lines)))
        return out
    find, rfind, count = text.find, text.rfind, text.count
    starts = {m.start() + 1 for m in _LINE_QA_RE.finditer(text, pos)}
    if pos < len(text) and text[pos] in _LINE_OPENERS:
        starts.add(pos)
    for mark in _LINE_MARKS:   # the start of each line with a colon, or with Spain's "P.- " dash
        c = find(mark, pos)
        while c != -1:
            starts.add(rfind("\n", 0, c) + 1)
            nl = find("\n", c)
            c = -1 if nl == -1 else find(mark, nl)
    starts = sorted(starts)   # may include blank lines, which no paragraph holds
    k, n_starts = 0, len(starts)
    for m in _PARAGRAPH_RE.finditer(text, pos):
        ps, pe = m.span()
        while k < n_starts and starts[k] < ps:
            k += 1
        lines = []
        index, at = 0, ps
        while k < n_starts and starts[k] < pe:
            ls = starts[k]
            index += count("\n", at, ls)
            at = ls
            le = find("\n", ls, pe)
            lines.append((index, ls, pe if le == -1 else le))
            k += 1
        out.append((ps, pe, lines, -1))
    return out


def _match_label(text: str, pos: int, end: int, declared: dict[str, str],
                 declared_re: re.Pattern | None, first_line: bool = False, dashes: bool = True) -> Label | None:
    """Match a speaker label at line start ``pos`` (line ends at ``end``)."""
    if text.startswith("<v", pos):   # a caption's voice tag: "<v Foreign Minister Aldana>Thank you."
        m = _VOICE_RE.match(text, pos, end)
        if m:
            return Label(m.start("label"), m.end("label"), speaker_name(m.group("name")), "voice")
    if declared_re is not None:
        m = declared_re.match(text, pos, end)
        if m:
            return Label(m.start("label"), m.end("label"),
                         declared[speaker_name(m.group("name")).lower()], "declared")
    colon = text.find(":", pos, end) != -1
    if first_line:
        m = _QR_DASH_RE.match(text, pos, end)   # "Q - ", "R – ", "P. - "
        if m:
            return Label(m.start("label"), m.end("label"), m.group("name"), "tight")
        # Spain's "P.- ...", "R. (Minister Fall).- ...", "Minister Echevarría.- ...": read as "Name: ..."
        dd = _DOT_DASH_RE.search(text, pos, min(end, pos + 160))
        dash = dd.start() if dd else -1
        if dash != -1 and text.find(":", pos, dash) == -1:
            lab = _match_label(text[pos:dash] + ": " + text[dash + 2:end], 0, end - pos, declared, declared_re)
            if lab is not None and lab.end == dash - pos + 1:
                speaker = lab.speaker[:-1] if lab.speaker in ("P.", "R.") else lab.speaker
                return Label(pos + lab.start, pos + lab.end + 1, speaker, lab.kind, lab.note, lab.desc)
        # the European Parliament's "Name (Group), capacity. – " (taken where the document has such labels)
        if dashes and (text.find(". \u2013", pos, min(end, pos + 260)) != -1
                       or text.find(".\u00a0\u2013", pos, min(end, pos + 260)) != -1):
            m = _EP_LABEL_RE.match(text, pos, end)
            if m and _plausible_name(m.group("name")) and text.find(":", m.start("name"), m.end("label")) == -1:
                return Label(m.start("label"), m.end("label"), speaker_name(m.group("name")), "ep",
                             m.group("note") or "", speaker_name(m.group("desc") or ""))
    if not colon and text[pos:pos + 1] not in _LINE_OPENERS:
        return None  # the forms below start with Q, A, R or P (after white space) or hold a colon; prose mostly not
    m = _BARE_Q_RE.match(text, pos, end) or (_BARE_Q1_RE.match(text, pos, end) if first_line else None)
    if m:
        return Label(m.start("label"), m.end("label"), "Q", "bare_q")
    m = _DOTTED_QA_RE.match(text, pos, end)
    if m:
        return Label(m.start("label"), m.end("label"), m.group("name"), "dotted")
    if first_line and text[pos] in _SPACE_CHARS:
        m = _GPO_LABEL_RE.match(text, pos, end)   # "    Mr. DELACROIX. Thank you, ..." (indented, as GPO prints it)
        if m:   # the chair of the hearing chairs it ("Chairman HARLAN." as "Chairman:" would)
            name = speaker_name(m.group("name"))
            title = name.split(" ", 1)[0]
            return Label(m.start("label"), m.end("label"), name, "gpo",
                         desc=title if title.lower() in _CHAIR_LABELS else "")
    if not colon:
        return None  # the forms left end in a colon
    m = _NUMBERED_RE.match(text, pos, end)
    if m:
        return Label(m.start("label"), m.end("label"), speaker_name(m.group("name")), "numbered")
    m = _ROLE_DASH_RE.match(text, pos, end)
    if m:
        return Label(m.start("label"), m.end("label"), speaker_name(m.group("name")), "role_dash")
    m = _SLASH_OUTLET_RE.match(text, pos, end) if first_line else None
    if m and " " in speaker_name(m.group("name")) and _plausible_name(m.group("name")):
        return Label(m.start("label"), m.end("label"), speaker_name(m.group("name")), "name", m.group("note"))
    m = (_NAME_TIME_LINE_RE.match(text, pos) if first_line and end < len(text) and (
        (last := text[pos:end].rstrip()[-1:]).isdigit() or last in (")", "]")) else None)
    if m and _plausible_name(m.group("name")):
        return Label(m.start("label"), m.end("label"), speaker_name(m.group("name")), "name")
    m = (_HANSARD_NUMBER_RE.match(text, pos, end)
         if first_line and (text[pos] in "T0123456789" or text[pos] in _SPACE_CHARS) else None)
    if m:   # "1. Mrs Annabel Crewe (South Wessex) (Con):", "T1. [901530] Mr Raymond Ferris (...) (Lab):"
        lab = _match_label(text, m.end(), end, declared, None)
        if lab is not None and lab.kind == "name" and (text.count("(", lab.start, lab.end) >= 2 or m.group("uin")):
            lab.start = m.start("num")
            return lab
    m = _LABEL_RE.match(text, pos, end)
    if m and _plausible_name(m.group("name")) and (
            m.group("desc") is None or (_is_upper(m.group("name")) and _is_upper(m.group("desc")))
            or _plausible_name(m.group("desc").rstrip())):
        name = speaker_name(m.group("name"))
        # "Q12 Daniel Petrie:" (a Commons committee)
        if name[:1] == "Q" and (qn := _COMMITTEE_QUESTION_RE.match(name)):
            name = name[qn.end():]
        note = m.group("note") or m.group("note0") or ""
        person, slash, outlet = name.rpartition("/")
        # "JULES ALONZO/RAPPLER:" (a reporter and the outlet), not "HR/VP:"
        if slash and not note and " " in person:
            name, note = person, outlet
        numbered = _ROLE_NUMBER_RE.fullmatch(name)
        # "The Minister of State, Foreign, Commonwealth and Development Office (Mr Tobias Renn):" (Hansard)
        person = (speaker_name(note) if name.startswith(("The ", "THE ")) and m.group("note")
                  and _PERSON_NOTE_RE.fullmatch(note) else "")
        return Label(m.start("label"), m.end("label"), numbered.group("role") if numbered else name, "name",
                     note, speaker_name(m.group("desc") or ""), person)
    if m and first_line and m.group("desc") is None and _lower_outlet(m.group("name")):
        return Label(m.start("label"), m.end("label"), m.group("name"), "outlet")   # "dpa: Is ...?"
    m = _TIGHT_RE.match(text, pos, end)
    if m:
        return Label(m.start("label"), m.end("label"), speaker_name(m.group("name")), "tight")
    return None


def declared_label_re(labels) -> re.Pattern | None:
    """A pattern for declared labels in any of the label forms, also with a
    dash instead of the colon ("Journalist - What ...") or alone on the line
    without a colon (case-insensitive)."""
    names = sorted({speaker_name(lab) for lab in labels if speaker_name(lab)}, key=len, reverse=True)
    if not names:
        return None
    alts = "|".join(r"[ \t\u00a0]+".join(map(re.escape, n.split(" "))) for n in names)
    return re.compile(
        rf"""{_INDENT}(?P<label>{_ZERO_WIDTH}(?:{_TS}|{_BARE_TS})?{_MD_OPEN}?(?P<name>{alts}){_MD_CLOSE}?
        (?:[ \t]*{_TS}|[ \t]+(?:\([^()\n]{{1,80}}\)(?:[ \t]+\([^()\n]{{1,40}}\))?|\[[^\[\]\n]{{1,80}}\]))?{_MD_CLOSE}?
        (?:[ \t]*:{_MD_CLOSE}?(?=\s|$)|[ \t]+[-\u2013\u2014](?=[ \t])|(?=[ \t\u00a0]*$)))""",
        re.VERBOSE | re.IGNORECASE)


def parse_layout(text: str, *, front_matter_end: int = 0,
                 declared: dict[str, str] | None = None) -> Layout:
    """Split ``text`` (after the front matter) into blocks with labels.

    ``declared`` maps lower-cased labels (and aliases) to the speaker name they
    stand for; declared names are always accepted as labels.
    """
    declared = declared or {}
    declared_re = declared_label_re(declared)
    reading = caption_text(text, front_matter_end) if text.find("-->", front_matter_end) != -1 else None
    reading_kind = "captions" if reading is not None else ""
    edits: list[tuple[int, int, str]] = []
    furniture: set[int] = set()   # where the lines of page furniture start (see page_text)
    if reading is None:
        pages = page_text(text, front_matter_end)
        if pages is not None:
            reading, edits, furniture = pages
            reading_kind = "pages"
    if reading is not None:
        text = reading
    paragraphs = _label_lines(text, front_matter_end, declared_re is not None or reading_kind == "captions")
    dashes = ". \u2013" in text or ".\u00a0\u2013" in text   # the European Parliament's labels may occur

    # Pass 1: candidate labels at line starts: (line index, line start, label) for each paragraph.
    candidates: list[list[tuple[int, int, Label]]] = []
    people: dict[str, dict[str, str]] = {}   # name -> the people after its comma (key -> as first written)
    for _, _, lines, _ in paragraphs:
        row = []
        for i, ls, le in lines:
            if furniture and _content_start(text, ls, le) in furniture:
                continue   # a page's running header or footer
            lab = _match_label(text, ls, le, declared, declared_re, first_line=i == 0, dashes=dashes)
            if lab is not None:
                row.append((i, ls, lab))
                if _HONORIFIC_RE.match(lab.desc):
                    people.setdefault(lab.speaker, {}).setdefault(_person_key(lab.desc), lab.desc)
        candidates.append(row)
    # A title shared by two people ("Joint Secretary, Shri Anil Kumar:", "Joint Secretary, Smt. Priya Rao:")
    # names each of them with the person; a title that goes with one person stays the speaker on its own, and
    # so does a name followed by a role ("JAKE TAPPER, CNN HOST:", "JAKE TAPPER, CNN ANCHOR:": no honorific).
    shared = {name for name, descs in people.items() if len(descs) > 1}
    # A title with the person in brackets ("The Minister of State, ... (Mr Tobias Renn):") is that person, as the
    # later short labels ("Mr Renn:") are, unless the title alone is a label too ("The Prime Minister:").
    titles = ({lab.speaker for row in candidates for _, _, lab in row if not lab.person}
              if any(lab.person for row in candidates for _, _, lab in row) else set())
    strong: set[str] = set()
    counts: dict[str, int] = {}
    gpo = 0   # the Government Publishing Office's labels ("Mr. DELACROIX.") that name someone
    named = 0   # and the "Name:" labels
    ep = 0   # the European Parliament's "Name (Group), capacity. – " labels
    ep_chair = False   # and its chair's "President. – "
    for row in candidates:
        for i, _, lab in row:
            if lab.speaker in shared and _HONORIFIC_RE.match(lab.desc):
                lab.speaker = f"{lab.speaker}, {people[lab.speaker][_person_key(lab.desc)]}"
            if lab.person and lab.speaker not in titles:
                lab.speaker = lab.person
            if lab.kind == "gpo" and lab.speaker.lower() not in ROLE_LABELS and lab.speaker not in ("Voice", "Voices"):
                gpo += 1
            elif lab.kind == "name":
                named += 1
            elif lab.kind == "ep":
                ep += 1
                ep_chair = ep_chair or lab.speaker == "President"
            counts[lab.speaker] = counts.get(lab.speaker, 0) + 1
            if i == 0:
                strong.add(lab.speaker)

    # Label style: where upper-case labels ("MS. PSAKI:") are the majority, a
    # mixed-case "Name:" used only once is prose ("Politico Playbook: ...",
    # "Vaccinations: ...").
    upper = sum(n for sp, n in counts.items() if _is_upper(sp) and sp.lower() not in ROLE_LABELS)
    mixed = sum(n for sp, n in counts.items() if not _is_upper(sp) and sp.lower() not in ROLE_LABELS
                and sp.lower() not in declared and not _lower_outlet(sp))
    upper_style = upper >= 2 and upper > mixed
    gpo_style = gpo >= 2 and gpo > named
    ep_style = ep >= 2 and ep_chair

    def accepted(lab: Label, line_start: int, first_line: bool, dense: bool, end: int) -> bool:
        if lab.kind in ("bare_q", "tight", "numbered", "role_dash", "declared", "voice"):
            return True
        if lab.kind == "gpo":   # "    Mr. DELACROIX. ...", "    Question. ..." where a hearing's labels are so
            return first_line and gpo >= 2
        if lab.kind == "ep":   # "President. – ", "Liisa Vahtera, Member of the Commission. – " in a debate's record
            return first_line and ep_style
        sp = lab.speaker
        if (lab.kind == "name" and text.find(". . . .", lab.end, end) != -1
                and _DOT_LEADERS_RE.search(text, lab.end, end)):
            return False   # a list with dot leaders: "President: Mr. Kargbo-Lansana . . . . (Sierra Leone)"
        if gpo_style and lab.kind == "name" and sp.lower() not in ROLE_LABELS:
            return False   # a hearing's print has no "Name:" labels ("Available: http://www.govinfo.gov")
        if lab.start - line_start >= 8 and _is_centred_title(text, lab.start):
            return False   # a title centred in capitals: "       CENTRAL ASIA: SECURITY, TRADE, AND PEOPLE-"
        # a heading: "Press Conference: Monday, 14 October 2024"
        if first_line and _DATE_ONLY_RE.fullmatch(text, lab.end, end):
            return False
        if lab.kind == "dotted":  # "A. Smith" inside a paragraph is a name, not a label
            return first_line or sp in strong or dense
        if lab.kind == "outlet":  # "dpa: Is ...?" among other labels: an outlet asks; "taz: ..." alone is prose
            return (first_line and any(not _lower_outlet(other) for other in strong)
                    and QUESTION_END.search(text[lab.end:end].rstrip()) is not None)
        if sp.lower() in declared:
            return True
        if not first_line and not sp[:1].isupper():  # "question: whether ..." in a wrapped line
            return False
        if sp.lower() in ROLE_LABELS:
            return True
        if upper_style and not _is_upper(sp) and counts.get(sp, 0) < 2:
            # except a reporter named with an outlet who asks at a paragraph start ("Kate Miller (BBC):
            # Has he spoken to the Speaker?"): a quotation has no outlet, a stage note is no outlet
            return (first_line and lab.note != "" and STAGE_NOTE_RE.fullmatch(f"({lab.note})") is None
                    and QUESTION_END.search(text[lab.end:end].rstrip()) is not None)
        if first_line:
            return True
        if sp in strong or counts.get(sp, 0) >= 2:
            return True
        # A name used only here, on a later line of a dense paragraph: a label if the line before
        # ends its sentence, but prose if that line runs on into this one ("It says, in large
        # letters,\nHousing Crisis: Minister Under Fire."; "and I quote,\nPeter Hall: the ...").
        return dense and text[max(0, line_start - 40):line_start - 1].rstrip()[-1:] not in _RUNS_ON

    # Pass 2: blocks.
    layout = Layout(front_matter_end=front_matter_end, reading=reading, reading_kind=reading_kind, edits=edits)
    for pid0, ((p_start, p_end, _, n_lines), row) in enumerate(zip(paragraphs, candidates)):
        pid = pid0 + 1
        # one turn per line: most lines of the paragraph start with a label
        if len(row) >= 2 and n_lines == -1:
            n_lines = text.count("\n", p_start, p_end) + 1
        dense = len(row) >= 2 and len(row) >= max(2, n_lines / 2)
        # (line start, label); a label's speech ends at most where the next candidate's line starts
        cuts = [(ls, lab) for k, (i, ls, lab) in enumerate(row)
                if accepted(lab, ls, i == 0, dense, row[k + 1][1] - 1 if k + 1 < len(row) else p_end)]
        if not cuts or cuts[0][0] != p_start:
            cuts.insert(0, (p_start, None))
        for k, (ls, lab) in enumerate(cuts):
            start = lab.end if lab else ls
            # a block ends with the line before the next cut (lines follow one another, one "\n" apart)
            end = cuts[k + 1][0] - 1 if k + 1 < len(cuts) else p_end
            block = Block(paragraph_id=pid, start=start, end=end, label=lab)
            block.start, block.end = strip_span(text, block.start, block.end)
            block.kind = _block_kind(text, block)
            if lab is None and block.start < block.end and (
                    (furniture and _all_furniture(text, block.start, block.end, furniture))
                    or (text.find(". . . .", block.start, block.end) != -1
                        and _DOT_LEADERS_RE.search(text, block.start, block.end))):
                block.kind = "narrator"   # a page's running header or footer; a list with dot leaders
                block.lines = True
            if lab is None and layout.blocks and _continues(text, layout.blocks[-1], block):
                layout.blocks[-1].end = block.end  # a stray blank line inside a sentence
                continue
            layout.blocks.append(block)
            if lab is not None:
                layout.n_labels += 1
    _headings(layout, text, counts, declared)
    _merge_surnames(layout, declared)
    _speaker_lists(layout, text, declared)
    _united_nations_record(layout, text)
    if ep_style:
        _parliament_debate(layout, text)
    _renumber(layout)
    return layout


def _content_start(text: str, start: int, end: int) -> int:
    """The offset of the first character of ``text[start:end]`` that is not white space (``end`` if none)."""
    while start < end and text[start].isspace():
        start += 1
    return start


def _all_furniture(text: str, start: int, end: int, furniture: set[int]) -> bool:
    """Every line of ``text[start:end]`` that is not blank is a page's running header or footer."""
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl == -1 else nl
        cs = _content_start(text, pos, le)
        if cs < le and cs not in furniture:
            return False
        pos = le + 1
    return True


#: Short words that a heading in title case writes in lower case ("Commonwealth Heads of Government Meeting").
_TITLE_SMALL = frozenset({"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
                          "to", "with", "v", "vs", "de", "la", "del", "und", "et"})


def _is_title(content: str, min_words: int) -> bool:
    """``content`` is a heading's line: one line of ``min_words`` to eight words in title case or capitals, with no
    mark that ends or continues a sentence at its end ("Counter-terrorism: Sahel", "Topical Questions")."""
    if "\n" in content or len(content) > 80 or not content or content[-1] in ".?!…:;,-\u2013\u2014\"'”’)]*":
        return False
    words = content.split()
    if not min_words <= len(words) <= 8 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL for w in words)


def _is_centred_title(text: str, start: int) -> bool:
    """The rest of the line from ``start`` is in capitals: a title printed centred, not a speaker's label."""
    eol = text.find("\n", start)
    line = text[start:] if eol == -1 else text[start:eol]
    return any(c.isalpha() for c in line) and not any(c.islower() for c in line)


def _headings(layout: Layout, text: str, counts: dict[str, int], declared: dict[str, str]) -> None:
    """A name label alone in its paragraph, used once, with another label right after it ("Questions and
    Answers:" before "Q: ..."), opens a turn in which nobody says anything: it is a heading, narrator text,
    not a speaker with no words. A label alone on its line with the speech below it (on the next line or
    after a blank line) keeps its turn, and so do declared names and role labels.

    So is a one-line paragraph in a heading's form, title case with no full stop, right before a label: Hansard's
    topic headings, with a colon ("Counter-terrorism: Sahel", "Trade: Gulf Co-operation Council") or without
    ("Topical Questions", "British Nationals Detained Overseas", after a speech that has ended)."""
    blocks = layout.blocks
    n = len(blocks)
    for k, b in enumerate(blocks):
        lab = b.label
        if lab is None and (b.end - b.start > 80 or b.kind != "speech"):
            continue   # no heading (the test that follows, on the few short paragraphs left)
        if k + 1 < n and blocks[k + 1].label is None:
            continue
        if (lab is not None and lab.kind == "name" and counts.get(lab.speaker, 0) == 1
                and lab.speaker.lower() not in declared and lab.speaker.lower() not in ROLE_LABELS
                and (b.start >= b.end or (not lab.note and not lab.desc and _is_title(text[b.start:b.end], 1)
                                          and "\n" not in text[lab.start:b.start]))):
            b.label = None
            b.start, b.end = strip_span(text, lab.start, max(lab.end, b.end))
            b.kind = "narrator"
            layout.n_labels -= 1
        elif (lab is None and b.kind == "speech" and k > 0 and blocks[k - 1].paragraph_id != b.paragraph_id
              and _is_title(text[b.start:b.end], 2)
              and (blocks[k - 1].kind != "speech"
                   or _SENTENCE_DONE.search(text[max(blocks[k - 1].start, blocks[k - 1].end - 4):blocks[k - 1].end]))):
            b.kind = "narrator"


#: Honorifics before a surname that stand for a person named in full before ("Mr Renn", "Mrs Crewe", "MR. KIRBY").
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})


def _merge_surnames(layout: Layout, declared: dict[str, str]) -> None:
    """A one-word label that is the last word of exactly one longer label used
    before it in the document is that speaker ("BRENNAN" after "MARGARET
    BRENNAN"), as television transcripts shorten names after the first turn."""
    first: dict[str, int] = {}  # speaker -> index of first label
    persons: list[tuple[str, str, int]] = []   # (person, speaker, index) of labels naming a person in brackets
    for i, b in enumerate(layout.blocks):
        if b.label is not None:
            first.setdefault(b.label.speaker, i)
            if b.label.person:
                persons.append((b.label.person, b.label.speaker, i))
    long_by_last: dict[str, list[str]] = {}
    for n in first:
        words = n.split(" ")
        if len(words) > 1:
            long_by_last.setdefault(words[-1], []).append(n)
    merge = {n: long_by_last[n][0] for n in first
             if " " not in n and n.lower() not in ROLE_LABELS and n.lower() not in declared
             and len(long_by_last.get(n, [])) == 1 and first[long_by_last[n][0]] < first[n]}
    # Hansard's "Mrs Crewe" after "Mrs Annabel Crewe (South Wessex) (Con)", "Mr Renn" after "The Minister of State,
    # ... (Mr Tobias Renn)": the honorific and the surname of one person named in full before.
    full: dict[tuple[str, str], dict[str, int]] = {}   # (honorific, surname) -> {speaker: first index}
    for n, sp, i in [(n, n, i) for n, i in first.items()] + persons:
        words = n.split(" ")
        if len(words) > 2 and words[0].rstrip(".").lower() in _HONORIFICS:
            owners = full.setdefault((words[0], words[-1]), {})
            owners[sp] = min(owners.get(sp, i), i)
    if full:
        for n, i in first.items():
            words = n.split(" ")
            if len(words) == 2 and n not in merge and n.lower() not in declared and (words[0], words[1]) in full:
                before = [sp for sp, j in full[(words[0], words[1])].items() if j < i]
                if len(before) == 1:
                    merge[n] = before[0]
    if merge:
        for b in layout.blocks:
            if b.label is not None and b.label.speaker in merge:
                b.label.speaker = merge[b.label.speaker]


def _speaker_lists(layout: Layout, text: str, declared: dict[str, str]) -> None:
    """An event's list of speakers before its transcript: a role label alone on its line with the person's name and
    affiliation under it ("Moderator:\nCatherine Molefe-Harrington\nSenior Fellow, Africa Program, CSIS"), where
    the person speaks later under a label of their own ("CATHERINE MOLEFE-HARRINGTON:"), is no turn but a list,
    narrator text; the person has the role the list gives (the moderator moderates, though she asks)."""
    blocks = layout.blocks
    for k, b in enumerate(blocks):
        lab = b.label
        if (lab is None or lab.kind != "name" or lab.speaker.lower() not in ROLE_LABELS or b.start >= b.end
                or lab.speaker.lower() in declared):
            continue
        eol = text.find("\n", lab.end)
        if eol == -1 or text[lab.end:eol].strip() or eol >= b.start:
            continue   # the label is not alone on its line
        body = text[b.start:b.end]
        lines = body.split("\n")
        if len(lines) > 3 or _SENTENCE_DONE.search(body[-4:]):
            continue
        name = " ".join(lines[0].split()).casefold()
        later = {x.label.speaker for x in blocks[k + 1:] if x.label is not None and x.label.kind == "name"
                 and x.label.speaker.lower() not in ROLE_LABELS}
        match = [sp for sp in later if len(sp) > 3 and (name == sp.casefold() or name.endswith(" " + sp.casefold()))]
        if len(match) != 1:
            continue
        b.label = None
        b.start, b.end = strip_span(text, lab.start, b.end)
        b.kind = "narrator"
        layout.n_labels -= 1
        for x in blocks[k + 1:]:
            if x.label is not None and x.label.speaker == match[0] and not x.label.role:
                x.label.role = ROLE_LABELS[lab.speaker.lower()]


#: A United Nations record's symbol: "S/PV.9708" (the Security Council), "A/79/PV.5", "A/ES-11/PV.3" (the General
#: Assembly).
_UN_SYMBOL_RE = re.compile(r"(?<![\w/])(?:S|A(?:/ES-\d{1,2})?(?:/\d{1,3})?)/PV\.\d{1,5}\b")
_UN_CHAIRS = frozenset({"The President", "The Acting President", "The Chair", "The Acting Chair"})
#: A language note in a label: "Mr. Rivaud (France) (spoke in French):", "Ms. Ouédraogo-Sylla (spoke in French):".
_LANGUAGE_NOTE_RE = re.compile(r"(?:spoke|speaks|speaking)[ ]+in[ ]+\w+|interpretation[ ]+from[ ]+\w+", re.IGNORECASE)
#: A briefer who holds an office of the United Nations (an official); others (civil society) are speakers.
_UN_OFFICIAL_RE = re.compile(r"United Nations|Secretary-General|\bUN\b|\bUN[A-Z]{2,}|Special (?:Representative|Envoy|"
                             r"Coordinator|Adviser)|High Commissioner|Force Commander|Police Adviser")
#: The chair who speaks for the chair's own country, and back: "I shall now make a statement in my capacity as the
#: representative of Sierra Leone.", "I now resume my functions as President of the Council."
_NATIONAL_CAPACITY_RE = re.compile(r"\bin my (?:national capacity|capacity as (?:the )?representative of)\b")
_RESUME_CHAIR_RE = re.compile(r"I (?:now |shall now )?resume (?:my )?functions as (?:the )?(?:President|Chair)\b")


def _un_briefer_role(text: str, speaker: str) -> str:
    """A briefer's role in a United Nations record, by what the chair's invitation says of them ("Mr. Tomasz
    Wierzbicki, Under-Secretary-General of the United Nations Office of Counter-Terrorism; and Ms. Mariam
    Ouédraogo-Sylla, Coordinator of the Liptako-Gourma Women Traders' Network."): an official of the United Nations
    answers for it, as an official does (``interviewee``); a briefer from civil society is a ``speaker``."""
    words = speaker.split(" ")
    if len(words) < 2:
        return "interviewee"
    m = re.search(rf"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?[ ]+(?:[^\s,;]+[ ]+){{0,4}}{re.escape(words[-1])},[ ]+"
                  r"(?P<desc>[^;\n]{3,200}?)(?=;|\.(?:[ ]+[A-Z]|[ ]*$|[ ]*\n)|\n| and (?:Mr|Mrs|Ms|Miss|Dr)\b)",
                  text)
    if m is None or _UN_OFFICIAL_RE.search(m.group("desc")):
        return "interviewee"
    return "speaker"


def _united_nations_record(layout: Layout, text: str) -> None:
    """A verbatim record of the United Nations (its symbol, "S/PV.9708", in the text; "The President:" its chair):
    the President chairs (``moderator``); the representatives of States ("Mr. Rivaud (France) (spoke in French):")
    are officials (``interviewee``), and so are the briefers who hold an office of the United Nations, while a
    briefer from civil society is a ``speaker`` (see :func:`_un_briefer_role`). When the President speaks "in my
    capacity as the representative of" the country, the paragraphs after it, until "I now resume my functions as
    President", are a turn of their own in which the President is that country's official."""
    blocks = layout.blocks
    if not any(b.label is not None and b.label.speaker in _UN_CHAIRS for b in blocks) or not _UN_SYMBOL_RE.search(text):
        return
    roles: dict[str, str] = {}
    chair = pending = national = False
    for b in blocks:
        lab = b.label
        if lab is not None:
            if lab.speaker in _UN_CHAIRS:
                lab.role = "moderator"
            elif lab.note and not _LANGUAGE_NOTE_RE.fullmatch(lab.note.strip()):
                lab.role = "interviewee"   # a State's representative
            else:
                if lab.speaker not in roles:
                    roles[lab.speaker] = _un_briefer_role(text, lab.speaker)
                lab.role = roles[lab.speaker]
            chair = lab.speaker in _UN_CHAIRS
            national = False
            pending = chair and _NATIONAL_CAPACITY_RE.search(text, b.start, b.end) is not None
            continue
        if not chair or b.kind != "speech" or b.start >= b.end:
            continue
        if national:
            if _RESUME_CHAIR_RE.match(text, b.start, b.end):
                b.new_turn, b.turn_role, national = True, "", False
        elif pending:
            b.new_turn, b.turn_role, national, pending = True, "interviewee", True, False
        elif _NATIONAL_CAPACITY_RE.search(text, b.start, b.end):
            pending = True


#: A capacity in the European Parliament's record that answers for an institution: the Council's presidency, the
#: Commission, the High Representative (officials, ``interviewee``); members of the Parliament are ``speaker``.
_EP_OFFICIAL_RE = re.compile(r"President-in-Office of the Council|(?:Member|(?:Executive )?Vice-President|President) "
                             r"of the Commission|High Representative|Commissioner", re.IGNORECASE)
_EP_BLUE_CARD_RE = re.compile(r"blue[- ]card (?P<kind>question|answer)", re.IGNORECASE)
#: The record's line with the vote's date: "Vote: Thursday, 3 April 2025."
_EP_VOTE_RE = re.compile(r"Votes?:[ \t][^\n]{1,80}")


def _parliament_debate(layout: Layout, text: str) -> None:
    """The European Parliament's verbatim report: the President (in the chair) moderates, the Council's and the
    Commission's representatives are officials (``interviewee``), members are ``speaker`` (a blue-card question's
    turn asks, ``interviewer``, and the blue-card answer's turn answers, ``interviewee``); the record's headings
    ("Catch-the-eye procedure", "Written statements (Rule 178)": one line, no full stop) and its "Vote: ..." line
    are narrator text."""
    for b in layout.blocks:
        lab = b.label
        if lab is not None:
            if lab.kind != "ep":
                continue
            if lab.speaker == "President":
                lab.role = "moderator"
            elif _EP_OFFICIAL_RE.search(lab.desc):
                lab.role = "interviewee"
            else:
                lab.role = "speaker"
            card = _EP_BLUE_CARD_RE.search(lab.desc)
            if card:
                lab.turn_role = "interviewer" if card.group("kind").lower() == "question" else "interviewee"
            continue
        if b.kind != "speech" or b.start >= b.end:
            continue
        content = text[b.start:b.end]
        if _EP_VOTE_RE.fullmatch(content) or (
                "\n" not in content and content[0].isupper() and len(content.split()) <= 12
                and not _SENTENCE_DONE.search(content[-4:]) and content[-1] not in ",;:\u2013\u2014-"):
            b.kind = "narrator"


def _continues(text: str, prev: Block, block: Block) -> bool:
    """True when ``block`` is the rest of a sentence that ``prev`` leaves open:
    it starts in lower case and ``prev`` does not end a sentence."""
    return (prev.kind == "speech" and block.kind == "speech" and prev.end > prev.start
            and block.end > block.start and text[block.start].islower()
            and not _SENTENCE_DONE.search(text[max(prev.start, prev.end - 4):prev.end]))


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``(start, end)`` so that it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _block_kind(text: str, block: Block) -> str:
    if block.start >= block.end:
        return "speech"
    content = text[block.start:block.end]
    if _STAGE_LINE_RE.fullmatch(content) or (content.startswith("#") and block.label is None):
        return "narrator"
    if block.label is None and (_CAPTION_END_RE.search(content) or _CAPTION_START_RE.match(content)):
        return "caption"
    if STAGE_NOTE_RE.fullmatch(content.strip()):
        return "narrator"
    if block.label is None and _EDITORIAL_NOTE_RE.fullmatch(content):   # "[Press officer indicates time ...]"
        return "narrator"
    if block.label is None and content[0] == "(" and content[-1] == ")" and _ROUND_NOTE_RE.fullmatch(content):
        return "narrator"   # "(The speaker agreed to respond to a blue-card question)", "(Opening prayer)"
    if block.label is None and (
            (content[0] in "C©" and _COPYRIGHT_RE.fullmatch(content))         # a publisher's footer
            or (content[-1] == "—" and _ROSE_RE.fullmatch(content))           # Hansard's "Mr Strachan rose—"
            or (text[block.start - 1] == " " and _is_centred(text, block.start, block.end))):
        return "narrator"
    return "speech"


def _is_centred(text: str, start: int, end: int) -> bool:
    """An unlabelled paragraph of one to four lines, each indented six spaces or more, with no mark that ends a
    sentence at its end: a heading printed centred ("       STATEMENT OF THE HONORABLE DANIEL PRUITT, ...",
    "            Prepared Statement of the Honorable Margaret Wen"), as a hearing's print sets them."""
    if start < 6 or text[start - 6:start] != "      " or text[end - 1] in ".?!…:;,\"'”’)]":
        return False
    lines = text[text.rfind("\n", 0, start) + 1:end].split("\n")
    return len(lines) <= 4 and all(line.startswith("      ") for line in lines)


def _renumber(layout: Layout) -> None:
    """Paragraph ids: 1, 2, ... in order; a label inside a paragraph starts a new one."""
    pid = 0
    prev_key = None
    for block in layout.blocks:
        key = block.paragraph_id
        if key != prev_key or block.label is not None:
            pid += 1
        prev_key = key
        block.paragraph_id = pid


def speech_pieces(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Split ``text[start:end]`` into ``(start, end, is_stage_note)`` pieces.

    A stage note is cut out as its own piece only where it stands between
    sentences (at the start of the speech or after a sentence end):
    "Thank you.  (Laughter.)  Now ..." gives three pieces. A note inside a
    sentence ("three borders to access (inaudible).") stays in the sentence,
    as a careful reader keeps it.
    """
    if text.find("(", start, end) == -1 and text.find("[", start, end) == -1:
        return [(start, end, False)] if start < end else []  # a stage note opens with a bracket
    pieces = []
    pos = start
    for m in STAGE_NOTE_RE.finditer(text, start, end):
        before = text[pos:m.start()].rstrip()
        if before and not _SENTENCE_DONE.search(before[-4:]) and not (
                before[-1] in "\u2014\u2013-" and not text[m.end():end].strip()):
            continue   # inside a sentence (but a note after a dash at the end is after the speech it cut off)
        if m.start() > pos:
            pieces.append((pos, m.start(), False))
        pieces.append((m.start(), m.end(), True))
        pos = m.end()
    if pos < end:
        pieces.append((pos, end, False))
    return pieces


def infer_roles(stats: dict[str, dict], fixed: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Decide each speaker's role.

    ``stats`` maps speaker to ``{"turns": n, "asking_turns": q, "question_turns": qm, "sentences": k,
    "noted_turns": o}`` (``question_turns``: turns whose last sentence is a question; ``noted_turns``: turns
    whose label holds a note in brackets that is no time or stage note), where a turn
    asks when its last sentence is a question or it makes a request ("Tell us
    about ...", "Talk me through ..."); ``fixed`` maps speakers to
    ``(role, source)`` already decided by the caller or the sidecar. Returns
    ``{speaker: (role, source)}`` where source says which rule decided:
    ``caller``, ``sidecar``, ``label``, ``questions`` or ``default``.

    With an interviewer known (a ``Q`` label, a sidecar), the other speakers
    are interviewees, except those who ask in most of their turns, two turns
    at least, or whose one turn is a question of at most three sentences under
    a label with a note such as an outlet (a second questioner: "Sidhant
    (WION): Sir, on the advisory, ...?"). Otherwise speakers who ask in at least half of their turns
    are interviewers and the others interviewees; when no one (or everyone)
    asks, all are ``speaker``.
    """
    roles: dict[str, tuple[str, str]] = dict(fixed)
    # "CHAIRPERSON:" chairs a meeting, unless another speaker moderates: then it is the title of the person
    # who answers (the Chairperson of the African Union Commission), and the questions rule decides
    moderated = any(sp.lower() in ROLE_LABELS and ROLE_LABELS[sp.lower()] == "moderator"
                    and sp.lower() not in _CHAIR_LABELS for sp in stats)
    for sp in stats:
        if sp not in roles and sp.lower() in ROLE_LABELS and not (moderated and sp.lower() in _CHAIR_LABELS):
            roles[sp] = (ROLE_LABELS[sp.lower()], "label")
    open_ = [sp for sp in stats if sp not in roles]
    if not open_:
        return roles
    share = {sp: stats[sp]["asking_turns"] / max(stats[sp]["turns"], 1) for sp in open_}
    assigned = {r for r, _ in roles.values()}
    if "interviewer" in assigned:
        for sp in open_:
            second_questioner = share[sp] > 0.5 and (stats[sp]["turns"] >= 2 or (
                stats[sp].get("question_turns", 0) == 1 and stats[sp].get("sentences", 4) <= 3
                and stats[sp].get("noted_turns", 0) == 1))
            roles[sp] = ("interviewer" if second_questioner else "interviewee", "questions")
        return roles
    askers = [sp for sp in open_ if share[sp] >= 0.5]
    if askers and len(askers) < len(open_):
        for sp in open_:
            roles[sp] = ("interviewer" if sp in askers else "interviewee", "questions")
    elif "interviewee" in assigned:
        for sp in open_:
            roles[sp] = ("interviewer", "questions")
    else:
        for sp in open_:
            roles[sp] = ("speaker", "default")
    return roles
