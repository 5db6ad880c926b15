"""The documented columns of every table the toolkit returns or writes.

This is the single source of the README's data dictionary: a test checks that
the README shows exactly :func:`data_dictionary_markdown`, and
:func:`conform` makes every public table have exactly its documented columns
in the documented order. An analysis that adds columns adds them here.
"""

from __future__ import annotations

from dataclasses import dataclass

from functools import lru_cache

import pandas as pd

from .errors import ToolkitValueError


@dataclass(frozen=True)
class Column:
    name: str
    dtype: str        # "int", "str", "float" or "bool"
    description: str
    added_by: str = ""  # the analysis that adds the column ("" : always present)


_ROLE_TEXT = ("`interviewer`, `interviewee`, `moderator`, `speaker` (a labelled speaker in a "
              "talk with no questions), `narrator` (unlabelled text: titles, lead paragraphs, "
              "stage notes, times) or `caption` (photo captions and credits)")

TABLES: dict[str, list[Column]] = {
    "sentences": [
        Column("doc_id", "str", "Document identifier (the file name without extension by default)."),
        Column("sentence_id", "int", "Sentence number within the document, from 1, in reading order."),
        Column("turn_id", "int", "The turn the sentence belongs to (see `turns`)."),
        Column("paragraph_id", "int", "Paragraph number within the document, from 1 (a blank-line-separated "
                                      "block, or a new speaker label at the start of a line)."),
        Column("speaker", "str", "Who says it: the speaker label's name as written, Markdown removed "
                                 "(`Alimov`, `MS. PSAKI`, `Q`); empty for narrator and caption text."),
        Column("role", "str", f"Role of the sentence: {_ROLE_TEXT}. A stage note inside a turn is "
                              "`narrator` with no speaker."),
        Column("start", "int", "Offset of the first character in the document text (Python string index "
                               "into the decoded text: UTF-8, byte order mark removed, newlines as `\\n`)."),
        Column("end", "int", "Offset after the last character: `text == document_text[start:end]` (but in "
                             "caption files and text extracted from pages: see `text`)."),
        Column("text", "str", "The sentence exactly as written (hard line breaks kept). In a caption file "
                              "(WebVTT, SubRip) a sentence that runs over several cues is their texts joined "
                              "by line breaks, without the cue numbers and timings between them. In text "
                              "extracted from a PDF's pages (form feeds, or page-number footers such as `Page 3 "
                              "of 9`), a sentence that runs over a page break leaves out the footer and running "
                              "header between its halves, and a word hyphenated at a line end is joined "
                              "(`Govern-` / `ment`: `Government`; `Inspector-` / `General` keeps its hyphen)."),
        Column("topic", "str", "Primary topic, where the codebook is the shipped one (`--topic-model`): the "
                               "codebook's `topic_dictionary` if the sentence's own words give it and the topic "
                               "model (`toolkit/topic_model.py`, trained on the project's human coding) gives "
                               "its paragraph a topic, else the model's topic of its paragraph; with another "
                               "codebook, `topic_dictionary`. Empty when none applies.", "topics"),
        Column("topic_dictionary", "str", "The codebook's primary topic (the topic with the highest score, or "
                                          "taken from context: see `topic_source`); empty when none applies.",
               "topics"),
        Column("topics", "str", "All topics of the codebook that apply, `|`-joined in codebook order.", "topics"),
        Column("topic_terms", "str", "The matched words behind the codes: `topic: word, word; topic: word`.",
               "topics"),
        Column("topic_source", "str", "`model` (`topic` is the topic model's topic of the paragraph), "
                                      "otherwise where the codebook's code comes from: `terms` (the sentence's "
                                      "own words), "
                                      "`context` (taken from the sentence before, the question, or the "
                                      "surrounding passage) or empty.",
               "topics"),
        Column("polarity", "float", "TextBlob polarity, -1 (negative) to 1 (positive): its default "
                                    "PatternAnalyzer and bundled lexicon.", "sentiment"),
        Column("subjectivity", "float", "TextBlob subjectivity, 0 (objective) to 1 (subjective).", "sentiment"),
        Column("vader_neg", "float", "VADER's share of negative sentiment (vaderSentiment package).", "sentiment"),
        Column("vader_neu", "float", "VADER's share of neutral sentiment.", "sentiment"),
        Column("vader_pos", "float", "VADER's share of positive sentiment.", "sentiment"),
        Column("vader_compound", "float", "VADER's compound score, -1 to 1 (its own labels: >= 0.05 positive, "
                                          "<= -0.05 negative).", "sentiment"),
        Column("sentiment", "str", "The toolkit's label, `positive`, `negative` or `neutral`: the tone model's "
                                   "(`toolkit/tone_model.py`, trained on the project's human coding), or with "
                                   "`--tone-model none` or your own tone lexicon `sentiment_lexicon`.",
               "sentiment"),
        Column("sentiment_p", "float", "The tone model's probability of its label, 1/3 to 1 (empty when the "
                                       "lexicon's rule gives the label).", "sentiment"),
        Column("sentiment_lexicon", "str", "The tone lexicon's label (`toolkit/sentiment.py`): `positive`, "
                                           "`negative` or `neutral`, neutral without its evidence.",
               "sentiment"),
        Column("sentiment_terms", "str", "The tone words behind the lexicon's label (also evidence for the "
                                         "model): `positive 2: fruitful; negative 1: not successful`.",
               "sentiment"),
        Column("sentiment_source", "str", "Which of the lexicon's rules gave `sentiment_lexicon`: `lexicon`, "
                                          "`question`, `procedure` or `default` (no evidence).",
               "sentiment"),
        Column("frame", "str", "Primary Policy Frames dimension (slug: economic, capacity, morality, fairness, "
                               "legality, policy, crime, security, health, quality_of_life, cultural, "
                               "public_opinion, political, external), or empty: the frame model's "
                               "(`toolkit/frame_model.py`, trained on the project's human coding) where the "
                               "dictionary frames the sentence, or with `--frame-model none` or your own frame "
                               "dictionary `frame_dictionary`.", "frames"),
        Column("frame_dictionary", "str", "The frame dictionary's primary frame (the frame with the most words, "
                                          "or taken from context), or empty.", "frames"),
        Column("frames", "str", "All frames whose words reach the dictionary's `min_score` (or the frame taken "
                                "from context), `|`-joined.",
               "frames"),
        Column("frame_terms", "str", "The words and scores behind the frames: `security 4: terrorist, attacks`; "
                                     "`(security from context)` when the frame came from the sentence's exchange.",
               "frames"),
        *[Column(f"dev_{name}", "int", text, "devices") for name, text in (
            ("we", "In-group pronouns: we, us, our, ours, ourselves."),
            ("they", "Out-group pronouns: they, them, their, theirs, themselves."),
            ("i", "Self-mention: I, me, my, mine, myself."),
            ("obligation", "Modality of obligation: must, should, have to, need to, ought to, shall."),
            ("possibility", "Modality of possibility: may, might, could, can."),
            ("prediction", "Modality of prediction: will, won't, 'll, going to."),
            ("negation", "Negation and denial: not, n't, never, no, none, nobody, no one, nothing, neither, nor, "
                         "without."),
            ("hedge", "Hedges (Hyland 2005): perhaps, probably, seem, suggest, about, I think, ..."),
            ("booster", "Boosters (Hyland 2005): clearly, certainly, of course, always, never, indeed, ..."),
            ("attitude", "Attitude markers (Hyland 2005): important, unfortunately, hopefully, essential, ..."),
            ("numbers", "Numbers and percentages used as evidence (44%, 950, $34 billion)."))],
        Column("numbers_found", "str", "The numbers of `dev_numbers`, `|`-joined as written.", "devices"),
    ],
    "turns": [
        Column("doc_id", "str", "Document identifier."),
        Column("turn_id", "int", "Turn number within the document, from 1: one speaker's uninterrupted talk, "
                                 "or a block of narrator or caption text before the first label."),
        Column("speaker", "str", "The speaker (as in `sentences`); empty for narrator and caption turns."),
        Column("role", "str", f"Role of the speaker in this turn: {_ROLE_TEXT}. The speaker's role in the "
                              "document (`speakers`), but where a turn gives the speaker another one: the Security "
                              "Council's President speaking for the President's own country is an `interviewee`, "
                              "a European Parliament member's blue-card question an `interviewer`."),
        Column("label", "str", "The label exactly as written, colon included (`Massource:`, `MS. PSAKI:`, "
                               "`Q`); empty for unlabelled turns. It starts at `start`."),
        Column("start", "int", "Offset of the label (or of the first sentence when there is no label)."),
        Column("end", "int", "Offset after the turn's last sentence."),
        Column("n_sentences", "int", "Sentences the speaker says in the turn (stage notes and captions "
                                     "inside the turn are not counted)."),
        Column("n_words", "int", "Words the speaker says in the turn (letters or digits, with inner "
                                 "apostrophes, hyphens or periods; `toolkit.text.WORD_RE`)."),
        Column("topic", "str", "The primary topic of most of the speaker's sentences in the turn; empty if "
                               "none.", "topics"),
        Column("topics", "str", "Every primary topic of the turn's sentences, `|`-joined in order of first "
                                "appearance.", "topics"),
    ],
    "speakers": [
        Column("doc_id", "str", "Document identifier."),
        Column("speaker", "str", "The speaker as in `sentences` and `turns`."),
        Column("name", "str", "Full name from the sidecar or `speakers=` (`Rashid Alimov`); else the speaker."),
        Column("role", "str", "Role: `interviewer`, `interviewee`, `moderator` or `speaker`."),
        Column("role_source", "str", "Which rule decided the role: `caller` (the `speakers=` argument), "
                                     "`sidecar` (metadata sidecar or front matter), `label` (a role label "
                                     "such as `Q` or `Moderator`), `questions` (who asks questions) or "
                                     "`default` (no one asks: `speaker`)."),
        Column("affiliation", "str", "Affiliation from the sidecar or `speakers=`; empty if not given."),
        Column("n_turns", "int", "Number of turns."),
        Column("n_sentences", "int", "Sentences spoken."),
        Column("n_words", "int", "Words spoken."),
    ],
    "documents": [
        Column("doc_id", "str", "Document identifier (unique in one run)."),
        Column("path", "str", "The file as given (relative paths stay relative); empty for text input."),
        Column("sha256", "str", "SHA-256 of the file's bytes, to check that an input has not changed."),
        Column("n_bytes", "int", "Size of the file in bytes."),
        Column("encoding", "str", "How the bytes were decoded (`utf-8`, `utf-8-sig`, `utf-16`, or the "
                                  "encoding the user named)."),
        Column("n_chars", "int", "Length of the decoded text in characters."),
        Column("front_matter_end", "int", "`text[:front_matter_end]` is YAML front matter (0 if none)."),
        Column("n_speakers", "int", "Labelled speakers."),
        Column("n_turns", "int", "Turns, narrator and caption turns included."),
        Column("n_sentences", "int", "Sentences of every role."),
        Column("n_words", "int", "Words in all sentences."),
        Column("title", "str", "`title` from the front matter or sidecar; empty if not given."),
        Column("date", "str", "`date` from the front matter or sidecar; empty if not given."),
        Column("metadata", "str", "All document metadata (front matter, then sidecar) as JSON with "
                                  "sorted keys."),
    ],
}

