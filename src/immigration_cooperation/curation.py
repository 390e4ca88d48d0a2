"""Curation: compile the worksheets into checked tables, and the checks curators run by hand.

    compile_tables(root)          every resource's rows, or CurationError listing every problem
    python scripts/sources.py     check_source_files: each seed file against its recorded sha256
    python scripts/jurisdictions/X.py   check_script: the whole curation, this file's problems first

Nothing is written unless there are no problems. The checks themselves live in compiler.py.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import codebook, records
from .compiler import Compiler
from .problems import CurationError
from .worksheets import project_root


def codebook_tables() -> dict[str, list[dict[str, Any]]]:
    """The `dimensions` and `codebook` resources, straight from codebook.py."""
    dimensions, positions = [], []
    for order, dimension in enumerate(codebook.DIMENSIONS, start=1):
        dimensions.append({"dimension": dimension.name, "label": dimension.label,
                           "question": dimension.question, "is_core": dimension.is_core,
                           "sort_order": order})
        for position in dimension.positions:
            positions.append({"dimension": dimension.name, "position": position.name,
                              "level": position.level, "label": position.label,
                              "definition": position.definition})
    return {"dimensions": dimensions, "codebook": positions}


def compile_tables(root: Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every resource's rows, checked; raises CurationError listing every problem."""
    tables = Compiler(root or project_root()).compile()
    tables.update(codebook_tables())
    return tables


def check_source_files(sources: list[records.Source], root: Path | None = None) -> list[str]:
    """One line per source: does the file match its recorded sha256 and size? A mismatch line
    gives the file's real values, so a curator adding a source can copy them."""
    from .compiler import source_mismatch

    root = root or project_root()
    lines = []
    for source in sources:
        path = root / source.path
        if not path.is_file():
            lines.append(f"MISSING  {source.source_id}: {source.path} does not exist")
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest == source.sha256 and len(data) == source.bytes:
            lines.append(f"ok       {source.source_id}: {source.path}")
        else:
            lines.append(f"CHANGED  {source.source_id}: {source_mismatch(source, digest, len(data))}")
    return lines


def run_source_check(sources: list[records.Source], registry_file: str) -> None:
    """What `python scripts/sources.py` does: print each source's check; exit 1 on any mismatch."""
    lines = check_source_files(sources, Path(registry_file).resolve().parents[1])
    for line in lines:
        print(line)
    if any(not line.startswith("ok") for line in lines):
        raise SystemExit(1)


def check_script(script_file: str, root: Path | None = None) -> None:
    """What `python scripts/jurisdictions/X.py` does: check everything, summarize this file."""
    # The package the worksheet lies in (scripts/jurisdictions/X.py), wherever this code is installed.
    root = root or Path(script_file).resolve().parents[2]
    relative = str(Path(script_file).resolve().relative_to(root))
    try:
        tables = compile_tables(root)
    except CurationError as error:
        mine = [p for p in error.problems if p.file == relative]
        print(f"{len(mine)} problem(s) in {relative}, {len(error.problems) - len(mine)} elsewhere:")
        for problem in error.problems:
            print(f"  - {problem}")
        raise SystemExit(1) from None
    print(f"{relative}: no problems. Whole curation: "
          + ", ".join(f"{len(rows)} {name}" for name, rows in tables.items()))
