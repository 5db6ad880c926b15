"""The tutorial notebooks run the way users run them: top to bottom in a fresh kernel, from notebooks/."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from conftest import REPORT, ROOT

nbformat = pytest.importorskip("nbformat", reason="the notebook tests need the dev extras: pip install -e '.[dev]'")
nbclient = pytest.importorskip("nbclient", reason="the notebook tests need the dev extras: pip install -e '.[dev]'")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: The notebooks the figures-and-notebooks issue (00-08) and the corpus issue (09) ask for.
EXPECTED = ["00_quickstart", "01_transcripts_and_speakers", "02_topics_and_segmentation", "03_sentiment",
            "04_framing", "05_keywords_and_keyness", "06_validating_with_human_coding", "07_figures_for_papers",
            "08_your_own_transcripts", "09_corpus_at_scale"]


def test_every_expected_notebook_is_there():
    names = [p.stem for p in NOTEBOOKS]
    assert [n for n in EXPECTED if n not in names] == []
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+", n) for n in names), names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a notebook without code"
    assert all(not c.outputs and c.execution_count is None for c in code), "strip the outputs before committing"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    source = "\n".join(c.source for c in code)
    assert "sys.path" not in source, "notebooks import the installed package only"
    assert not re.search(r"\b(toolkit|plotting|keywords|validation)\.\s*_[a-z]", source), "private names"
    assert "../shared" not in source and "/work/" not in source, "notebooks read only the repository"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_runs_top_to_bottom_in_a_fresh_kernel(path):
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(ROOT / "notebooks")}})
    start = time.perf_counter()
    client.execute()   # raises CellExecutionError, naming the cell, on any error
    seconds = time.perf_counter() - start
    REPORT.append(f"notebook {path.stem}: ran in {seconds:.1f} s")
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell {i}: {out.ename}: {out.evalue}")
            elif out.output_type == "stream" and out.name == "stderr" and "Warning" in out.text:
                problems.append(f"cell {i}: warning printed: {out.text.strip()[:200]}")
    assert problems == []
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images, "each notebook ends with a figure"


def test_listed_in_the_readmes():
    for readme in (ROOT / "README.md", ROOT / "notebooks" / "README.md"):
        text = readme.read_text(encoding="utf-8")
        missing = [p.name for p in NOTEBOOKS if p.name not in text]
        assert missing == [], f"{readme.relative_to(ROOT)} does not list {missing}"


def test_notebook_files_are_plain():
    """No trailing outputs of a local run, no absolute paths of a developer's machine."""
    for path in NOTEBOOKS:
        text = Path(path).read_text(encoding="utf-8")
        assert "/root/" not in text and "/home/" not in text and "/tmp/" not in text, path.name


def test_every_figure_shows_in_a_notebook(tmp_path):
    """Regression: the paper style once switched Jupyter's interactive mode off, so only the first figure
    of a kernel showed."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src, id=f"c{i}") for i, src in enumerate([
        "import toolkit\nfrom toolkit import plotting\nr = toolkit.analyze('../data/raw')",
        "plotting.plot_transcript_xray(r.sentences);",
        "plotting.plot_topic_share(r.tables['topics_by_speaker']);",
        "fig = plotting.figure('single')\nax = fig.add_subplot()\nax.plot([0, 1], [0, 1]);"])]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    shown = [any("image/png" in o.get("data", {}) for o in c.outputs) for c in nb.cells[1:]]
    assert shown == [True, True, True]
