"""Read one transcript into tidy speaker, turn and sentence tables."""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import pandas_dtype

from . import schema
from .errors import ToolkitTypeError, ToolkitValueError, ToolkitWarning, TranscriptError, TranscriptNotFoundError
from .io import (
    RawDocument,
    decode_bytes,
    load_sidecar,
    normalise_speakers,
    read_document,
    sidecar_path,
    split_front_matter,
)
from .layout import (
    CLOSING_LINE_RE,
    ROLE_LABELS,
    STAGE_NOTE_RE,
    infer_roles,
    parse_layout,
    speaker_name,
    speech_pieces,
    strip_span,
)
from .sentences import sentence_spans
from .text import QUESTION_END, WORD_RE

__all__ = ["Transcript", "read_transcript"]

#: A sentence that asks without a question mark ("Tell us about ...", "Talk me through ...").
_REQUEST = re.compile(r"(?:please\s+|so\s+|now\s+|and\s+)?(?:tell|talk|walk)\s+(?:us|me)\b|"
                      r"(?:please\s+)?(?:explain|describe|elaborate|clarify)\b", re.IGNORECASE)
#: In a caption file's reading text (see toolkit.layout.caption_text): the spaces left where a cue's header was
#: blanked out before a line break, and where a cue tag was ("</v>", "<i>").
_CUE_GAP = re.compile(r"[ \t]+\n[ \t]*|\n[ \t]+")
_CUE_TAG_GAP = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_CUE_TAG_MARK = re.compile(r"(?<=\S)[ \t]{3,}(?=[.,;:?!…])")   # "count</i>?": no space before the mark
#: A one-line str that names a transcript file: "name.txt", "my interview.md", "folder/name".
_PATHLIKE = re.compile(r"^[^\n:]*\.(?:txt|md|text|markdown)$|^\S+$", re.IGNORECASE)


@dataclass
class Transcript:
    """One transcript, read.

    Attributes
    ----------
    doc_id : str
        Identifier used in every table (default: the file name without extension).
    text : str
        The decoded text (UTF-8, byte order mark removed, newlines as ``\\n``);
        every ``start``/``end`` offset points into it.
    metadata : dict
        Front matter, then the ``*.meta.yaml`` sidecar, then the caller's
        ``metadata=`` (later sources win).
    sentences, turns, speakers : pandas.DataFrame
        The tables documented in the README's data dictionary
        (``toolkit.schema.TABLES``).
    front_matter_end : int
        ``text[:front_matter_end]`` is the YAML front matter (0 if none).
    """

    doc_id: str
    text: str
    metadata: dict[str, Any]
    sentences: pd.DataFrame
    turns: pd.DataFrame
    speakers: pd.DataFrame
    path: Path | None = None
    sha256: str = ""
    n_bytes: int = 0
    encoding: str = "utf-8"
    front_matter_end: int = 0
    sidecar: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return (f"<Transcript {self.doc_id!r}: {len(self.turns)} turns, {len(self.sentences)} sentences, "
                f"speakers {list(self.speakers['speaker'])}>")

    def sentence(self, sentence_id: int) -> str:
        """The text of one sentence, sliced from the document (for citing)."""
        if isinstance(sentence_id, bool) or not isinstance(sentence_id, (int, np.integer)):
            raise ToolkitTypeError(f"Transcript.sentence() expects an integer sentence_id; "
                                   f"got {type(sentence_id).__name__} {sentence_id!r}.")
        row = self.sentences.loc[self.sentences["sentence_id"] == sentence_id]
        if row.empty:
            raise ToolkitValueError(f"{self.doc_id} has no sentence_id {sentence_id}; "
                                    f"ids run from 1 to {len(self.sentences)}.")
        return self.text[int(row["start"].iloc[0]):int(row["end"].iloc[0])]


def _resolve_input(path_or_text, encoding) -> RawDocument:
    if isinstance(path_or_text, os.PathLike):
        return read_document(path_or_text, encoding=encoding)
    if isinstance(path_or_text, bytes):
        text, used = decode_bytes(path_or_text, source="<bytes>", encoding=encoding)
        return RawDocument(text, None, hashlib.sha256(path_or_text).hexdigest(), len(path_or_text), used)
    if isinstance(path_or_text, str):
        s = path_or_text
        if "\n" not in s and len(s) < 1024 and (
                os.path.exists(s) or ("://" not in s and s == s.strip() and _PATHLIKE.match(s))):
            try:
                return read_document(s, encoding=encoding)
            except TranscriptNotFoundError as exc:
                raise TranscriptNotFoundError(exc.source, exc.problem + " (To read a transcript given as "
                                              "text, pass a str with a line break, or bytes.)") from None
        if not s.strip():
            raise TranscriptError("<text>", "the transcript text is empty or only whitespace.")
        data = s.encode("utf-8", "surrogatepass")
        text = s.removeprefix("\ufeff")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return RawDocument(text, None, hashlib.sha256(data).hexdigest(), len(data), "str")
    raise ToolkitTypeError("read_transcript() expects a file path (str or pathlib.Path), the transcript "
                           f"text (str) or its bytes; got {type(path_or_text).__name__}.")