TABLES["segments"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("segment_id", "int", "Segment number within the document, from 1."),
    Column("topic", "str", "The primary topic shared by the segment's sentences; empty for a passage on none "
                           "of the topics."),
    Column("first_sentence_id", "int", "First sentence of the segment."),
    Column("last_sentence_id", "int", "Last sentence of the segment."),
    Column("start", "int", "Offset of the segment's first character in the document text."),
    Column("end", "int", "Offset after its last character."),
    Column("speakers", "str", "Speakers in the segment, `|`-joined in order of first appearance."),
    Column("n_sentences", "int", "Sentences in the segment (narrator and caption sentences included)."),
    Column("n_words", "int", "Words in the segment."),
]
TABLES["topics_by_speaker"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("speaker", "str", "Speaker (narrator and caption text is left out)."),
    Column("role", "str", "The speaker's role."),
    Column("topic", "str", "Primary topic; empty for the sentences on none of the topics."),
    Column("n_sentences", "int", "The speaker's sentences with this primary topic."),
    Column("n_words", "int", "Their words."),
    Column("share", "float", "Share of the speaker's words in the document (the shares of a speaker add "
                             "up to 1)."),
]

def _sentiment_by(key: Column) -> list[Column]:
    return [key,
            Column("n", "int", "Sentences in the group (narrator and caption text left out)."),
            Column("polarity_mean", "float", "Mean TextBlob polarity."),
            Column("polarity_sd", "float", "Its sample standard deviation (empty for one sentence)."),
            Column("polarity_ci_low", "float", "Lower end of the 95% percentile bootstrap interval of the mean "
                                               "(1,000 resamples; seed 0 with the group's key, so a group's "
                                               "interval does not depend on the other groups)."),
            Column("polarity_ci_high", "float", "Upper end of that interval."),
            Column("compound_mean", "float", "Mean VADER compound score."),
            Column("compound_sd", "float", "Its sample standard deviation."),
            Column("compound_ci_low", "float", "Lower end of the 95% bootstrap interval of the mean (the same "
                                               "resamples as polarity's)."),
            Column("compound_ci_high", "float", "Upper end of that interval."),
            Column("share_positive", "float", "Share of the group's sentences labelled `positive` (`sentiment`)."),
            Column("share_negative", "float", "Share labelled `negative`."),
            Column("share_neutral", "float", "Share labelled `neutral`.")]


