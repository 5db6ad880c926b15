"""Command line: ``python -m toolkit analyze PATH... --out DIR``."""

from __future__ import annotations

import argparse
import sys
import warnings

from .errors import ToolkitError, ToolkitWarning


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m toolkit",
                                description="Discourse analysis of interview transcripts.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", aliases=["analyse"], help="read transcripts and write the analysis tables",
                       description="Read transcripts (files, folders or glob patterns), write the analysis "
                                   "tables (CSV, see the README's data dictionary) and manifest.json to the "
                                   "output folder, and optionally the standard figures.")
    a.add_argument("paths", nargs="*", metavar="PATH", help="transcript files, folders or glob patterns")
    a.add_argument("--out", required=True, metavar="DIR", help="folder to write the tables to")
    a.add_argument("--codebook", default=None, metavar="FILE",
                   help="topic codebook (YAML) to use instead of the shipped one")
    a.add_argument("--tone-lexicon", default=None, metavar="FILE",
                   help="tone lexicon (YAML, topics positive and negative) to use instead of the shipped one")
    a.add_argument("--tone-model", default=None, metavar="shipped|none|FILE",
                   help="the tone model that gives the sentiment label: 'shipped' (the default, unless "
                        "--tone-lexicon is given), a saved model's file, or 'none' (the tone lexicon's rule "
                        "labels)")
    a.add_argument("--frame-model", default=None, metavar="shipped|none|FILE",
                   help="the frame model that gives the frame label: 'shipped' (the default, unless --frames is "
                        "given), a saved model's file, or 'none' (the frame dictionary's primary frame)")
    a.add_argument("--topic-model", default=None, metavar="shipped|none|FILE",
                   help="the topic model that gives the topic label: 'shipped' (the default, unless --codebook "
                        "is given), a saved model's file, or 'none' (the codebook's primary topic)")
    a.add_argument("--frames", default=None, metavar="FILE",
                   help="frame dictionary (YAML) to use instead of the shipped one")
    a.add_argument("--encoding", default=None,
                   help="decode the files with this encoding instead of UTF-8 (e.g. cp1252)")
    a.add_argument("--format", default="csv", choices=["csv", "parquet"],
                   help="file format of the tables: csv (floats to 10 significant digits) or parquet (every "
                        "digit; needs pyarrow: pip install 'discourse-toolkit[parquet]')")
    a.add_argument("--docvars", nargs="+", default=None, metavar="KEY",
                   help="document variables (metadata keys such as date or party) to add, as text, after "
                        "doc_id to every table that has a doc_id (documents.csv keeps them in its metadata "
                        "column)")
    a.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes that score documents (default: one per core for 8 documents or more); "
                        "the tables are the same whatever N")
    a.add_argument("--engine", default="local", choices=["local", "dask"],
                   help="where documents are scored: local processes, or a Dask cluster (pip install "
                        "'discourse-toolkit[dask]')")
    a.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="with --engine dask: the address of a running Dask scheduler (default: a local cluster)")
    a.add_argument("--figures", default=None, metavar="DIR",
                   help="also draw the standard figures (PDF, SVG, PNG) into this folder")
    a.add_argument("--human-coding", default=None, metavar="FILE",
                   help="a coded sheet (doc_id, sentence_id, primary): with --figures, also draw the "
                        "confusion matrix of the human and the toolkit's primary topics")
    a.add_argument("--quiet", action="store_true", help="print no progress or summary")
    d = sub.add_parser("dictionary", help="print the data dictionary (Markdown) of the output tables")
    d.add_argument("--readme", metavar="FILE", help="replace the data dictionary between the "
                   "<!-- data-dictionary:start/end --> markers of FILE instead of printing it")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "analyse":
        args.command = "analyze"
    if args.command == "dictionary":
        from .schema import data_dictionary_markdown
        if args.readme:
            from pathlib import Path
            path = Path(args.readme)
            text = path.read_text(encoding="utf-8")
            start, end = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"
            if start not in text or end not in text:
                print(f"error: {path}: no {start} ... {end} markers", file=sys.stderr)
                return 2
            head, rest = text.split(start, 1)
            tail = rest.split(end, 1)[1]
            path.write_text(f"{head}{start}\n{data_dictionary_markdown()}{end}{tail}", encoding="utf-8")
            return 0
        sys.stdout.write(data_dictionary_markdown())
        return 0
    from .pipeline import analyze, write_analysis

    if not args.paths:   # "--docvars date party archive/" takes the folder as a document variable
        import os
        taken = [d for d in args.docvars or [] if os.path.exists(d) or any(c in d for c in "*?/\\")]
        hint = (f" --docvars took {taken} as document variables: put --docvars last (analyze PATH ... --out DIR "
                "--docvars KEY ...)." if taken else "")
        print(f"error: give the transcript files, folders or glob patterns to analyse.{hint}", file=sys.stderr)
        return 2
    if args.workers is not None and args.workers < 1:
        print(f"error: --workers must be a positive number of processes; got {args.workers}.", file=sys.stderr)
        return 2
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ToolkitWarning)
        try:
            human = written = None
            if args.human_coding:
                if not args.figures:
                    raise ToolkitError("--human-coding needs --figures (it draws the agreement figure).")
                from .validation import read_coding
                human = read_coding(args.human_coding, columns=("primary",))
            analysis = analyze(args.paths, codebook=args.codebook, tone_lexicon=args.tone_lexicon,
                               tone_model=args.tone_model, frame_model=args.frame_model,
                               topic_model=args.topic_model,
                               frames=args.frames, encoding=args.encoding,
                               progress=None if not args.quiet else False, docvars=args.docvars,
                               workers=args.workers, engine=args.engine, scheduler=args.scheduler)
            written = write_analysis(analysis, args.out, format=args.format)
            if args.figures:
                from .plotting import standard_figures
                written += standard_figures(analysis, args.figures, human_coding=human)
        except ToolkitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print(f"interrupted: no tables were written to {args.out}" if written is None else
                  "interrupted while drawing the figures (the tables are written)", file=sys.stderr)
            return 130
    for w in caught:
        if issubclass(w.category, ToolkitWarning):
            print(f"warning: {w.message}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    if not args.quiet:
        docs = analysis.documents
        print(f"analysed {len(docs)} transcript(s): {int(docs['n_turns'].sum())} turns, "
              f"{int(docs['n_sentences'].sum())} sentences, {int(docs['n_words'].sum())} words")
        for path in written:
            print(f"wrote {path}")
    return 0
