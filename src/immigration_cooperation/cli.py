"""`cooperation`: build, validate and query the package from the terminal.

    cooperation build                      curate, validate, write everything, print the matrix
    cooperation database                   write the DuckDB database file from data/ as it is
    cooperation validate [DIR]             validate a package directory (default: this checkout)
    cooperation query "SQL"                run SQL against the package's views
    cooperation compare A B [--as-of D]    two jurisdictions side by side, per dimension
    cooperation matrix [--as-of D]         every jurisdiction's positions and limits index
    cooperation evidence JURISDICTION DIMENSION   the quotes behind one cell
    cooperation benchmark                  time every view and macro of the SQL contract
    cooperation benchmark --scale N        time every stage on a synthetic corpus of N provisions
    cooperation release [--dist DIR]       the versioned release archive (default: dist/)
    cooperation screenshot                 retake the explorer's screenshots in docs/ (headless Chromium)

Curator's tools:
    cooperation source add PATH [--id ID]  copy an article into seeds/ and draft its registry entry
    cooperation passages SOURCE_ID [--dimension D]   candidate passages: what each may speak to
    cooperation scaffold JURISDICTION_ID --source SOURCE_ID   a draft worksheet with suggestions
    cooperation diff [REF]                 what changed in the data since a git ref or release

User input is always bound as a SQL parameter. Errors are one clear message and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any, Sequence

import duckdb
from rich.console import Console

from .curator_cli import add_curator_commands, examples as _examples
from .problems import CurationError, UserError, closest
from .terminal import emit
from .worksheets import project_root
from .findings import ValidationFailed

OUTPUT_FORMATS = ("table", "csv", "json")


def connect(root: Path) -> duckdb.DuckDBPyConnection:
    """The package's views: from its database file where that is current, else views.sql over
    the CSVs."""
    from .database_file import current_database

    database = current_database(root)
    if database is not None:
        return database
    from . import sql

    try:
        return sql.connect(root)
    except (FileNotFoundError, ValueError, duckdb.Error) as error:
        raise UserError(f"cannot open the views of {root}: {error}") from None


def _date(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UserError(f"--as-of {text!r} is not a date in YYYY-MM-DD form") from None


def _known(connection, what: str, value: str, query: str) -> str:
    allowed = [row[0] for row in connection.execute(query).fetchall()]
    if value in allowed:
        return value
    suggestions = closest(value, allowed)
    hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
    raise UserError(f"unknown {what} {value!r}.{hint} Known: {', '.join(allowed)}")


def jurisdiction(connection, value: str) -> str:
    return _known(connection, "jurisdiction", value,
                  "SELECT jurisdiction_id FROM jurisdictions ORDER BY jurisdiction_id")


def dimension(connection, value: str) -> str:
    return _known(connection, "dimension", value, "SELECT CAST(dimension AS VARCHAR) FROM dimensions "
                                                  "ORDER BY sort_order")


def run_query(connection, sql: str, parameters: Sequence[Any] = ()) -> tuple[list[str], list[tuple]]:
    try:
        cursor = connection.execute(sql, list(parameters))
    except duckdb.Error as error:
        raise UserError(f"DuckDB: {error}") from None
    if cursor.description is None:
        return [], []
    return [column[0] for column in cursor.description], cursor.fetchall()


MATRIX_SQL = "SELECT * FROM policy_matrix_as_of(CAST(? AS DATE))"
COMPARE_SQL = "SELECT * FROM compare_jurisdictions(?, ?, as_of := CAST(? AS DATE))"
EVIDENCE_SQL = """
SELECT provision_id, position, level, relation_to_record,
       date_text(observed_on, observed_on_latest) AS observed, asserted_by, speaker_actor_id, quote,
       source_id, quote_start, quote_end