TABLES["sentiment_by_speaker"] = _sentiment_by(Column("speaker", "str", "Speaker (with `doc_id` in a corpus "
                                                                        "run: one row per document and speaker)."))
TABLES["sentiment_by_speaker"].insert(0, Column("doc_id", "str", "Document identifier."))
TABLES["sentiment_by_topic"] = _sentiment_by(Column("topic", "str", "Primary topic (empty: none of the "
                                                                    "topics); over all documents."))

def _frames_by(key: Column) -> list[Column]:
    return [key,
            Column("frame", "str", "Primary frame."),
            Column("n", "int", "Sentences of the group with this primary frame."),
            Column("share", "float", "Share of the group's framed sentences."),
            Column("expected", "float", "Count expected if frames and groups were independent."),
            Column("residual", "float", "Adjusted standardised residual (O - E) / sqrt(E (1 - r/N) (1 - c/N)); "
                                        "above 1.96: used more than independence predicts (descriptive only "
                                        "where `expected` is under 5).")]


TABLES["frames_by_topic"] = _frames_by(Column("topic", "str", "Primary topic (empty: none of the topics); "
                                                            "spoken sentences only, over all documents."))
TABLES["frames_by_speaker"] = [Column("doc_id", "str", "Document identifier."),
                                *_frames_by(Column("speaker", "str", "Speaker in the document."))]

