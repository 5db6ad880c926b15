"""Exceptions and warnings raised by the toolkit.

Every error the toolkit raises on purpose is a :class:`ToolkitError`, so a
caller can catch them all in one place; the subclasses also derive from the
matching built-in (``ValueError``, ``TypeError``, ``FileNotFoundError``) so
ordinary ``except ValueError`` code keeps working.
"""

from __future__ import annotations

import os


class ToolkitError(Exception):
    """Base class of every error the toolkit raises deliberately."""


class ToolkitValueError(ToolkitError, ValueError):
    """An argument or a table has the right type but a wrong value."""


class ToolkitTypeError(ToolkitError, TypeError):
    """An argument has the wrong type."""


class TranscriptError(ToolkitValueError):
    """A transcript (or its metadata sidecar) cannot be read.

    The message always starts with the file it concerns, so a user running
    the CLI over a folder sees which file to fix.
    """

    def __init__(self, source: str | os.PathLike | None, problem: str):
        self.source = str(source) if source is not None else None
        self.problem = problem
        where = f"{self.source}: " if self.source else ""
        super().__init__(f"{where}{problem}")

    def __reduce__(self):  # picklable, so worker processes can report it
        return (self.__class__, (self.source, self.problem))


class TranscriptNotFoundError(TranscriptError, FileNotFoundError):
    """The transcript path does not exist or is not a file."""


class CorpusError(ToolkitValueError):
    """Some transcripts of a corpus cannot be read; ``errors`` holds one
    :class:`TranscriptError` per file, and the message lists them all."""

    def __init__(self, errors: list[TranscriptError], *, n_files: int, shown: int = 20):
        self.errors = list(errors)
        lines = [f"{len(errors)} of {n_files} transcripts cannot be read; nothing was written:"]
        lines += [f"  {e}" for e in errors[:shown]]
        if len(errors) > shown:
            lines.append(f"  ... and {len(errors) - shown} more")
        super().__init__("\n".join(lines))


class ToolkitWarning(UserWarning):
    """Something was read or computed, but a user should look at it."""


def check_option(value, allowed, *, name: str, func: str):
    """Validate a keyword option against a set of allowed values.

    Raises :class:`ToolkitValueError` with the library-wide message template:
    "The `by` parameter of keyness() must be one of {...}; got 'x'."
    """
    if value not in allowed:
        choices = "{" + ", ".join(repr(a) for a in sorted(allowed)) + "}"
        raise ToolkitValueError(
            f"The `{name}` parameter of {func}() must be one of {choices}; got {value!r}."
        )
    return value