def read_transcript(path_or_text, *, doc_id: str | None = None,
                    speakers: Mapping | list | None = None,
                    metadata: Mapping[str, Any] | None = None,
                    encoding: str | None = None, sidecar: bool | str | os.PathLike = True) -> Transcript:
    """Read a transcript into tidy tables.

    Parameters
    ----------
    path_or_text : str, pathlib.Path or bytes
        A file path, or the transcript itself. A ``str`` is taken as a path when
        it has no newline and names an existing file or looks like one
        (``name.txt``, ``my notes.md``, or any one word with no space such as
        ``folder/name`` or ``interview.docx``; not a URL); otherwise it is the
        text. Pass a ``pathlib.Path`` (or ``bytes`` of the text) to be
        explicit.
    doc_id : str, optional
        Identifier for every row; defaults to the file name without extension,
        or ``"transcript"`` for text.
    speakers : mapping or list, optional
        Overrides for speakers: ``{"Massource": "interviewer"}`` or
        ``{"Alimov": {"name": "Rashid Alimov", "role": "interviewee"}}`` or a list
        of ``{label, name, role, affiliation, aliases}``. Declared labels are
        recognised even where the layout rules would not take them.
    metadata : mapping, optional
        Document metadata; overrides front matter and sidecar keys.
    encoding : str, optional
        Decode with this encoding instead of UTF-8 (see :mod:`toolkit.io`).
    sidecar : bool or path
        Read ``<name>.meta.yaml`` beside the file (default), a given sidecar
        path, or none (``False``).

    Returns
    -------
    Transcript
        With ``sentences``, ``turns`` and ``speakers`` DataFrames whose columns
        are documented in ``toolkit.schema`` and the README.
    """
    raw = _resolve_input(path_or_text, encoding)
    source = raw.path if raw.path is not None else "<text>"
    if doc_id is None:
        doc_id = raw.path.stem if raw.path is not None else "transcript"
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ToolkitValueError(f"The `doc_id` parameter of read_transcript() must be a non-empty string; "
                                f"got {doc_id!r}.")
    text = raw.text
    front, fm_end = split_front_matter(text, source=source)

    meta: dict[str, Any] = dict(front)
    side = None
    if sidecar is not False:
        side = Path(sidecar) if sidecar is not True else (sidecar_path(raw.path) if raw.path else None)
        if side is not None:
            if not side.is_file():
                raise TranscriptError(side, "metadata sidecar not found.")
            meta.update(load_sidecar(side))
    if metadata:
        meta.update(dict(metadata))

    # Speaker declarations: front matter/sidecar first, then the caller (wins).
    declared_specs = normalise_speakers(meta.get("speakers"), source=source) if meta.get("speakers") else []
    caller_specs = normalise_speakers(speakers, source="speakers=") if speakers is not None else []
    meta["speakers"] = declared_specs if declared_specs else meta.get("speakers", [])
    if not meta["speakers"]:
        meta.pop("speakers")
    declared: dict[str, str] = {}
    info: dict[str, dict[str, Any]] = {}
    fixed: dict[str, tuple[str, str]] = {}
    for specs, origin in ((declared_specs, "sidecar"), (caller_specs, "caller")):
        for spec in specs:
            canon = speaker_name(spec["label"])
            for lab in [spec["label"], *spec["aliases"]]:
                declared[speaker_name(lab).lower()] = canon
            entry = info.setdefault(canon, {})
            entry.update({k: v for k, v in spec.items() if k in ("name", "affiliation") and v is not None})
            if spec.get("role"):
                fixed[canon] = (spec["role"], origin)

    layout = parse_layout(text, front_matter_end=fm_end, declared=declared)
    # a caption file is read in its reading text (cue numbers and timing lines blanked out; same offsets)
    # (a text extracted from pages: its page furniture inside a paragraph blanked out, see toolkit.layout.page_text)
    tables = _build_tables(layout.reading or text, layout, doc_id, declared, fixed, info, document=text)
    sentences, turns, speakers_df = tables

    problems: list[str] = []
    if info.get("", {}).get("role_changes"):
        problems.append(info[""]["role_changes"])
    used = set(turns["speaker"])
    for specs, origin in ((declared_specs, f"the sidecar {side}" if side else "the front matter"),
                          (caller_specs, "speakers=")):
        for spec in specs:
            if speaker_name(spec["label"]) not in used:
                problems.append(f"speaker label {spec['label']!r} given in {origin} does not occur in "
                                f"the transcript (labels found: {sorted(used - {''})}).")
    if layout.n_labels == 0:
        problems.append("no speaker labels found (such as 'Name:' or 'Q:'); every sentence is narrator "
                        "text. Declare the speakers with speakers=... or a .meta.yaml sidecar if the "
                        "transcript has labels in another form.")
    for p in problems:
        warnings.warn(ToolkitWarning(f"{source}: {p}"), stacklevel=2)

    return Transcript(doc_id=doc_id, text=text, metadata=meta, sentences=sentences, turns=turns,
                      speakers=speakers_df, path=raw.path, sha256=raw.sha256, n_bytes=raw.n_bytes,
                      encoding=raw.encoding, front_matter_end=fm_end, sidecar=side,
                      warnings=problems)


