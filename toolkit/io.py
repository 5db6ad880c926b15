"""Reading transcript files: bytes to text, front matter and metadata sidecars.

Decoding rules (documented in the README):

* A UTF-8 byte order mark is removed; a UTF-16 (LE or BE) byte order mark
  selects UTF-16. Anything else is decoded as strict UTF-8.
* Bytes that are not valid UTF-8 are refused with an error naming the file,
  the line and the byte offset, unless the caller names an encoding
  (``encoding="cp1252"``, CLI ``--encoding cp1252``) for such files: we
  never guess an encoding silently, because a wrong guess changes the words
  being counted. Files with a byte order mark, and valid UTF-8 files, are
  read as such whatever encoding is named.
* A file containing NUL bytes (and no UTF-16 byte order mark) is binary and
  refused; so are empty and whitespace-only files.
* Line ends ``\\r\\n`` and ``\\r`` become ``\\n``. All character offsets in the
  toolkit's tables are Python string offsets into this decoded text.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import ToolkitWarning, TranscriptError, TranscriptNotFoundError


class _UniqueKeys:
    """A YAML loader's mappings refuse a key given twice (a topic defined twice)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


class UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice (PyYAML's Python parser)."""


#: The same with libyaml's parser, when PyYAML was built with it: six times faster. It is used for the data
#: files the toolkit ships only (it gives their values exactly, tested): libyaml accepts some text that
#: PyYAML's Python parser refuses (``[temperature?]``), so users' files keep the Python parser's reading.
_FAST_LOADER = (type("_FastUniqueKeyLoader", (_UniqueKeys, yaml.CSafeLoader), {})
                if getattr(yaml, "__with_libyaml__", False) else None)


def load_yaml(text: str, *, shipped: bool = False):
    """``yaml.load`` with a safe loader that refuses a key given twice; by libyaml for ``shipped`` data files
    when PyYAML has it (on an error the Python parser reads the text again, for its message)."""
    if shipped and _FAST_LOADER is not None:
        try:
            return yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=UniqueKeyLoader)


#: File suffixes read when a folder is given to :func:`toolkit.read_corpus`
#: or the ``analyze`` command.
TRANSCRIPT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
#: File names (stem, case-insensitive) skipped inside folders: descriptions of
#: a corpus, not transcripts.
SKIPPED_STEMS = frozenset({"readme", "source", "license", "licence", "changelog", "notes"})
#: Sidecar suffix: ``interview.txt`` is described by ``interview.meta.yaml``.
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml")


