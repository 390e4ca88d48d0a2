"""Timings: every view and macro of the SQL contract, and how long the `cooperation` command takes
to answer compared with plain Python DuckDB running the same SQL on the database file."""

from __future__ import annotations

import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .comparisons import CONTRACT_CALLS
from .sql import connect

# The command may take this many times as long as plain DuckDB opening the database file and
# running the same SQL (issue 11): Python start-up and the query are shared, the rest is ours.
RATIO_LIMIT = 1.5
PERFORMANCE_RECORD = Path("docs") / "performance.md"


def measure(package_dir: Path, repeats: int = 15) -> list[tuple[str, int, float, float]]:
    """(name, rows, median ms, max ms) per call, after one warm-up run each."""
    connection = connect(package_dir)
    results = []
    for name, sql in CONTRACT_CALLS:
        rows = len(connection.execute(sql).fetchall())
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            connection.execute(sql).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        results.append((name, rows, statistics.median(timings), max(timings)))
    return results


@dataclass(frozen=True)
class Latency:
    command: str
    command_ms: float  # median wall time of `cooperation …`, start to exit
    plain_ms: float  # median wall time of a Python process that opens the database file and runs the SQL

    @property
    def ratio(self) -> float:
        return self.command_ms / self.plain_ms


def latency_cases() -> list[tuple[list[str], str, list[str]]]:
    """(command arguments, the SQL it runs, its parameters): the SQL is the command's own."""
    from .cli import COMPARE_SQL, EVIDENCE_SQL, LATEST, MATRIX_SQL

    return [
        (["compare", "denver-co", "aurora-co"], COMPARE_SQL, ["denver-co", "aurora-co", LATEST]),
        (["matrix"], MATRIX_SQL, [LATEST]),
        (["evidence", "denver-co", "release_notification"], EVIDENCE_SQL,
         ["denver-co", "release_notification"]),
        (["query", "SELECT * FROM disputes"], "SELECT * FROM disputes", []),
    ]


# What a user would write to get the same answer without the command.
PLAIN_DUCKDB = """
import sys, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
rows = connection.execute(sys.argv[2], sys.argv[3:]).fetchall()
"""

# What the `cooperation` console script runs.
COMMAND = "import sys; from immigration_cooperation.cli import main; sys.exit(main())"


def _wall_ms(arguments: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    completed = subprocess.run(arguments, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - started) * 1000
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(arguments[3:])} failed: {completed.stderr.decode(errors='replace')}")
    return elapsed


def command_latency(package_dir: Path, repeats: int = 7, progress=lambda message: None,
                    commands: tuple[str, ...] | None = None) -> list[Latency]:
    """Median wall time of each command (or only those named in `commands`) against plain DuckDB,
    the two run alternately so that both see the same machine load."""
    from .database_file import DATABASE, current_database

    package_dir = Path(package_dir).resolve()
    current = current_database(package_dir)
    if current is None:
        raise FileNotFoundError(f"{package_dir / DATABASE} is missing or not written from the package "
                                "as it is; run `cooperation database` first")
    current.close()
    results = []
    for arguments, sql, parameters in latency_cases():
        if commands is not None and arguments[0] not in commands:
            continue
        progress(f"timing cooperation {' '.join(arguments)} ({repeats} runs)")
        plain = [sys.executable, "-c", PLAIN_DUCKDB, str(package_dir / DATABASE), sql, *parameters]
        command = [sys.executable, "-c", COMMAND, "--root", str(package_dir), *arguments]
        _wall_ms(plain, package_dir), _wall_ms(command, package_dir)  # warm the file cache
        plain_ms, command_ms = [], []
        for _ in range(repeats):
            plain_ms.append(_wall_ms(plain, package_dir))
            command_ms.append(_wall_ms(command, package_dir))
        results.append(Latency(f"cooperation {' '.join(arguments)}", statistics.median(command_ms),
                               statistics.median(plain_ms)))
    return results


def machine() -> str:
    import os

    import duckdb

    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}, DuckDB {duckdb.__version__}")


def _commit(package_dir: Path) -> str:
    """The commit measured and its date (from git, not the clock), or "uncommitted"."""
    try:
        completed = subprocess.run(["git", "log", "-1", "--format=%h (%cs)"], cwd=package_dir,
                                   capture_output=True, text=True, timeout=30)
    except OSError:
        return "unknown (no git)"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "sql", "data"], cwd=package_dir,
                           capture_output=True, text=True, timeout=30).stdout.strip()
    text = completed.stdout.strip() or "unknown"
    return f"{text}, with uncommitted changes" if dirty else text


def performance_markdown(package_dir: Path, contract: list[tuple[str, int, float, float]],
                         latencies: list[Latency], repeats: int, latency_repeats: int) -> str:
    lines = [
        "# Performance",
        "",
        "Written by `cooperation benchmark --record` (not by the build: timings differ from run to",
        "run and machine to machine). Medians of repeated runs.",
        "",
        f"- Machine: {machine()}",
        f"- Commit measured: {_commit(package_dir)}",
        "",
        "## The command against plain DuckDB",
        "",
        f"Wall time from start to exit, median of {latency_repeats} runs each, the two alternating.",
        "Plain DuckDB is a Python process that opens the database file read-only and runs the",
        f"command's own SQL. The limit is {RATIO_LIMIT}×.",
        "",
        "| command | command ms | plain DuckDB ms | ratio |",
        "|---|---:|---:|---:|",
        *(f"| `{latency.command}` | {latency.command_ms:.0f} | {latency.plain_ms:.0f} | {latency.ratio:.2f} |"
          for latency in latencies),
        "",
        "## Views and macros of the SQL contract",
        "",
        f"In one connection over the CSVs (sql/views.sql), median of {repeats} runs each after a warm-up.",
        "",
        "| name | rows | median ms | max ms |",
        "|---|---:|---:|---:|",
        *(f"| {name} | {count} | {median:.2f} | {worst:.2f} |" for name, count, median, worst in contract),
        "",
    ]
    return "\n".join(lines)