TABLES["devices_by_speaker"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("speaker", "str", "Speaker (narrator and caption text left out)."),
    Column("n_words", "int", "The speaker's words in the document."),
    *[Column(f"{d}_per_1000", "float", f"`dev_{d}` per 1,000 of the speaker's words.")
      for d in ("we", "they", "i", "obligation", "possibility", "prediction", "negation", "hedge", "booster",
                "attitude", "numbers")],
]

TABLES["keywords_by_speaker"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("speaker", "str", "Speaker (narrator and caption text left out)."),
    Column("term", "str", "The term: a word lower-cased, stopwords and numbers left out (`toolkit/keywords.py`)."),
    Column("count", "int", "Times the speaker uses it in the document."),
    Column("rate_per_1000", "float", "Count per 1,000 of the speaker's words."),
    Column("tfidf", "float", "TF-IDF weight, each speaker in each document one unit (scikit-learn defaults: "
                             "smoothed idf, unit-length rows)."),
    Column("rank", "int", "Rank by `tfidf` within the speaker (1 = highest; ties share a rank); the top 20 kept."),
]


def _keyness(keys: list[Column]) -> list[Column]:
    return [*keys,
            Column("reference", "str", "What the target is compared with: `rest` (every other group) or the "
                                       "reference group(s)."),
            Column("term", "str", "The term (lower-cased word, stopwords and numbers left out). Rows: the 50 most "
                                  "positive and the 50 most negative terms by `g2` for each target."),
            Column("count_target", "int", "a: uses in the target group."),
            Column("count_reference", "int", "b: uses in the reference."),
            Column("size_target", "int", "c: words in the target group (stopwords and numbers included)."),
            Column("size_reference", "int", "d: words in the reference."),
            Column("rate_target", "float", "a per 1,000 words of the target."),
            Column("rate_reference", "float", "b per 1,000 words of the reference."),
            Column("g2", "float", "Log-likelihood G2 (Rayson & Garside 2000), signed: negative when the term is "
                                  "relatively more frequent in the reference. 3.84 is p < 0.05 for one test."),
            Column("p_value", "float", "p-value of G2 (chi-squared, 1 d.f.), for this term alone."),
            Column("p_adjusted", "float", "p-value after Holm's correction over the target's terms: filter on this."),
            Column("log_ratio", "float", "Log Ratio (Hardie 2014), log2 of the ratio of the two rates: the effect "
                                         "size (+1: twice as frequent); 0.5 put in for a zero count.")]