@dataclass(frozen=True)
class RawDocument:
    """A decoded document before any parsing."""

    text: str
    path: Path | None
    sha256: str
    n_bytes: int
    encoding: str


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` reads as text in it (every other byte mostly NUL, and
    what it decodes to printable text), else None: a program or an image has NUL bytes too, but is no text."""
    for codec, high in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if high.count(0) <= len(high) // 2:
            continue
        try:
            sample = data[:40_000].decode(codec)   # an even number of bytes
        except UnicodeDecodeError:
            continue
        if sample and sum(c.isprintable() or c in "\n\r\t" for c in sample) >= 0.95 * len(sample):
            return codec
    return None


def decode_bytes(data: bytes, *, source: str | os.PathLike | None = None,
                 encoding: str | None = None) -> tuple[str, str]:
    """Decode transcript bytes; return ``(text, encoding_used)``.

    A byte order mark decides (UTF-8 or UTF-16); otherwise valid UTF-8 is read
    as UTF-8. ``encoding`` names the encoding of files that are neither (so
    one ``--encoding cp1252`` can cover a folder that mixes UTF-8 and cp1252
    files without garbling the UTF-8 ones). ``text`` has its byte order mark
    removed and newlines normalised to ``\\n``. Raises
    :class:`TranscriptError` naming ``source`` for empty, binary or
    undecodable input.
    """
    if len(data) == 0:
        raise TranscriptError(source, "the file is empty (0 bytes); there is no transcript to read.")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TranscriptError(source, f"unknown encoding {encoding!r}.") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        used = "utf-16"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TranscriptError(
                source, f"starts with a UTF-16 byte order mark but is not valid UTF-16 "
                f"(byte offset {exc.start})."
            ) from None
    elif data.startswith(codecs.BOM_UTF8):
        used = "utf-8-sig"
        try:
            text = data.decode(used)
        except UnicodeDecodeError as exc:
            raise TranscriptError(source, f"starts with a UTF-8 byte order mark but is not valid UTF-8: "
                                          f"byte 0x{data[exc.start]:02x} at byte offset {exc.start} "
                                          f"(line {_line_of(data, exc.start)}).") from None
    else:
        nul = data.find(b"\x00")
        text = None
        if nul == -1:
            try:
                text, used = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError as exc:
                bad = exc.start
        if text is None and encoding is not None:
            used = encoding
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise TranscriptError(
                    source,
                    f"is neither UTF-8 nor {encoding}: byte 0x{data[exc.start]:02x} at byte offset "
                    f"{exc.start} (line {_line_of(data, exc.start)}) cannot be decoded as {encoding}.",
                ) from None
            text = text.removeprefix("\ufeff")
        elif text is None and nul != -1:
            hint = ("Save the transcript as plain text (UTF-8).")
            utf16 = _utf16_without_bom(data)
            if utf16:
                hint = ("It looks like UTF-16 without a byte order mark: name the encoding "
                        f"(encoding='{utf16}' in Python, --encoding {utf16} on the command line).")
            raise TranscriptError(
                source, f"looks like a binary file, not a text transcript (NUL byte at byte offset {nul}). "
                        f"{hint}")
        elif text is None:
            raise TranscriptError(
                source,
                f"is not valid UTF-8: byte 0x{data[bad]:02x} at byte offset {bad} "
                f"(line {_line_of(data, bad)}). Save the file as UTF-8, or name its encoding "
                "(encoding='cp1252' in Python, --encoding cp1252 on the command line).",
            )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise TranscriptError(source, "contains only whitespace; there is no transcript to read.")
    return text, used


#: Suffixes of data files, which are no transcripts, and the pandas function that reads each.
DATA_FILES = {".csv": "pd.read_csv", ".tsv": "pd.read_csv(..., sep='\\t')", ".json": "pd.read_json",
              ".jsonl": "pd.read_json(..., lines=True)", ".xlsx": "pd.read_excel", ".xls": "pd.read_excel",
              ".parquet": "pd.read_parquet", ".feather": "pd.read_feather", ".dta": "pd.read_stata",
              ".sav": "pd.read_spss", ".pkl": "pd.read_pickle", ".pickle": "pd.read_pickle"}


def read_document(path: str | os.PathLike, *, encoding: str | None = None) -> RawDocument:
    """Read and decode one transcript file (see the module docstring for the rules)."""
    p = Path(path)
    if not p.exists():
        raise TranscriptNotFoundError(p, "no such file.")
    if p.is_dir():
        raise TranscriptNotFoundError(p, "is a folder, not a transcript file "
                                         "(read_corpus() and the analyze command take folders).")
    reader = DATA_FILES.get(p.suffix.lower())
    if reader:
        raise TranscriptError(p, f"is a data file ({p.suffix}), not a transcript: load it with pandas "
                                 f"({reader}) and pass the DataFrame to toolkit.analyze(df, text=<the column "
                                 f"holding the transcripts>).")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise TranscriptError(p, f"cannot be read: {exc.strerror or exc}.") from None
    text, used = decode_bytes(data, source=p, encoding=encoding)
    return RawDocument(text=text, path=p, sha256=hashlib.sha256(data).hexdigest(),
                       n_bytes=len(data), encoding=used)


# --------------------------------------------------------------------------
# Front matter
# --------------------------------------------------------------------------

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split_front_matter(text: str, *, source=None) -> tuple[dict[str, Any], int]:
    """Find YAML front matter at the very start of ``text``.

    Returns ``(metadata, end)`` where ``text[:end]`` is the front matter block
    (``end == 0`` when there is none). A block that is not a YAML mapping is
    not front matter (a Markdown horizontal rule, say) and stays in the text;
    invalid YAML also stays in the text, with a warning naming the line.
    """
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, 0
    try:
        data = yaml.safe_load(m.group(1) or "")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        warnings.warn(ToolkitWarning(
            f"{source}: the block between the '---' lines at the top is not valid YAML{where}: "
            f"{getattr(exc, 'problem', exc)}; it is read as transcript text, not as front matter."),
            stacklevel=3)
        return {}, 0
    if not isinstance(data, dict):
        return {}, 0
    return {str(k): _plain(v) for k, v in data.items()}, m.end()


def _plain(value):
    """YAML dates and times become ISO strings so metadata is JSON-serialisable."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# --------------------------------------------------------------------------
# Metadata sidecars
# --------------------------------------------------------------------------

SPEAKER_KEYS = frozenset({"label", "name", "role", "affiliation", "aliases"})


def sidecar_path(path: str | os.PathLike) -> Path | None:
    """Return the metadata sidecar of a transcript file, if one exists."""
    p = Path(path)
    for suffix in SIDECAR_SUFFIXES:
        candidate = p.with_name(p.stem + suffix)
        if candidate.is_file():
            return candidate
    for suffix in (".yaml", ".yml"):   # a near miss: say so rather than ignore it
        near = p.with_name(p.stem + suffix)
        if near.is_file():
            warnings.warn(f"{near}: not read as the metadata sidecar of {p.name}; a sidecar is named "
                          f"{p.stem}.meta.yaml.", ToolkitWarning, stacklevel=4)
    return None


def load_sidecar(path: str | os.PathLike) -> dict[str, Any]:
    """Load and validate a ``*.meta.yaml`` sidecar.

    The sidecar is a YAML mapping. Keys are free (title, source, date, party,
    ...) and become document metadata, except ``speakers``, which must be a
    list of mappings with a ``label`` (the speaker label as written in the
    transcript, without the colon) and optional ``name``, ``role``,
    ``affiliation`` and ``aliases`` (other labels for the same person).
    """
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise TranscriptError(p, f"is not valid YAML{where}: {getattr(exc, 'problem', exc)}.") from None
    except UnicodeDecodeError:
        raise TranscriptError(p, "is not valid UTF-8 text.") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise TranscriptError(p, f"must be a YAML mapping of metadata keys; got a {type(data).__name__}.")
    data = {str(k): _plain(v) for k, v in data.items()}
    if "speakers" in data:
        data["speakers"] = normalise_speakers(data["speakers"], source=p)
    return data


def normalise_speakers(speakers, *, source=None) -> list[dict[str, Any]]:
    """Validate a speaker list (from a sidecar or the ``speakers=`` argument).

    Accepts a list of mappings (``{label, name, role, affiliation, aliases}``)
    or a mapping ``{label: role}`` / ``{label: {name, role, ...}}``.
    Returns a list of mappings, each with at least ``label``.
    """
    from .layout import ROLES  # local import: layout imports this module

    if speakers is None:
        return []
    items: list[dict[str, Any]] = []
    if isinstance(speakers, dict):
        for label, spec in speakers.items():
            if isinstance(spec, str):
                items.append({"label": str(label), "role": spec})
            elif isinstance(spec, dict):
                items.append({"label": str(label), **spec})
            else:
                raise TranscriptError(source, f"speaker {label!r}: expected a role (text) or a mapping "
                                              f"with name/role/affiliation; got {type(spec).__name__}.")
    elif isinstance(speakers, list):
        for i, spec in enumerate(speakers, 1):
            if not isinstance(spec, dict) or "label" not in spec:
                raise TranscriptError(source, f"speakers entry {i} must be a mapping with a 'label' key "
                                              f"(the label as written in the transcript); got {spec!r}.")
            items.append(dict(spec))
    else:
        raise TranscriptError(source, f"'speakers' must be a list of mappings or a mapping of label to "
                                      f"role; got {type(speakers).__name__}.")
    for spec in items:
        unknown = set(spec) - SPEAKER_KEYS
        if unknown:
            raise TranscriptError(source, f"speaker {spec['label']!r} has unknown keys {sorted(unknown)}; "
                                          f"allowed: {sorted(SPEAKER_KEYS)}.")
        role = spec.get("role")
        if role is not None and role not in ROLES:
            raise TranscriptError(source, f"speaker {spec['label']!r} has role {role!r}; "
                                          f"roles are {sorted(ROLES)}.")
        aliases = spec.get("aliases", [])
        if isinstance(aliases, str):
            aliases = [aliases]
        spec["aliases"] = [str(a) for a in aliases]
        spec["label"] = str(spec["label"])
    return items
