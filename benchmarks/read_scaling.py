"""How reading time grows with transcript size (the reader must be linear).

Builds one transcript of about 5, 10, 25 and 50 MB by repeating real turns
(the White House briefings in ../shared when present, else the Alimov
interview), reads each with toolkit.read_transcript, and prints seconds,
MB per second, seconds per MB and peak memory. Run:

    .venv/bin/python benchmarks/read_scaling.py [--sizes 5 10 25 50]

Results and the machine they came from go into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

import toolkit

ROOT = Path(__file__).resolve().parents[1]
WH = ROOT.parent / "shared" / "corpora" / "wh_press_briefings"


def seed_text() -> tuple[str, str]:
    if WH.is_dir():
        parts = []
        for f in sorted(WH.rglob("*.md"))[:40]:
            body = f.read_text(encoding="utf-8")
            parts.append(body.split("\n---\n", 1)[-1])
        return "\n\n".join(parts), "first 40 White House briefings (front matter removed)"
    text = (ROOT / "data" / "raw" / "alimov_sco_interview.txt").read_text(encoding="utf-8")
    return text.split("\n\n", 2)[2], "Alimov interview turns"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=float, nargs="+", default=[5, 10, 25, 50], help="sizes in MB")
    args = ap.parse_args()
    seed, what = seed_text()
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores; seed: {what}")
    print(f"{'MB':>6} {'sentences':>10} {'seconds':>8} {'MB/s':>6} {'s/MB':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            reps = max(1, int(mb * 1e6 / len(seed.encode("utf-8"))))
            path = Path(tmp) / f"big_{mb:g}.txt"
            path.write_text("\n\n".join([seed] * reps), encoding="utf-8")
            size = path.stat().st_size / 1e6
            t0 = time.perf_counter()
            t = toolkit.read_transcript(path)
            dt = time.perf_counter() - t0
            print(f"{size:6.1f} {len(t.sentences):10d} {dt:8.1f} {size / dt:6.2f} {dt / size:6.2f}", flush=True)
            del t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss): {peak:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
