"""Figures for papers: each ``plot_*`` function draws one table a compute function returned.

This is the only module of the toolkit that imports matplotlib. Computing and
drawing are separate: every ``plot_*`` function takes the DataFrame a toolkit
function returned (data first, options keyword-only), checks that it is that
kind of table, draws it on ``ax`` (or on a new figure of a journal's column
width when ``ax`` is None) and returns the Axes. Nothing here calls
``plt.show()``; in a notebook the figure shows as usual, in a script pass it to
:func:`save_figure`::

    import toolkit
    from toolkit import plotting

    a = toolkit.analyze("data/raw")
    ax = plotting.plot_topic_share(a.tables["topics_by_speaker"])
    plotting.save_figure(ax.figure, "topic_share", folder="figures")

The paper style lives in one place, :data:`PAPER_STYLE` (8-9 pt DejaVu Sans,
the font matplotlib ships, so a figure looks and saves the same on every
machine; thin lines; no top or right spines), applied by the
:func:`paper_style` context manager inside every function here (global
rcParams are never changed). Categories use Paul Tol's colour-blind-safe
"bright" palette, each colour paired with a hatch pattern so bars still differ
when printed in grey; "none of the topics" (an empty ``topic``) is always light
grey. :func:`topic_colors` gives each topic the same colour in every figure.

New figures are made with ``matplotlib.pyplot.figure`` (so notebooks display
them and ``plt.close`` frees them); the backend is never chosen here.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import matplotlib
import matplotlib.font_manager
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import CenteredNorm, Normalize
from matplotlib.figure import Figure, SubFigure
from matplotlib.patches import Patch

from .errors import ToolkitTypeError, ToolkitValueError, check_option
from .schema import require_columns

__all__ = [
    "DOUBLE_COLUMN",
    "HATCHES",
    "NONE_COLOR",
    "PALETTE",
    "PAPER_STYLE",
    "SINGLE_COLUMN",
    "figure",
    "paper_style",
    "plot_confusion_matrix",
    "plot_devices",
    "plot_dispersion",
    "plot_frames_heatmap",
    "plot_keyness",
    "plot_segments",
    "plot_sentiment_arc",
    "plot_sentiment_by",
    "plot_topic_share",
    "plot_transcript_xray",
    "save_figure",
    "topic_colors",
    "topic_hatches",
]

#: Width of one journal column and of the full page, in inches.
SINGLE_COLUMN = 3.5
DOUBLE_COLUMN = 7.0

#: Paul Tol's "bright" qualitative scheme without its grey (grey means "none"): distinct for the common
#: colour-vision deficiencies (https://personal.sron.nl/~pault/).
PALETTE = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377")
#: The colour of "none of the topics" (and of other empty categories): Tol's pale grey.
NONE_COLOR = "#DDDDDD"
#: Hatch patterns paired with the palette so categories differ in greyscale too. Seven patterns against six
#: colours: the first 42 categories all get a different colour and hatch pair.
HATCHES = ("", "///", "\\\\\\", "...", "xxx", "---", "|||")
#: The label shown for an empty category.
NONE_LABEL = "none"

_SENTIMENT_COLORS = {"positive": "#4477AA", "neutral": NONE_COLOR, "negative": "#EE6677"}
_SENTIMENT_HATCHES = {"positive": "", "neutral": "", "negative": "///"}
_ROLE_COLORS = {"interviewee": "#222222", "interviewer": "#888888", "moderator": "#555555",
                "speaker": "#444444", "narrator": "#FFFFFF", "caption": "#FFFFFF"}
_ROLE_HATCHES = {"caption": "....."}   # caption and narrator are both white: the dots tell them apart
_HATCH_COLOR = "#333333"
#: Line styles that tell the speakers of a dispersion plot apart in greyscale too.
_LINESTYLES = ("solid", "dashed", "dotted", "dashdot")

#: The paper style: matplotlib rcParams applied by :func:`paper_style`.
PAPER_STYLE: dict = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8,
    "legend.frameon": False,
    "legend.handlelength": 1.4,
    "legend.handleheight": 1.0,
    "axes.linewidth": 0.6,
    "axes.edgecolor": "#222222",
    "axes.labelcolor": "#222222",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.minor.width": 0.4,
    "ytick.minor.width": 0.4,
    "xtick.major.size": 3,
    "ytick.major.size": 3,
    "lines.linewidth": 1.0,
    "lines.markersize": 4,
    "patch.linewidth": 0.5,
    "hatch.linewidth": 0.5,
    "hatch.color": _HATCH_COLOR,
    "errorbar.capsize": 0,
    "figure.figsize": (SINGLE_COLUMN, SINGLE_COLUMN * 0.7),
    "figure.dpi": 150,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 300,
    "savefig.bbox": None,           # keep the journal width exactly
    "pdf.fonttype": 42,             # TrueType in PDF: journals reject Type 3 fonts
    "ps.fonttype": 42,
    "svg.fonttype": "path",         # text as paths: the SVG looks the same without the font installed
    "svg.hashsalt": "discourse-toolkit",  # stable ids in SVG files: a rerun writes the same bytes
}

#: What each output format records that changes between runs, removed by :func:`save_figure`.
_VOLATILE_METADATA = {"pdf": {"CreationDate": None}, "svg": {"Date": None}, "png": {"Software": None}}


@contextmanager
def paper_style(**overrides) -> Iterator[None]:
    """Apply :data:`PAPER_STYLE` (plus ``overrides``, rcParams names with dots) inside a ``with`` block.

    The previous rcParams come back when the block ends. Every plot function
    uses it; use it yourself for figures you draw by hand::

        with paper_style(**{"font.size": 9}):
            fig = figure("single")
    """
    import matplotlib.pyplot  # noqa: F401  (the backend is chosen outside the temporary style: see below)

    # Jupyter's inline backend switches interactive mode on when pyplot first draws; if that happened
    # inside rc_context, leaving the block would switch it off again and later figures would not show.
    matplotlib.get_backend()
    with matplotlib.rc_context({**PAPER_STYLE, **overrides}):
        try:
            yield
        finally:
            interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


def _inches(width) -> float:
    if isinstance(width, str):
        check_option(width, {"single", "double"}, name="width", func="figure")
        return SINGLE_COLUMN if width == "single" else DOUBLE_COLUMN
    if isinstance(width, (int, float)) and not isinstance(width, bool) and width > 0:
        return float(width)
    raise ToolkitValueError(f"The `width` parameter of figure() must be 'single', 'double' or a width in inches; "
                            f"got {width!r}.")


def figure(width: str | float = "single", height: float | None = None) -> Figure:
    """A new empty figure one column (``"single"``, 3.5 in) or one page (``"double"``, 7 in) wide.

    ``width`` may also be a number of inches; ``height`` defaults to 0.62 of the
    width (about the golden ratio). Constrained layout keeps labels inside the
    figure without changing its width.
    """
    import matplotlib.pyplot as plt

    w = _inches(width)
    if height is None:
        height = round(w * 0.62, 2)
    if isinstance(height, bool) or not isinstance(height, (int, float)) or height <= 0:
        raise ToolkitValueError(f"The `height` parameter of figure() must be a positive number of inches; "
                                f"got {height!r}.")
    with paper_style():
        return plt.figure(figsize=(w, float(height)), layout="constrained")


def _axes(ax, func: str, width: str | float, height: float) -> Axes:
    """``ax`` checked, or the Axes of a new figure of the given size."""
    if ax is None:
        fig = figure(width, max(float(height), 1.0))
        with paper_style():
            return fig.add_subplot()
    if not isinstance(ax, Axes):
        raise ToolkitTypeError(f"The `ax` parameter of {func}() must be a matplotlib Axes or None; "
                               f"got {type(ax).__name__}.")
    return ax


def save_figure(fig: Figure | Axes, name: str, *, formats: Sequence[str] = ("pdf", "svg", "png"),
                dpi: int = 300, folder: str | os.PathLike = ".") -> list[Path]:
    """Write ``fig`` as ``<folder>/<name>.<format>`` for each format; return the paths written.

    ``fig`` is a Figure (or an Axes: its figure). The folder is created if
    needed; each file is written to a temporary name and renamed. The date and
    software version that PDF, SVG and PNG files record are left out and SVG
    ids are salted with a fixed string, and the figure's layout is fixed at
    the first save (its layout engine is switched off afterwards: add nothing
    to a figure after saving it), so saving the same figure again, or
    rerunning the script, writes byte-identical files. ``dpi`` applies to PNG (and to images inside PDF and SVG).
    """
    from .pipeline import atomic_write

    if isinstance(fig, Axes):
        fig = fig.get_figure(root=True)
    elif isinstance(fig, SubFigure):
        fig = fig.get_figure(root=True)
    if not isinstance(fig, Figure):
        raise ToolkitTypeError(f"save_figure() expects a matplotlib Figure (or Axes); got {type(fig).__name__}.")
    if isinstance(formats, str):
        formats = (formats,)
    formats = list(dict.fromkeys(formats))
    if not formats:
        raise ToolkitValueError("The `formats` parameter of save_figure() must name at least one format.")
    for fmt in formats:
        check_option(fmt, set(_VOLATILE_METADATA), name="formats", func="save_figure")
    if not isinstance(name, str) or not name or name != Path(name).name or name in (".", ".."):
        raise ToolkitValueError(f"The `name` parameter of save_figure() must be a file name without folders "
                                f"(the folder goes in `folder=`); got {name!r}.")
    if isinstance(dpi, bool) or not isinstance(dpi, int) or dpi <= 0:
        raise ToolkitValueError(f"The `dpi` parameter of save_figure() must be a positive integer; got {dpi!r}.")
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise ToolkitValueError(f"{out}: `folder` names a file, not a folder.")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with paper_style():
        # Constrained layout moves things by a few millionths of a point at every draw, differently at each
        # dpi, so saving one figure twice would give different bytes. Lay it out once, then fix the layout:
        # the figure keeps its positions and every later save (or display) draws exactly the same thing.
        engine = fig.get_layout_engine()
        if engine is not None and type(engine).__name__ != "PlaceHolderLayoutEngine":
            fig.draw_without_rendering()
            fig.set_layout_engine("none")
        for fmt in formats:
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=dpi, metadata=_VOLATILE_METADATA[fmt])
            path = out / f"{name}.{fmt}"
            atomic_write(path, buf.getvalue())
            written.append(path)
    return written


# --------------------------------------------------------------------------
# Colours
# --------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _shipped_topics() -> tuple[str, ...]:
    from .codebook import default_codebook_path, load_codebook
    return tuple(load_codebook(default_codebook_path()).topics)


def _ordered(topics) -> list[str]:
    if topics is None:
        return list(_shipped_topics())
    if isinstance(topics, str) or not all(isinstance(t, str) for t in topics):
        raise ToolkitTypeError(f"topic_colors() expects a list of topic names; got {topics!r}.")
    return [t for t in dict.fromkeys(topics) if t != ""]


def topic_colors(topics: Sequence[str] | None = None) -> dict[str, str]:
    """A colour for each topic, in the order given, and light grey for ``""`` (none of the topics).

    ``topics`` defaults to the shipped codebook's topics in codebook order,
    which is also what every plot uses by default, so a topic has the same
    colour in every figure. With your own codebook pass its topics
    (``topic_colors(load_codebook(path).topics)``) and give the result to the
    plots' ``colors=``. Colours repeat after six topics; :func:`topic_hatches`
    then tells them apart.
    """
    order = _ordered(topics)
    out = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(order)}
    out[""] = NONE_COLOR
    return out


def topic_hatches(topics: Sequence[str] | None = None) -> dict[str, str]:
    """The hatch pattern of each topic (same order as :func:`topic_colors`); none for ``""``."""
    order = _ordered(topics)
    out = {t: HATCHES[i % len(HATCHES)] for i, t in enumerate(order)}
    out[""] = ""
    return out


def _label(value) -> str:
    """How a category is shown: the empty category is "none"."""
    return NONE_LABEL if value in ("", "(none)") else str(value).replace("_", " ")


def _topic_styles(values, colors: Mapping[str, str] | None, func: str) -> tuple[list[str], dict, dict]:
    """The categories of ``values`` in legend order ("" last), with their colours and hatches."""
    present = set(values)
    if colors is None:
        shipped = list(_shipped_topics())
        extra = sorted(present - set(shipped) - {""})
        # the shipped codebook's order keeps colours fixed across figures; another codebook's topics
        # (none of them shipped) start at the first colour, alphabetically
        order = [*shipped, *extra] if present & set(shipped) else extra
        colors, hatches = topic_colors(order), topic_hatches(order)
    else:
        if not isinstance(colors, Mapping):
            raise ToolkitTypeError(f"The `colors` parameter of {func}() must be a mapping from category to colour "
                                   f"(see topic_colors()); got {type(colors).__name__}.")
        missing = sorted(present - set(colors) - {""})
        if missing:
            raise ToolkitValueError(f"The `colors` parameter of {func}() has no colour for {missing}.")
        colors = {**colors, "": colors.get("", NONE_COLOR)}
        hatches = topic_hatches(list(colors))
    order = [t for t in colors if t in present and t != ""] + ([""] if "" in present else [])
    return order, colors, hatches


def _series_styles(labels: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Colour and hatch for each of a few series (speakers), in order; grey for an empty label."""
    out = {}
    for label in labels:
        if label not in out:
            i = sum(1 for k in out if k != "")
            out[label] = (NONE_COLOR, "") if label == "" else (PALETTE[i % len(PALETTE)], HATCHES[i % len(HATCHES)])
    return out


