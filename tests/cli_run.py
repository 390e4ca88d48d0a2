"""`cooperation` run inside the test's own process, for tests of what a command answers and how it
lays the answer out: the same main() the console script calls, with stdout and stderr captured as
a pipe would take them, so each call costs milliseconds instead of a fresh interpreter's second.

An answer's exit code is main()'s return value, which the console script passes on as the
process's exit status; that hand-over, and what else is about the process itself (a closed pipe,
finding the package from the current folder, what it imports, the installed script, a build or a
validation as the curator runs them), stays a real subprocess in the tests.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from pathlib import Path
from unittest import mock

from immigration_cooperation.cli import main


def in_process(*arguments: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Like subprocess.run([cooperation, *arguments], cwd=cwd, capture_output=True, text=True),
    with `env` added to the environment. An exception main() does not turn into a message fails
    the test, as a traceback on stderr would."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), mock.patch.dict(os.environ, env or {}), \
            contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main(list(arguments))
        except SystemExit as exit:  # argparse: --help, or arguments it refuses
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    return subprocess.CompletedProcess(list(arguments), code, stdout.getvalue(), stderr.getvalue())


def in_package(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    """`cooperation --root ROOT …` run by in_process from inside ROOT."""
    return in_process("--root", str(root), *arguments, cwd=root)
