"""`cooperation scaffold`: a draft worksheet for one jurisdiction and one source.

The draft reads like every other worksheet (the jurisdiction, then its records) with the
jurisdiction block filled from the vendored Open Civic Data table and the source's candidate
passages (passages.py) as commented suggestions. Nothing is coded: every list of records is empty
until a curator writes a provision, a statement or an event from a passage. Run on a jurisdiction
that already has a worksheet, it adds (or refreshes) that source's block of suggestions and
changes nothing else.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .identifiers import Division, IdentifierError, identifier_table
from .passages import Passage, candidate_passages
from .schema import ID_PATTERN
from .worksheets import load_scripts

LEVEL_BY_GEOID_KIND = {"place": "city", "county": "county", "county_subdivision": "city",
                       "state": "state", None: "federal"}
STATE_WORD = re.compile(r"^ocd-division/country:us/(state|territory):([a-z]{2})")
RUN_FUNCTION = '''

def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
'''


class ScaffoldError(ValueError):
    """A jurisdiction or source the scaffold cannot draft for; the message says what to do."""


@dataclass(frozen=True)
class Scaffolded:
    path: Path  # the worksheet written, relative to the root
    created: bool  # a new worksheet, or suggestions added to an existing one
    suggestions: int
    division: Division


def worksheet_path(jurisdiction_id: str) -> str:
    return f"scripts/jurisdictions/{jurisdiction_id.replace('-', '_')}.py"


def source_constant(source_id: str, worksheet: str = "") -> str:
    """A name for the source in a worksheet, like DENVER7_2016: its id's first three words, or
    more of them where the worksheet already uses that name for another source."""
    words = source_id.split("-")
    for count in range(min(3, len(words)), len(words) + 1):
        name = re.sub(r"[^A-Z0-9]+", "_", "-".join(words[:count]).upper()).strip("_")
        bound = re.search(rf'^{name} = "([^"]*)"', worksheet, re.M)
        if bound is None or bound.group(1) == source_id:
            return name
    return re.sub(r"[^A-Z0-9]+", "_", source_id.upper()).strip("_") + "_SOURCE"


def guess_ocd_id(jurisdiction_id: str) -> str:
    """'boulder-co' -> .../state:co/place:boulder; 'los-angeles-county-ca' -> .../county:los_angeles.
    Anything else (a state, say) needs --ocd-id."""
    words = jurisdiction_id.split("-")
    if len(words) < 2 or len(words[-1]) != 2:
        raise ScaffoldError(f"cannot tell the state from {jurisdiction_id!r}: ids of cities and "
                            "counties end in the state code ('boulder-co'); for anything else "
                            "pass --ocd-id")
    state, name = words[-1], words[:-1]
    if name[-1] == "county":
        return f"ocd-division/country:us/state:{state}/county:{'_'.join(name[:-1])}"
    return f"ocd-division/country:us/state:{state}/place:{'_'.join(name)}"


def _literal(text: str) -> str:
    """A Python string literal for a passage, in the worksheets' double-quote style."""
    return json.dumps(text, ensure_ascii=False)


def _names_division(passage: Passage, jurisdiction_id: str, division: Division) -> bool:
    names = passage.names
    # A jurisdiction without a worksheet yet is not among the names passages.py knows; its plain
    # name in the sentence ("Boulder") is then the sign.
    plain_name = division.base_name and re.search(rf"\b{re.escape(division.base_name)}\b", passage.text)
    return bool(any(entry["jurisdiction_id"] == jurisdiction_id for entry in names.jurisdictions)
                or any(division.ocd_division_id in place["ocd_ids"] for place in names.places)
                or plain_name)


def suggestions_block(root: Path, jurisdiction_id: str, division: Division, source_id: str,
                      worksheet: str = "") -> tuple[str, int]:
    """The commented block of candidate passages of one source; passages naming the
    jurisdiction first, then the other passages that may speak to a dimension."""
    report = candidate_passages(root, source_id)
    constant = source_constant(source_id, worksheet)
    naming = [p for p in report.flagged if _names_division(p, jurisdiction_id, division)]
    others = [p for p in report.flagged if p not in naming]
    lines = [f"# ----- candidate passages from {source_id} (cooperation scaffold) -----",
             "# Suggestions only, found by cue phrases (src/immigration_cooperation/cue_phrases.py).",
             "# Code a passage by writing a Provision, Statement or Event above with its Quote;",
             "# delete this block when done. Offsets are into the source file.",
             f"# (The quotes use {constant} = \"{source_id}\", defined at the top of the file.)"]
    for title, passages in (("Passages that name this jurisdiction", naming),
                            ("Other passages that may speak to a dimension", others)):
        if not passages:
            continue
        lines += ["#", f"# {title}:"]
        for passage in passages:
            why = "; ".join(f"{dimension} (“{matches[0].matched}”)"
                            for dimension, matches in passage.dimensions.items())
            cited = f"; already cited by {', '.join(passage.cited_by)}" if passage.cited_by else ""
            lines.append(f"# {passage.start}-{passage.end}: may speak to {why}{cited}")
            lines.append(f"#     Quote({constant}, {_literal(passage.text)}),")
    lines.append(f"# ----- end of candidate passages from {source_id} -----")
    return "\n".join(lines) + "\n", len(naming) + len(others)