def _build_tables(text, layout, doc_id, declared, fixed, info, document=None):
    # One entry per sentence in parallel lists, turned into columns at the end; a sentence's
    # speaker and role wait for the roles (kind None: the turn's speaker says it, otherwise it is
    # narrator or caption text with no speaker). The sentences of one piece of text (one call of
    # sentence_spans) share their turn, paragraph and kind, so they are added together.
    s_turn: list[int] = []
    s_para: list[int] = []
    s_kind: list[str | None] = []
    s_start: list[int] = []
    s_end: list[int] = []
    s_text: list[str] = []
    turn_rows: list[dict] = []
    cur: dict | None = None
    prelabel = True
    closed = False   # a closing line has been met since the last label
    findall = WORD_RE.findall
    request = _REQUEST.match
    captions = layout.reading is not None and layout.reading_kind == "captions"
    edits = layout.edits   # a text from pages: what a sentence reads where the document has a page break or a
    edit_starts = [a for a, _, _ in edits]   # hyphenated word (see toolkit.layout.page_text)

    def open_turn(speaker: str, role: str | None, label: str, start: int, capacity: str = "") -> dict:
        t = {"turn_id": len(turn_rows) + 1, "speaker": speaker, "role": role, "label": label,
             "start": start, "end": start + len(label), "n_sentences": 0, "n_words": 0,
             "last": None, "request": False,   # last: the turn's last own sentence
             "capacity": capacity}   # the turn's own role where it is not the speaker's ("" if none)
        turn_rows.append(t)
        return t

    def add(turn: dict, pid: int, spans: list[tuple[int, int]], kind: str | None):
        """Add the sentences ``spans`` (in order, none overlapping); ``kind`` None means the
        turn's speaker says them, otherwise they are narrator or caption text with no speaker."""
        if not spans:
            return
        k = len(spans)
        texts = [text[s:e] for s, e in spans]
        if captions:   # a sentence across cues: the blanked cue header between them becomes one line break
            texts = [_CUE_GAP.sub("\n", _CUE_TAG_GAP.sub(" ", _CUE_TAG_MARK.sub("", t))) for t in texts]
        elif edits:
            texts = [_mended(document, s, e, edits, edit_starts) for s, e in spans]
        s_turn.extend([turn["turn_id"]] * k)
        s_para.extend([pid] * k)
        s_kind.extend([kind] * k)
        s_start.extend([s for s, _ in spans])
        s_end.extend([e for _, e in spans])
        s_text.extend(texts)
        turn["end"] = max(turn["end"], spans[-1][1])
        if kind is None or kind == turn["role"]:
            turn["n_sentences"] += k
            turn["n_words"] += sum([len(findall(sentence)) for sentence in texts])   # count_words
            turn["last"] = texts[-1]
            if not turn["request"] and any(request(sentence) for sentence in texts):
                turn["request"] = True

    # a role word after the name's comma: "JUANITA FELLOWES, HOST:" (NPR) hosts, as "Host:" does
    label_roles: dict[str, tuple[str, str]] = {}
    for block in layout.blocks:
        if block.label is not None:
            prelabel = closed = False
            lab = block.label
            sp = declared.get(lab.speaker.lower(), lab.speaker)
            if lab.role:   # the role the layout gives (a parliament's chair, a minister, a delegate, a member)
                label_roles.setdefault(sp, (lab.role, "label"))
            elif lab.desc and lab.desc.lower() in ROLE_LABELS:
                label_roles.setdefault(sp, (ROLE_LABELS[lab.desc.lower()], "label"))
            cur = open_turn(sp, None, text[lab.start:lab.end], lab.start, lab.turn_role)
        elif block.new_turn and cur is not None and cur["role"] is None:
            # the same speaker in another capacity (a chair's statement for the chair's country, and back)
            cur = open_turn(cur["speaker"], None, "", block.start, block.turn_role)
        elif prelabel or closed:   # before the first label, or after a closing line ("###", "*****")
            kind = "caption" if block.kind == "caption" else "narrator"
            if cur is None or cur["role"] != kind:
                cur = open_turn("", kind, "", block.start)
        if block.start >= block.end:
            continue
        pid = block.paragraph_id
        if block.kind == "narrator" and block.label is None and CLOSING_LINE_RE.fullmatch(text, block.start, block.end):
            closed = True
        if block.kind != "speech" or cur["role"] is not None:
            # a stage line or caption, or any text of a narrator/caption turn
            kind = block.kind if block.kind != "speech" else cur["role"]
            add(cur, pid, _line_spans(text, block.start, block.end) if block.lines
                else sentence_spans(text, block.start, block.end), kind)
            continue
        for ps, pe, stage in speech_pieces(text, block.start, block.end):
            if stage:
                add(cur, pid, [strip_span(text, ps, pe)], "narrator")
            else:
                add(cur, pid, sentence_spans(text, ps, pe), None)

    # Roles of the labelled speakers; a turn asks when its last sentence is a question or it makes a request.
    stats: dict[str, dict] = {}
    for t in turn_rows:
        if t["role"] is None:
            st = stats.setdefault(t["speaker"], {"turns": 0, "asking_turns": 0, "question_turns": 0, "sentences": 0,
                                                 "noted_turns": 0})
            st["turns"] += 1
            st["sentences"] += t["n_sentences"]
            # "Sidhant (WION):": a note in the label that is no time or stage note (an outlet, a party, a role)
            st["noted_turns"] += int(("(" in t["label"] or "[" in t["label"])
                                         and STAGE_NOTE_RE.search(t["label"]) is None)
            last_is_question = t["last"] is not None and QUESTION_END.search(t["last"]) is not None
            st["asking_turns"] += int(last_is_question or t["request"])
            st["question_turns"] += int(last_is_question)
    fixed = {**{sp: r for sp, r in label_roles.items() if r[0] != "narrator"}, **fixed}
    roles = infer_roles(stats, {sp: r for sp, r in fixed.items() if sp in stats})
    callers = {sp for sp, (_, origin) in fixed.items() if origin == "caller" and sp in stats}
    if callers:   # say when a declaration changes the roles inferred for speakers it does not name
        unaided = infer_roles(stats, {sp: r for sp, r in fixed.items() if sp in stats and sp not in callers})
        moved = [f"{sp} ({unaided[sp][0]} -> {roles[sp][0]})" for sp in stats
                 if sp not in fixed and unaided[sp][0] != roles[sp][0]]
        if moved:
            info.setdefault("", {})["role_changes"] = (f"declaring {sorted(callers)} changed the roles inferred "
                                                       f"for {', '.join(moved)}; declare those speakers too if "
                                                       f"that is wrong.")
    _interpreters(turn_rows, roles, fixed)
    for t in turn_rows:
        if t["role"] is None:
            t["role"] = t["capacity"] or roles[t["speaker"]][0]
    s_speaker = ["" if kind is not None else turn_rows[tid - 1]["speaker"] for kind, tid in zip(s_kind, s_turn)]
    s_role = [kind if kind is not None else turn_rows[tid - 1]["role"] for kind, tid in zip(s_kind, s_turn)]

    n = len(s_start)
    sentences = _table("sentences", {
        "doc_id": [doc_id] * n, "sentence_id": range(1, n + 1), "turn_id": s_turn, "paragraph_id": s_para,
        "speaker": s_speaker, "role": s_role, "start": s_start, "end": s_end, "text": s_text})
    turns = _table("turns", {"doc_id": [doc_id] * len(turn_rows),
                             **{c: [t[c] for t in turn_rows] for c in ("turn_id", "speaker", "role", "label",
                                                                       "start", "end", "n_sentences", "n_words")}})

    # Speakers in order of first appearance; the totals of their turns.
    counts: dict[str, list[int]] = {}   # speaker -> [turns, sentences, words]
    for t in turn_rows:
        if t["speaker"] in stats:
            c = counts.setdefault(t["speaker"], [0, 0, 0])
            c[0] += 1
            c[1] += t["n_sentences"]
            c[2] += t["n_words"]
    speakers = _table("speakers", {
        "doc_id": [doc_id] * len(counts), "speaker": list(counts),
        "name": [info.get(sp, {}).get("name", sp) for sp in counts],
        "role": [roles[sp][0] for sp in counts],
        "role_source": [roles[sp][1] for sp in counts],
        "affiliation": [info.get(sp, {}).get("affiliation", "") for sp in counts],
        "n_turns": [c[0] for c in counts.values()], "n_sentences": [c[1] for c in counts.values()],
        "n_words": [c[2] for c in counts.values()],
    })
    return sentences, turns, speakers


