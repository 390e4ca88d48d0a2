"""Work a build hands to another Python process, so that a second core does it meanwhile.

Drawing the pictures (matplotlib), the frictionless and DuckDB validation layers and writing the
database file each take a second or more and need nothing from the rest of the build but the
staged package on disk, so the build hands them the staged folder as soon as the tables and
descriptor are written there, and collects them before it publishes. A task's
output is the same bytes whichever process computes it: the child inherits the environment
(locale, time zone, hash seed) and reads the same files.

    python -m immigration_cooperation.background picture [PATH] draws the pictures (or one) there
    python -m immigration_cooperation.background validate frictionless   layers 1 and 3, as JSON
    python -m immigration_cooperation.background validate schemas        layer 2, as JSON
    python -m immigration_cooperation.background database       writes the DuckDB database file

The child is started before the package is staged, so that it imports matplotlib or frictionless
while this process curates; it reads the staged folder's path from its standard input.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

TASKS = ("picture", "validate", "database")


def database_in_fresh_process(package_dir: Path) -> Path:
    """Write package_dir/immigration_cooperation.duckdb from a new Python process.

    DuckDB numbers catalog entries per process, so a second database file written by the same
    process differs in a few bytes from the first; a fresh process gives the same bytes for the
    same package every time (a release made twice, a build after a release).
    """
    from .sql import DATABASE

    task = Background("database")
    task.start(package_dir)
    task.result()
    return Path(package_dir) / DATABASE


class BackgroundFailed(RuntimeError):
    """A background task ended with an error; the message carries what it printed."""


class Background:
    """One task running in a child process; `result()` waits for it."""

    def __init__(self, task: str, *arguments: str):
        if task not in TASKS:
            raise ValueError(f"unknown background task {task!r}")
        self.task = " ".join((task, *arguments))
        self.finished = False
        self.process = subprocess.Popen(
            [sys.executable, "-m", "immigration_cooperation.background", task, *arguments],
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

    def result(self):
        output, errors = self.process.communicate()
        self.finished = True
        if self.process.returncode != 0:
            raise BackgroundFailed(f"the {self.task} step failed:\n{errors.strip()}")
        return json.loads(output)

    def cancel(self) -> None:
        """Stop the task if it still runs (a build that failed elsewhere); no-op once collected."""
        if self.finished:
            return
        self._close_input()  # a child never started reads an empty line and ends
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()  # closes its pipes
        self.finished = True


def draw_pictures(package_dir: Path, only: str | None = None) -> list[str]:
    """Draw every picture (or the one at path `only`) into the package folder; returns their
    relative paths."""
    from .pictures import render_pictures
    from .sql import shared_connections

    written = []
    with shared_connections():  # the queries of one drawing share one connection
        drawn = render_pictures(package_dir, only)
    for relative, data in drawn:
        target = package_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(relative)
    return written


def validation_report(package_dir: Path, part: str) -> dict:
    """The findings of one part of validation.validate_package: "frictionless" (layer 1, and
    the DuckDB layer 3, which needs no pandas) or "schemas" (layer 2: pandera and cross-table)."""
    if part == "frictionless":
        from .findings import frictionless_findings
        from .views_check import views_findings

        return {"frictionless": [asdict(finding) for finding in frictionless_findings(package_dir)],
                "views": [asdict(finding) for finding in views_findings(package_dir)]}
    from .validation import schema_layer

    layer = schema_layer(package_dir)
    return {"reads": [asdict(finding) for finding in layer.reads],
            "pandera": [asdict(finding) for finding in layer.pandera],
            "cross": None if layer.cross is None else [asdict(finding) for finding in layer.cross]}


def write_database(package_dir: Path) -> list[str]:
    from .sql import DATABASE, write_database as write

    write(package_dir, package_dir / DATABASE)
    return [DATABASE]


def main(arguments: list[str]) -> int:
    task, *options = arguments
    # Import first, while the parent curates; then wait for the staged folder.
    if task == "picture":
        from . import pictures  # noqa: F401 (matplotlib)
    elif task == "validate" and options == ["frictionless"]:
        import frictionless  # noqa: F401
    elif task == "validate":
        from . import validation  # noqa: F401 (pandas, pandera)
    import duckdb  # noqa: F401
    directory = sys.stdin.readline().strip()
    if not directory:
        return 0  # the build stopped before staging anything
    package_dir = Path(directory)
    run = {"picture": lambda: draw_pictures(package_dir, *options),
           "validate": lambda: validation_report(package_dir, *options),
           "database": lambda: write_database(package_dir)}[task]
    result = run()
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