FROM provision_evidence
WHERE jurisdiction_id = ? AND CAST(dimension AS VARCHAR) = ?
ORDER BY observed_on, observed_on_latest, provision_id, length(evidence_id), evidence_id
"""
LATEST = "9999-12-31"


def matrix_for_terminal(columns: list[str], rows: list[tuple]) -> tuple[list[str], list[tuple]]:
    """The matrix with each dimension's basis folded into its cell, one fact per line, so a
    terminal shows every cell's position with its dates, sources, party and dispute flag."""
    basis = {name[: -len("_basis")]: index for index, name in enumerate(columns) if name.endswith("_basis")}
    # the basis says "(possibly in force)" where a cell is only possible, so _certainty can go
    keep = [index for index, name in enumerate(columns)
            if not name.endswith(("_basis", "_certainty"))]
    shown = []
    for row in rows:
        cells = []
        for index in keep:
            value = row[index]
            if columns[index] in basis and row[basis[columns[index]]]:
                value = f"{value}\n" + row[basis[columns[index]]].replace("; ", "\n")
            cells.append(value)
        shown.append(tuple(cells))
    return [columns[index] for index in keep], shown


def command_build(arguments, console: Console) -> None:
    from .build import DATABASE, build
    from .sql import without_progress_bar

    root = arguments.root
    build(root, progress=lambda message: console.print(f"[dim]·[/dim] {message}", soft_wrap=True))
    # The database file just written holds the same views over tables: no CSV to parse again.
    connection = without_progress_bar(duckdb.connect(str(root / DATABASE), read_only=True))
    columns, rows = run_query(connection, MATRIX_SQL, [LATEST])
    emit(console, *matrix_for_terminal(columns, rows), "table",
         title="Policy matrix (latest position of record)")


def command_database(arguments, console: Console) -> None:
    import os
    import tempfile

    from .build import DATABASE
    from .sql import write_database

    from .validation import validate_package

    root = arguments.root
    findings = validate_package(root, helper_process=True)
    if findings:
        raise ValidationFailed(findings)
    with tempfile.TemporaryDirectory(prefix=".database-", dir=root) as scratch:
        write_database(root, Path(scratch) / DATABASE)
        os.replace(Path(scratch) / DATABASE, root / DATABASE)
    console.print(f"wrote {root / DATABASE} from the committed package", soft_wrap=True)


def command_validate(arguments, console: Console) -> None:
    package_dir = Path(arguments.directory).resolve() if arguments.directory else arguments.root
    if not package_dir.is_dir():
        raise UserError(f"{package_dir} is not a folder")
    if not (package_dir / "datapackage.json").is_file():
        raise UserError(f"{package_dir} holds no datapackage.json: it is not a data package folder")
    from .validation import validate_package

    findings = validate_package(package_dir, helper_process=True)
    if findings:
        raise ValidationFailed(findings)
    console.print(f"valid: {package_dir / 'datapackage.json'} (frictionless, pandera, cross-table "
                  "checks and DuckDB views)", markup=False, highlight=False, soft_wrap=True)


def command_query(arguments, console: Console) -> None:
    connection = connect(arguments.root)
    columns, rows = run_query(connection, arguments.sql)
    emit(console, columns, rows, arguments.format)


def command_compare(arguments, console: Console) -> None:
    connection = connect(arguments.root)
    first = jurisdiction(connection, arguments.first)
    second = jurisdiction(connection, arguments.second)
    as_of = _date(arguments.as_of) or LATEST
    columns, rows = run_query(connection, COMPARE_SQL, [first, second, as_of])
    title = f"{first} vs {second}" + (f" as of {arguments.as_of}" if arguments.as_of else " (latest)")
    emit(console, columns, rows, arguments.format, title=title)


def command_matrix(arguments, console: Console) -> None:
    connection = connect(arguments.root)
    as_of = _date(arguments.as_of) or LATEST
    columns, rows = run_query(connection, MATRIX_SQL, [as_of])
    title = "Policy matrix" + (f" as of {arguments.as_of}" if arguments.as_of else " (latest)")
    if arguments.format == "table":
        columns, rows = matrix_for_terminal(columns, rows)
    emit(console, columns, rows, arguments.format, title=title)