#: Speakers who give another speaker's words in another language.
_INTERPRETER_LABELS = frozenset({"interpreter", "the interpreter", "interpretation", "translator", "the translator"})


def _interpreters(turn_rows: list[dict], roles: dict[str, tuple[str, str]], fixed: dict) -> None:
    """An interpreter who gives a questioner's words ("QUESTION (Taifa Leo, Mr. Omar Bakari) [in Kiswahili]: ..."
    then "INTERPRETER: Thank you very much, Cabinet Secretary. My question is ..."), in each of the interpreter's
    turns right after a questioner's, asks as the questioner did: an ``interviewer``."""
    for sp in list(roles):
        if sp.lower() not in _INTERPRETER_LABELS or sp in fixed:
            continue
        before = []   # the role of the speaker of the turn before each of the interpreter's turns
        prev = None
        for t in turn_rows:
            if t["role"] is not None:   # narrator or caption text
                continue
            if t["speaker"] == sp:
                before.append(roles[prev][0] if prev is not None and prev != sp else None)
            prev = t["speaker"]
        if before and all(r == "interviewer" for r in before):
            roles[sp] = ("interviewer", "questions")


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One span per line of ``text[start:end]`` that is not blank, stripped (a list with dot leaders, a page's
    running header and footer: no sentences, one line each)."""
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        le = end if nl == -1 else nl
        s, e = strip_span(text, pos, le)
        if s < e:
            spans.append((s, e))
        pos = le + 1
    return spans


def _mended(document: str, start: int, end: int, edits: list[tuple[int, int, str]], starts: list[int]) -> str:
    """``document[start:end]`` with the edits that lie inside it made (see toolkit.layout.page_text)."""
    k = bisect_left(starts, start)
    if k == len(starts) or starts[k] >= end:
        return document[start:end]
    out = []
    pos = start
    while k < len(edits) and edits[k][0] < end:
        a, b, new = edits[k]
        if a >= pos and b <= end:
            out.append(document[pos:a])
            out.append(new)
            pos = b
        k += 1
    out.append(document[pos:end])
    return "".join(out)


def _table(name: str, columns: dict[str, Any]) -> pd.DataFrame:
    """The reader's table ``name`` built at once from plain lists, each column in the dtype
    ``toolkit.schema`` documents: the frame :func:`toolkit.schema.conform` returns, without
    building an object frame and converting it column by column (a large share of the time of
    reading a transcript went there). ``columns`` are the table's documented reader columns,
    in order; anything else goes through ``conform``, which names the mismatch."""
    documented = [c for c in schema.TABLES[name] if not c.added_by]
    if [c.name for c in documented] != list(columns) or any(c.dtype not in ("int", "str") for c in documented):
        # not a shape this builder knows: let conform check and convert it (and name the problem)
        return schema.conform(name, pd.DataFrame({k: list(v) for k, v in columns.items()}))
    data: dict[str, Any] = {}
    str_dtype = pandas_dtype("str")   # what pd.array(..., dtype="str") looks up for each column
    for col in documented:
        values = columns[col.name]
        if col.dtype == "int":
            data[col.name] = np.array(values, dtype=np.int64)
        elif set(map(type, values)) <= {str}:   # every value a str
            data[col.name] = pd.array(values, dtype=str_dtype)
        else:   # a number or a list given as a name in a sidecar: convert as conform does
            data[col.name] = pd.Series(values, dtype=object).astype("str").array
    return pd.DataFrame(data, copy=False)
