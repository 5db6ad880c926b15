"""discourse-toolkit: discourse analysis of political interview transcripts.

Start with :func:`read_transcript` (one transcript) or :func:`read_corpus`
(files and folders); :func:`analyze` runs the whole pipeline and
``python -m toolkit analyze`` writes the tables to disk.
"""

from .errors import (
                     ToolkitError,
                     ToolkitTypeError,
                     ToolkitValueError,
                     ToolkitWarning,
                     TranscriptError,
                     TranscriptNotFoundError,
)
from .transcript import Transcript, read_transcript

__version__ = "0.1.0"

__all__ = [
    "Transcript", "read_transcript",
    "ToolkitError", "ToolkitTypeError", "ToolkitValueError", "ToolkitWarning",
    "TranscriptError", "TranscriptNotFoundError", "__version__",
]
