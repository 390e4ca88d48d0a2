"""Finding and importing the curator's files: the sources registry and one worksheet per jurisdiction.

Worksheets are imported without side effects (each has a `run()` and a `__main__` guard), in
file-name order; files starting with `_` are skipped.
"""

from __future__ import annotations

import importlib.util
import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from .problems import CurationError, Problem


def project_root() -> Path:
    """The checkout or unpacked package this code works on.

    IMMIGRATION_COOPERATION_ROOT overrides; otherwise the source tree this package lives in.
    """
    override = os.environ.get("IMMIGRATION_COOPERATION_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2]


@dataclass
class Script:
    path: Path  # relative to the project root
    module: ModuleType

    def items(self, name: str) -> list[Any]:
        """The records of a list such as PROVISIONS. A single record where a list belongs (the
        brackets or a trailing comma forgotten) is kept as a list of one; `shape_problem` says so."""
        value = getattr(self.module, name, None)
        if value is None:
            return []
        if isinstance(value, (list, tuple)):
            return list(value)
        return [value]

    def shape_problem(self, name: str) -> str | None:
        value = getattr(self.module, name, None)
        if value is None or isinstance(value, (list, tuple)):
            return None
        return (f"{name} must be a list of records, [{type(value).__name__}(...), ...]; found one "
                f"{type(value).__name__} on its own (brackets or a trailing comma forgotten?)")


def _import(path: Path, root: Path) -> ModuleType:
    relative = path.relative_to(root)
    module_name = "_curation_" + "_".join(relative.with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def import_problem(path: Path, root: Path, error: BaseException) -> Problem:
    """A worksheet that Python cannot run, as a curation problem naming the file and line."""
    relative = str(path.relative_to(root))
    line = getattr(error, "lineno", None)
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).resolve() == path.resolve():
            line = frame.lineno
    where = f"line {line}" if line else "the file"
    detail = error.msg if isinstance(error, SyntaxError) else str(error)
    return Problem(relative, where, f"Python cannot run this file ({type(error).__name__}: {detail}); "
                                    "fix it and run the file again (the other files are checked "
                                    "once every file runs)")


def load_scripts(root: Path, problems: list[Problem] | None = None) -> tuple[Script, list[Script]]:
    """The sources registry and the jurisdiction scripts, in file-name order.

    A file that fails to import is reported in `problems` (and skipped) when a list is given,
    else raised as CurationError, so a curator never sees a traceback for a typing mistake.
    """
    collected: list[Problem] = []

    def imported(path: Path) -> Script | None:
        try:
            return Script(path.relative_to(root), _import(path, root))
        except Exception as error:  # any mistake in a curator's file is reported, not raised
            collected.append(import_problem(path, root, error))
            return None

    sources_path = root / "scripts" / "sources.py"
    if not sources_path.is_file():
        raise CurationError([Problem("scripts/sources.py", "registry",
                                     f"{sources_path} is missing: is {root} a checkout of the package?")])
    registry = imported(sources_path) or Script(sources_path.relative_to(root), ModuleType("empty"))
    jurisdiction_paths = sorted((root / "scripts" / "jurisdictions").glob("*.py"))
    scripts = [script for script in (imported(path) for path in jurisdiction_paths
                                     if not path.name.startswith("_")) if script is not None]
    if problems is not None:
        problems.extend(collected)
    elif collected:
        raise CurationError(collected)
    return registry, scripts
