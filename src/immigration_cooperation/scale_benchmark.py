"""The scale benchmark: a synthetic national corpus of N provisions, and what each stage costs.

    cooperation benchmark --scale 100000

Every stage runs in a process of its own, as a user would run it, so that each is timed from a
cold start with its imports and its memory is its own: the parent samples the resident memory
of the stage's process and of any helper process it starts (every 20 ms) and reports the peak.
The stages, in order:

- generate: the corpus (synthetic_corpus.py), in a temporary folder, never in seeds/, and the
  worksheets of N/10 jurisdictions (synthetic_worksheets.py) in its worksheets/ folder;
- curation: those worksheets compiled into tables as a build does (every quote placed in its
  article, every check of the compiler);
- each validation layer alone (frictionless, shape, pandera, cross-table, views) and
  `cooperation validate` end to end, which runs them all;
- reference: a DuckDB-only check of the same constraints (reference_check.py), the yardstick;
- database: the database file, written as a build writes it;
- views-database and views-csv: every view and macro of the SQL contract, from the database file
  and from the CSVs through sql/views.sql: the engine's time (EXPLAIN ANALYZE) and the time to
  fetch every row into Python;
- pictures, documents and site: the build's pictures, documents and evidence explorer, each alone;
- build: everything a build does once the tables are staged (the corpus is the staged package):
  documents, site, pictures and database file, and validation, the helpers in parallel as in
  `cooperation build`;
- faults: the known faults of synthetic_faults.py written into the corpus, and validation run
  again; every one must be reported at its file, row and field.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

STAGES = ("generate", "curation", "frictionless", "shape", "pandera", "cross-table", "views", "validate",
          "reference", "database", "views-database", "views-csv", "pictures", "documents", "site", "build",
          "faults")
STAGE_HELP = {
    "generate": "write the synthetic corpus and worksheets",
    "curation": "compile the worksheets of N/10 jurisdictions into tables (quotes placed)",
    "frictionless": "layer 1: descriptor, hashes and sizes (and rows in a small package)",
    "shape": "layer 2a: each CSV's encoding, line ends and header",
    "pandera": "layer 2b: every cell against its schema (pandera on polars)",
    "cross-table": "layer 2c: keys, evidence, dates, article hashes, quotes, claim rules (DuckDB)",
    "views": "layer 3: sql/views.sql binds and every contract view answers",
    "validate": "cooperation validate, end to end (every layer, helpers in parallel)",
    "reference": "a DuckDB-only check of the same constraints (the yardstick)",
    "database": "the database file, as a build writes it",
    "views-database": "every contract view and macro from the database file",
    "views-csv": "every contract view and macro from the CSVs through sql/views.sql",
    "pictures": "the build's pictures (with many jurisdictions the matrix is a summary)",
    "documents": "the build's documents: docs/codebook.md, docs/queries.md, README and protocol sections",
    "site": "the evidence explorer (site/), in volumes when the jurisdictions do not fit one page",
    "build": "everything a build does after curation: documents, site, pictures, database file, validation",
    "faults": "validation of the corpus with the known faults written in",
}


STAGE_NEEDS = {"views-database": ("database",)}  # a stage that reads what another writes
WORKSHEETS = "worksheets"  # in the corpus folder: the curation root of the curation stage


@dataclass
class StageResult:
    stage: str
    seconds: float  # wall time of the stage's process, start to exit
    peak_mib: float  # sampled resident memory of the process and its helpers at their highest
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass
class ScaleRun:
    provisions: int
    machine: str
    stages: list[StageResult]

    def stage(self, name: str) -> StageResult | None:
        return next((result for result in self.stages if result.stage == name), None)

    @property
    def ratio_to_reference(self) -> float | None:
        """`cooperation validate` time over the DuckDB-only check's, both from this run."""
        validate, reference = self.stage("validate"), self.stage("reference")
        if validate is None or reference is None or reference.seconds == 0:
            return None
        return validate.seconds / reference.seconds


# ----- one stage, in its own process -----

