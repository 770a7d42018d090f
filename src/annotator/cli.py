"""The command line. Every command calls the same application functions as the GUI.

Exit codes: 0 success, 1 a user error (message on stderr, no traceback), 2 bad usage, 130
interrupted (Ctrl+C), 143 terminated (SIGTERM, handled like Ctrl+C so clean-up runs).
Qt and spaCy are imported only by the commands that need them, so scripts start fast.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from annotator import __version__
from annotator.errors import UserError, shown
from annotator.ui.options import add_window_arguments

EXIT_OK, EXIT_USER_ERROR = 0, 1


def _gui(args: argparse.Namespace) -> int:
    from annotator.ui.app import run_gui

    return run_gui(
        project=args.project,
        article_id=args.article,
        screenshot=args.screenshot,
        size=args.size,
        check_libraries=args.check_libraries,
    )


def _new(args: argparse.Namespace) -> int:
    from annotator.store import ProjectStore

    ProjectStore.create(args.project).close()
    print(f"Created {args.project}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from annotator.app.importing import import_files
    from annotator.store import ProjectStore

    with ProjectStore.open(args.project) as store:
        report = import_files(
            store,
            args.files,
            allow_duplicates=args.allow_duplicates,
            skip_invalid=args.skip_invalid,
        )
    for result in report.files:
        name = shown(str(result.path))  # a file name with undecodable bytes still prints
        for article_id, title in result.added:
            print(f"{name}: imported {title!r} as article {article_id}")
        for article_id, title in result.duplicates:
            where = f"article {article_id}" if article_id else "an earlier line of this file"
            print(f"{name}: skipped {title!r}: the same text is already {where}")
        if result.merged:
            print(f"{name}: added {result.merged} annotation(s) to articles already there")
        for reason in result.skipped:
            print(f"{name}: skipped {reason}")
    skipped = sum(len(result.skipped) for result in report.files)
    total = f"Imported {report.added_count} article(s) from {len(report.files)} file(s)"
    if skipped:
        total += f", skipped {skipped} record(s)"
    if report.failed:
        for result in report.failed:
            print(f"annotator: error: {result.error}", file=sys.stderr)
        failed = ", ".join(shown(str(result.path)) for result in report.failed)
        print(f"{total}; {len(report.failed)} file(s) failed and were not imported: {failed}")
        return EXIT_USER_ERROR
    print(f"{total}.")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from annotator.store import ProjectStore

    with ProjectStore.open(args.project, read_only=True) as store:
        summaries = store.article_summaries()
    for summary in summaries:
        counts = "\t".join(f"{count} {kind.plural}" for kind, count in summary.counts.items())
        print(f"{summary.id}\t{summary.title}\t{counts}")
    return EXIT_OK


def _suggest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from annotator.app.suggestions import project_pipeline, suggest_project
    from annotator.store import ProjectStore

    bars: list[tqdm[NoReturn]] = []  # types-tqdm's type of a bar with no iterable

    def progress(done: int, total: int) -> None:
        if not bars:  # created on first progress, so a refused request shows no bar
            bars.append(tqdm(total=total, unit="article", desc="Suggesting", file=sys.stderr))
        bars[0].update(done - bars[0].n)

    with ProjectStore.open(args.project) as store:
        try:
            report = suggest_project(
                store, model=args.model, article_ids=args.article, progress=progress
            )
        finally:
            for bar in bars:
                bar.close()
        model = project_pipeline(store)
    print(
        f"Stored {report.suggestions} entity suggestion(s) in {report.articles} article(s) "
        f"using {model}."
    )
    if report.without_model:
        ids = ", ".join(map(str, report.without_model))
        print(
            f"No installed pipeline fits the language of article(s) {ids}: "
            "they got suggestions from entity memory only."
        )
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from annotator.app.evaluation import evaluate, read_gold, spacy_finder
    from annotator.app.suggestions import project_pipeline_name

    gold = read_gold(args.gold)
    report = evaluate(gold, spacy_finder(args.model or project_pipeline_name()))
    print(report.table())
    if args.verbose:
        print("\n".join(report.misses))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from annotator.app.exporting import export, format_for
    from annotator.interop.selection import Selection
    from annotator.store import ProjectStore

    fmt = format_for(args.output, args.format)
    selection = Selection(
        include_suggestions=args.include_suggestions,
        annotator=args.annotator,
        reviewed_only=args.reviewed_only,
    )
    with ProjectStore.open(args.project, read_only=True) as store:
        count = export(
            store,
            args.output,
            fmt,
            selection,
            with_tokens=args.with_tokens,
            publisher=args.publisher,
        )
    print(f"Exported {count} article(s) to {args.output} ({fmt})")
    return EXIT_OK


def _review_import(args: argparse.Namespace) -> int:
    from annotator.app.reviewing import review_import
    from annotator.store import ProjectStore

    with ProjectStore.open(args.project) as store:
        result = review_import(
            store,
            args.colleague,
            args.annotator,
            me=args.me,
            import_unmatched=args.import_unmatched,
        )
    who = ", ".join(result.annotators) or "nobody"
    for article_id, title, added in result.matched:
        print(f"article {article_id} {title!r}: {added} annotation(s) from {who}")
    for draft in result.unmatched:
        action = "imported as a new article" if args.import_unmatched else "matches no article"
        print(f"{draft.title!r}: {action}")
    print(
        f"Brought in the work of {who} on {len(result.matched)} article(s); "
        f"{len(result.unmatched)} unmatched"
        + (
            ""
            if args.import_unmatched or not result.unmatched
            else " (--import-unmatched adds them)"
        )
        + f". {args.colleague} was not modified."
    )
    return EXIT_OK


def _agreement(args: argparse.Namespace) -> int:
    from annotator.app.reviewing import project_agreement
    from annotator.store import ProjectStore

    with ProjectStore.open(args.project) as store:
        report = project_agreement(store)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report.table())
    return EXIT_OK


def _self_test(args: argparse.Namespace) -> int:
    from annotator.app.selftest import self_test

    started = time.perf_counter()
    extra = None
    if not args.no_window:
        from annotator.ui.app import window_check

        extra = window_check
    print(f"annotator {__version__} self-test")
    self_test(extra=extra)
    print(f"Self-test passed in {time.perf_counter() - started:.1f} s.")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate news articles: entities, claims, quotes and their sources.",
        epilog="With no command, the main window opens on the last project (or the demo).",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.set_defaults(
        handler=_gui,
        project=None,
        article=None,
        screenshot=None,
        size=None,
        check_libraries=False,
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    gui = commands.add_parser("gui", help="open the main window")
    add_window_arguments(gui)
    gui.set_defaults(handler=_gui)

    new = commands.add_parser("new", help="create an empty project file")
    new.add_argument("project", type=Path, metavar="PROJECT")
    new.set_defaults(handler=_new)

    imp = commands.add_parser(
        "import",
        help="import articles (.txt .md .html .docx; JSONL from annotator, Prodigy or doccano; "
        "Label Studio .json)",
    )
    imp.add_argument("project", type=Path, metavar="PROJECT")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--allow-duplicates",
        action="store_true",
        help="import an article again even when its text is already in the project",
    )
    imp.add_argument(
        "--skip-invalid",
        action="store_true",
        help="import a file's valid records and list the invalid ones (line and reason) "
        "instead of refusing the whole file",
    )
    imp.set_defaults(handler=_import)

    lst = commands.add_parser("list", help="one line per article: id, title, annotation counts")
    lst.add_argument("project", type=Path, metavar="PROJECT")
    lst.set_defaults(handler=_list)

    sug = commands.add_parser(
        "suggest", help="suggest entities, quotes, sources and claims for every article (or some)"
    )
    sug.add_argument("project", type=Path, metavar="PROJECT")
    sug.add_argument("--model", metavar="NAME", help="spaCy pipeline to use from now on")
    sug.add_argument(
        "--article", type=int, action="append", metavar="ID", help="only this article (repeatable)"
    )
    sug.set_defaults(handler=_suggest)

    ev = commands.add_parser(
        "evaluate", help="score quote, speaker, source and claim suggestions on a gold set"
    )
    ev.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    ev.add_argument("--model", metavar="NAME", help="spaCy pipeline (default: the usual one)")
    ev.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    ev.set_defaults(handler=_evaluate)

    rev = commands.add_parser(
        "review-import",
        help="bring in a colleague's work (their project file or exported JSONL) for review",
    )
    rev.add_argument("project", type=Path, metavar="PROJECT")
    rev.add_argument("colleague", type=Path, metavar="COLLEAGUE_FILE")
    rev.add_argument(
        "--annotator", metavar="NAME", help="their name (default: the names in the file)"
    )
    rev.add_argument(
        "--me",
        metavar="NAME",
        help="your own name: annotations under it in their file (a copy of your project) are "
        "their version of your work and come in under their name; without --me or --annotator, "
        "a file whose one name already has work in PROJECT is refused",
    )
    rev.add_argument(
        "--import-unmatched",
        action="store_true",
        help="add their articles that match none of the project's as new articles",
    )
    rev.set_defaults(handler=_review_import)

    agr = commands.add_parser(
        "agreement",
        help="span P/R/F1, Cohen's kappa and Krippendorff's alpha between the annotators",
    )
    agr.add_argument("project", type=Path, metavar="PROJECT")
    agr.add_argument("--json", action="store_true", help="print the figures as JSON")
    agr.set_defaults(handler=_agreement)

    test = commands.add_parser(
        "self-test",
        help="check this installation end to end: model, suggestions, project, export, window",
    )
    test.add_argument(
        "--no-window", action="store_true", help="leave out drawing the main window offscreen"
    )
    test.set_defaults(handler=_self_test)

    exp = commands.add_parser("export", help="write the project's articles and annotations")
    exp.add_argument("project", type=Path, metavar="PROJECT")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    exp.add_argument(
        "--format",
        choices=("jsonl", "spacy", "csv", "claimreview"),
        help="what to write (default: from OUT's extension: .spacy, .csv; else jsonl)",
    )
    exp.add_argument(
        "--include-suggestions",
        action="store_true",
        help='also write suggestions nobody has reviewed yet (status "suggested")',
    )
    exp.add_argument("--annotator", metavar="NAME", help="only this annotator's annotations")
    exp.add_argument(
        "--reviewed-only",
        action="store_true",
        help="the adjudicated result: reviewed articles, with what their review kept",
    )
    exp.add_argument(
        "--with-tokens", action="store_true", help='JSONL: add spaCy\'s "tokens" to each line'
    )
    exp.add_argument(
        "--publisher",
        metavar="NAME",
        help="ClaimReview: the fact-checking organisation named as the reviews' author",
    )
    exp.set_defaults(handler=_export)
    return parser


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised as Ctrl+C is, so that the same clean-up runs: a transaction rolls
    back, an export's temporary file is removed."""


