"""A synthetic national corpus in the package's own format, to measure the machinery at scale.

The corpus is the real package copied as many times as it takes to hold N provisions: every
copy's local jurisdictions get new, real-looking ids (`oakbrook-co`), names and identifiers of
the right form, and every other record a suffixed id, so the copies keep the real package's
shape (claims per cell, evidence per claim, statements, events, disputes and reported changes
in the same shares) and every rule it satisfies. The states and the country are shared.

Copies are grouped by source: each group of copies cites its own synthetic article files, the
real articles with their letters shifted by a group-dependent amount (a Caesar shift keeps every
offset, so each quote, shifted alike, still occurs at its offsets) and their hash and size
recomputed. Everything is written under the target folder (a temporary directory; never the
package's own seeds/), deterministically: the same N gives the same bytes.

    from immigration_cooperation.synthetic_corpus import write_corpus
    summary = write_corpus(Path("/tmp/corpus"), provisions=100_000)
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .schema import QUOTED_RESOURCES, RESOURCES, Resource

COPIES_PER_SOURCE_GROUP = 20
SHARED_LEVELS = ("federal", "state")  # jurisdictions every copy shares (parents; no provisions)
NOT_COPIED = ("codebook", "dimensions")

_FIRST = ("ash", "bel", "birch", "cedar", "clear", "elm", "fair", "glen", "green", "hill", "lake",
          "maple", "mill", "oak", "pine", "red", "river", "rock", "spring", "stone", "sun", "west",
          "willow", "wood")
_SECOND = ("brook", "burg", "dale", "field", "ford", "haven", "land", "mont", "port", "ridge", "ton",
           "vale", "view", "ville", "wood")


@dataclass(frozen=True)
class CorpusSummary:
    folder: Path
    copies: int
    rows: dict[str, int]  # resource name -> rows written
    source_files: int


def place_stem(serial: int) -> str:
    """A place-like name for the serial-th synthetic jurisdiction: oakbrook, oakbrook-2, …"""
    first, rest = divmod(serial, len(_FIRST) * len(_SECOND))
    name = _FIRST[rest // len(_SECOND)] + _SECOND[rest % len(_SECOND)]
    return name if first == 0 else f"{name}-{first + 1}"


def shift_letters(text: str, shift: int) -> str:
    """Each ASCII letter moved `shift` places in the alphabet (case kept); nothing else changes,
    so every offset in the text stays where it was."""
    shift %= 26
    lower = "abcdefghijklmnopqrstuvwxyz"
    upper = lower.upper()
    table = str.maketrans(lower + upper, lower[shift:] + lower[:shift] + upper[shift:] + upper[:shift])
    return text.translate(table)


def _read(root: Path, resource: Resource) -> list[dict[str, str]]:
    with (root / resource.path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class _Renamer:
    """New ids for one copy: jurisdictions by place name, sources by group, the rest suffixed."""

    def __init__(self, template: dict[str, list[dict[str, str]]]):
        self.shared = {row["jurisdiction_id"] for row in template["jurisdictions"]
                       if row["level"] in SHARED_LEVELS}
        self.local = [row["jurisdiction_id"] for row in template["jurisdictions"]
                      if row["jurisdiction_id"] not in self.shared]
        self.state_code = {row["jurisdiction_id"]: row["state_code"].lower()
                           for row in template["jurisdictions"]}

    def jurisdiction(self, copy: int, original: str) -> str:
        if original in self.shared or copy == 0:
            return original
        serial = copy * len(self.local) + self.local.index(original)
        return f"{place_stem(serial)}-{self.state_code[original]}"

    @staticmethod
    def source(group: int, original: str) -> str:
        return original if group == 0 else f"{original}-g{group}"

    @staticmethod
    def other(copy: int, original: str) -> str:
        return original if copy == 0 else f"{original}-s{copy}"


def _renaming(resource: Resource, renamer: _Renamer) -> dict[str, Callable[[int, int, str], str]]:
    """For each id-valued field of `resource`: (copy, group, value) -> the value in that copy."""
    def by_target(target: str) -> Callable[[int, int, str], str] | None:
        if target in NOT_COPIED:
            return None
        if target == "jurisdictions":
            return lambda copy, group, value: renamer.jurisdiction(copy, value)
        if target == "sources":
            return lambda copy, group, value: renamer.source(group, value)
        return lambda copy, group, value: renamer.other(copy, value)

    fields: dict[str, Callable[[int, int, str], str]] = {}
    if len(resource.primary_key) == 1:
        rename = by_target(resource.name)
        if rename is not None:
            fields[resource.primary_key[0]] = rename
    for key in resource.foreign_keys:
        rename = by_target(key.resource)
        if rename is not None and len(key.fields) == 1:  # (dimension, position) is the codebook's
            fields[key.fields[0]] = rename
    return fields


def _jurisdiction_row(row: dict[str, str], copy: int, renamer: _Renamer, serials: dict[str, int]) -> dict:
    """A copied local jurisdiction: its new id, a name and identifiers of the real forms."""
    if copy == 0:
        return row
    new_id = renamer.jurisdiction(copy, row["jurisdiction_id"])
    stem = new_id[: -len(renamer.state_code[row["jurisdiction_id"]]) - 1]
    state = renamer.state_code[row["jurisdiction_id"]]
    serials[state] = serials.get(state, 0) + 1
    fips = (row["census_geoid"] or "00")[:2]
    kind = "place" if row["level"] != "county" else "county"
    geoid = f"{fips}{serials[state] % 100_000:05d}" if kind == "place" else f"{fips}{serials[state] % 1000:03d}"
    return {**row, "jurisdiction_id": new_id, "name": stem.replace("-", " ").title(),
            "census_geoid": geoid, "census_geoid_kind": kind,
            "ocd_division_id": f"ocd-division/country:us/state:{state}/{kind}:{stem.replace('-', '_')}",
            "identifiers_basis": "Synthetic: generated for the scale benchmark.", "note": ""}


def _copied_rows(resource: Resource, template: list[dict[str, str]], copies: int, renamer: _Renamer,
                 quoted: bool, first_copy: int = 0) -> Iterator[dict[str, str]]:
    renaming = _renaming(resource, renamer)
    serials: dict[str, int] = {}
    shifts: dict[int, dict[str, str]] = {}  # group -> quote -> shifted quote
    for copy in range(first_copy, first_copy + copies):
        group = copy // COPIES_PER_SOURCE_GROUP
        for row in template:
            if resource.name == "jurisdictions":
                if row["jurisdiction_id"] in renamer.shared:
                    if copy == first_copy:
                        yield row
                    continue
                yield _jurisdiction_row(row, copy, renamer, serials)
                continue
            new = dict(row)
            for name, rename in renaming.items():
                if new[name]:
                    new[name] = rename(copy, group, new[name])
            if quoted and group:
                cache = shifts.setdefault(group, {})
                quote = row["quote"]
                if quote not in cache:
                    cache[quote] = shift_letters(quote, group)
                new["quote"] = cache[quote]
            yield new


def _write_table(path: Path, resource: Resource, rows: Iterator[dict[str, str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(resource.field_names)
        for row in rows:
            writer.writerow([row[name] for name in resource.field_names])
            count += 1
    return count


def file_digest(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def refresh_descriptor_hashes(folder: Path) -> None:
    """Record each data file's sha256 and size in folder/datapackage.json, as the build would."""
    path = folder / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    for entry in descriptor["resources"]:
        if entry.get("path", "").startswith("data/"):
            sha256, size = file_digest(folder / entry["path"])
            entry["hash"] = f"sha256:{sha256}" if str(entry.get("hash", "")).startswith("sha256:") else sha256
            entry["bytes"] = size
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_corpus(folder: Path, provisions: int, package_root: Path | None = None,
                 progress: Callable[[str], None] = lambda message: None,
                 keep_real_local_ids: bool = True) -> CorpusSummary:
    """Write a synthetic package of about `provisions` provisions into `folder` (emptied first).

    The first copy keeps the real package's ids (Denver is `denver-co`) unless
    `keep_real_local_ids` is False: then every city and county is synthetic, and only the states
    and the United States keep theirs (a package without Denver, for the build to run on)."""
    from .build import project_root

    root = package_root or project_root()
    template = {resource.name: _read(root, resource) for resource in RESOURCES}
    copies = max(1, math.ceil(provisions / max(1, len(template["provisions"]))))
    groups = math.ceil(copies / COPIES_PER_SOURCE_GROUP)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    renamer = _Renamer(template)

    progress(f"writing {groups} group(s) of synthetic article files")
    source_rows, source_files = [], 0
    for group in range(groups):
        for row in template["sources"]:
            text = (root / row["path"]).read_bytes().decode("utf-8")
            new_id = renamer.source(group, row["source_id"])
            relative = f"seeds/{new_id}.txt"
            data = shift_letters(text, group).encode("utf-8")
            (folder / "seeds").mkdir(exist_ok=True)
            (folder / relative).write_bytes(data)
            source_files += 1
            source_rows.append({**row, "source_id": new_id, "path": relative,
                                "sha256": hashlib.sha256(data).hexdigest(), "bytes": str(len(data))})

    rows: dict[str, int] = {}
    quoted = {resource.name for resource in QUOTED_RESOURCES}
    for resource in RESOURCES:
        progress(f"writing {resource.path} ({copies} copies)")
        if resource.name == "sources":
            table: Iterator[dict[str, str]] = iter(source_rows)
        elif resource.name in NOT_COPIED:
            table = iter(template[resource.name])
        else:
            table = _copied_rows(resource, template[resource.name], copies, renamer,
                                 resource.name in quoted, first_copy=0 if keep_real_local_ids else 1)
        rows[resource.name] = _write_table(folder / resource.path, resource, table)

    shutil.copy2(root / "datapackage.json", folder / "datapackage.json")
    refresh_descriptor_hashes(folder)
    (folder / "sql").mkdir()
    shutil.copy2(root / "sql" / "views.sql", folder / "sql" / "views.sql")
    return CorpusSummary(folder, copies, rows, source_files)