TABLES["keyness_by_speaker"] = _keyness([
    Column("doc_id", "str", "Document identifier: each speaker is compared with the other speakers of the same "
                            "document."),
    Column("speaker", "str", "The target speaker.")])
TABLES["keyness_by_topic"] = _keyness([
    Column("topic", "str", "The target topic (primary topic of the sentences; empty: none of the topics), "
                           "compared with the sentences of all other topics in all documents.")])

TABLES["collocations"] = [
    Column("term", "str", "The word pair, `word1 word2`, adjacent within a sentence (lower-cased; pairs with a "
                          "stopword left out)."),
    Column("word1", "str", "First word."),
    Column("word2", "str", "Second word."),
    Column("count", "int", "Times the pair occurs in all spoken text (pairs seen at least twice)."),
    Column("likelihood_ratio", "float", "Dunning's log-likelihood ratio (NLTK `BigramAssocMeasures`)."),
    Column("pmi", "float", "Pointwise mutual information in bits: high for rare, exclusive pairs."),
    Column("t_score", "float", "Student's t score: high for frequent, reliable pairs."),
    Column("rank", "int", "Rank by `likelihood_ratio` (1 = strongest); the top 200 kept."),
]

TABLES["claims"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("sentence_id", "int", "The sentence that states the number (see `sentences`)."),
    Column("speaker", "str", "Who says it (narrator and caption text left out)."),
    Column("role", "str", "The speaker's role in the document."),
    Column("topic", "str", "The sentence's primary topic; empty if none."),
    Column("qualifier", "str", "Approximation or bound said with the number, lower case as written (`some`, "
                               "`more than`, `about`, `nearly`, `over`, `at least`, `up to`, `or more`, `plus`); "
                               "empty if none."),
    Column("number", "str", "The number as written, with its currency sign, scale and percent or currency word "
                            "(`44%`, `200 million`, `$34 billion`, `one-quarter`, `Seventeen`)."),
    Column("value", "float", "Its value as stated: 44 for 44%, 200000000 for 200 million, 0.25 for one-quarter, "
                             "0.2 for one in five; empty for vague amounts (`thousands of`)."),
    Column("unit", "str", "`percent`, `percentage point`, `currency:<ISO 4217 code>` (`$` and dollars: "
                          "`currency:USD`) or empty."),
    Column("noun", "str", "What the number counts or qualifies, as written (`world’s population`, `terrorist "
                          "attacks`, `years`), by a heuristic (`toolkit/entities.py`); empty if none found."),
    Column("kind", "str", "`count`, `percent`, `fraction`, `money` or `duration` (evidence); `year`, `date`, "
                          "`time` or `label` (Article 5, Title 42, an enumeration): not evidence, listed so they "
                          "can be filtered out. Ordinals are not listed."),
    Column("start", "int", "Offset of the number's first character in the document text."),
    Column("end", "int", "Offset after its last character: `number == document_text[start:end]`."),
    Column("sentence", "str", "The sentence, as written."),
]