def command_evidence(arguments, console: Console) -> None:
    connection = connect(arguments.root)
    place = jurisdiction(connection, arguments.jurisdiction)
    topic = dimension(connection, arguments.dimension)
    columns, rows = run_query(connection, EVIDENCE_SQL, [place, topic])
    if not rows and arguments.format == "table":
        console.print(f"{place} / {topic}: not addressed by any source", soft_wrap=True)
        return
    emit(console, columns, rows, arguments.format, title=f"Evidence: {place} / {topic}")


def command_benchmark(arguments, console: Console) -> None:
    if arguments.scale:
        return command_scale_benchmark(arguments, console)
    from .benchmark import (PERFORMANCE_RECORD, RATIO_LIMIT, command_latency, measure,
                            performance_markdown)
    from .scale_benchmark import scale_section

    results = measure(arguments.root, repeats=arguments.repeats)
    rows = [(name, count, f"{median:.2f}", f"{worst:.2f}") for name, count, median, worst in results]
    emit(console, ["name", "rows", "median_ms", "max_ms"], rows, arguments.format,
         title=f"SQL contract timings ({arguments.repeats} runs each, median)")
    try:
        latencies = command_latency(arguments.root, repeats=arguments.command_repeats,
                                    progress=lambda message: errors_console().print(f"· {message}", style="dim", soft_wrap=True))
    except (FileNotFoundError, RuntimeError) as error:
        raise UserError(str(error)) from None
    emit(console, ["command", "command_ms", "plain_duckdb_ms", "ratio"],
         [(latency.command, f"{latency.command_ms:.0f}", f"{latency.plain_ms:.0f}", f"{latency.ratio:.2f}")
          for latency in latencies], arguments.format,
         title=f"The command against plain Python DuckDB on the database file "
               f"({arguments.command_repeats} runs each, median; limit {RATIO_LIMIT}x)")
    if arguments.record:
        record = arguments.root / PERFORMANCE_RECORD
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(performance_markdown(arguments.root, results, latencies, arguments.repeats,
                                               arguments.command_repeats) + scale_section(arguments.root),
                          encoding="utf-8")
        errors_console().print(f"wrote {record}", style="dim", soft_wrap=True)
    slow = [name for name, _, median, _ in results if median >= arguments.limit_ms]
    slow += [f"{latency.command} ({latency.ratio:.2f}x plain DuckDB)" for latency in latencies
             if latency.ratio > RATIO_LIMIT]
    if slow:
        raise UserError(f"too slow: {', '.join(slow)} (limits: {arguments.limit_ms} ms median per "
                        f"view, {RATIO_LIMIT}x plain DuckDB per command)")


def command_scale_benchmark(arguments, console: Console) -> None:
    import json

    from .benchmark import _commit
    from .scale_benchmark import STAGES, problems, record_runs, run_as_json, run_scale, stage_rows

    stages = tuple(arguments.stages.split(",")) if arguments.stages else STAGES
    unknown = [stage for stage in stages if stage not in STAGES]
    if unknown:
        raise UserError(f"unknown stage(s) {', '.join(unknown)}; the stages are {', '.join(STAGES)}")
    if arguments.keep is not None and len(arguments.scale) > 1:
        raise UserError("--keep holds one corpus: give one --scale with it")
    progress = lambda message: errors_console().print(f"· {message}", style="dim", soft_wrap=True)
    runs, found = [], []
    for provisions in arguments.scale:
        try:
            run = run_scale(provisions, stages, folder=arguments.keep, progress=progress)
        except RuntimeError as error:
            raise UserError(str(error)) from None
        runs.append(run)
        found += problems(run)
        ratio = run.ratio_to_reference
        emit(console, ["stage", "seconds", "peak_mib", "result"], stage_rows(run), arguments.format,
             title=f"{provisions:,} provisions on {run.machine}"
                   + (f"; validate / DuckDB-only check = {ratio:.2f}x" if ratio else ""))
    if arguments.json is not None:
        arguments.json.write_text(json.dumps([run_as_json(run) for run in runs], indent=2) + "\n",
                                  encoding="utf-8")
        progress(f"wrote {arguments.json}")
    if arguments.record:
        progress(f"wrote {record_runs(arguments.root, runs, _commit(arguments.root))}")
    if found:
        raise UserError("; ".join(found))


