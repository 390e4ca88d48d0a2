"""Finding and importing the curator's files: the sources registry and one worksheet per jurisdiction.

Worksheets are imported without side effects (each has a `run()` and a `__main__` guard), in
file-name order; files starting with `_` are skipped.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any


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
        return list(getattr(self.module, name, []) or [])


def _import(path: Path, root: Path) -> ModuleType:
    relative = path.relative_to(root)
    module_name = "_curation_" + "_".join(relative.with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_scripts(root: Path) -> tuple[Script, list[Script]]:
    """The sources registry and the jurisdiction scripts, in file-name order."""
    sources_path = root / "scripts" / "sources.py"
    registry = Script(sources_path.relative_to(root), _import(sources_path, root))
    jurisdiction_paths = sorted((root / "scripts" / "jurisdictions").glob("*.py"))
    scripts = [Script(path.relative_to(root), _import(path, root))
               for path in jurisdiction_paths if not path.name.startswith("_")]
    return registry, scripts
