"""Work a build hands to other Python processes, so that the second core does it meanwhile.

Drawing the pictures (matplotlib), the three validation layers and writing the database file
each take a second or so and need nothing from the rest of the build but the staged package on
disk. The build starts its helper processes first, so that they import matplotlib, frictionless
or pandas while it curates, hands them the staged folder as soon as the tables and descriptor
are written there, and collects their results before it publishes. A job's output is the same
bytes whichever process computes it: a child inherits the environment (locale, time zone, hash
seed) and reads the same files.

    python -m immigration_cooperation.background JOB [JOB ...]

reads the staged folder's path from standard input, runs the jobs in order and prints their
results as one JSON object. Jobs: pictures (draws docs/*.svg into the folder), frictionless
(layer 1), schemas (layer 2: pandera where it checks the rows, and the cross-table checks),
cells (pandera alone), views (layer 3: the DuckDB views; views-bound: each bound and planned
without running, as at national scale)
and database (writes the database file into the folder).
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable

# What each job imports, loaded while the parent curates.
PRELOAD = {"pictures": "immigration_cooperation.pictures", "frictionless": "frictionless",
           "schemas": "immigration_cooperation.validation duckdb",
           "cells": "immigration_cooperation.schema_checks", "views": "duckdb", "views-bound": "duckdb",
           "database": "duckdb"}


def _rows(findings) -> list[dict]:
    return [asdict(finding) for finding in findings]


def draw_pictures(package_dir: Path) -> list[str]:
    """Draw every picture into the package folder; returns their relative paths."""
    from .pictures import render_pictures
    from .sql import shared_connections

    with shared_connections():  # the pictures' queries share one connection
        drawn = render_pictures(package_dir)
    for relative, data in drawn:
        target = package_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return [relative for relative, _ in drawn]


def frictionless_layer(package_dir: Path) -> list[dict]:
    from .findings import frictionless_findings

    return _rows(frictionless_findings(package_dir))


def schemas_layer(package_dir: Path) -> dict[str, Any]:
    from .validation import schema_layer

    layer = schema_layer(package_dir)
    return {"reads": _rows(layer.reads), "pandera": _rows(layer.pandera),
            "cross": _rows(layer.cross)}


def cells_layer(package_dir: Path) -> list[dict]:
    """The pandera half of layer 2: every table's cells against its schema."""
    from .schema_checks import table_findings

    return _rows(table_findings(package_dir))


def views_layer(package_dir: Path) -> list[dict]:
    """Layer 3 as validate_package runs it: every view to its last row in a package whose rows
    frictionless checks, else bound and planned."""
    from .findings import frictionless_checks_rows
    from .views_check import views_findings

    return _rows(views_findings(package_dir, full=frictionless_checks_rows(package_dir)))


def views_bound_layer(package_dir: Path) -> list[dict]:
    from .views_check import views_findings

    return _rows(views_findings(package_dir, full=False))


def write_database(package_dir: Path) -> str:
    from .sql import DATABASE, write_database as write

    write(package_dir, package_dir / DATABASE)
    return DATABASE


JOBS: dict[str, Callable[[Path], Any]] = {
    "pictures": draw_pictures, "frictionless": frictionless_layer, "schemas": schemas_layer,
    "cells": cells_layer, "views": views_layer, "views-bound": views_bound_layer,
    "database": write_database,
}


class BackgroundFailed(RuntimeError):
    """A background job ended with an error; the message carries what it printed."""


class Background:
    """Jobs running, in order, in one child process; `result()` waits for them."""

    def __init__(self, *jobs: str):
        unknown = [job for job in jobs if job not in JOBS]
        if unknown or not jobs:
            raise ValueError(f"background jobs are {', '.join(JOBS)}; got {jobs!r}")
        self.jobs = jobs
        self.finished = False
        self.process = subprocess.Popen(
            [sys.executable, "-m", "immigration_cooperation.background", *jobs],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            encoding="utf-8")

    def start(self, package_dir: Path) -> None:
        """Hand the staged package to the waiting child."""
        self.process.stdin.write(str(package_dir) + "\n")
        self._close_input()

    def _close_input(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
            self.process.stdin = None  # so that communicate() does not write to it

    def result(self) -> dict[str, Any]:
        """Each job's result, by job name."""
        output, errors = self.process.communicate()
        self.finished = True
        if self.process.returncode != 0:
            raise BackgroundFailed(f"{' and '.join(self.jobs)} failed:\n{errors.strip()}")
        return json.loads(output)

    def cancel(self) -> None:
        """Stop the jobs if they still run (a build that failed elsewhere); no-op once collected."""
        if self.finished:
            return
        self._close_input()  # a child never started reads an empty line and ends
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()  # closes its pipes
        self.finished = True


def database_in_fresh_process(package_dir: Path) -> Path:
    """Write package_dir/immigration_cooperation.duckdb from a new Python process.

    DuckDB numbers catalog entries per process, so a second database file written by the same
    process differs in a few bytes from the first; a fresh process gives the same bytes for the
    same package every time (a release made twice, a build after a release).
    """
    task = Background("database")
    task.start(package_dir)
    return Path(package_dir) / task.result()["database"]


def main(jobs: list[str]) -> int:
    # Standard output carries the JSON result and nothing else: whatever a library prints while
    # the jobs run (DuckDB writes its progress bar straight to file descriptor 1) goes to
    # standard error instead, where a failure's message is read from.
    result_stream = os.fdopen(os.dup(1), "w", encoding="utf-8")
    sys.stdout.flush()
    os.dup2(2, 1)
    for job in dict.fromkeys(jobs):
        for module in PRELOAD[job].split():
            importlib.import_module(module)  # while the parent curates
    directory = sys.stdin.readline().strip()
    if not directory:
        return 0  # the build stopped before staging anything
    package_dir = Path(directory)
    results = {job: JOBS[job](package_dir) for job in jobs}
    with result_stream:
        result_stream.write(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
