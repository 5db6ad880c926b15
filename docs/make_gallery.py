"""Redraw the README's gallery (docs/gallery/*.png) from the interview: ``python docs/make_gallery.py``.

The same figures ``make analysis`` writes to data/processed/figures/ (PDF, SVG, PNG at 300 dpi), here as
small PNGs (110 dpi) committed for the README.
"""

from pathlib import Path

import toolkit
from toolkit import plotting
from toolkit.validation import read_coding

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    out = ROOT / "docs" / "gallery"
    for old in out.glob("*.png"):
        old.unlink()
    result = toolkit.analyze(ROOT / "data" / "raw")
    human = read_coding(ROOT / "data" / "annotations" / "alimov_sco_interview.topics.csv", columns=("primary",))
    for path in plotting.standard_figures(result, out, formats=("png",), dpi=110, human_coding=human):
        print(path.relative_to(ROOT))
