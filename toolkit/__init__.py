"""discourse-toolkit: discourse analysis of political interview transcripts.

Start with :func:`read_transcript` (one transcript) or :func:`read_corpus`
(files and folders); :func:`analyze` runs the whole pipeline and
:func:`write_analysis` (or ``python -m toolkit analyze``) writes the tables.
"""

from .errors import (
    CorpusError,
    ToolkitError,
    ToolkitTypeError,
    ToolkitValueError,
    ToolkitWarning,
    TranscriptError,
    TranscriptNotFoundError,
)
from .pipeline import Analysis, analyze, find_transcripts, read_corpus, write_analysis
from .transcript import Transcript, read_transcript

__version__ = "0.1.0"

__all__ = [
    "Transcript", "read_transcript", "read_corpus", "find_transcripts", "analyze", "write_analysis",
    "Analysis", "CorpusError", "ToolkitError", "ToolkitTypeError", "ToolkitValueError", "ToolkitWarning",
    "TranscriptError", "TranscriptNotFoundError", "__version__",
]