def _engine_ms(connection, sql: str) -> float | None:
    """The engine's own time for the whole query (EXPLAIN ANALYZE), no Python conversion; None
    if the plan does not state it."""
    import re

    plan = connection.execute(f"EXPLAIN ANALYZE {sql}").fetchall()[0][1]
    found = re.search(r"Total Time:\s*([0-9.]+)s", plan)  # the box pads the figure with spaces
    return float(found.group(1)) * 1000 if found else None


def _views(connection) -> list[dict[str, Any]]:
    """Each contract call's engine time, and the time to fetch every row into Python (in
    batches, dropped as they come, so memory holds a batch and not the answer)."""
    from .comparisons import CONTRACT_CALLS

    timings = []
    for name, sql in CONTRACT_CALLS:
        engine = _engine_ms(connection, sql)
        started = time.perf_counter()
        cursor, rows = connection.execute(sql), 0
        while batch := cursor.fetchmany(100_000):
            rows += len(batch)
        timings.append({"name": name, "rows": rows, "engine_ms": None if engine is None else round(engine, 1),
                        "fetch_ms": round((time.perf_counter() - started) * 1000, 1)})
    return timings


def _findings_detail(findings) -> dict[str, Any]:
    return {"findings": len(findings), "first": [str(finding) for finding in findings[:5]]}


