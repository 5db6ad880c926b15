"""toolkit.libscores against the libraries on every sentence of a corpus: identical numbers, and the time of each.

Reads every transcript of the folder with ``toolkit.read_transcript``, then scores every sentence with
TextBlob (``textblob.en.sentiment``, what ``TextBlob(text).sentiment`` computes) and with
``toolkit.libscores.textblob_scores``, and with VADER (``SentimentIntensityAnalyzer().polarity_scores``) and
``toolkit.libscores.vader_scores``; counts the sentences where any number differs in any bit (or in type,
or in the order of VADER's keys), and, unless ``--no-valences``, also compares VADER's valences before
rounding (the fast path's list against the library's own loop). Prints the CPU time of each scorer
(``time.process_time``, one process) and exits with status 1 on any difference. Run:

    .venv/bin/python benchmarks/sentiment_exact.py ../shared/corpora/wh_press_briefings
"""

from __future__ import annotations

import argparse
import platform
import struct
import sys
import time
import warnings
from importlib.metadata import version


def _same(x, y) -> bool:
    if type(x) is not type(y):
        return False
    if isinstance(x, float):
        return struct.pack("<d", x) == struct.pack("<d", y)
    return x == y


def _library_valences(analyzer, text: str) -> list:
    """polarity_scores' valences before score_valence, by the library's own code (its loop, as written)."""
    from vaderSentiment import vaderSentiment as vs

    sentitext = vs.SentiText(text.strip())
    words = sentitext.words_and_emoticons
    sentiments: list = []
    for i, item in enumerate(words):
        valence = 0
        if item.lower() in vs.BOOSTER_DICT:
            sentiments.append(valence)
            continue
        if i < len(words) - 1 and item.lower() == "kind" and words[i + 1].lower() == "of":
            sentiments.append(valence)
            continue
        sentiments = analyzer.sentiment_valence(valence, sentitext, item, i, sentiments)
    return analyzer._but_check(words, sentiments)


def _timed(label: str, func, texts: list[str]) -> tuple[list, float]:
    start = time.process_time()
    out = [func(t) for t in texts]
    seconds = time.process_time() - start
    print(f"  {label:<34} {seconds:8.1f} s  {len(texts) / seconds:10,.0f} sentences/s", flush=True)
    return out, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--no-valences", action="store_true", help="skip the comparison of VADER's valences")
    args = parser.parse_args(argv)

    import toolkit
    from textblob.en import sentiment as pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from toolkit import libscores

    print(f"{platform.machine()}, Python {platform.python_version()}, textblob {version('textblob')}, "
          f"vaderSentiment {version('vaderSentiment')}; fast paths: {libscores.fast_paths()}")
    start = time.perf_counter()
    files = toolkit.find_transcripts(args.folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", toolkit.ToolkitWarning)  # files without speaker labels: narrator text
        texts = [s for f in files for s in toolkit.read_transcript(f).sentences["text"]]
    print(f"{len(files):,} files, {len(texts):,} sentences read in {time.perf_counter() - start:.0f} s")

    vader = SentimentIntensityAnalyzer()
    libscores.textblob_scores(""), libscores.vader_scores("")  # load the lexicons outside the timings
    pattern_sentiment("")
    print("CPU time:")
    lib_tb, t_lib_tb = _timed("TextBlob (textblob.en.sentiment)", lambda t: tuple(pattern_sentiment(t)), texts)
    fast_tb, t_fast_tb = _timed("libscores.textblob_scores", libscores.textblob_scores, texts)
    lib_v, t_lib_v = _timed("VADER (polarity_scores)", vader.polarity_scores, texts)
    fast_v, t_fast_v = _timed("libscores.vader_scores", libscores.vader_scores, texts)
    print(f"  speed-up: TextBlob {t_lib_tb / t_fast_tb:.1f}x, VADER {t_lib_v / t_fast_v:.1f}x, "
          f"both {(t_lib_tb + t_lib_v) / (t_fast_tb + t_fast_v):.1f}x")

    bad_tb = [t for t, a, b in zip(texts, lib_tb, fast_tb, strict=True) if not all(map(_same, a, b))]
    bad_v = [t for t, a, b in zip(texts, lib_v, fast_v, strict=True)
             if list(a) != list(b) or not all(_same(a[k], b[k]) for k in a)]
    print(f"sentences whose TextBlob scores differ: {len(bad_tb):,}; VADER scores: {len(bad_v):,}")
    bad_valences: list[str] = []
    if not args.no_valences:
        v = libscores._vader()
        checked = 0
        for text in texts:
            if not v.emoji_chars.isdisjoint(text):
                continue  # the library scores these itself
            checked += 1
            valences, scored = libscores._sentiments(v, text.strip())
            expected = _library_valences(vader, text)
            if (len(valences) != len(expected) or not all(map(_same, valences, expected))) if scored \
                    else any(expected):
                bad_valences.append(text)
        print(f"sentences whose VADER valences before rounding differ: {len(bad_valences):,} of {checked:,}")
    for text in (bad_tb + bad_v + bad_valences)[:10]:
        print("  differs:", repr(text))
    return 1 if bad_tb or bad_v or bad_valences else 0


if __name__ == "__main__":
    sys.exit(main())