TABLES["actors"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("sentence_id", "int", "The sentence that names the actor (see `sentences`)."),
    Column("speaker", "str", "Who names it (narrator and caption text left out)."),
    Column("role", "str", "The speaker's role in the document."),
    Column("topic", "str", "The sentence's primary topic; empty if none."),
    Column("actor", "str", "Canonical name (`China`, `Shanghai Cooperation Organisation`, `Xi Jinping`); a titled "
                           "person the gazetteer does not list keeps the mention (`Prime Minister Modi`)."),
    Column("kind", "str", "`country` (ISO 3166-1 states from pycountry), `organisation` or `person` "
                          "(`toolkit/data/actors.yaml`; titled names)."),
    Column("mention", "str", "The words as written (`SCO`, `Republic of Tajikistan`, `President Xi`)."),
    Column("start", "int", "Offset of the mention's first character in the document text."),
    Column("end", "int", "Offset after its last character: `mention == document_text[start:end]`."),
    Column("sentiment", "str", "The sentence's tone label (`positive`, `negative`, `neutral`)."),
    Column("polarity", "float", "The sentence's TextBlob polarity."),
    Column("vader_compound", "float", "The sentence's VADER compound score."),
]

TABLES["actors_by_speaker"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("speaker", "str", "Speaker in the document (narrator and caption text left out)."),
    Column("actor", "str", "Canonical name of the actor (as in `actors`)."),
    Column("kind", "str", "`country`, `organisation` or `person`."),
    Column("n_mentions", "int", "Times the speaker names the actor (every written form counts)."),
    Column("n_sentences", "int", "The speaker's sentences that name the actor."),
    Column("polarity_mean", "float", "Mean TextBlob polarity of those sentences (each sentence once): how the "
                                     "speaker talks when naming the actor."),
    Column("compound_mean", "float", "Mean VADER compound score of those sentences."),
    Column("share_positive", "float", "Share of those sentences labelled `positive`."),
    Column("share_negative", "float", "Share labelled `negative`."),
]

TABLES["qa_pairs"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("pair_id", "int", "Pair number within the document, from 1: one per interviewer turn."),
    Column("question_turn_id", "int", "The interviewer's turn."),
    Column("questioner", "str", "The interviewer."),
    Column("question", "str", "The text of the interviewer's turn (stage notes left out)."),
    Column("is_question", "bool", "A sentence of the turn ends with a question mark (False: a request or "
                                  "statement)."),
    Column("question_topic", "str", "Primary topic of the question turn (empty: none)."),
    Column("question_topics", "str", "Every primary topic of its sentences, `|`-joined."),
    Column("answer_turn_ids", "str", "The answer's turns, `|`-joined: the other speakers' turns up to the next "
                                     "interviewer turn; empty when none follows."),
    Column("answerer", "str", "Who answers, `|`-joined."),
    Column("answer_topic", "str", "Primary topic of the answer (most of its topic-coded sentences)."),
    Column("answer_topics", "str", "Every primary topic of the answer's sentences, `|`-joined in order."),
    Column("question_words", "int", "Words in the question turn."),
    Column("answer_words", "int", "Words in the answer."),
    Column("similarity", "float", "Cosine similarity of the question's and answer's content words (stemmed, "
                                  "stopwords left out), 0 to 1; empty with no answer. A heuristic signal of "
                                  "responsiveness, not a verdict (`toolkit/interview.py`)."),
    Column("shared_terms", "str", "The question's content words that the answer also uses."),
    Column("takes_up_topic", "str", "`yes` (a sentence of the answer has a topic of the question from its own "
                                    "words; topics taken from context do not count), `no`, or empty (the "
                                    "question has no topic, or there is no answer)."),
    Column("question_start", "int", "Offset of the question's first sentence."),
    Column("question_end", "int", "Offset after its last sentence."),
    Column("answer_start", "int", "Offset of the answer's first sentence (the question's end if none)."),
    Column("answer_end", "int", "Offset after the answer's last sentence."),
]