def _define_constant(text: str, constant: str, source_id: str) -> str:
    """Add `CONSTANT = "source-id"` after the worksheet's imports (before JURISDICTION)."""
    line = f'{constant} = "{source_id}"\n'
    if "\nJURISDICTION = " in text:
        head, tail = text.split("\nJURISDICTION = ", 1)
        return head + "\n" + line + "\nJURISDICTION = " + tail
    return line + text


def _block_pattern(source_id: str) -> re.Pattern:
    return re.compile(rf"# ----- candidate passages from {re.escape(source_id)} \(cooperation "
                      rf"scaffold\) -----\n.*?# ----- end of candidate passages from "
                      rf"{re.escape(source_id)} -----\n", re.S)


def new_worksheet(jurisdiction_id: str, division: Division, parent: str | None, source_id: str,
                  block: str) -> str:
    # A county keeps the word ("Los Angeles County"), as the other worksheets name counties.
    name = ((division.census_name if division.census_geoid_kind == "county" else division.base_name)
            or jurisdiction_id.replace("-", " ").title())
    level = LEVEL_BY_GEOID_KIND.get(division.census_geoid_kind, "city")
    census = f"  # Census name \"{division.census_name}\"" if division.census_name else ""
    parent_line = f'    parent="{parent}",\n' if parent else ""
    return (
        f'"""{name}: coder\'s worksheet.\n\nDrafted by `cooperation scaffold` from {source_id}. '
        "Nothing is coded until a curator\nwrites a provision; the candidate passages at the end are "
        'suggestions.\n"""\n\n'
        "from immigration_cooperation.records import (\n"
        "    Actor, Event, Instrument, Jurisdiction, Provision, Quote, Statement,\n)\n\n"
        f'{source_constant(source_id)} = "{source_id}"\n\n'
        "JURISDICTION = Jurisdiction(\n"
        f'    "{jurisdiction_id}",\n'
        f'    name="{name}",{census}\n'
        f'    level="{level}",  # proposed from the Census kind: check against the articles\n'
        f"{parent_line}"
        f'    ocd_division_id="{division.ocd_division_id}",\n'
        '    role_in_sources="takes_position",  # or "mentioned", if it takes no position\n'
        ")\n\nACTORS: list[Actor] = []\nINSTRUMENTS: list[Instrument] = []\n"
        "PROVISIONS: list[Provision] = []\nSTATEMENTS: list[Statement] = []\n"
        "EVENTS: list[Event] = []\n\n" + block + RUN_FUNCTION)


def _state_jurisdictions(root: Path) -> dict[str, str]:
    """OCD id -> jurisdiction id of every state that has a worksheet."""
    _, scripts = load_scripts(root)
    found = {}
    for script in scripts:
        record = getattr(script.module, "JURISDICTION", None)
        if record is not None and getattr(record, "level", None) == "state":
            found[record.ocd_division_id] = record.jurisdiction_id
    return found


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def scaffold(root: Path, jurisdiction_id: str, source_id: str, ocd_id: str | None = None
             ) -> Scaffolded:
    """Write or extend the worksheet of `jurisdiction_id` with `source_id`'s candidate passages."""
    root = Path(root)
    table = identifier_table(root)
    try:
        division = table.resolve(ocd_id or guess_ocd_id(jurisdiction_id))
    except IdentifierError as error:
        raise ScaffoldError(f"{error}; pass --ocd-id with the right one") from None
    if not re.match(ID_PATTERN, jurisdiction_id):
        raise ScaffoldError(f"{jurisdiction_id!r} is not a jurisdiction id: lower-case words joined by "
                            "hyphens, ending in the state code, e.g. 'boulder-co'")
    relative = Path(worksheet_path(jurisdiction_id))
    path = root / relative
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    block, count = suggestions_block(root, jurisdiction_id, division, source_id, existing)
    if path.is_file():
        text = existing
        pattern = _block_pattern(source_id)
        constant = source_constant(source_id, text)
        if not re.search(rf'^{constant} = "{re.escape(source_id)}"', text, re.M):
            text = _define_constant(text, constant, source_id)
        if pattern.search(text):  # scaffolded before: refresh the block in place
            text = pattern.sub(lambda match: block, text, count=1)
        elif "\ndef run()" in text:
            head, tail = text.split("\ndef run()", 1)
            text = head.rstrip("\n") + "\n\n" + block + "\n\ndef run()" + tail
        else:
            text = text.rstrip("\n") + "\n\n" + block
        _write(path, text)
        return Scaffolded(relative, False, count, division)
    parent = None
    state = STATE_WORD.match(division.ocd_division_id)
    if state and division.census_geoid_kind != "state":
        state_ocd = f"ocd-division/country:us/{state.group(1)}:{state.group(2)}"
        states = _state_jurisdictions(root)
        parent = states.get(state_ocd)
        if parent is None:
            raise ScaffoldError(f"no worksheet defines the state {state_ocd}, the parent of "
                                f"{jurisdiction_id}: scaffold it first (`cooperation scaffold "
                                f"<state-id> --source {source_id} --ocd-id {state_ocd}`)")
    elif division.census_geoid_kind == "state":
        parent = "united-states"
    _write(path, new_worksheet(jurisdiction_id, division, parent, source_id, block))
    return Scaffolded(relative, True, count, division)