# --------------------------------------------------------------------------
# Shared checks
# --------------------------------------------------------------------------

def _not_empty(df: pd.DataFrame, func: str) -> None:
    if df.empty:
        raise ToolkitValueError(f"{func}() got an empty table: there is nothing to draw.")


def _one_doc(df: pd.DataFrame, doc_id, func: str) -> pd.DataFrame:
    """The rows of one document: the only one, or ``doc_id``."""
    docs = list(dict.fromkeys(df["doc_id"]))
    if doc_id is None:
        if len(docs) > 1:
            shown = "{" + ", ".join(repr(d) for d in docs[:20]) + (", ..." if len(docs) > 20 else "") + "}"
            raise ToolkitValueError(f"{func}() draws one document and the table has {len(docs)}; pass doc_id= "
                                    f"one of {shown}.")
        doc_id = docs[0]
    check_option(doc_id, set(docs), name="doc_id", func=func)
    return df[df["doc_id"] == doc_id]


def _group_keys(df: pd.DataFrame, before: str) -> list[str]:
    """The grouping columns of an aggregate: the columns before ``before``."""
    cols = list(df.columns)
    return cols[:cols.index(before)]


def _group_labels(df: pd.DataFrame, keys: list[str]) -> list[str]:
    """A label per row from the grouping columns that vary (the last one if none varies)."""
    shown = [k for k in keys if df[k].nunique() > 1] or keys[-1:]
    return [": ".join(_short(_label(v)) for v in row) for row in df[shown].itertuples(index=False)]


