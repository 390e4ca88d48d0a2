"""The curator's subcommands of `cooperation`: source add, passages, scaffold and diff.

Each imports its machinery only when it runs, so the other subcommands start fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from .problems import UserError
from .terminal import emit

def examples(*lines: str) -> str:
    """An epilog for --help: the command lines a user can copy."""
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def command_source_add(arguments, console: Console) -> None:
    from .intake import IntakeError, add_source

    try:
        added = add_source(Path(arguments.path), arguments.root, source_id=arguments.id)
    except (IntakeError, OSError) as error:
        raise UserError(str(error)) from None
    proposal = added.proposal
    console.print(f"copied {arguments.path} to {added.seed_path} ({proposal.bytes} bytes, sha256 "
                  f"{proposal.sha256})", markup=False, highlight=False, soft_wrap=True)
    console.print(f"added a draft Source({added.source_id!r}, ...) to scripts/sources.py; check "
                  "what it proposes:", markup=False, highlight=False, soft_wrap=True)
    rows = [("article text", f"{proposal.body[0]}-{proposal.body[1]}: from "
                             f"{proposal.body_starts_with!r} to {proposal.body_ends_with!r}"),
            ("title", proposal.title), ("publisher", proposal.publisher or "(not named in the file)"),
            ("published_on", f"{proposal.published_on} ({proposal.published_on_basis})"),
            ("date reasoning", proposal.published_on_reasoning),
            ("printed dates", "; ".join(mention.text for mention in proposal.printed_dates) or "none"),
            ("outside the text", proposal.excluded_text)]
    rows += [(f"check {name}", what) for name, what in proposal.checks.items()]
    emit(console, ["proposal", "value"], rows, "table")
    console.print(f"next: `cooperation passages {added.source_id}` lists the passages that may "
                  "speak to a dimension", markup=False, highlight=False, soft_wrap=True)


def command_passages(arguments, console: Console) -> None:
    from .passages import TABLE_COLUMNS, PassageError, candidate_passages

    try:
        report = candidate_passages(arguments.root, arguments.source_id, arguments.dimension)
    except PassageError as error:
        raise UserError(str(error)) from None
    if arguments.format == "json":
        sys.stdout.write(report.to_json(all_sentences=arguments.all) + "\n")
        return
    rows = report.table_rows(all_sentences=arguments.all)
    what = f"for {arguments.dimension}" if arguments.dimension else "that may speak to a dimension"
    emit(console, TABLE_COLUMNS, rows, arguments.format,
         title=f"Candidate passages of {report.source_id} {what}")
    console.print(f"{len(report.flagged)} of {len(report.sentences)} sentences flagged "
                  f"({report.flagged_share:.0%}); suggestions only: nothing is coded",
                  markup=False, highlight=False, soft_wrap=True)


def command_scaffold(arguments, console: Console) -> None:
    from .passages import PassageError
    from .scaffold import ScaffoldError, scaffold

    try:
        written = scaffold(arguments.root, arguments.jurisdiction, arguments.source,
                           ocd_id=arguments.ocd_id)
    except (ScaffoldError, PassageError) as error:
        raise UserError(str(error)) from None
    verb = "wrote" if written.created else "added suggestions to"
    console.print(f"{verb} {written.path}: {written.suggestions} candidate passage(s) of "
                  f"{arguments.source} as comments; {written.division.ocd_division_id} "
                  f"(Census GEOID {written.division.census_geoid or 'none'}). Nothing is coded; "
                  f"check it with `.venv/bin/python {written.path}`", markup=False, highlight=False, soft_wrap=True)


def command_diff(arguments, console: Console) -> None:
    from .diff import diff_packages
    from .diff_sides import DiffError

    try:
        result = diff_packages(arguments.root, arguments.ref or "HEAD", arguments.new)
    except DiffError as error:
        raise UserError(str(error)) from None
    if arguments.format == "json":
        sys.stdout.write(result.to_json() + "\n")
    elif arguments.format == "markdown":
        sys.stdout.write(result.to_markdown() + "\n")
    elif result.is_empty:
        console.print(f"No changes to the data: {result.summary_line()}", markup=False,
                      highlight=False, soft_wrap=True)
    else:
        columns, rows = result.to_table_rows()
        emit(console, columns, [tuple(row) for row in rows], arguments.format,
             title=f"Changes: {result.summary_line()}")



def add_curator_commands(commands, with_format, output_formats: tuple[str, ...]) -> None:
    """Add the curator's subcommands to the `cooperation` parser's subcommands."""
    def curator(name: str, help_text: str, *command_lines: str):
        return commands.add_parser(name, help=help_text, description=help_text,
                                   formatter_class=argparse.RawDescriptionHelpFormatter,
                                   epilog=examples(*command_lines))

    source = curator("source", "register a source: `source add PATH`",
                     "cooperation source add ~/Downloads/article.txt",
                     "cooperation source add article.txt --id denver-post-2026-jail-policy")
    source_commands = source.add_subparsers(dest="source_command", required=True)
    add = source_commands.add_parser(
        "add", help="copy an article into seeds/ byte for byte and write a draft Source(...) entry",
        description="Copy an article into seeds/ unchanged, compute its sha256 and size, propose "
                    "where its text starts and ends, its title, publisher and date, and add a draft "
                    "Source(...) to scripts/sources.py for you to finish.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=examples("cooperation source add ~/Downloads/article.txt"))
    add.add_argument("path", help="the article, a UTF-8 text file")
    add.add_argument("--id", help="the source_id to register (default: proposed from the text)")
    add.set_defaults(handler=command_source_add)
    passages = with_format(curator(
        "passages", "candidate passages of a registered source: sentences that may speak to a "
                    "dimension, why, whom they name, and whether the package cites them",
        "cooperation passages johnston-2025-denver-ice",
        "cooperation passages ordinance-2017-denver-council --dimension status_inquiry",
        "cooperation passages johnston-2025-denver-ice --format json"))
    passages.add_argument("source_id")
    passages.add_argument("--dimension", help="only passages that may speak to this dimension")
    passages.add_argument("--all", action="store_true", help="every sentence, flagged or not")
    passages.set_defaults(handler=command_passages)
    draft = curator("scaffold", "write a draft worksheet for a jurisdiction (or add to its "
                                "worksheet) with a source's candidate passages as comments",
                    "cooperation scaffold boulder-co --source plainfield-ledger-2026",
                    "cooperation scaffold denver-co --source johnston-2025-denver-ice")
    draft.add_argument("jurisdiction", metavar="JURISDICTION_ID")
    draft.add_argument("--source", required=True, metavar="SOURCE_ID")
    draft.add_argument("--ocd-id", help="the OCD division id, where the id does not say it "
                                        "(default: guessed from JURISDICTION_ID, e.g. boulder-co)")
    draft.set_defaults(handler=command_scaffold)
    difference = curator("diff", "what changed in the data between a git ref or a release archive "
                                 "and the package as it is now",
                         "cooperation diff               # since the last commit (HEAD)",
                         "cooperation diff HEAD~1 --format markdown",
                         "cooperation diff dist/us-local-immigration-enforcement-cooperation-0.2.0.zip")
    difference.add_argument("ref", nargs="?", help="git ref, release .zip or package folder "
                                                   "(default: HEAD)")
    difference.add_argument("--new", help="compare with this instead of the package as it is now")
    difference.add_argument("--format", choices=output_formats + ("markdown",), default="table")
    difference.set_defaults(handler=command_diff)