def errors_console() -> Console:
    return Console(stderr=True) if sys.stderr.isatty() else Console(stderr=True, width=240)


def command_release(arguments, console: Console) -> None:
    from .distribution import ReleaseError, write_release

    dist = (arguments.dist or arguments.root / "dist").resolve()
    try:
        write_release(arguments.root, dist, progress=lambda message: console.print(f"[dim]·[/dim] {message}", soft_wrap=True))
    except ReleaseError as error:
        raise UserError(str(error)) from None


def command_screenshot(arguments, console: Console) -> None:
    from .explorer_screenshots import take

    take(arguments.root, progress=lambda message: console.print(f"[dim]·[/dim] {message}", soft_wrap=True))


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="cooperation", description=__doc__.split("\n\n")[0],
                                   formatter_class=argparse.RawDescriptionHelpFormatter,
                                   epilog=_examples("cooperation compare denver-co aurora-co",
                                                    "cooperation passages johnston-2025-denver-ice"))
    main.add_argument("--root", type=Path, default=None,
                      help="package folder (default: the current folder or the nearest one above "
                           "it that holds datapackage.json)")
    commands = main.add_subparsers(dest="command", required=True)

    def with_format(sub):
        sub.add_argument("--format", choices=OUTPUT_FORMATS, default="table", help="output format")
        return sub

    def command(name: str, help_text: str, *command_lines: str):
        return commands.add_parser(name, help=help_text, description=help_text,
                                   formatter_class=argparse.RawDescriptionHelpFormatter,
                                   epilog=_examples(*command_lines))

    command("build", "curate, validate and write data/, datapackage.json, docs, SQL and the database",
            "cooperation build", "cooperation --root ~/packages/cooperation build"
            ).set_defaults(handler=command_build)
    command("database", "write the DuckDB database file from the package as it is, without "
                        "rebuilding", "cooperation database").set_defaults(handler=command_database)
    validate = command("validate", "validate a package directory (all three layers)",
                       "cooperation validate", "cooperation validate ~/Downloads/unpacked-release")
    validate.add_argument("directory", nargs="?", help="directory holding datapackage.json")
    validate.set_defaults(handler=command_validate)
    query = with_format(command("query", "run SQL against the views",
                                "cooperation query \"SELECT * FROM disputes\"",
                                "cooperation query \"SELECT * FROM policy_as_of(DATE '2018-01-01')\" "
                                "--format csv"))
    query.add_argument("sql")
    query.set_defaults(handler=command_query)
    compare = with_format(command("compare", "compare two jurisdictions, per dimension",
                                  "cooperation compare denver-co aurora-co",
                                  "cooperation compare denver-co aurora-co --as-of 2018-01-01"))
    compare.add_argument("first", metavar="A")
    compare.add_argument("second", metavar="B")
    compare.add_argument("--as-of", metavar="DATE")
    compare.set_defaults(handler=command_compare)
    matrix = with_format(command("matrix", "every jurisdiction's positions and limits index",
                                 "cooperation matrix", "cooperation matrix --as-of 2016-12-01 --format csv"))
    matrix.add_argument("--as-of", metavar="DATE")
    matrix.set_defaults(handler=command_matrix)
    evidence = with_format(command("evidence", "the quotes behind one cell",
                                   "cooperation evidence denver-co release_notification"))
    evidence.add_argument("jurisdiction")
    evidence.add_argument("dimension")
    evidence.set_defaults(handler=command_evidence)
    benchmark = with_format(command("benchmark", "time every contract view and macro",
                                    "cooperation benchmark", "cooperation benchmark --repeats 5 --record",
                                    "cooperation benchmark --scale 10000 100000 --json /tmp/scale.json"))
    benchmark.add_argument("--repeats", type=_positive, default=15, help="runs of each view (default: 15)")
    benchmark.add_argument("--limit-ms", type=float, default=50.0,
                           help="exit non-zero if any view's median is at or above this")
    benchmark.add_argument("--command-repeats", type=_positive, default=7,
                           help="runs of each command and of plain DuckDB (default: 7)")
    benchmark.add_argument("--record", action="store_true",
                           help="also write the figures to docs/performance.md")
    benchmark.add_argument("--scale", type=_positive, nargs="+", metavar="N",
                           help="instead: a synthetic national corpus of N provisions, each stage "
                                "timed (curation of N/10 jurisdictions' worksheets, validation, database, views)")
    benchmark.add_argument("--stages", metavar="LIST",
                           help="with --scale: comma-separated stages to run (default: all; the "
                                "corpus is always generated)")
    benchmark.add_argument("--keep", type=Path, metavar="DIR",
                           help="with --scale: write the corpus to DIR (emptied first) and keep it")
    benchmark.add_argument("--json", type=Path, metavar="PATH",
                           help="with --scale: also write every figure to PATH as JSON")
    benchmark.set_defaults(handler=command_benchmark)
    release = command("release", "write the versioned release archive (zip with data, docs, "
                                 "database, Parquet, checksums and release notes)",
                      "cooperation release", "cooperation release --dist /tmp/dist")
    release.add_argument("--dist", type=Path, default=None, help="output directory (default: dist/)")
    release.set_defaults(handler=command_release)

    command("screenshot", "retake the README's screenshots of the explorer (docs/explorer-*.png) in "
                          "headless Chromium", "cooperation screenshot").set_defaults(handler=command_screenshot)

    add_curator_commands(commands, with_format, OUTPUT_FORMATS)
    return main


