"""TextTiling and the NMF topic model: deterministic, download-free, covering every sentence."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.errors import ToolkitWarning
from toolkit.unsupervised import stopwords, texttiling, tile_of_sentences, topic_model
from toolkit.validation import pk

from conftest import INTERVIEW


@pytest.fixture(scope="module")
def interview():
    return toolkit.read_transcript(INTERVIEW)


def test_texttiling_tiles_are_runs_of_whole_turns(interview, monkeypatch):
    import nltk.corpus

    def refuse(*a, **k):
        raise AssertionError("NLTK's stopword corpus (a download) was used")

    class Refuse:
        words = staticmethod(refuse)

    monkeypatch.setattr(nltk.corpus, "stopwords", Refuse())
    tiles = texttiling(interview.sentences)
    assert len(tiles) >= 2
    assert tiles["first_turn_id"].iloc[0] == 1 and tiles["last_turn_id"].iloc[-1] == interview.turns["turn_id"].max()
    assert (tiles["first_turn_id"].iloc[1:].to_numpy() == tiles["last_turn_id"].iloc[:-1].to_numpy() + 1).all()
    assert tiles["n_words"].sum() == 1045  # every word of the interview is in one tile
    labels = tile_of_sentences(interview.sentences, tiles)
    assert (labels > 0).all() and labels.is_monotonic_increasing
    assert 0 <= pk(labels.tolist(), labels.tolist()) == 0


def test_texttiling_short_document_is_one_tile_with_a_warning():
    t = toolkit.read_transcript("Q: Why?\n\nA: Because trade matters.\n")
    with pytest.warns(ToolkitWarning, match="too short for TextTiling"):
        tiles = texttiling(t.sentences)
    assert len(tiles) == 1 and tiles["first_sentence_id"].iloc[0] == 1 and tiles["last_sentence_id"].iloc[0] == 2


def test_topic_model_is_seeded_and_finds_the_interview_themes(interview):
    a = topic_model(interview.sentences, n_topics=4, by="paragraph_id", random_state=0)
    b = topic_model(interview.sentences, n_topics=4, by="paragraph_id", random_state=0)
    assert a.terms.equals(b.terms) and a.units.equals(b.units)
    tops = a.terms[a.terms["rank"] <= 5].groupby("nmf_topic")["term"].apply(set)
    assert any("terrorism" in s for s in tops) and any("trade" in s for s in tops)
    assert not set(a.terms["term"]) & stopwords()
    assert set(a.units["nmf_topic"]) <= set(range(4))
    assert len(a.units) == interview.sentences.query("role not in ['narrator', 'caption']")["paragraph_id"].nunique()


def test_topic_model_checks_its_options(interview):
    with pytest.raises(ValueError, match="The `by` parameter of topic_model\\(\\) must be one of"):
        topic_model(interview.sentences, by="speaker")
    with pytest.raises(ValueError, match="cannot hold 40 topics"):
        topic_model(interview.sentences, n_topics=40, by="turn_id")