def run_stage(stage: str, folder: Path, provisions: int) -> dict[str, Any]:
    """Do one stage's work on the corpus in `folder`; returns what it found or counted."""
    if stage == "generate":
        from .synthetic_corpus import write_corpus

        from .synthetic_worksheets import write_worksheets

        summary = write_corpus(folder, provisions)
        megabytes = round(sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20, 1)
        sheets = write_worksheets(folder / WORKSHEETS, max(1, provisions // 10))
        return {"copies": summary.copies, "rows": summary.rows, "source_files": summary.source_files,
                "megabytes": megabytes, "worksheets": asdict(sheets)}
    if stage == "curation":
        from .curation import compile_tables

        tables = compile_tables(folder / WORKSHEETS)
        return {"worksheets": sum(1 for _ in (folder / WORKSHEETS / "scripts" / "jurisdictions").glob("*.py")),
                "provisions": len(tables["provisions"]), "evidence": len(tables["evidence"])}
    if stage == "frictionless":
        from .findings import frictionless_checks_rows, frictionless_findings

        return _findings_detail(frictionless_findings(folder, check_rows=frictionless_checks_rows(folder)))
    if stage == "shape":
        from .validation import shape_findings

        return _findings_detail(shape_findings(folder))
    if stage == "pandera":
        from .schema_checks import table_findings

        return _findings_detail(table_findings(folder))
    if stage == "cross-table":
        from .cross_checks import cross_table_findings

        return _findings_detail(cross_table_findings(folder))
    if stage == "views":
        from .findings import frictionless_checks_rows
        from .views_check import views_findings

        return _findings_detail(views_findings(folder, full=frictionless_checks_rows(folder)))
    if stage == "reference":
        from .reference_check import reference_counts

        counts = reference_counts(folder)
        return {"rules": len(counts), "failing": {rule: count for rule, count in counts.items() if count}}
    if stage == "database":
        from .sql import DATABASE, write_database

        write_database(folder, folder / DATABASE)
        return {"megabytes": round((folder / DATABASE).stat().st_size / 2**20, 1)}
    if stage == "views-database":
        import duckdb

        from .sql import DATABASE, without_progress_bar

        return {"calls": _views(without_progress_bar(duckdb.connect(str(folder / DATABASE), read_only=True)))}
    if stage == "views-csv":
        from .sql import connect

        return {"calls": _views(connect(folder, fresh=True))}
    if stage == "pictures":
        from .pictures import render_pictures

        drawn = render_pictures(folder)
        for path, data in drawn:
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        return {"pictures": [path for path, _ in drawn],
                "kilobytes": round(sum(len(data) for _, data in drawn) / 1024, 1)}
    if stage == "documents":
        from .build import render_documents
        from .sql import shared_connections
        from .worksheets import project_root

        with shared_connections():  # as the build queries the staged package
            documents = render_documents(project_root(), folder)
        return {"documents": {document.path: {
            "kilobytes": round(len(document.data) / 1024, 1),
            "longest_table_rows": _longest_table_rows(document.data.decode("utf-8"))} for document in documents}}
    if stage == "site":
        from .explorer import write_site
        from .sql import connect, shared_connections

        with shared_connections():  # as the build queries the staged package
            pages = write_site(folder, connect(folder), folder)
        return {"pages": len(pages), "megabytes": _megabytes(folder, pages)}
    if stage == "build":
        from .build import complete_staged
        from .worksheets import project_root

        outputs = complete_staged(project_root(), folder)  # the corpus is the staged package
        return {"files": len(outputs), "megabytes": _megabytes(folder, [output.path for output in outputs])}
    if stage == "faults":
        from .synthetic_faults import inject_faults
        from .validation import validate_package

        started = time.perf_counter()
        faults = inject_faults(folder)
        injected = time.perf_counter() - started
        findings = validate_package(folder, helper_process=True)
        return {"inject_seconds": round(injected, 2), "findings": len(findings),
                "faults": [{**asdict(fault), "reported": fault.found_in(findings)} for fault in faults]}
    raise ValueError(f"unknown stage {stage!r}; the stages are {', '.join(STAGES)}")


def _megabytes(folder: Path, paths: list[str]) -> float:
    return round(sum((folder / path).stat().st_size for path in paths) / 2**20, 1)


def _longest_table_rows(markdown: str) -> int:
    """The most body rows of any markdown table in `markdown` (its lines opening with '|', less
    the header and the separator)."""
    longest = run = 0
    for line in markdown.splitlines():
        run = run + 1 if line.startswith("|") else 0
        longest = max(longest, run - 2)
    return longest


# ----- the parent: each stage in a child, timed and sampled -----

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and its descendants (Linux /proc; 0 where unreadable)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                total += int(handle.read().split()[1]) * _PAGE
            with open(f"/proc/{current}/task/{current}/children") as handle:
                pending += [int(child) for child in handle.read().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total


def _command_line(stage: str, folder: Path, provisions: int) -> list[str]:
    if stage == "validate":  # the user's command, exactly
        return [sys.executable, "-c", "import sys; from immigration_cooperation.cli import main; "
                "sys.exit(main())", "validate", str(folder)]
    return [sys.executable, "-m", "immigration_cooperation.scale_benchmark", stage, str(folder), str(provisions)]


def _timed(stage: str, folder: Path, provisions: int) -> StageResult:
    started = time.perf_counter()
    process = subprocess.Popen(_command_line(stage, folder, provisions), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, encoding="utf-8")
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, errors = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if stage == "validate":
        # exit 1 with findings is an answer, not a failure of the stage
        if process.returncode not in (0, 1):
            raise RuntimeError(f"cooperation validate failed:\n{errors.strip()}")
        # the last lines: DuckDB may draw progress bars before the verdict
        detail = {"valid": process.returncode == 0, "said": (output or errors).strip().splitlines()[-3:]}
    else:
        if process.returncode != 0:
            raise RuntimeError(f"stage {stage} failed:\n{errors.strip()}")
        detail = json.loads(output)
    return StageResult(stage, round(seconds, 2), round(peak / 2**20, 1), detail)


def run_scale(provisions: int, stages: tuple[str, ...] = STAGES, folder: Path | None = None,
              progress: Callable[[str], None] = lambda message: None) -> ScaleRun:
    """Generate a corpus of `provisions` provisions (in `folder`, else a temporary folder that is
    removed afterwards) and time each of `stages` (and the stages they need) on it, in the order
    of STAGES. A stage that fails raises RuntimeError with what it printed."""
    from .benchmark import machine

    unknown = [stage for stage in stages if stage not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(unknown)}; the stages are {', '.join(STAGES)}")
    wanted = {"generate", *stages, *(need for stage in stages for need in STAGE_NEEDS.get(stage, ()))}
    with tempfile.TemporaryDirectory(prefix="cooperation-scale-") as temporary:
        corpus = Path(folder) if folder is not None else Path(temporary) / "corpus"
        results = []
        for stage in (stage for stage in STAGES if stage in wanted):
            progress(f"{stage} ({STAGE_HELP[stage]}), {provisions:,} provisions")
            results.append(_timed(stage, corpus, provisions))
            progress(f"{stage}: {results[-1].seconds:.2f} s, peak {results[-1].peak_mib:.0f} MiB")
        return ScaleRun(provisions, machine(), results)


def run_as_json(run: ScaleRun) -> dict[str, Any]:
    return {"provisions": run.provisions, "machine": run.machine,
            "validate_to_reference": None if run.ratio_to_reference is None else round(run.ratio_to_reference, 2),
            "stages": [asdict(result) for result in run.stages]}


def _worksheets_summary(sheets: dict[str, Any] | None) -> str:
    if not sheets:  # a run recorded before the curation stage existed
        return "no worksheets"
    return (f"{sheets['worksheets']:,} worksheets ({sheets['provisions']:,} provisions, "
            f"{sheets['source_files']:,} articles"
            + (", as many as the vendored table's divisions allow" if sheets["capped"] else "") + ")")


def _summary(result: StageResult) -> str:
    detail = result.detail
    if result.stage == "generate":
        return (f"{detail['rows']['provisions']:,} provisions, {detail['rows']['evidence']:,} evidence rows, "
                f"{detail['source_files']:,} article files, {detail['megabytes']} MB; "
                + _worksheets_summary(detail.get("worksheets")))
    if result.stage == "curation":
        return (f"{detail['worksheets']:,} worksheets: {detail['provisions']:,} provisions, "
                f"{detail['evidence']:,} quotes placed")
    if result.stage == "validate":
        return "valid" if detail["valid"] else "; ".join(detail["said"])
    if result.stage == "reference":
        return f"{detail['rules']} rules, {len(detail['failing'])} failing"
    if result.stage == "database":
        return f"{detail['megabytes']} MB"
    if result.stage == "pictures":
        return f"{', '.join(detail['pictures'])}: {detail['kilobytes']} KB"
    if result.stage == "documents":
        return ", ".join(f"{path} {shown['kilobytes']} KB" for path, shown in detail["documents"].items())
    if result.stage.startswith("views-"):
        engine = max(detail["calls"], key=lambda call: call["engine_ms"] or 0)
        fetch = max(detail["calls"], key=lambda call: call["fetch_ms"])
        return (f"{len(detail['calls'])} calls; slowest in the engine {engine['name']} "
                f"{engine['engine_ms']:.0f} ms; slowest to fetch into Python {fetch['name']} "
                f"{fetch['fetch_ms']:.0f} ms")
    if result.stage == "site":
        return f"{detail['pages']:,} pages, {detail['megabytes']} MB"
    if result.stage == "build":
        return f"{detail['files']:,} files written, {detail['megabytes']} MB"
    if result.stage == "faults":
        reported = sum(fault["reported"] for fault in detail["faults"])
        return f"{reported} of {len(detail['faults'])} faults reported ({detail['findings']} findings)"
    return f"{detail['findings']} findings"


def stage_rows(run: ScaleRun) -> list[tuple[str, str, str, str]]:
    """(stage, seconds, peak MiB, what it found) for a terminal table or the record."""
    return [(result.stage, f"{result.seconds:.2f}", f"{result.peak_mib:.0f}", _summary(result))
            for result in run.stages]


# ----- the record: docs/performance.md's national-scale section, from docs/scale-benchmark.json -----

SCALE_HEADING = "## National scale"
SCALE_RECORD = Path("docs") / "scale-benchmark.json"


def problems(run: ScaleRun) -> list[str]:
    """What went wrong in a run: the clean corpus must validate, the yardstick must find
    nothing in it, and every injected fault must be reported."""
    found = []
    validate, reference, faults = run.stage("validate"), run.stage("reference"), run.stage("faults")
    if validate is not None and not validate.detail["valid"]:
        found.append(f"the clean corpus of {run.provisions:,} provisions did not validate: "
                     + "; ".join(validate.detail["said"]))
    if reference is not None and reference.detail["failing"]:
        found.append(f"the DuckDB-only check failed rules on the clean corpus: {reference.detail['failing']}")
    if faults is not None:
        found += [f"not reported at {run.provisions:,} provisions: {fault['name']} "
                  f"({fault['file']}, row {fault['row']}, {fault['field']})"
                  for fault in faults.detail["faults"] if not fault["reported"]]
    return found


def record_runs(package_dir: Path, runs: list[ScaleRun], commit: str) -> Path:
    """Keep each run (by N) in docs/scale-benchmark.json and redraw performance.md's section."""
    from .benchmark import PERFORMANCE_RECORD

    path = package_dir / SCALE_RECORD
    kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for run in runs:
        kept[str(run.provisions)] = {**run_as_json(run), "commit": commit}
    ordered = {key: kept[key] for key in sorted(kept, key=int)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    record = package_dir / PERFORMANCE_RECORD
    before = record.read_text(encoding="utf-8").split(SCALE_HEADING)[0].rstrip() + "\n" if record.is_file() else ""
    record.write_text(before + scale_section(package_dir), encoding="utf-8")
    return record


def scale_section(package_dir: Path) -> str:
    """The national-scale section as recorded, or nothing when no run was recorded."""
    path = package_dir / SCALE_RECORD
    if not path.is_file():
        return ""
    return "\n" + scale_markdown(json.loads(path.read_text(encoding="utf-8")))


def scale_markdown(kept: dict[str, dict[str, Any]]) -> str:
    lines = [SCALE_HEADING, "",
             "Written by `cooperation benchmark --scale N --record` (`make benchmark-scale` runs 10k, 100k",
             "and 1M) from docs/scale-benchmark.json, which holds every figure. Each stage runs in a",
             "process of its own on a synthetic corpus (synthetic_corpus.py); seconds are wall time from",
             "start to exit, peak is the sampled resident memory of the process and its helpers.",
             "The ratio compares `cooperation validate` with a DuckDB-only check of the same",
             "constraints (reference_check.py) measured in the same run.", ""]
    for key, run in kept.items():
        stages = {stage["stage"]: stage for stage in run["stages"]}
        rows = stages["generate"]["detail"]["rows"]
        ratio = run["validate_to_reference"]
        lines += [f"### {int(key):,} provisions", "",
                  f"- Corpus: {rows['provisions']:,} provisions, {rows['evidence']:,} evidence rows, "
                  f"{sum(rows.values()):,} rows in all",
                  f"- Machine: {run['machine']}; commit measured: {run['commit']}",
                  *( [f"- `cooperation validate` over the DuckDB-only check: {ratio:.2f}x"] if ratio else []),
                  "", "| stage | seconds | peak MiB | result |", "|---|---:|---:|---|"]
        lines += [f"| {stage} | {seconds} | {peak} | {summary} |" for stage, seconds, peak, summary
                  in stage_rows(_from_json(run))]
        lines.append("")
        lines += _views_markdown(stages)
    return "\n".join(lines)


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def _views_markdown(stages: dict[str, dict[str, Any]]) -> list[str]:
    sides = [name for name in ("views-database", "views-csv") if name in stages]
    if not sides:
        return []
    calls = {side: {call["name"]: call for call in stages[side]["detail"]["calls"]} for side in sides}
    names = list(calls[sides[0]])
    header = " | ".join(f"{side.removeprefix('views-')} engine ms | {side.removeprefix('views-')} fetch ms"
                        for side in sides)
    lines = ["Every view and macro: the engine's time (EXPLAIN ANALYZE) and the time to fetch every",
             "row into Python, from the database file and from the CSVs through sql/views.sql.", "",
             f"| call | rows | {header} |", "|---|---:|" + "---:|---:|" * len(sides)]
    for name in names:
        cells = " | ".join(f"{_ms(calls[side][name]['engine_ms'])} | {_ms(calls[side][name]['fetch_ms'])}"
                           for side in sides if name in calls[side])
        lines.append(f"| {name} | {calls[sides[0]][name]['rows']:,} | {cells} |")
    return lines + [""]


def _from_json(run: dict[str, Any]) -> ScaleRun:
    return ScaleRun(run["provisions"], run["machine"], [StageResult(**stage) for stage in run["stages"]])


def main(arguments: list[str]) -> int:
    stage, folder, provisions = arguments
    sys.stdout.write(json.dumps(run_stage(stage, Path(folder), int(provisions))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
