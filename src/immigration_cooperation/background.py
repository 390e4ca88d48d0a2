"""Work a build hands to another Python process, so that a second core does it meanwhile.

Drawing the pictures (matplotlib) and the frictionless validation each take seconds and need
nothing from the rest of the build but the staged package on disk, so the build starts them as
soon as the tables and descriptor are staged and collects them before it publishes. A task's
output is the same bytes whichever process computes it: the child inherits the environment
(locale, time zone, hash seed) and reads the same files.

    python -m immigration_cooperation.background pictures STAGING     writes docs/*.svg there
    python -m immigration_cooperation.background frictionless STAGING prints findings as JSON
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

TASKS = ("pictures", "frictionless")


class BackgroundFailed(RuntimeError):
    """A background task ended with an error; the message carries what it printed."""


class Background:
    """One task running in a child process; `result()` waits for it."""

    def __init__(self, task: str, package_dir: Path):
        if task not in TASKS:
            raise ValueError(f"unknown background task {task!r}")
        self.task = task
        self.finished = False
        self.process = subprocess.Popen(
            [sys.executable, "-m", "immigration_cooperation.background", task, str(package_dir)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")

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
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()
        self.finished = True


def draw_pictures(package_dir: Path) -> list[str]:
    """Draw every picture into the package folder; returns their relative paths."""
    from .pictures import render_pictures
    from .sql import shared_connections

    written = []
    with shared_connections():  # both pictures query one connection to the package
        drawn = render_pictures(package_dir)
    for relative, data in drawn:
        target = package_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(relative)
    return written


def frictionless_report(package_dir: Path) -> list[dict]:
    from .findings import frictionless_findings

    return [asdict(finding) for finding in frictionless_findings(package_dir)]


def main(arguments: list[str]) -> int:
    task, directory = arguments
    package_dir = Path(directory)
    result = draw_pictures(package_dir) if task == "pictures" else frictionless_report(package_dir)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