TABLES["turn_taking"] = [
    Column("doc_id", "str", "Document identifier."),
    Column("speaker", "str", "Speaker (narrator and caption turns left out)."),
    Column("role", "str", "The speaker's role."),
    Column("n_turns", "int", "Turns taken."),
    Column("n_sentences", "int", "Sentences spoken."),
    Column("n_words", "int", "Words spoken."),
    Column("share_of_talk", "float", "Share of the document's spoken words."),
    Column("mean_turn_words", "float", "Mean words per turn."),
    Column("longest_turn_words", "int", "Words in the longest turn."),
    Column("longest_turn_id", "int", "The longest turn (the first, if tied)."),
]

_DTYPES = {"int": "int64", "float": "float64", "str": "str", "bool": "bool"}


def columns(table: str) -> list[str]:
    """The documented column names of ``table``, in order."""
    if table not in TABLES:
        raise ToolkitValueError(f"Unknown table {table!r}; tables are {sorted(TABLES)}.")
    return [c.name for c in TABLES[table]]


def conform(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Return ``df`` with exactly the documented columns of ``table``, in order and with their dtypes.

    Columns added by an analysis (``Column.added_by``) come as a group: all of
    them or none (a table read but not yet analysed).

    Raises :class:`ToolkitValueError` naming missing or undocumented columns:
    the contract between code and data dictionary is checked every time.
    """
    documented = columns(table)
    present_steps = {c.added_by for c in TABLES[table] if c.name in df.columns}
    expected = [c.name for c in TABLES[table] if c.added_by in present_steps | {""}]
    missing = [c for c in expected if c not in df.columns]
    extra = [c for c in df.columns if c not in documented]
    if missing or extra:
        raise ToolkitValueError(f"The {table} table does not match its documented columns "
                                f"(toolkit/schema.py): missing {missing}, undocumented {extra}.")
    out = df[expected].copy()
    for col in TABLES[table]:
        if col.name in out.columns and out[col.name].dtype != _resolved(col.dtype):  # astype to the same is a no-op
            out[col.name] = out[col.name].astype(_DTYPES[col.dtype])
    return out


@lru_cache(maxsize=None)
def _resolved(dtype: str):
    """The pandas dtype a documented dtype name stands for (``str``: the default string dtype, storage
    included, so a column stored otherwise is still converted)."""
    return pd.api.types.pandas_dtype(_DTYPES[dtype])


def conform_if_complete(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """:func:`conform` a table that has all the reader's columns; return a partial one as it is
    (analyses also run on a few columns a user picked). Columns a user added (document variables such
    as ``year`` or ``party``) are kept, after the documented ones."""
    base = {c.name for c in TABLES[table] if not c.added_by}
    if not base <= set(df.columns):
        return df
    documented = set(columns(table))
    extra = [c for c in df.columns if c not in documented]
    if not extra:
        return conform(table, df)
    out = conform(table, df.drop(columns=extra))
    for c in extra:
        out[c] = df[c].to_numpy()
    return out


def spoken(sentences: pd.DataFrame) -> pd.DataFrame:
    """The sentences someone says: aggregates of talk leave out narrator and caption text."""
    rows = spoken_rows(sentences)
    return sentences if rows is None else sentences[rows]


def spoken_rows(sentences: pd.DataFrame):
    """The rows of :func:`spoken` as a boolean mask (a numpy array), or None when every row is kept (no
    ``role`` column): for taking a few columns of the spoken sentences without copying the others."""
    if "role" in sentences.columns:
        return ~sentences["role"].isin(["narrator", "caption"]).to_numpy(dtype=bool)
    return None


def group_keys(by, func: str, df: pd.DataFrame | None = None, *, name: str = "by") -> list[str]:
    """The ``by`` argument of an aggregate as a list of column names, checked (against ``df`` if given)."""
    keys = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else None
    if not keys or not all(isinstance(k, str) for k in keys):
        raise ToolkitValueError(f"The `{name}` parameter of {func}() must be a column name or a list of column "
                                f"names; got {by!r}.")
    if isinstance(df, pd.DataFrame):
        missing = [k for k in keys if k not in df.columns]
        if missing:
            hint = _adding_hint(missing) or (
                " Document variables (a sidecar's `party`, `country`, ...) are in the documents table's "
                "`metadata`: merge them into the sentences on `doc_id` first.")
            raise ToolkitValueError(f"The `{name}` parameter of {func}() names {missing}, which the table does not "
                                    f"have; its columns are {list(df.columns)}.{hint}")
    return keys


#: The function that adds each analysis's columns to a sentence table (:attr:`Column.added_by`).
_ADDED_BY = {"topics": "toolkit.topics.code_topics(sentences)",
             "sentiment": "toolkit.sentiment.score_sentiment(sentences)",
             "frames": "toolkit.framing.code_frames(sentences)",
             "devices": "toolkit.devices.count_devices(sentences)"}


def _adding_hint(missing, table: str = "sentences") -> str:
    """The sentence naming what adds the ``missing`` columns (`` They come from an analysis: ...``) when an
    analysis adds them; else ""."""
    steps = list(dict.fromkeys(c.added_by for c in TABLES.get(table, []) if c.name in set(missing) and c.added_by))
    if not steps:
        return ""
    calls = " and ".join(f"`{_ADDED_BY[s]}`" for s in steps if s in _ADDED_BY)
    return (f" They come from an analysis: {calls} add{'s' if len(steps) == 1 else ''} them to a sentence table "
            f"(toolkit.analyze() adds every analysis's columns).")


def reading_order(sentences: pd.DataFrame):
    """The positions of the rows in reading order, or None when the rows are in it already: each document's
    sentences together (documents in the order they first appear) and by ``sentence_id`` (rows with the same id
    in table order). The analyses that read sentences in sequence (topic and frame context, segments, the
    sentiment arc) read them in this order, whatever order the rows are given in. Without a numeric
    ``sentence_id`` column (or with missing ids) the table's order is the reading order."""
    import numpy as np

    if "sentence_id" not in sentences.columns or len(sentences) < 2:
        return None
    ids = sentences["sentence_id"]
    if not pd.api.types.is_numeric_dtype(ids) or ids.isna().any():
        return None
    doc = (pd.factorize(sentences["doc_id"], use_na_sentinel=False)[0] if "doc_id" in sentences.columns
           else np.zeros(len(sentences), dtype=np.int64))
    order = np.lexsort((ids.to_numpy(), doc))
    return None if (order == np.arange(len(order))).all() else order


def in_reading_order(code, sentences: pd.DataFrame) -> pd.DataFrame:
    """``code(sentences)`` for a function that reads the sentences in sequence and returns them with columns
    added: given the rows in :func:`reading_order` when they are not in it, its rows then put back in the
    table's order (with their index)."""
    import numpy as np

    order = reading_order(sentences)
    if order is None:
        return code(sentences)
    return code(sentences.iloc[order]).iloc[np.argsort(order)]


def require_columns(df, needed, *, func: str, table: str = "sentences") -> None:
    """Check that a DataFrame passed to ``func`` is the expected kind of table."""
    source = " from read_transcript()" if table in ("sentences", "turns", "speakers") else ""
    if not isinstance(df, pd.DataFrame):
        from .errors import ToolkitTypeError
        raise ToolkitTypeError(f"{func}() expects the {table} table{source} (a pandas DataFrame); "
                               f"got {type(df).__name__}.")
    missing = set(needed) - set(df.columns)
    if missing:
        hint = _adding_hint(missing, table)
        analysed = {c.name for c in TABLES.get(table, []) if c.added_by}
        if hint and missing <= analysed:   # the right table, before the analysis that adds these columns
            raise ToolkitValueError(f"{func}() needs the columns {sorted(missing)}, which this table does not have."
                                    f"{hint}")
        raise ToolkitValueError(f"{func}() expects the {table} table{source}; missing columns: {sorted(missing)}."
                                f"{hint}")


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated from :data:`TABLES`."""
    out = []
    for table, cols in TABLES.items():
        out.append(f"#### `{table}.csv`\n")
        out.append("| column | type | meaning |")
        out.append("|---|---|---|")
        for c in cols:
            by = f" *(added by {c.added_by})*" if c.added_by else ""
            out.append(f"| `{c.name}` | {c.dtype} | {c.description}{by} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