def _check_n(value, name: str, func: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ToolkitValueError(f"The `{name}` parameter of {func}() must be a positive integer; got {value!r}.")
    return int(value)


def _legend_above(ax: Axes, handles, *, gap: float = 0.02) -> None:
    """A legend over the axes, as wide as the axes, with as many columns as fit."""
    if not handles:
        return
    size = matplotlib.font_manager.FontProperties(size=matplotlib.rcParams["legend.fontsize"]).get_size_in_points()
    em = size / 72
    longest = max(len(h.get_label()) for h in handles)
    entry = (1.4 + 0.8 + 1.0) * em + 0.6 * em * longest
    available = ax.get_figure(root=True).get_figwidth() * ax.get_position().width  # root: also in a subfigure
    ncols = max(1, min(len(handles), int(available // entry)))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1 + gap), borderaxespad=0, ncols=ncols,
              columnspacing=1.0)


def _short(text: str, n: int = 28) -> str:
    """A long label (a file-name doc_id) cut to ``n`` characters with an ellipsis, so the axes keep their room."""
    text = str(text)
    return text if len(text) <= n else text[:n - 1] + "…"


def _text_color(rgba) -> str:
    r, g, b = rgba[:3]
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else "black"


# --------------------------------------------------------------------------
# Transcript and topics
# --------------------------------------------------------------------------

def plot_transcript_xray(sentences: pd.DataFrame, *, color_by: str = "topic", width: str = "words",
                         colors: Mapping[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """The transcript as a strip: one cell per sentence, in reading order, coloured by topic.

    Takes the ``sentences`` table (``read_transcript()``, ``analyze()``) after
    topic coding. Required columns: ``doc_id``, ``sentence_id``, ``turn_id``,
    ``speaker``, ``role``, ``text`` and the ``color_by`` column: ``topic``
    (default; :func:`topic_colors`, none in grey), ``frame`` (frames in
    alphabetical order) or ``sentiment`` (blue positive, grey neutral, red and
    hatched negative).

    A cell's width is the sentence's number of words (``width="words"``, the
    ``n_words`` definition of every table, so a long answer takes the room it
    takes in the text) or the same for every sentence (``width="equal"``).
    Below each strip a thin strip shows the role of each turn (dark:
    interviewee, grey: interviewer, white: narrator and captions), vertical
    lines mark turn boundaries and the speaker's name is written under turns
    wide enough to hold it. A corpus gets one row per document, in the
    table's order. Returns the Axes.
    """
    func = "plot_transcript_xray"
    check_option(color_by, {"topic", "frame", "sentiment"}, name="color_by", func=func)
    check_option(width, {"words", "equal"}, name="width", func=func)
    require_columns(sentences, {"doc_id", "sentence_id", "turn_id", "speaker", "role", "text", color_by},
                    func=func, table="sentences")
    _not_empty(sentences, func)
    from .text import count_words

    docs = list(dict.fromkeys(sentences["doc_id"]))
    if color_by == "topic":
        order, cmap, hmap = _topic_styles(sentences["topic"], colors, func)
    elif color_by == "sentiment":
        order = [s for s in _SENTIMENT_COLORS if s in set(sentences["sentiment"])]
        cmap = {**_SENTIMENT_COLORS, **(colors or {})}
        hmap = _SENTIMENT_HATCHES
    else:
        values = sorted(set(sentences["frame"]) - {""})
        order, cmap, hmap = _topic_styles(sentences["frame"], colors or topic_colors(values), func)
    unknown = sorted(set(sentences[color_by]) - set(cmap))
    if unknown:
        raise ToolkitValueError(f"{func}(): no colour for the {color_by} values {unknown}.")
    with paper_style():
        ax = _axes(ax, func, "double", 1.0 + 0.7 * len(docs))
        total_max = 0.0
        roles_seen: list[str] = []
        for row, doc_id in enumerate(docs):
            doc = sentences[sentences["doc_id"] == doc_id].sort_values("sentence_id", kind="stable")
            size = (np.array([count_words(t) for t in doc["text"]], dtype=float) if width == "words"
                    else np.ones(len(doc)))
            left = np.concatenate([[0.0], np.cumsum(size)[:-1]])
            total = float(size.sum())
            total_max = max(total_max, total)
            values = doc[color_by].to_numpy()
            for cat in order:
                mask = values == cat
                if mask.any():
                    spans = list(zip(left[mask], size[mask], strict=True))
                    ax.broken_barh(spans, (row - 0.4, 0.55), facecolors=cmap[cat],
                                   edgecolor=_HATCH_COLOR, linewidth=0, hatch=hmap.get(cat, "") or None)
            turn = doc["turn_id"].to_numpy()
            starts = np.flatnonzero(np.r_[True, turn[1:] != turn[:-1]])
            ends = np.r_[starts[1:], len(doc)]
            roles = doc["role"].to_numpy()
            speakers = doc["speaker"].to_numpy()
            for s, e in zip(starts, ends, strict=True):
                x0, w = left[s], left[e - 1] + size[e - 1] - left[s]
                role = roles[s]
                if role not in roles_seen:
                    roles_seen.append(role)
                ax.broken_barh([(x0, w)], (row + 0.19, 0.08), facecolors=_ROLE_COLORS.get(role, "#666666"),
                               edgecolor="#222222", linewidth=0.3, hatch=_ROLE_HATCHES.get(role))
                if speakers[s] and w >= 0.07 * max(total, 1):
                    ax.text(x0 + w / 2, row + 0.31, speakers[s], ha="center", va="top", fontsize=7)
            ax.vlines(left[starts[1:]], row - 0.45, row + 0.3, colors="black", linewidth=0.6)
        ax.set_xlim(0, max(total_max, 1))
        ax.set_ylim(len(docs) - 0.45, -0.5)
        ax.set_yticks(range(len(docs)), [_short(d) for d in docs])
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("words from the start of the document" if width == "words" else "sentences")
        handles = [Patch(facecolor=cmap[c], hatch=hmap.get(c, "") or None, edgecolor=_HATCH_COLOR, linewidth=0,
                         label=_label(c)) for c in order]
        handles += [Patch(facecolor=_ROLE_COLORS.get(r, "#666666"), edgecolor="#222222", linewidth=0.3, label=r,
                          hatch=_ROLE_HATCHES.get(r)) for r in roles_seen]
        _legend_above(ax, handles)
    return ax


def plot_topic_share(topics_by_speaker: pd.DataFrame, *, colors: Mapping[str, str] | None = None,
                     ax: Axes | None = None) -> Axes:
    """Stacked horizontal bars, one per speaker: the share of the speaker's words on each topic.

    Takes the ``topics_by_speaker`` table (``toolkit.topics.topics_by_speaker``).
    Required columns: ``doc_id``, ``speaker``, ``role``, ``topic``, ``share``.
    Bars are labelled ``speaker (role)`` (prefixed by the document in a
    corpus), top to bottom in the table's order; topics stack in
    :func:`topic_colors` order with "none" (``topic == ""``) last, in grey.
    Returns the Axes.
    """
    func = "plot_topic_share"
    require_columns(topics_by_speaker, {"doc_id", "speaker", "role", "topic", "share"}, func=func,
                    table="topics_by_speaker")
    _not_empty(topics_by_speaker, func)
    df = topics_by_speaker
    order, cmap, hmap = _topic_styles(df["topic"], colors, func)
    bars = df[["doc_id", "speaker", "role"]].drop_duplicates(["doc_id", "speaker"]).reset_index(drop=True)
    several = bars["doc_id"].nunique() > 1
    labels = [f"{_short(d)}: {s} ({r})" if several else f"{s} ({r})" for d, s, r in bars.itertuples(index=False)]
    shares = (df.pivot_table(index=["doc_id", "speaker"], columns="topic", values="share", aggfunc="sum",
                             fill_value=0.0)
              .reindex(pd.MultiIndex.from_frame(bars[["doc_id", "speaker"]])).fillna(0.0))
    with paper_style():
        wide = several or max(len(label) for label in labels) > 24   # long labels need the page width
        ax = _axes(ax, func, "double" if wide else "single", 1.2 + 0.28 * len(bars))
        y = np.arange(len(bars))
        left = np.zeros(len(bars))
        for topic in order:
            widths = shares[topic].to_numpy(dtype=float)
            ax.barh(y, widths, left=left, height=0.65, color=cmap[topic], hatch=hmap.get(topic, "") or None,
                    edgecolor="white", linewidth=0.4, label=_label(topic))
            left += widths
        ax.set_yticks(y, labels)
        ax.set_ylim(len(bars) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the speaker's words")
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        _legend_above(ax, ax.get_legend_handles_labels()[0])
    return ax


def plot_segments(segments: pd.DataFrame, *, doc_id: str | None = None, x: str = "sentence",
                  colors: Mapping[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Topic segments of one document as a timeline: one lane per topic, a bar per segment.

    Takes the ``segments`` table (``toolkit.topics.topic_segments``). Required
    columns: ``doc_id``, ``segment_id``, ``topic``, ``first_sentence_id``,
    ``last_sentence_id``, ``start``, ``end``. The x axis is the sentence
    number (``x="sentence"``: a segment covers its first to last sentence) or
    the character offset in the document text (``x="offset"``: ``start`` to
    ``end``). Lanes follow :func:`topic_colors` order, "none" last. A corpus
    table needs ``doc_id=`` to choose the document. Returns the Axes.
    """
    func = "plot_segments"
    check_option(x, {"sentence", "offset"}, name="x", func=func)
    require_columns(segments, {"doc_id", "segment_id", "topic", "first_sentence_id", "last_sentence_id", "start",
                               "end"}, func=func, table="segments")
    _not_empty(segments, func)
    doc = _one_doc(segments, doc_id, func)
    order, cmap, hmap = _topic_styles(doc["topic"], colors, func)
    with paper_style():
        ax = _axes(ax, func, "single", 0.8 + 0.3 * len(order))
        for lane, topic in enumerate(order):
            seg = doc[doc["topic"] == topic]
            if x == "sentence":
                spans = [(f - 0.5, last - f + 1.0) for f, last in zip(seg["first_sentence_id"],
                                                                       seg["last_sentence_id"], strict=True)]
            else:
                spans = [(float(s), float(e - s)) for s, e in zip(seg["start"], seg["end"], strict=True)]
            ax.broken_barh(spans, (lane - 0.35, 0.7), facecolors=cmap[topic], hatch=hmap.get(topic, "") or None,
                           edgecolor=_HATCH_COLOR, linewidth=0.3, label=_label(topic))
        ax.set_yticks(range(len(order)), [_label(t) for t in order])
        ax.set_ylim(len(order) - 0.5, -0.5)
        if x == "sentence":
            ax.set_xlim(doc["first_sentence_id"].min() - 0.5, doc["last_sentence_id"].max() + 0.5)
            ax.set_xlabel("sentence")
        else:
            ax.set_xlim(doc["start"].min(), doc["end"].max())
            ax.set_xlabel("character offset in the document")
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
    return ax


# --------------------------------------------------------------------------
# Sentiment
# --------------------------------------------------------------------------

_MEASURE_LABEL = {"polarity": "polarity (TextBlob)", "compound": "compound score (VADER)"}


def plot_sentiment_arc(arc: pd.DataFrame, *, column: str = "polarity", doc_id: str | None = None,
                       band: bool = True, speakers: bool = True, ax: Axes | None = None) -> Axes:
    """The sentiment arc of one document: the rolling mean over the sentences, with its interval band.

    Takes the table of ``toolkit.sentiment.sentiment_arc``. Required columns:
    ``doc_id``, ``sentence_id``, ``speaker`` and ``<column>_mean``
    (``column`` is ``"polarity"`` or ``"compound"``). The band is the table's
    ``<column>_low`` to ``<column>_high`` (the rolling mean -/+ 1.96 standard
    errors of the window), drawn when ``band`` is true and the table has
    those columns; without them only the line is drawn (nothing is computed
    here). With ``speakers`` a dotted line marks each change of speaker and
    the speaker's name is written over stretches wide enough to hold it. A
    corpus table needs ``doc_id=``. Returns the Axes.
    """
    func = "plot_sentiment_arc"
    check_option(column, {"polarity", "compound"}, name="column", func=func)
    require_columns(arc, {"doc_id", "sentence_id", "speaker", f"{column}_mean"}, func=func, table="sentiment_arc")
    _not_empty(arc, func)
    doc = _one_doc(arc, doc_id, func).sort_values("sentence_id", kind="stable")
    x = doc["sentence_id"].to_numpy(dtype=float)
    with paper_style():
        ax = _axes(ax, func, "single", 2.2)
        ax.axhline(0, color="#999999", linewidth=0.5, zorder=0)
        if band and {f"{column}_low", f"{column}_high"} <= set(doc.columns):
            ax.fill_between(x, doc[f"{column}_low"].to_numpy(dtype=float), doc[f"{column}_high"].to_numpy(dtype=float),
                            color="#CCCCCC", linewidth=0, label="mean ± 1.96 SE")
        window = f" ({int(doc['n'].max())}-sentence window)" if "n" in doc.columns else ""
        ax.plot(x, doc[f"{column}_mean"].to_numpy(dtype=float), color="black", label=f"rolling mean{window}")
        ax.set_xlim(x.min() - 0.5, x.max() + 0.5)
        if speakers:
            who = doc["speaker"].to_numpy()
            starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]])
            ends = np.r_[starts[1:], len(who)]
            span = max(x.max() - x.min(), 1.0)
            for s in starts[1:]:
                ax.axvline((x[s - 1] + x[s]) / 2, color="#777777", linewidth=0.5, linestyle=":")
            for s, e in zip(starts, ends, strict=True):
                if x[e - 1] - x[s] >= 0.08 * span:
                    ax.text((x[s] + x[e - 1]) / 2, 1.0, who[s] or NONE_LABEL, ha="center", va="bottom", fontsize=7,
                            transform=ax.get_xaxis_transform())
        ax.set_xlabel("sentence")
        ax.set_ylabel(f"{_MEASURE_LABEL[column]}, rolling mean")
        _legend_above(ax, ax.get_legend_handles_labels()[0], gap=0.1 if speakers else 0.02)
    return ax


def plot_sentiment_by(table: pd.DataFrame, *, by: str | list[str] | None = None, measure: str = "polarity",
                      colors: Mapping[str, str] | None = None, ax: Axes | None = None) -> Axes:
    """Mean sentiment of each group with its bootstrap interval: a point and a horizontal bar per row.

    Takes the table of ``toolkit.sentiment.sentiment_by`` (``sentiment_by_speaker``,
    ``sentiment_by_topic``). Required columns: ``n``, ``<measure>_mean``,
    ``<measure>_ci_low``, ``<measure>_ci_high`` (``measure`` is ``"polarity"``
    or ``"compound"``) and the grouping columns (the columns before ``n``).
    ``by`` chooses the grouping columns that label the rows (default: those
    that vary); rows are labelled ``group (n=...)`` top to bottom in the
    table's order. By topic, points take the :func:`topic_colors`. Returns
    the Axes.
    """
    func = "plot_sentiment_by"
    check_option(measure, {"polarity", "compound"}, name="measure", func=func)
    cols = {f"{measure}_mean", f"{measure}_ci_low", f"{measure}_ci_high"}
    require_columns(table, {"n", *cols}, func=func, table="sentiment_by")
    _not_empty(table, func)
    keys = _group_keys(table, "n")
    if not keys:
        raise ToolkitValueError(f"{func}() expects the grouping column(s) of sentiment_by() before `n`; "
                                f"the table has none.")
    if by is None:
        labels = _group_labels(table, keys)
        by_keys = keys
    else:
        by_keys = [by] if isinstance(by, str) else list(by) if isinstance(by, (list, tuple)) else []
        if not by_keys:
            raise ToolkitValueError(f"The `by` parameter of {func}() must be a column name or a list of them "
                                    f"among {keys}; got {by!r}.")
        for k in by_keys:
            check_option(k, set(keys), name="by", func=func)
        labels = [": ".join(_label(v) for v in row) for row in table[by_keys].itertuples(index=False)]
        if len(set(labels)) < len(labels):
            others = [k for k in keys if k not in by_keys]
            raise ToolkitValueError(f"{func}(): several rows have the same {by_keys} value; label them with "
                                    f"by={keys!r} (the table is also grouped by {others}).")
    labels = [f"{lab} (n={n})" for lab, n in zip(labels, table["n"], strict=True)]
    mean = table[f"{measure}_mean"].to_numpy(dtype=float)
    low, high = table[f"{measure}_ci_low"].to_numpy(dtype=float), table[f"{measure}_ci_high"].to_numpy(dtype=float)
    if by_keys == ["topic"]:
        _, cmap, _ = _topic_styles(table["topic"], colors, func)
        point_colors = [cmap[t] for t in table["topic"]]
    else:
        point_colors = ["black"] * len(table)
    y = np.arange(len(table))
    with paper_style():
        ax = _axes(ax, func, "single", 0.8 + 0.25 * len(table))
        ax.axvline(0, color="#999999", linewidth=0.5, zorder=0)
        ax.hlines(y, low, high, colors="#333333", linewidth=1.0, label="95% bootstrap interval")
        ax.scatter(mean, y, c=point_colors, edgecolors="black", linewidths=0.5, s=22, zorder=3, label="mean")
        ax.set_yticks(y, labels)
        ax.set_ylim(len(table) - 0.5, -0.5)
        ax.set_xlabel(f"mean {_MEASURE_LABEL[measure]}")
        ax.tick_params(axis="y", length=0)
    return ax


# --------------------------------------------------------------------------
# Frames, devices, validation
# --------------------------------------------------------------------------

def _annotated_image(ax: Axes, values: np.ndarray, *, cmap, norm, fmt: str, bold=None, italic=None) -> None:
    cm = matplotlib.colormaps[cmap].with_extremes(bad="white")
    im = ax.imshow(np.ma.masked_invalid(values), cmap=cm, norm=norm, aspect="auto", interpolation="nearest")
    for (i, j), v in np.ndenumerate(values):
        if math.isfinite(v):
            color = _text_color(im.cmap(im.norm(v)))
            ax.text(j, i, format(v, fmt), ha="center", va="center", fontsize=7, color=color,
                    fontweight="bold" if bold is not None and bold[i, j] else "normal",
                    fontstyle="italic" if italic is not None and italic[i, j] else "normal")
    ax.spines[:].set_visible(False)
    ax.tick_params(length=0)


def plot_frames_heatmap(frames_by_topic: pd.DataFrame, *, value: str = "residual", ax: Axes | None = None) -> Axes:
    """Groups by frames as an annotated heatmap, with a colour bar.

    Takes the table of ``toolkit.framing.frames_by`` (``frames_by_topic`` or
    ``frames_by_speaker``). Required columns: ``frame`` and ``value``
    (``"residual"``: adjusted standardised residuals on a diverging scale
    centred at 0, cells with ``|residual| >= 1.96`` in bold, cells whose
    expected count is under 5 (when the table has ``expected``) in italic and
    never bold, since the residual is not reliable there; ``"share"``:
    share of the group's framed sentences, 0 to 1); the grouping columns are
    the columns before ``frame`` (rows, in the table's order; frames as
    columns, in the table's order). Empty cells (NaN residuals) are blank.
    Returns the Axes.
    """
    func = "plot_frames_heatmap"
    check_option(value, {"residual", "share"}, name="value", func=func)
    require_columns(frames_by_topic, {"frame", value}, func=func, table="frames_by")
    _not_empty(frames_by_topic, func)
    df = frames_by_topic
    keys = _group_keys(df, "frame")
    if not keys:
        raise ToolkitValueError(f"{func}() expects the grouping column(s) of frames_by() before `frame`; "
                                f"the table has none.")
    groups = df[keys].drop_duplicates().reset_index(drop=True)
    frames = list(dict.fromkeys(df["frame"]))
    matrix = (df.pivot_table(index=keys, columns="frame", values=value, aggfunc="first", dropna=False)
              .reindex(index=pd.MultiIndex.from_frame(groups) if len(keys) > 1 else groups[keys[0]], columns=frames))
    values = matrix.to_numpy(dtype=float)
    with paper_style():
        ax = _axes(ax, func, "double", max(1.0 + 0.28 * len(groups), 1.9))
        if value == "residual":
            finite = np.abs(values[np.isfinite(values)])
            vmax = max(float(finite.max()) if finite.size else 1.0, 1.96)
            small = np.zeros(values.shape, dtype=bool)
            if "expected" in df.columns:   # the chi-squared approximation needs expected counts of 5 or more
                expected = (df.pivot_table(index=keys, columns="frame", values="expected", aggfunc="first",
                                           dropna=False).reindex(index=matrix.index, columns=frames))
                small = np.nan_to_num(expected.to_numpy(dtype=float), nan=0.0) < 5
            _annotated_image(ax, values, cmap="RdBu_r", norm=CenteredNorm(0, vmax), fmt=".1f",
                             bold=(np.abs(np.nan_to_num(values)) >= 1.96) & ~small, italic=small)
            label = "adjusted residual"
            if small.any():
                ax.annotate("bold: |residual| >= 1.96; italic: expected count under 5 (not reliable)",
                            xy=(0, 1), xycoords="axes fraction", xytext=(0, 4), textcoords="offset points",
                            fontsize="small", va="bottom")
        else:
            _annotated_image(ax, values, cmap="Blues", norm=Normalize(0, 1), fmt=".2f")
            label = "share of framed sentences"
        ax.set_xticks(range(len(frames)), [_label(f) for f in frames], rotation=45, ha="right",
                      rotation_mode="anchor")
        ax.set_yticks(range(len(groups)), _group_labels(groups, keys))
        ax.figure.colorbar(ax.images[0], ax=ax, label=label, shrink=0.9, pad=0.02)
    return ax


def plot_devices(devices_by_speaker: pd.DataFrame, *, devices: Sequence[str] | None = None,
                 ax: Axes | None = None) -> Axes:
    """Grouped bars: the rate of each discourse device per 1,000 words, one bar per speaker.

    Takes the table of ``toolkit.devices.devices_by`` (``devices_by_speaker``).
    Required columns: ``n_words`` and ``<device>_per_1000`` columns; the
    grouping columns are the columns before ``n_words`` (speakers, labelled
    with their number of words: rates over few words are noisy). ``devices``
    lists the devices to draw (``["we", "they", "hedge"]``; default all, in
    the table's order). Returns the Axes.
    """
    func = "plot_devices"
    require_columns(devices_by_speaker, {"n_words"}, func=func, table="devices_by_speaker")
    _not_empty(devices_by_speaker, func)
    df = devices_by_speaker.reset_index(drop=True)
    available = [c[:-len("_per_1000")] for c in df.columns if c.endswith("_per_1000")]
    if not available:
        raise ToolkitValueError(f"{func}() expects the devices_by_speaker table from devices_by(); "
                                f"missing columns: <device>_per_1000.")
    if devices is None:
        devices = available
    else:
        if isinstance(devices, str):
            devices = [devices]
        devices = list(devices)
        for d in devices:
            check_option(d, set(available), name="devices", func=func)
        if not devices:
            raise ToolkitValueError(f"The `devices` parameter of {func}() must name at least one device.")
    keys = _group_keys(df, "n_words")
    if not keys:
        raise ToolkitValueError(f"{func}() expects the grouping column(s) of devices_by() before `n_words`; "
                                f"the table has none.")
    labels = _group_labels(df, keys)
    styles = _series_styles([str(i) for i in range(len(df))])
    x = np.arange(len(devices))
    width = 0.8 / len(df)
    with paper_style():
        ax = _axes(ax, func, "double", 2.4)
        for i, row in df.iterrows():
            color, hatch = styles[str(i)]
            ax.bar(x - 0.4 + width * (i + 0.5), row[[f"{d}_per_1000" for d in devices]].to_numpy(dtype=float),
                   width=width, color=color, hatch=hatch or None, edgecolor="white", linewidth=0.4,
                   label=f"{labels[i]} ({int(row['n_words']):,} words)")
        ax.set_xticks(x, [_label(d) for d in devices], rotation=30, ha="right", rotation_mode="anchor")
        ax.set_xlim(-0.5, len(devices) - 0.5)
        ax.set_ylabel("per 1,000 words")
        _legend_above(ax, ax.get_legend_handles_labels()[0])
    return ax


def plot_confusion_matrix(cm: pd.DataFrame, *, normalize: bool = False, labels: tuple[str, str] = ("human", "toolkit"),
                          ax: Axes | None = None) -> Axes:
    """A confusion matrix as an annotated heatmap: rows the reference coding, columns the other.

    Takes the table of ``toolkit.validation.confusion_matrix`` (counts; index:
    gold categories, columns: predicted categories). ``normalize=True`` shows
    each row as shares of the row's units (the recall of each category on the
    diagonal; an empty row stays blank). ``labels`` names the two codings on
    the axes: (rows, columns), by default ("human", "toolkit"). ``(none)`` is
    shown as "none". Returns the Axes.
    """
    func = "plot_confusion_matrix"
    if not isinstance(cm, pd.DataFrame):
        raise ToolkitTypeError(f"{func}() expects the table from confusion_matrix() (a pandas DataFrame); "
                               f"got {type(cm).__name__}.")
    if cm.empty or not all(pd.api.types.is_numeric_dtype(t) for t in cm.dtypes):
        raise ToolkitValueError(f"{func}() expects the table from confusion_matrix(): counts with the gold "
                                f"categories as index and the predicted categories as columns.")
    if not isinstance(normalize, bool):
        raise ToolkitValueError(f"The `normalize` parameter of {func}() must be True or False; got {normalize!r}.")
    if (not isinstance(labels, (tuple, list)) or len(labels) != 2
            or not all(isinstance(s, str) for s in labels)):
        raise ToolkitValueError(f"The `labels` parameter of {func}() must be two names (rows, columns); "
                                f"got {labels!r}.")
    values = cm.to_numpy(dtype=float)
    if normalize:
        totals = values.sum(axis=1, keepdims=True)
        values = np.divide(values, totals, out=np.full_like(values, np.nan), where=totals > 0)
    with paper_style():
        wide = max(cm.shape) > 7
        ax = _axes(ax, func, "double" if wide else "single", min(1.3 + 0.3 * cm.shape[0], 6.0 if wide else 3.2))
        top = 1.0 if normalize else max(float(np.nanmax(values)) if np.isfinite(values).any() else 1.0, 1.0)
        _annotated_image(ax, values, cmap="Blues", norm=Normalize(0, top), fmt=".2f" if normalize else ".0f")
        ax.set_xticks(range(cm.shape[1]), [_label(c) for c in cm.columns], rotation=45, ha="right",
                      rotation_mode="anchor")
        ax.set_yticks(range(cm.shape[0]), [_label(c) for c in cm.index])
        ax.set_ylabel(labels[0])
        ax.set_xlabel(labels[1])
        ax.figure.colorbar(ax.images[0], ax=ax, label="share of the row" if normalize else "units",
                           shrink=0.9, pad=0.02)
    return ax


# --------------------------------------------------------------------------
# Keywords
# --------------------------------------------------------------------------

_KEYNESS_COLUMNS = {"term", "group", "count_target", "count_reference", "g2", "log_ratio", "p_value"}


def plot_keyness(keyness: pd.DataFrame, *, group: str | None = None, n: int = 10, measure: str = "log_ratio",
                 alpha: float | None = 0.05, ax: Axes | None = None) -> Axes:
    """Key terms of one group in both directions: a diverging horizontal bar chart.

    Takes the keyness table (columns ``term``, ``group``, ``count_target``,
    ``count_reference``, ``g2``, ``log_ratio``, ``p_value``; a table with the
    grouping columns before a ``reference`` column instead of ``group``, as
    ``toolkit.keywords.keyness`` returns, works too: its group is those
    columns' values joined with " / "). Among the rows of ``group`` significant
    at ``alpha`` (``alpha=None``: every row), draws the ``n`` terms with the
    largest positive ``measure`` (``"log_ratio"``, the effect size, or
    ``"g2"``; more frequent in the group, blue, on top, largest first) and the
    ``n`` with the most negative (more frequent in the reference, red and
    hatched, below, most negative last). Significance is read from
    ``p_adjusted`` (corrected for the many terms tested) when the table has it,
    else from ``p_value``; terms significant at 0.05 are marked ``*``.
    ``group`` may be left out when the table holds one group. Rank by effect
    size and filter by significance (the defaults); with small texts, where
    nothing survives the correction, ``measure="g2", alpha=None`` shows the
    strongest terms as quanteda's ``textplot_keyness`` does. Returns the Axes;
    with no term to show the Axes says so.
    """
    func = "plot_keyness"
    if isinstance(keyness, pd.DataFrame) and "group" not in keyness.columns and "reference" in keyness.columns:
        keys = _group_keys(keyness, "reference")
        if keys:
            keyness = keyness.assign(group=[" / ".join(map(str, row))
                                            for row in keyness[keys].itertuples(index=False)])
    require_columns(keyness, _KEYNESS_COLUMNS, func=func, table="keyness")
    n = _check_n(n, "n", func)
    check_option(measure, {"log_ratio", "g2"}, name="measure", func=func)
    if alpha is not None and (isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not 0 < alpha <= 1):
        raise ToolkitValueError(f"The `alpha` parameter of {func}() must be a number in (0, 1] or None; "
                                f"got {alpha!r}.")
    _not_empty(keyness, func)
    groups = list(dict.fromkeys(keyness["group"]))
    if group is None:
        if len(groups) > 1:
            raise ToolkitValueError(f"{func}() draws one group and the table has {len(groups)}: pass group= one of "
                                    "{" + ", ".join(repr(g) for g in groups) + "}.")
        group = groups[0]
    check_option(group, set(groups), name="group", func=func)
    p_col = "p_adjusted" if "p_adjusted" in keyness.columns else "p_value"
    rows = keyness[keyness["group"] == group]
    refs = list(dict.fromkeys(rows["reference"])) if "reference" in rows.columns else []
    reference = ("the other groups" if refs == ["rest"] else refs[0] if len(refs) == 1 else "the reference")
    if alpha is not None:
        rows = rows[rows[p_col] < alpha]
    bad = rows.loc[~np.isfinite(rows[measure].to_numpy(dtype=float)), "term"].tolist()
    if bad:
        raise ToolkitValueError(f"{func}(): the {measure} of {bad[:10]} is not finite; keyness should add a "
                                f"small correction (0.5) to zero counts.")
    pos = rows[rows[measure] > 0].sort_values([measure, "term"], ascending=[False, True]).head(n)
    neg = rows[rows[measure] < 0].sort_values([measure, "term"], ascending=[True, True]).head(n)
    neg = neg.sort_values([measure, "term"], ascending=[False, True], kind="stable")  # most negative last
    shown = pd.concat([pos, neg])
    labels = [f"{t}*" if p < 0.05 else t for t, p in zip(shown["term"], shown[p_col], strict=True)]
    with paper_style():
        ax = _axes(ax, func, "single", 0.9 + 0.16 * len(shown))
        y = np.arange(len(shown))
        ax.barh(y[:len(pos)], pos[measure].to_numpy(dtype=float), height=0.7, color=PALETTE[0],
                edgecolor=_HATCH_COLOR, linewidth=0, label=f"more frequent in {group}")
        ax.barh(y[len(pos):], neg[measure].to_numpy(dtype=float), height=0.7, color=PALETTE[1], hatch="///",
                edgecolor=_HATCH_COLOR, linewidth=0, label=f"more frequent in {reference}")
        ax.axvline(0, color="#222222", linewidth=0.6)
        ax.set_yticks(y, labels)
        ax.set_ylim(max(len(shown), 1) - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("log ratio (log2 of the ratio of rates)" if measure == "log_ratio"
                      else "signed log-likelihood G2")
        if shown.empty:
            what = "adjusted p" if p_col == "p_adjusted" else "p"
            ax.text(0.5, 0.5, f"no term with {what} < {alpha:g}" if alpha is not None else "no key term",
                    ha="center", va="center", transform=ax.transAxes)
        else:
            lim = float(np.abs(shown[measure]).max()) * 1.05
            ax.set_xlim(-lim, lim)
            handles = [h for h, c in zip(ax.get_legend_handles_labels()[0], (pos, neg), strict=True) if len(c)]
            _legend_above(ax, handles)
            if (np.asarray(shown[p_col]) < 0.05).any():
                ax.annotate(f"* {'adjusted ' if p_col == 'p_adjusted' else ''}p < 0.05", xy=(1, 0),
                            xycoords="axes fraction", xytext=(0, -24), textcoords="offset points",
                            ha="right", va="top", fontsize="small")
    return ax


def plot_dispersion(dispersion: pd.DataFrame, *, doc_id: str | None = None, terms: Sequence[str] | None = None,
                    scale: str = "relative", ax: Axes | None = None) -> Axes:
    """A lexical dispersion plot: one row per term, a tick at each of its occurrences along the document.

    Takes the dispersion table (columns ``doc_id``, ``term``, ``sentence_id``,
    ``token_index``, ``speaker``, ``n_tokens_doc``). The x axis is the position
    in the document: ``token_index / n_tokens_doc`` (``scale="relative"``, 0 to
    1) or the token index (``scale="tokens"``). Ticks are coloured by speaker
    (legend; grey for narrator text). Rows are ``terms`` in the order given
    (default: the table's order of first appearance). A corpus table needs
    ``doc_id=``. Returns the Axes.
    """
    func = "plot_dispersion"
    check_option(scale, {"relative", "tokens"}, name="scale", func=func)
    require_columns(dispersion, {"doc_id", "term", "sentence_id", "token_index", "speaker", "n_tokens_doc"},
                    func=func, table="dispersion")
    _not_empty(dispersion, func)
    doc = _one_doc(dispersion, doc_id, func)
    present = list(dict.fromkeys(doc["term"]))
    if terms is None:
        terms = present
    else:
        terms = [terms] if isinstance(terms, str) else list(terms)
        missing = [t for t in terms if t not in set(present)]
        if missing or not terms:
            raise ToolkitValueError(f"The `terms` parameter of {func}() must name terms of the table; "
                                    f"{missing or terms} not found (the table has {present[:20]}).")
    doc = doc[doc["term"].isin(terms)]
    row = {t: i for i, t in enumerate(terms)}
    n_tokens = int(doc["n_tokens_doc"].max())
    xs = doc["token_index"].to_numpy(dtype=float)
    if scale == "relative":
        xs = xs / doc["n_tokens_doc"].to_numpy(dtype=float)
    ys = doc["term"].map(row).to_numpy(dtype=float)
    styles = _series_styles(list(dict.fromkeys(doc["speaker"])))
    with paper_style():
        ax = _axes(ax, func, "double", 0.9 + 0.25 * len(terms))
        spk = doc["speaker"].to_numpy()
        for i, (speaker, (color, _hatch)) in enumerate(styles.items()):
            mask = spk == speaker
            ax.vlines(xs[mask], ys[mask] - 0.35, ys[mask] + 0.35, colors="#999999" if speaker == "" else color,
                      linewidth=0.9, linestyles=_LINESTYLES[i % len(_LINESTYLES)], label=speaker or "narrator")
        ax.set_yticks(range(len(terms)), terms)
        ax.set_ylim(len(terms) - 0.5, -0.5)
        ax.set_xlim(0, 1 if scale == "relative" else n_tokens)
        ax.set_xlabel("position in the document (share of its tokens)" if scale == "relative"
                      else "token position in the document")
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        _legend_above(ax, ax.get_legend_handles_labels()[0])
    return ax


# --------------------------------------------------------------------------
# The standard figures of an analysis
# --------------------------------------------------------------------------

def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "_" for c in str(text).lower()).strip("_")
    while "__" in out:
        out = out.replace("__", "_")
    return out or "none"


def standard_figures(analysis, folder: str | os.PathLike, *, formats: Sequence[str] = ("pdf", "svg", "png"),
                     dpi: int = 300, human_coding: pd.DataFrame | None = None,
                     max_documents: int = 10) -> list[Path]:
    """Draw and save the standard figures of an :func:`toolkit.analyze` result; return the paths written.

    For the whole corpus: ``transcript_xray`` (one row per document),
    ``sentiment_by_topic``, ``frames_by_topic`` and ``keyness_<topic>`` for
    each topic. For each document (the first ``max_documents`` only, so a
    large corpus does not produce thousands of files): ``<doc>_topic_share``,
    ``<doc>_segments``, ``<doc>_sentiment_arc``, ``<doc>_sentiment_by_speaker``,
    ``<doc>_devices``, ``<doc>_keyness_<speaker>`` for each speaker and
    ``<doc>_dispersion`` (where the strongest key term of each topic occurs).
    Keyness figures show the 10 strongest terms each way by G2, significant
    ones (Holm-adjusted p < 0.05) marked ``*``: one interview is too short for
    many terms to survive the correction, and an empty figure teaches nothing.
    With ``human_coding`` (a coded sheet from
    :func:`toolkit.validation.read_coding` with ``doc_id``, ``sentence_id`` and
    ``primary``): ``agreement_topics``, the confusion matrix of the human and
    the toolkit's primary topics. Every figure is written in each of
    ``formats``; a rerun writes the same bytes.
    """
    import matplotlib.pyplot as plt

    from .keywords import dispersion as dispersion_table
    from .sentiment import sentiment_arc
    from .validation import confusion_matrix

    t = analysis.tables
    written: list[Path] = []

    def save(ax, name):
        try:
            written.extend(save_figure(ax, name, formats=formats, dpi=dpi, folder=folder))
        finally:
            plt.close(ax.get_figure(root=True))

    s = t["sentences"]
    docs = list(dict.fromkeys(s["doc_id"]))[:max_documents]
    if docs:
        save(plot_transcript_xray(s[s["doc_id"].isin(docs)]), "transcript_xray")
    if len(t["sentiment_by_topic"]):
        save(plot_sentiment_by(t["sentiment_by_topic"]), "sentiment_by_topic")
    if len(t["frames_by_topic"]):
        save(plot_frames_heatmap(t["frames_by_topic"]), "frames_by_topic")
    kt = t["keyness_by_topic"]
    for topic in [x for x in dict.fromkeys(kt["topic"]) if x]:
        save(plot_keyness(kt, group=topic, measure="g2", alpha=None), f"keyness_{_slug(topic)}")
    key_terms = [kt[(kt["topic"] == x) & (kt["g2"] > 0)]["term"].iloc[0]
                 for x in dict.fromkeys(kt["topic"]) if x and ((kt["topic"] == x) & (kt["g2"] > 0)).any()]
    arc = sentiment_arc(s[s["doc_id"].isin(docs)])
    for doc in docs:
        d = _slug(doc)
        tbs = t["topics_by_speaker"]
        if (tbs["doc_id"] == doc).any():
            save(plot_topic_share(tbs[tbs["doc_id"] == doc]), f"{d}_topic_share")
        save(plot_segments(t["segments"], doc_id=doc), f"{d}_segments")
        if (arc["doc_id"] == doc).any():
            save(plot_sentiment_arc(arc, doc_id=doc), f"{d}_sentiment_arc")
        sbs = t["sentiment_by_speaker"]
        if (sbs["doc_id"] == doc).any():
            save(plot_sentiment_by(sbs[sbs["doc_id"] == doc].drop(columns="doc_id")), f"{d}_sentiment_by_speaker")
        dbs = t["devices_by_speaker"]
        if (dbs["doc_id"] == doc).any():
            save(plot_devices(dbs[dbs["doc_id"] == doc]), f"{d}_devices")
        ks = t["keyness_by_speaker"]
        ks = ks[ks["doc_id"] == doc].drop(columns="doc_id")
        for speaker in dict.fromkeys(ks["speaker"]):
            save(plot_keyness(ks, group=speaker, measure="g2", alpha=None), f"{d}_keyness_{_slug(speaker)}")
        if key_terms:
            disp = dispersion_table(s[s["doc_id"] == doc], key_terms)
            if len(disp):
                save(plot_dispersion(disp), f"{d}_dispersion")
    if human_coding is not None:
        cm = confusion_matrix(human_coding, s.rename(columns={"topic": "primary"}))
        save(plot_confusion_matrix(cm), "agreement_topics")
    return written
