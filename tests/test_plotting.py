"""Plotting: what each plot draws (bars, cells, labels, colours, intervals), not pixels; the paper style;
reproducible files from save_figure."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import RAW, ROOT
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import to_hex

import toolkit
from toolkit import plotting as P
from toolkit.errors import ToolkitError, ToolkitTypeError, ToolkitValueError
from toolkit.sentiment import sentiment_arc, sentiment_by
from toolkit.validation import confusion_matrix

matplotlib.use("Agg")  # headless; the library itself never chooses a backend

TRADE, TERRORISM, TOURISM = (P.topic_colors()[t] for t in ("trade", "terrorism", "tourism"))


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


# --------------------------------------------------------------------------
# Tiny hand-made tables
# --------------------------------------------------------------------------

@pytest.fixture
def sentences():
    rows = [  # doc_id, sentence_id, turn_id, speaker, role, text (words), topic, sentiment, frame
        ("d1", 1, 1, "", "narrator", "Title of the talk.", "", "neutral", ""),                       # 4
        ("d1", 2, 2, "Q", "interviewer", "What about trade?", "trade", "neutral", "economic"),        # 3
        ("d1", 3, 3, "Ali", "interviewee", "Trade grew by ten percent this year.", "trade", "positive",
         "economic"),                                                                                  # 7
        ("d1", 4, 3, "Ali", "interviewee", "Terrorism is a threat.", "terrorism", "negative", "security"),  # 4
        ("d1", 5, 3, "Ali", "interviewee", "Thank you.", "", "positive", ""),                         # 2
        ("d2", 1, 1, "Q", "interviewer", "And tourism?", "tourism", "neutral", ""),                    # 2
        ("d2", 2, 2, "Bo", "interviewee", "Tourism is growing fast.", "tourism", "positive", "economic"),  # 4
    ]
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "turn_id", "speaker", "role", "text", "topic",
                                       "sentiment", "frame"])


@pytest.fixture
def topic_share():
    return pd.DataFrame({"doc_id": "d1", "speaker": ["Ali", "Ali", "Ali", "Q", "Q"],
                         "role": ["interviewee"] * 3 + ["interviewer"] * 2,
                         "topic": ["trade", "terrorism", "", "trade", ""],
                         "n_sentences": [1, 1, 1, 1, 1], "n_words": [7, 4, 2, 3, 3],
                         "share": [7 / 13, 4 / 13, 2 / 13, 0.5, 0.5]})


@pytest.fixture
def segments():
    return pd.DataFrame({"doc_id": "d1", "segment_id": [1, 2, 3, 4], "topic": ["", "trade", "terrorism", ""],
                         "first_sentence_id": [1, 2, 4, 5], "last_sentence_id": [1, 3, 4, 5],
                         "start": [0, 20, 80, 110], "end": [18, 78, 104, 120],
                         "speakers": ["", "Q|Ali", "Ali", "Ali"], "n_sentences": [1, 2, 1, 1],
                         "n_words": [4, 10, 4, 2]})


@pytest.fixture
def arc():
    return pd.DataFrame({"doc_id": "d1", "sentence_id": [2, 3, 4, 5, 6], "speaker": ["Q", "Ali", "Ali", "Q", "Q"],
                         "polarity_mean": [0.1, 0.2, -0.1, 0.0, 0.3], "polarity_low": [0.0, 0.1, -0.3, -0.2, 0.3],
                         "polarity_high": [0.2, 0.3, 0.1, 0.2, 0.3], "compound_mean": [0.5, 0.4, 0.3, 0.2, 0.1],
                         "compound_low": [0.4, 0.3, 0.2, 0.1, 0.0], "compound_high": [0.6, 0.5, 0.4, 0.3, 0.2],
                         "n": [3, 4, 5, 4, 3]})


@pytest.fixture
def by_topic():
    return pd.DataFrame({"topic": ["", "terrorism", "trade"], "n": [2, 5, 9],
                         "polarity_mean": [0.4, -0.2, 0.1], "polarity_sd": [0.1, 0.2, 0.3],
                         "polarity_ci_low": [0.3, -0.5, 0.12], "polarity_ci_high": [0.5, 0.05, 0.2],
                         "compound_mean": [0.1, 0.2, 0.3], "compound_sd": [0.1, 0.1, 0.1],
                         "compound_ci_low": [0.0, 0.1, 0.2], "compound_ci_high": [0.2, 0.3, 0.4],
                         "share_positive": [0.5, 0.2, 0.3], "share_negative": [0.0, 0.4, 0.1],
                         "share_neutral": [0.5, 0.4, 0.6]})


@pytest.fixture
def frames():
    rows = []
    for topic, vals in (("", (1.0, -1.0, float("nan"))), ("trade", (2.5, -2.5, 0.0))):
        for frame, r in zip(("economic", "security", "quality_of_life"), vals, strict=True):
            rows.append({"topic": topic, "frame": frame, "n": 1, "share": 0.25, "expected": 6.0, "residual": r})
    return pd.DataFrame(rows)


@pytest.fixture
def devices():
    df = pd.DataFrame({"doc_id": "d1", "speaker": ["Ali", "Q"], "n_words": [900, 50]})
    for i, d in enumerate(("we", "they", "hedge")):
        df[f"{d}_per_1000"] = [10.0 + i, 2.0 * i]
    return df


@pytest.fixture
def keyness():
    # group A: 4 significant positive, 3 significant negative, 2 not significant
    terms = ["a1", "a2", "a3", "a4", "r1", "r2", "r3", "ns1", "ns2"]
    lr = [3.0, 2.0, 1.0, 0.5, -2.5, -1.5, -0.5, 4.0, -4.0]
    p = [0.001, 0.01, 0.02, 0.04, 0.001, 0.01, 0.04, 0.2, 0.06]
    a = pd.DataFrame({"term": terms, "group": "A", "count_target": 5, "count_reference": 2,
                      "g2": [math.copysign(9.0, v) for v in lr], "log_ratio": lr, "p_value": p})
    b = a.assign(group="B", log_ratio=[-v for v in lr])
    return pd.concat([a, b], ignore_index=True)


@pytest.fixture
def dispersion():
    return pd.DataFrame({"doc_id": "d1", "term": ["trade", "terror", "trade", "trade", "terror"],
                         "sentence_id": [2, 4, 3, 9, 10], "token_index": [5, 20, 12, 150, 190],
                         "speaker": ["Q", "Ali", "Ali", "", "Ali"], "n_tokens_doc": 200})


def _cells(ax, height=None):
    """(x, width, y, height, colour, hatch) of every rectangle drawn by broken_barh."""
    out = []
    for coll in ax.collections:
        if type(coll) is not PolyCollection:
            continue
        color = to_hex(coll.get_facecolor()[0])
        for path in coll.get_paths():
            b = path.get_extents()
            if height is None or math.isclose(b.height, height):
                out.append((b.x0, b.width, b.y0, b.height, color, coll.get_hatch() or ""))
    return sorted(out)


def _legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _ticks(ax, axis="y"):
    return [t.get_text() for t in (ax.get_yticklabels() if axis == "y" else ax.get_xticklabels())]


# --------------------------------------------------------------------------
# Style, colours, figures
# --------------------------------------------------------------------------

def test_topic_colors_follow_the_order_given_and_none_is_grey():
    colors = P.topic_colors(["b", "a", "b"])
    assert colors == {"b": P.PALETTE[0], "a": P.PALETTE[1], "": P.NONE_COLOR}
    assert P.topic_colors(["", "x"])["x"] == P.PALETTE[0]
    assert P.topic_colors() == {"terrorism": P.PALETTE[0], "trade": P.PALETTE[1], "tourism": P.PALETTE[2],
                                "cooperation": P.PALETTE[3], "": P.NONE_COLOR}
    many = [f"t{i}" for i in range(12)]
    pairs = {(P.topic_colors(many)[t], P.topic_hatches(many)[t]) for t in many}
    assert len(pairs) == 12  # colours repeat after six, the hatch tells them apart
    with pytest.raises(ToolkitTypeError):
        P.topic_colors("trade")


def test_paper_style_is_applied_inside_and_restored_after():
    before = dict(matplotlib.rcParams)
    with P.paper_style():
        assert matplotlib.rcParams["font.size"] == 8
        assert matplotlib.rcParams["axes.spines.top"] is False
        assert matplotlib.rcParams["svg.hashsalt"] == "discourse-toolkit"
    with P.paper_style(**{"font.size": 9}):
        assert matplotlib.rcParams["font.size"] == 9
    assert dict(matplotlib.rcParams) == before


def test_plots_do_not_change_global_rcparams(topic_share, tmp_path):
    before = dict(matplotlib.rcParams)
    ax = P.plot_topic_share(topic_share)
    P.save_figure(ax.figure, "x", formats=("png",), dpi=50, folder=tmp_path)
    assert dict(matplotlib.rcParams) == before
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()


def test_figure_widths():
    assert P.figure("single").get_size_inches()[0] == P.SINGLE_COLUMN == 3.5
    assert tuple(P.figure("double", 2.0).get_size_inches()) == (P.DOUBLE_COLUMN, 2.0)
    assert P.figure(5).get_size_inches()[0] == 5
    with pytest.raises(ToolkitValueError, match=r"The `width` parameter of figure\(\) must be one of "
                                                r"\{'double', 'single'\}; got 'full'\."):
        P.figure("full")
    with pytest.raises(ToolkitValueError, match="height"):
        P.figure("single", -1)


def test_only_the_plotting_module_imports_matplotlib_and_it_sets_no_backend():
    pkg = ROOT / "toolkit"
    def imports_matplotlib(path):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "matplotlib" or n.startswith("matplotlib.") for n in names):
                return True
        return False

    importers = sorted(p.name for p in pkg.glob("*.py") if imports_matplotlib(p))
    assert importers == ["plotting.py"]
    tree = ast.parse((pkg / "plotting.py").read_text(encoding="utf-8"))
    called = {node.func.attr for node in ast.walk(tree)
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not called & {"use", "switch_backend", "show"}


# --------------------------------------------------------------------------
# save_figure
# --------------------------------------------------------------------------

def test_save_figure_writes_each_format_and_a_rerun_writes_identical_bytes(tmp_path, topic_share):
    first = P.save_figure(P.plot_topic_share(topic_share).figure, "share", folder=tmp_path / "a" / "b")
    assert [p.name for p in first] == ["share.pdf", "share.svg", "share.png"]
    assert all(p.is_file() and p.stat().st_size > 0 for p in first)
    assert first[0].read_bytes().startswith(b"%PDF") and first[2].read_bytes().startswith(b"\x89PNG")
    again = P.save_figure(P.plot_topic_share(topic_share), "share", folder=tmp_path / "c")  # an Axes works too
    for p, q in zip(first, again, strict=True):
        assert p.read_bytes() == q.read_bytes(), p.name
    ax = P.plot_topic_share(topic_share)   # the same figure saved twice, in another order of formats
    once = P.save_figure(ax, "one", folder=tmp_path / "d")
    twice = P.save_figure(ax, "two", folder=tmp_path / "d", formats=("png", "svg", "pdf"))
    assert [p.read_bytes() for p in once] == [p.read_bytes() for p in reversed(twice)]
    assert once[0].read_bytes() == first[0].read_bytes()
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and 'width="252pt"' in svg  # no date; exactly one column (3.5 in) wide
    assert b"CreationDate" not in first[0].read_bytes()


def test_save_figure_checks_its_options(tmp_path, topic_share):
    fig = P.plot_topic_share(topic_share).figure
    with pytest.raises(ToolkitValueError, match=r"The `formats` parameter of save_figure\(\) must be one of "
                                                r"\{'pdf', 'png', 'svg'\}; got 'jpg'\."):
        P.save_figure(fig, "x", formats=("pdf", "jpg"), folder=tmp_path)
    with pytest.raises(ToolkitValueError, match="without folders"):
        P.save_figure(fig, "sub/x", folder=tmp_path)
    with pytest.raises(ToolkitTypeError):
        P.save_figure("figure", "x", folder=tmp_path)
    assert P.save_figure(fig, "only", formats="png", dpi=72, folder=tmp_path) == [tmp_path / "only.png"]
    assert not list(tmp_path.glob("x.*"))


# --------------------------------------------------------------------------
# Each plot
# --------------------------------------------------------------------------

def test_xray_draws_a_cell_per_sentence_as_wide_as_its_words(sentences):
    ax = P.plot_transcript_xray(sentences)
    cells = _cells(ax, height=0.55)
    assert len(cells) == len(sentences)
    d1 = sorted(c for c in cells if c[2] < 0)  # row 0 is document d1
    assert [(c[0], c[1]) for c in d1] == [(0, 4), (4, 3), (7, 7), (14, 4), (18, 2)]
    assert [c[4] for c in d1] == [P.NONE_COLOR.lower(), TRADE.lower(), TRADE.lower(), TERRORISM.lower(),
                                  P.NONE_COLOR.lower()]
    assert _ticks(ax) == ["d1", "d2"]
    # turn boundaries: before sentence 2 and 3 of d1 (x = 4, 7), before sentence 2 of d2 (x = 2)
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    xs = sorted(float(seg[0][0]) for c in lines for seg in c.get_segments())
    assert xs == [2, 4, 7]
    legend = _legend(ax)
    assert legend[:4] == ["terrorism", "trade", "tourism", "none"]
    assert {"narrator", "interviewer", "interviewee"} <= set(legend)
    none_patch = ax.get_legend().get_patches()[legend.index("none")]
    assert to_hex(none_patch.get_facecolor()) == P.NONE_COLOR.lower()
    assert "Ali" in [t.get_text() for t in ax.texts]  # the speaker of the long turn is named


def test_xray_equal_width_and_other_colourings(sentences):
    ax = P.plot_transcript_xray(sentences, width="equal", color_by="sentiment")
    cells = _cells(ax, height=0.55)
    assert {c[1] for c in cells} == {1.0} and ax.get_xlim() == (0, 5)
    negative = [c for c in cells if c[4] == "#ee6677"]
    assert len(negative) == 1 and negative[0][5]  # negative is red and hatched
    ax = P.plot_transcript_xray(sentences, color_by="frame")
    assert _legend(ax)[:3] == ["economic", "security", "none"]
    with pytest.raises(ToolkitValueError, match=r"The `color_by` parameter of plot_transcript_xray\(\) must be "
                                                r"one of \{'frame', 'sentiment', 'topic'\}; got 'speaker'\."):
        P.plot_transcript_xray(sentences, color_by="speaker")


def test_topic_share_stacks_shares_in_topic_colour_order(topic_share):
    ax = P.plot_topic_share(topic_share)
    assert len(ax.patches) == 2 * 3  # two speakers x (terrorism, trade, none)
    assert _ticks(ax) == ["Ali (interviewee)", "Q (interviewer)"]
    assert _legend(ax) == ["terrorism", "trade", "none"]
    for container, topic in zip(ax.containers, ("terrorism", "trade", ""), strict=True):
        assert {to_hex(p.get_facecolor()) for p in container} == {P.topic_colors()[topic].lower()}
        widths = [p.get_width() for p in container]
        expected = [topic_share.loc[(topic_share["speaker"] == s) & (topic_share["topic"] == topic), "share"].sum()
                    for s in ("Ali", "Q")]
        assert widths == pytest.approx(expected)
    ends = [p.get_x() + p.get_width() for p in ax.containers[-1]]
    assert ends == pytest.approx([1.0, 1.0])


def test_topic_share_takes_the_callers_colours(topic_share):
    colors = P.topic_colors(["trade", "terrorism"])
    ax = P.plot_topic_share(topic_share, colors=colors)
    assert _legend(ax) == ["trade", "terrorism", "none"]
    assert to_hex(ax.containers[0][0].get_facecolor()) == colors["trade"].lower()
    other = topic_share.assign(topic=topic_share["topic"].replace({"trade": "zoo", "terrorism": "art"}))
    assert _legend(P.plot_topic_share(other)) == ["art", "zoo", "none"]  # another codebook: its own order
    assert to_hex(plt.gca().containers[0][0].get_facecolor()) == P.PALETTE[0].lower()
    with pytest.raises(ToolkitValueError, match=r"no colour for \['terrorism'\]"):
        P.plot_topic_share(topic_share, colors={"trade": "red"})


def test_segments_timeline(segments):
    ax = P.plot_segments(segments)
    assert _ticks(ax) == ["terrorism", "trade", "none"]
    cells = _cells(ax)
    assert len(cells) == 4
    spans = {(c[0], c[1], c[4]) for c in cells}
    assert spans == {(0.5, 1.0, P.NONE_COLOR.lower()), (1.5, 2.0, TRADE.lower()), (3.5, 1.0, TERRORISM.lower()),
                     (4.5, 1.0, P.NONE_COLOR.lower())}
    ax = P.plot_segments(segments, x="offset")
    assert (20.0, 58.0) in {(c[0], c[1]) for c in _cells(ax)}
    two = pd.concat([segments, segments.assign(doc_id="d2")])
    with pytest.raises(ToolkitValueError, match=r"plot_segments\(\) draws one document and the table has 2; "
                                                r"pass doc_id= one of \{'d1', 'd2'\}"):
        P.plot_segments(two)
    assert len(_cells(P.plot_segments(two, doc_id="d2"))) == 4


def test_sentiment_arc_line_band_and_speaker_changes(arc):
    ax = P.plot_sentiment_arc(arc)
    (line,) = [ln for ln in ax.get_lines() if ln.get_label().startswith("rolling mean")]
    assert list(line.get_xdata()) == [2, 3, 4, 5, 6]
    assert list(line.get_ydata()) == pytest.approx(arc["polarity_mean"])
    band = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(band) == 1
    ys = band[0].get_paths()[0].vertices[:, 1]
    assert ys.min() == pytest.approx(-0.3) and ys.max() == pytest.approx(0.3)
    changes = [ln.get_xdata()[0] for ln in ax.get_lines() if ln.get_linestyle() == ":"]
    assert changes == [2.5, 4.5]
    assert _legend(ax) == ["mean ± 1.96 SE", "rolling mean (5-sentence window)"]
    ax = P.plot_sentiment_arc(arc[["doc_id", "sentence_id", "speaker", "compound_mean"]], column="compound",
                              speakers=False)
    assert not ax.collections and len(ax.get_lines()) == 2  # zero line and the mean, no band without low/high
    assert list(ax.get_lines()[-1].get_ydata()) == pytest.approx(arc["compound_mean"])


def test_sentiment_by_intervals_equal_the_ci_columns(by_topic):
    ax = P.plot_sentiment_by(by_topic)
    (intervals,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    segs = intervals.get_segments()
    assert [(s[0][0], s[1][0]) for s in segs] == list(zip(by_topic["polarity_ci_low"], by_topic["polarity_ci_high"],
                                                          strict=True))
    lengths = by_topic["polarity_ci_high"] - by_topic["polarity_ci_low"]
    assert [s[1][0] - s[0][0] for s in segs] == pytest.approx(lengths)
    points = ax.collections[-1]
    assert list(points.get_offsets()[:, 0]) == pytest.approx(by_topic["polarity_mean"])
    assert [to_hex(c) for c in points.get_facecolors()] == [P.NONE_COLOR.lower(), TERRORISM.lower(), TRADE.lower()]
    assert _ticks(ax) == ["none (n=2)", "terrorism (n=5)", "trade (n=9)"]
    ax = P.plot_sentiment_by(by_topic, measure="compound")
    assert [s[0][0] for s in ax.collections[0].get_segments()] == list(by_topic["compound_ci_low"])


def test_sentiment_by_checks_by_and_measure(by_topic):
    with pytest.raises(ToolkitValueError, match=r"The `by` parameter of plot_sentiment_by\(\) must be one of "
                                                r"\{'topic'\}; got 'Speaker'\."):
        P.plot_sentiment_by(by_topic, by="Speaker")
    with pytest.raises(ToolkitValueError, match=r"The `measure` parameter of plot_sentiment_by\(\) must be one of "
                                                r"\{'compound', 'polarity'\}; got 'vader'\."):
        P.plot_sentiment_by(by_topic, measure="vader")
    table = pd.concat([by_topic.assign(doc_id="d1"), by_topic.assign(doc_id="d2")])
    table = table[["doc_id", *by_topic.columns]]
    with pytest.raises(ToolkitValueError, match="several rows have the same"):
        P.plot_sentiment_by(table, by="topic")
    assert _ticks(P.plot_sentiment_by(table))[0] == "d1: none (n=2)"


def test_frames_heatmap_shows_the_table_values(frames):
    ax = P.plot_frames_heatmap(frames)
    image = ax.images[0]
    expected = np.array([[1.0, -1.0, np.nan], [2.5, -2.5, 0.0]])
    np.testing.assert_array_equal(image.get_array().filled(np.nan), expected)
    assert image.get_array().mask[0, 2]
    assert image.norm.vmin == -image.norm.vmax and image.norm.vmax >= 2.5  # diverging, centred at 0
    assert _ticks(ax) == ["none", "trade"]
    assert _ticks(ax, "x") == ["economic", "security", "quality of life"]
    texts = {t.get_text(): t for t in ax.texts}
    assert set(texts) == {"1.0", "-1.0", "2.5", "-2.5", "0.0"}  # NaN cell left blank
    assert texts["2.5"].get_fontweight() == "bold" and texts["1.0"].get_fontweight() == "normal"
    # an expected count under 5: the residual is shown in italic and never bold, with a note
    small = frames.assign(expected=[6.0, 6.0, 6.0, 2.0, 6.0, 6.0])
    ax = P.plot_frames_heatmap(small)
    texts = {t.get_text(): t for t in ax.texts}
    assert texts["2.5"].get_fontweight() == "normal" and texts["2.5"].get_fontstyle() == "italic"
    assert texts["-2.5"].get_fontweight() == "bold" and texts["-2.5"].get_fontstyle() == "normal"
    assert any("expected count under 5" in t for t in texts)
    ax = P.plot_frames_heatmap(frames)
    assert len(ax.figure.axes) == 2  # the colour bar
    ax = P.plot_frames_heatmap(frames, value="share")
    assert (ax.images[0].norm.vmin, ax.images[0].norm.vmax) == (0, 1)
    np.testing.assert_array_equal(ax.images[0].get_array(), np.full((2, 3), 0.25))


def test_devices_grouped_bars(devices):
    ax = P.plot_devices(devices)
    assert len(ax.patches) == 3 * 2
    assert _ticks(ax, "x") == ["we", "they", "hedge"]
    assert _legend(ax) == ["Ali (900 words)", "Q (50 words)"]
    assert [p.get_height() for p in ax.containers[0]] == [10.0, 11.0, 12.0]
    assert [p.get_height() for p in ax.containers[1]] == [0.0, 2.0, 4.0]
    assert to_hex(ax.containers[0][0].get_facecolor()) != to_hex(ax.containers[1][0].get_facecolor())
    assert ax.containers[1][0].get_hatch()  # the second series is hatched too
    ax = P.plot_devices(devices, devices=["hedge"])
    assert len(ax.patches) == 2 and _ticks(ax, "x") == ["hedge"]
    with pytest.raises(ToolkitValueError, match=r"The `devices` parameter of plot_devices\(\) must be one of "
                                                r"\{'hedge', 'they', 'we'\}; got 'booster'\."):
        P.plot_devices(devices, devices=["we", "booster"])


def test_confusion_matrix_cells_and_labels():
    gold = ["trade", "trade", "", "terrorism"]
    pred = ["trade", "", "", "trade"]
    cm = confusion_matrix(gold, pred)
    ax = P.plot_confusion_matrix(cm)
    np.testing.assert_array_equal(ax.images[0].get_array(), cm.to_numpy())
    assert ax.get_ylabel() == "human" and ax.get_xlabel() == "toolkit"
    assert _ticks(ax) == _ticks(ax, "x") == ["terrorism", "trade", "none"]
    assert sorted(t.get_text() for t in ax.texts) == sorted(str(v) for v in cm.to_numpy().ravel())
    ax = P.plot_confusion_matrix(cm, normalize=True, labels=("coder A", "coder B"))
    np.testing.assert_allclose(ax.images[0].get_array().sum(axis=1), [1, 1, 1])
    assert ax.get_ylabel() == "coder A"
    with pytest.raises(ToolkitTypeError, match="confusion_matrix"):
        P.plot_confusion_matrix(np.eye(2))


def test_keyness_both_directions(keyness):
    ax = P.plot_keyness(keyness, group="A", n=2)
    assert _ticks(ax) == ["a1*", "a2*", "r2*", "r1*"]  # largest on top, most negative at the bottom; * p < 0.05
    widths = [p.get_width() for p in ax.patches]
    assert widths == [3.0, 2.0, -1.5, -2.5]
    colours = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert colours == [P.PALETTE[0].lower()] * 2 + [P.PALETTE[1].lower()] * 2
    assert _legend(ax) == ["more frequent in A", "more frequent in the reference"]
    ax = P.plot_keyness(keyness, group="A")  # n=10: every significant term, none of ns1, ns2
    assert _ticks(ax) == ["a1*", "a2*", "a3*", "a4*", "r3*", "r2*", "r1*"]
    ax = P.plot_keyness(keyness, group="A", alpha=0.015)
    assert _ticks(ax) == ["a1*", "a2*", "r2*", "r1*"]
    ax = P.plot_keyness(keyness, group="B", n=1)
    assert _ticks(ax) == ["r1*", "a1*"]
    # no filter: the strongest by log ratio whatever their p; only significant terms are starred
    ax = P.plot_keyness(keyness, group="A", n=1, alpha=None)
    assert _ticks(ax) == ["ns1", "ns2"]
    ax = P.plot_keyness(keyness.assign(g2=keyness["log_ratio"] * 2), group="A", n=2, measure="g2", alpha=None)
    assert _ticks(ax) == ["ns1", "a1*", "r1*", "ns2"] and ax.get_xlabel() == "signed log-likelihood G2"
    assert [p.get_width() for p in ax.patches] == [8.0, 6.0, -5.0, -8.0]


def test_keyness_takes_grouping_columns_before_reference(keyness):
    wide = keyness.rename(columns={"group": "speaker"}).assign(reference="rest")
    wide = wide[["speaker", "reference", *[c for c in wide.columns if c not in ("speaker", "reference")]]]
    ax = P.plot_keyness(wide, group="B", n=1)
    assert _ticks(ax) == ["r1*", "a1*"] and _legend(ax) == ["more frequent in B", "more frequent in the other groups"]
    ax = P.plot_keyness(wide.assign(reference="Massource"), group="B", n=1)
    assert _legend(ax)[1] == "more frequent in Massource"


def test_keyness_filters_on_adjusted_p_when_the_table_has_it(keyness):
    one = keyness[keyness["group"] == "A"]
    adjusted = one.assign(p_adjusted=[1.0 if t != "a1" else 0.001 for t in one["term"]])
    ax = P.plot_keyness(adjusted)
    assert _ticks(ax) == ["a1*"]
    ax = P.plot_keyness(adjusted.assign(p_adjusted=1.0))
    assert not ax.patches and "no term with adjusted p < 0.05" in [t.get_text() for t in ax.texts]


def test_keyness_options(keyness):
    with pytest.raises(ToolkitValueError, match=r"plot_keyness\(\) draws one group and the table has 2: "
                                                r"pass group= one of \{'A', 'B'\}"):
        P.plot_keyness(keyness)
    with pytest.raises(ToolkitValueError, match=r"The `group` parameter of plot_keyness\(\) must be one of "
                                                r"\{'A', 'B'\}; got 'C'\."):
        P.plot_keyness(keyness, group="C")
    with pytest.raises(ToolkitValueError, match="The `n` parameter"):
        P.plot_keyness(keyness, group="A", n=0)
    one = keyness[keyness["group"] == "A"]
    ax = P.plot_keyness(one, alpha=0.0001)  # one group: group= may be left out
    assert not ax.patches and "no term with p < 0.0001" in [t.get_text() for t in ax.texts]
    bad = one.assign(log_ratio=one["log_ratio"].replace(3.0, float("inf")))
    with pytest.raises(ToolkitValueError, match=r"log_ratio of \['a1'\] is not finite"):
        P.plot_keyness(bad)


def test_dispersion_ticks_by_term_and_speaker(dispersion):
    ax = P.plot_dispersion(dispersion)
    styles = [c.get_linestyle()[0] for c in ax.collections]
    assert len({(off, tuple(dash) if dash else None) for off, dash in styles}) == 3   # greyscale: line styles differ
    assert _ticks(ax) == ["trade", "terror"]
    assert _legend(ax) == ["Q", "Ali", "narrator"]
    ticks = {}
    for coll, name in zip(ax.collections, ("Q", "Ali", ""), strict=True):
        ticks[name] = sorted((float(s[0][0]), float(s[0][1] + s[1][1]) / 2) for s in coll.get_segments())
    assert ticks == {"Q": [(0.025, 0.0)], "Ali": [(0.06, 0.0), (0.1, 1.0), (0.95, 1.0)], "": [(0.75, 0.0)]}
    assert ax.get_xlim() == (0, 1)
    ax = P.plot_dispersion(dispersion, scale="tokens", terms=["terror"])
    assert _ticks(ax) == ["terror"] and ax.get_xlim() == (0, 200)
    assert sorted(float(s[0][0]) for c in ax.collections for s in c.get_segments()) == [20.0, 190.0]
    with pytest.raises(ToolkitValueError, match=r"\['peace'\] not found"):
        P.plot_dispersion(dispersion, terms=["peace"])


# --------------------------------------------------------------------------
# Shared contract: ax in is ax out; wrong tables say what they miss
# --------------------------------------------------------------------------

CALLS = {
    "plot_transcript_xray": ("sentences", {}),
    "plot_topic_share": ("topic_share", {}),
    "plot_segments": ("segments", {}),
    "plot_sentiment_arc": ("arc", {}),
    "plot_sentiment_by": ("by_topic", {}),
    "plot_frames_heatmap": ("frames", {}),
    "plot_devices": ("devices", {}),
    "plot_keyness": ("keyness", {"group": "A"}),
    "plot_dispersion": ("dispersion", {}),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_ax_passed_in_is_the_ax_returned(name, request):
    fixture, kwargs = CALLS[name]
    fig = P.figure("double", 3)
    ax = fig.add_subplot()
    assert getattr(P, name)(request.getfixturevalue(fixture), ax=ax, **kwargs) is ax
    with pytest.raises(ToolkitTypeError, match="`ax` parameter"):
        getattr(P, name)(request.getfixturevalue(fixture), ax=fig, **kwargs)


def test_confusion_matrix_ax_passed_in_is_returned():
    ax = P.figure().add_subplot()
    assert P.plot_confusion_matrix(confusion_matrix(["a", "b"], ["a", "a"]), ax=ax) is ax


@pytest.mark.parametrize("name,missing", [
    ("plot_transcript_xray", "['role', 'sentence_id', 'text', 'topic', 'turn_id']"),
    ("plot_topic_share", "['role', 'share', 'topic']"),
    ("plot_segments", "['end', 'first_sentence_id', 'last_sentence_id', 'segment_id', 'start', 'topic']"),
    ("plot_sentiment_arc", "['polarity_mean', 'sentence_id']"),
    ("plot_sentiment_by", "['n', 'polarity_ci_high', 'polarity_ci_low', 'polarity_mean']"),
    ("plot_frames_heatmap", "['frame', 'residual']"),
    ("plot_devices", "['n_words']"),
    ("plot_keyness", "['count_reference', 'count_target', 'g2', 'group', 'log_ratio', 'p_value', 'term']"),
    ("plot_dispersion", "['n_tokens_doc', 'sentence_id', 'term', 'token_index']"),
])
def test_a_wrong_table_names_the_missing_columns(name, missing):
    wrong = pd.DataFrame({"doc_id": ["d1"], "speaker": ["Ali"], "role_x": ["interviewee"]})
    with pytest.raises(ToolkitError) as info:
        getattr(P, name)(wrong)
    assert isinstance(info.value, ValueError)
    assert f"{name}() expects the" in str(info.value) and f"missing columns: {missing}" in str(info.value)
    with pytest.raises(ToolkitTypeError):
        getattr(P, name)([1, 2, 3])


def test_empty_tables_are_refused(topic_share):
    with pytest.raises(ToolkitValueError, match="empty table"):
        P.plot_topic_share(topic_share.iloc[:0])


# --------------------------------------------------------------------------
# The real interview
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def analysis():
    return toolkit.analyze(RAW)


def test_every_plot_draws_the_real_interview(analysis, tmp_path):
    t = analysis.tables
    s = t["sentences"]
    sheet = s[["doc_id", "sentence_id", "topic"]].rename(columns={"topic": "primary"})
    axes = {
        "xray": P.plot_transcript_xray(s),
        "share": P.plot_topic_share(t["topics_by_speaker"]),
        "segments": P.plot_segments(t["segments"]),
        "arc": P.plot_sentiment_arc(sentiment_arc(s)),
        "arc_compound": P.plot_sentiment_arc(sentiment_arc(s), column="compound"),
        "by_speaker": P.plot_sentiment_by(t["sentiment_by_speaker"]),
        "by_topic": P.plot_sentiment_by(sentiment_by(s, "topic", n_boot=200)),
        "frames": P.plot_frames_heatmap(t["frames_by_topic"]),
        "frames_speaker": P.plot_frames_heatmap(t["frames_by_speaker"], value="share"),
        "devices": P.plot_devices(t["devices_by_speaker"]),
        "confusion": P.plot_confusion_matrix(confusion_matrix(sheet, s, column_b="topic")),
    }
    # the same topic has the same colour in the x-ray, the shares and the segments
    trade = P.topic_colors()["trade"].lower()
    assert trade in {c[4] for c in _cells(axes["xray"], height=0.55)}
    assert trade in {to_hex(p.get_facecolor()) for p in axes["share"].patches}
    assert trade in {c[4] for c in _cells(axes["segments"])}
    assert len(_cells(axes["xray"], height=0.55)) == len(s)
    assert _ticks(axes["share"]) == ["Alimov (interviewee)", "Massource (interviewer)"]
    assert len(_cells(axes["segments"])) == len(t["segments"])
    assert _ticks(axes["by_speaker"]) == ["Alimov (n=60)", "Massource (n=6)"]
    assert len(axes["devices"].patches) == 11 * 2
    assert np.trace(axes["confusion"].images[0].get_array()) == len(s)
    folder = tmp_path / "figures"
    for name, ax in axes.items():
        assert ax.figure.get_size_inches()[0] in (P.SINGLE_COLUMN, P.DOUBLE_COLUMN)
        P.save_figure(ax.figure, name, formats=("png",), dpi=72, folder=folder)
    assert len(list(folder.glob("*.png"))) == len(axes)
    assert Path(folder / "xray.png").stat().st_size > 0