PACKAGE_MARKERS = ("datapackage.json", "scripts/sources.py")


def package_root(given: Path | None) -> Path:
    """The package folder to work on: --root if given; else IMMIGRATION_COOPERATION_ROOT; else the
    current directory or the nearest parent holding a package (its datapackage.json, or the
    curator's scripts/sources.py), as git finds its repository. Where the code is installed
    never decides it."""
    if given is not None:
        root = given.resolve()
        if not root.is_dir():
            raise UserError(f"--root {given}: no such folder")
        return root
    if os.environ.get("IMMIGRATION_COOPERATION_ROOT"):
        return project_root()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).is_file() for marker in PACKAGE_MARKERS):
            return folder
    raise UserError(f"no data package in {here} or any folder above it (none holds "
                    f"datapackage.json); run this inside the package folder or pass --root DIR")


def _piped_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) >= 20 else 240


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    errors = errors_console()
    try:
        arguments.root = package_root(arguments.root)
    except UserError as error:
        errors.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
        return 1
    # Piped output keeps whole rows on one line instead of folding to 80 columns, unless COLUMNS
    # says how wide the reader's screen is.
    console = Console() if sys.stdout.isatty() else Console(width=_piped_width())
    try:
        arguments.handler(arguments, console)
        sys.stdout.flush()
    except (UserError, CurationError, ValidationFailed) as error:
        errors.print(f"error: {error}", markup=False, highlight=False, soft_wrap=True)
        return 1
    except BrokenPipeError:
        # The reader stopped early (`cooperation matrix --format csv | head -3`): that is not an
        # error of ours. Point stdout at nothing so the interpreter's final flush is quiet too.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
