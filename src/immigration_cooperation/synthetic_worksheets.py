"""Synthetic worksheets for the scale benchmark's curation stage: the package's own worksheets,
copied under real Open Civic Data divisions, as a curator would write them at national scale.

    write_worksheets(folder, jurisdictions)

writes a curation root into `folder` (scripts/sources.py, scripts/jurisdictions/*.py, seeds/ and
the vendored reference/ table the compiler resolves OCD ids against), never into the package's
own seeds/. Copy 0 is the package's worksheets as they are; each further copy of a local
worksheet (a city or county) takes the next unused division of the same kind from the vendored
table (its id, its Census name), in its own state while that has any and then in the others, and
gives every record it defines a new id, keeping every link between records of the copy. State
and federal worksheets are written once and shared; a copy in a state they do not cover gets a
bare state worksheet as its parent.

Copies come in groups of COPIES_PER_SOURCE_GROUP that quote the same articles, so many worksheets
quote one article, as at national scale. Each group after the first has its own copy of every
article, registered under its own id and path, with its letters shifted by 1 to 25 places
(synthetic_corpus.shift_letters: every offset stays where it was, and the quotes are shifted
alike; after 25 groups the shifts repeat). A copy's links between its own worksheets stay in
the copy; links to the state and federal worksheets go to the shared ones.

Records are written with their dataclass repr: plain, declarative Python, like the real sheets.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import records
from .identifiers import ALIASES_FILE, PLACES_FILE, REFERENCE_DIRECTORY, STATE_ID
from .synthetic_corpus import shift_letters
from .worksheets import load_scripts, project_root

COPIES_PER_SOURCE_GROUP = 50  # copies of the worksheets quoting one copy of the articles
SHARED_LEVELS = ("state", "federal")  # worksheets written once, not copied
LISTS = ("ACTORS", "INSTRUMENTS", "PROVISIONS", "STATEMENTS", "EVENTS")
IMPORTS = "from immigration_cooperation.records import (\n    Actor, Event, Instrument, Jurisdiction, Provision, Quote, Source, Statement,\n)\n"


@dataclass(frozen=True)
class WorksheetSummary:
    worksheets: int  # every file: the local copies, the shared state and federal sheets, bare states
    jurisdictions: int  # local (city and county) jurisdictions written, the copies included
    provisions: int
    quotes: int
    source_files: int
    capped: bool  # fewer jurisdictions than asked: the vendored table ran out of divisions


def _defined_ids(script) -> list[str]:
    """Every id a worksheet defines: its jurisdiction and the first field of each record."""
    ids = [script.module.JURISDICTION.jurisdiction_id]
    for name in LISTS:
        for item in script.items(name):
            ids.append(getattr(item, dataclasses.fields(item)[0].name))
    return ids


def _renamed(value: Any, ids: dict[str, str], sources: dict[str, str], shift: int) -> Any:
    """`value` with every id in `ids` and every source in `sources` replaced, quotes shifted."""
    if isinstance(value, records.Quote):
        return dataclasses.replace(
            value, source=sources.get(value.source, value.source), text=shift_letters(value.text, shift),
            speaker=ids.get(value.speaker, value.speaker))
    if dataclasses.is_dataclass(value):
        return dataclasses.replace(value, **{item.name: _renamed(getattr(value, item.name), ids, sources, shift)
                                             for item in dataclasses.fields(value)})
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, list):
        return [_renamed(item, ids, sources, shift) for item in value]
    if isinstance(value, tuple):
        return tuple(_renamed(item, ids, sources, shift) for item in value)
    return value


def _worksheet_text(title: str, jurisdiction, lists: dict[str, list]) -> str:
    parts = [f'"""{title}: synthetic worksheet for the scale benchmark."""\n', IMPORTS,
             f"JURISDICTION = {jurisdiction!r}\n"]
    for name, items in lists.items():
        parts.append(f"{name} = [\n" + "".join(f"    {item!r},\n" for item in items) + "]\n")
    return "\n".join(parts)


def _divisions(root: Path, taken: set[str]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(OCD id, Census name) of every place and county in the vendored table, by (state, kind),
    in the table's order, leaving out those the package uses and both ends of every alias (an
    alias resolves to its canonical division, which may already be a jurisdiction's)."""
    directory = root / REFERENCE_DIRECTORY
    taken = set(taken)
    with (directory / ALIASES_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            taken |= {row["id"], row["sameAs"]}
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    with (directory / PLACES_FILE).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            parts = row["id"].split("/")
            if len(parts) != 4 or STATE_ID.match("/".join(parts[:3])) is None or row["id"] in taken:
                continue
            kind = parts[3].split(":")[0]
            if kind in ("place", "county"):
                found.setdefault((_state(row["id"]), kind), []).append((row["id"], row["name"]))
    return found


def _state(ocd_id: str) -> str:
    """The state code of a division id at or below a state (`…/state:co/place:aurora` gives co)."""
    return ocd_id.split("/")[2].split(":")[1]


def _state_and_kind(ocd_id: str) -> tuple[str, str]:
    return _state(ocd_id), ocd_id.split("/")[3].split(":")[0]


def _next_division(available: dict[tuple[str, str], list[tuple[str, str]]], template: str,
                   slugs: set[str]) -> tuple[str, str] | None:
    """The next unused division of the template's kind, under an id no jurisdiction has yet: in
    the template's own state while it has any, then in the other states in alphabetical order."""
    state, kind = _state_and_kind(template)
    for key in [(state, kind)] + sorted(key for key in available if key[1] == kind and key[0] != state):
        candidates = available.get(key, [])
        while candidates and _slug(candidates[0][0]) in slugs:
            candidates.pop(0)
        if candidates:
            return candidates.pop(0)
    return None


def _shift(group: int) -> int:
    """How far a group's letters move: 0 for the package's own articles, 1 to 25 after (a
    shift of 26 would give back the original text, so group 26 repeats group 1's letters
    under its own ids and paths)."""
    return 0 if group == 0 else 1 + (group - 1) % 25


def _slug(ocd_id: str) -> str:
    """A jurisdiction id of the package's form (`aurora-co`, `los-angeles-county-ca`); accents
    are dropped (`cañon_city` gives `canon-city-co`)."""
    state, kind = _state_and_kind(ocd_id)
    name = unicodedata.normalize("NFKD", ocd_id.rsplit(":", 1)[1]).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"{stem}-county-{state}" if kind == "county" else f"{stem}-{state}"


def write_worksheets(folder: Path, jurisdictions: int, package_root: Path | None = None) -> WorksheetSummary:
    """A curation root in `folder` (emptied first) with worksheets for about `jurisdictions`
    local jurisdictions, plus the package's state and federal ones."""
    root = Path(package_root or project_root())
    registry, scripts = load_scripts(root)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "scripts" / "jurisdictions").mkdir(parents=True)
    shutil.copytree(root / REFERENCE_DIRECTORY, folder / REFERENCE_DIRECTORY)
    local = [script for script in scripts if script.module.JURISDICTION.level not in SHARED_LEVELS]
    shared = [script for script in scripts if script.module.JURISDICTION.level in SHARED_LEVELS]
    taken = {script.module.JURISDICTION.ocd_division_id for script in scripts}
    available = _divisions(root, taken)
    slugs = {script.module.JURISDICTION.jurisdiction_id for script in scripts}
    sources = registry.items("SOURCES")
    counts = {"worksheets": 0, "provisions": 0, "quotes": 0}
    written_sources: list[records.Source] = []

    # The package's state worksheets are the parents of copies in their states; a copy in
    # another state gets a bare state worksheet (no provisions) as its parent.
    state_ids = {_state(script.module.JURISDICTION.ocd_division_id): script.module.JURISDICTION.jurisdiction_id
                 for script in shared if script.module.JURISDICTION.level == "state"}
    state_template = next(script.module.JURISDICTION for script in shared
                          if script.module.JURISDICTION.level == "state")
    local_count = 0  # local jurisdictions written
    exhausted: set[Path] = set()  # local worksheets for whose kind the table has no division left

    def write(name: str, text: str, script_lists: dict[str, list]) -> None:
        (folder / "scripts" / "jurisdictions" / name).write_text(text, encoding="utf-8")
        counts["worksheets"] += 1
        counts["provisions"] += len(script_lists.get("PROVISIONS", []))
        counts["quotes"] += sum(len(provision.evidence) for provision in script_lists.get("PROVISIONS", []))

    def source_group(group: int) -> dict[str, str]:
        """Copy the articles for `group` (once) and return original id -> the group's id."""
        names = {source.source_id: (source.source_id if group == 0 else f"{source.source_id}-g{group}")
                 for source in sources}
        if any(item.source_id == names[sources[0].source_id] for item in written_sources):
            return names
        for source in sources:
            text = (root / source.path).read_bytes().decode("utf-8")
            path = source.path if group == 0 else f"seeds/g{group}/{Path(source.path).name}"
            data = shift_letters(text, _shift(group)).encode("utf-8")
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
            written_sources.append(dataclasses.replace(
                source, source_id=names[source.source_id], path=path,
                sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                body_starts_with=shift_letters(source.body_starts_with, _shift(group)),
                body_ends_with=shift_letters(source.body_ends_with, _shift(group))))
        return names

    for script in shared:
        lists = {name: script.items(name) for name in LISTS}
        write(script.path.name, _worksheet_text(script.module.JURISDICTION.name, script.module.JURISDICTION, lists),
              lists)
    source_group(0)
    capped, copy = False, 0
    used_ids = {item for script in scripts for item in _defined_ids(script)}
    while local_count < jurisdictions and not capped:
        group = copy // COPIES_PER_SOURCE_GROUP
        source_ids = source_group(group)
        # First every local worksheet's division in this copy, so that a link from one of the
        # copy's worksheets to another (Aurora's statement also about Chicago) stays in the copy.
        picked: dict[Path, tuple[str, str, str]] = {}  # worksheet -> (new id, OCD id, Census name)
        ids: dict[str, str] = {}
        for script in local:
            if copy == 0 or local_count + len(picked) >= jurisdictions:
                break
            original = script.module.JURISDICTION
            division = None if script.path in exhausted else _next_division(available, original.ocd_division_id, slugs)
            if division is None:  # no division of its kind is left: the others go on
                exhausted.add(script.path)
                continue
            new_id = _slug(division[0])
            slugs.add(new_id)
            picked[script.path] = (new_id, *division)
            prefix = original.jurisdiction_id
            for old in _defined_ids(script):
                # ids that begin with the jurisdiction's own take the new one's; others a suffix
                ids[old] = new_id + old[len(prefix):] if old == prefix or old.startswith(prefix + "-") \
                    else f"{old}-copy{copy}"
        capped = copy > 0 and len(exhausted) == len(local)
        for script in local:
            if local_count >= jurisdictions:
                break
            original = script.module.JURISDICTION
            if copy == 0:
                jurisdiction, renames = original, {}
            elif script.path not in picked:
                continue
            else:
                new_id, ocd_id, census_name = picked[script.path]
                state = _state_and_kind(ocd_id)[0]
                if state not in state_ids:  # a state no worksheet of the package covers
                    state_ids[state] = f"state-{state}"
                    slugs.add(state_ids[state])
                    state_sheet = dataclasses.replace(
                        state_template, jurisdiction_id=state_ids[state], name=f"State {state.upper()}",
                        ocd_division_id=f"ocd-division/country:us/state:{state}")
                    write(f"state_{state}.py", _worksheet_text(state_sheet.name, state_sheet, {}), {})
                renames = ids
                jurisdiction = dataclasses.replace(original, jurisdiction_id=new_id, name=census_name,
                                                   ocd_division_id=ocd_id, parent=state_ids[state])
                fresh = [renames[old] for old in _defined_ids(script)]
                clashes = used_ids.intersection(fresh)
                if clashes or len(set(fresh)) != len(fresh):
                    raise ValueError(f"synthetic ids already in use: {sorted(clashes)[:5]}")
                used_ids.update(fresh)
            lists = {name: [_renamed(item, renames, source_ids, _shift(group)) for item in script.items(name)]
                     for name in LISTS}
            stem = script.path.stem if copy == 0 else f"{script.path.stem}_{copy}"
            write(f"{stem}.py", _worksheet_text(jurisdiction.name, jurisdiction, lists), lists)
            local_count += 1
        copy += 1
    (folder / "scripts" / "sources.py").write_text(
        '"""Sources registry: synthetic copies of the package\'s articles for the scale benchmark."""\n\n'
        + IMPORTS + "\nSOURCES = [\n" + "".join(f"    {source!r},\n" for source in written_sources) + "]\n",
        encoding="utf-8")
    return WorksheetSummary(counts["worksheets"], local_count, counts["provisions"],
                            counts["quotes"], len(written_sources), capped)