def _terminate(signum: int, frame: object) -> NoReturn:
    raise _Terminated


@contextlib.contextmanager
def _terminate_like_interrupt(enabled: bool) -> Iterator[None]:
    """SIGTERM raises _Terminated while the command runs. Not for the window, where Qt's
    event loop, not Python, would meet the exception."""
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _escape_unprintable_output() -> None:
    """Print any text, a file name whose bytes are not UTF-8 included (Python holds those
    bytes as lone surrogates, which no encoding takes): they print as backslash escapes
    instead of ending the command with a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _project_errors(args: argparse.Namespace) -> contextlib.AbstractContextManager[None]:
    """SQLite errors from the project a command works on whose cause is the file or the disk
    (full, failing, changed under us) become one line naming the project."""
    project = getattr(args, "project", None)
    if not isinstance(project, Path):
        return contextlib.nullcontext()
    from annotator.store.connections import known_errors

    return known_errors(project)


def main(argv: Sequence[str] | None = None) -> int:
    _escape_unprintable_output()
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    with _terminate_like_interrupt(enabled=handler is not _gui):
        try:
            with _project_errors(args):
                return handler(args)
        except UserError as error:
            print(f"annotator: error: {error}", file=sys.stderr)
            return EXIT_USER_ERROR
        except KeyboardInterrupt as error:
            terminated = isinstance(error, _Terminated)
            print(f"annotator: {'terminated' if terminated else 'interrupted'}", file=sys.stderr)
            return 143 if terminated else 130
        except BrokenPipeError:  # e.g. `annotator list P | head`
            return EXIT_OK
