"""The full default analysis of a folder of transcripts against the naive alternative, at growing sizes.

For 10%, 25%, 50% and 100% of the files (nested random samples, seeded), runs in a fresh process each:

- **toolkit**: ``toolkit.analyze(files)`` then ``toolkit.write_analysis(result, tmpdir)``: exactly what
  ``python -m toolkit analyze FOLDER --out DIR`` does (every table, every step);
- **naive**: what a user would write by hand: NLTK's Punkt sentence splitter (default parameters: no
  download), TextBlob's sentiment and VADER's scores for every sentence, and a word count.

each timed ``--repeat`` times (default 3; the median run is reported, so that one run slowed by other work
on the machine does not decide a figure), and prints words per second for both, their ratio, the peak memory of each run (``resource.getrusage`` of
the child process, and of the toolkit's largest worker process, which counts the pages a forked process
shares with its parent; and, in a separate untimed run, the peak of the summed PSS of all the run's
processes, what the whole run takes from the machine), and the time per 1,000 words at each size
(linear scaling keeps it flat). Run:

    .venv/bin/python benchmarks/corpus_scaling.py ../shared/corpora/wh_press_briefings [--fractions 0.1 1]

Results and the machine they came from go into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _files(folder: str) -> list[str]:
    from toolkit import find_transcripts
    return [str(p) for p in find_transcripts(folder)]


def run_toolkit(files: list[str]) -> dict:
    import toolkit

    start = time.perf_counter()
    result = toolkit.analyze(files, progress=False)
    with tempfile.TemporaryDirectory() as out:
        toolkit.write_analysis(result, out)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "words": int(result.documents["n_words"].sum())}


def run_naive(files: list[str]) -> dict:
    from nltk.tokenize.punkt import PunktSentenceTokenizer
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    start = time.perf_counter()
    splitter, vader = PunktSentenceTokenizer(), SentimentIntensityAnalyzer()
    words, rows = 0, []
    for f in files:
        text = Path(f).read_text(encoding="utf-8")
        for sentence in splitter.tokenize(text):
            blob = TextBlob(sentence).sentiment
            rows.append((f, sentence, blob.polarity, blob.subjectivity, vader.polarity_scores(sentence)))
            words += len(sentence.split())
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "words": words, "sentences": len(rows)}


class _PssSampler:
    """The peak, sampled every 0.1 s, of the summed PSS of this process and its child processes: the memory
    the whole run takes from the machine (pages shared between processes, as forked processes share their
    parent's, are split between them rather than counted in each). Linux only (``/proc``); 0 elsewhere."""

    def __init__(self):
        import threading

        self.peak, self._stop = 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _pss(pid: int) -> float:
        try:
            with open(f"/proc/{pid}/smaps_rollup") as fh:
                return next((int(line.split()[1]) / 1024 for line in fh if line.startswith("Pss:")), 0.0)
        except OSError:
            return 0.0

    def _children(self, pid: int) -> list[int]:
        found = []
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    found += [int(c) for c in fh.read().split()]
        except OSError:
            pass
        return found

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, self._pss(me) + sum(self._pss(c) for c in self._children(me)))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _child(which: str, files_json: str) -> None:
    files = json.loads(Path(files_json).read_text())
    if which == "toolkit-memory":   # a run of its own: reading /proc takes time from the timed runs
        with _PssSampler() as sampler:
            run_toolkit(files)
        print(json.dumps({"all_processes_mb": sampler.peak}))
        return
    out = run_toolkit(files) if which == "toolkit" else run_naive(files)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # the largest worker process (the toolkit scores documents in worker processes; the naive run has none)
    out["workers_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(out))


def _measure(which: str, files: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(files, fh)
    try:
        proc = subprocess.run([sys.executable, __file__, "--child", which, fh.name], capture_output=True,
                              text=True, check=True)
    finally:
        os.unlink(fh.name)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _median_run(which: str, files: list[str], repeat: int) -> dict:
    """The median by time of ``repeat`` runs (each in a fresh process), with the times of all the runs."""
    runs = sorted((_measure(which, files) for _ in range(max(1, repeat))), key=lambda r: r["seconds"])
    median = dict(runs[(len(runs) - 1) // 2])
    median["all_seconds"] = [r["seconds"] for r in runs]
    return median


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder", nargs="?")
    p.add_argument("--fractions", type=float, nargs="+", default=[0.1, 0.25, 0.5, 1.0])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeat", type=int, default=3, help="timed runs of each size (the median is reported)")
    p.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        _child(*args.child)
        return
    if not args.folder:
        p.error("name the folder of transcripts")
    files = _files(args.folder)
    order = files[:]
    random.Random(args.seed).shuffle(order)
    import toolkit
    print(f"{len(files)} files in {args.folder}; toolkit {toolkit.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} cores")
    print("| files | share | words | toolkit s | toolkit words/s | toolkit ms per 1,000 words | toolkit peak MB "
          "| largest worker MB | toolkit all processes MB | naive s | naive words/s | naive peak MB "
          "| toolkit time / naive time |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    spread = []
    for frac in args.fractions:
        subset = sorted(order[:max(1, round(len(order) * frac))])
        tk, nv = _median_run("toolkit", subset, args.repeat), _median_run("naive", subset, args.repeat)
        tk.update(_measure("toolkit-memory", subset))
        print(f"| {len(subset)} | {frac:.0%} | {tk['words']:,} | {tk['seconds']:.1f} | "
              f"{tk['words'] / tk['seconds']:,.0f} | {1000 * tk['seconds'] / tk['words'] * 1000:.1f} | "
              f"{tk['peak_mb']:,.0f} | {tk['workers_peak_mb']:,.0f} | {tk['all_processes_mb']:,.0f} | "
              f"{nv['seconds']:.1f} | {nv['words'] / nv['seconds']:,.0f} | "
              f"{nv['peak_mb']:,.0f} | {tk['seconds'] / nv['seconds']:.2f} |", flush=True)
        spread.append(f"{frac:.0%}: toolkit " + ", ".join(f"{s:.1f}" for s in tk["all_seconds"]) +
                      " s; naive " + ", ".join(f"{s:.1f}" for s in nv["all_seconds"]) + " s")
    print(f"\nAll timed runs ({args.repeat} of each, the median in the table):")
    for line in spread:
        print("- " + line)


if __name__ == "__main__":
    main()
