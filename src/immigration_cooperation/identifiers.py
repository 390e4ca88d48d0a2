"""Standard identifiers from the vendored Open Civic Data table, never from memory.

`reference/ocd-division-ids/` holds, unchanged, the OCD division-id table for US counties and
places and its alias list (CC0; see PROVENANCE.md there). A curator writes only a jurisdiction's
OCD division id; this module checks it against the table, follows an alias to its canonical id,
and reads the Census GEOID and its kind off the table. States and the country are not rows of the
table: their ids follow the documented patterns `ocd-division/country:us/state:xx` and
`ocd-division/country:us`, and a state's GEOID (its FIPS code) is the two digits every GEOID of
its counties and places in the table begins with.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

REFERENCE_DIRECTORY = "reference/ocd-division-ids"
PLACES_FILE = "us_census_places.csv"
ALIASES_FILE = "aliases.csv"
REFERENCE_COMMIT = "7080566f4ab7c4286cd9ffa1bd27f928c2cc888c"
COUNTRY_ID = "ocd-division/country:us"
STATE_ID = re.compile(r"^ocd-division/country:us/(state|territory):([a-z]{2})$")
# The table writes every GEOID as "place-" plus its digits, whatever the geography; the number of
# digits says which kind it is.
GEOID_KIND_BY_LENGTH = {2: "state", 5: "county", 7: "place", 10: "county_subdivision"}
# Last words of Census names that say what kind of place it is ("Denver city"), not its name.
CENSUS_NAME_SUFFIXES = (
    "city and borough", "consolidated government", "metropolitan government", "unified government",
    "census area", "city", "town", "village", "township", "borough", "county", "parish",
    "municipality", "municipio", "plantation", "cdp", "government", "corporation",
)


class IdentifierError(ValueError):
    """An OCD division id that the vendored table does not hold; the message names close ones."""


@dataclass(frozen=True)
class Division:
    ocd_division_id: str
    census_name: str | None
    census_geoid: str | None
    census_geoid_kind: str | None
    state_code: str | None
    basis: str  # how the identifiers were read, for jurisdictions.identifiers_basis
    written_as: str | None = None  # the alias the curator wrote, when it was one

    @property
    def base_name(self) -> str | None:
        return census_base_name(self.census_name) if self.census_name else None


_SUFFIX = re.compile(r"\s+(?:" + "|".join(re.escape(suffix) for suffix in CENSUS_NAME_SUFFIXES)
                     + r")$", re.IGNORECASE)


def census_base_name(census_name: str) -> str:
    """"Denver city" -> "Denver", "Los Angeles County" -> "Los Angeles"."""
    return _SUFFIX.sub("", census_name).strip() or census_name


class IdentifierTable:
    """The vendored table, indexed by OCD id, by alias and by plain place name."""

    def __init__(self, directory: Path, places_text: str, aliases_text: str):
        self.directory = directory
        reader = csv.reader(io.StringIO(places_text, newline=""))
        if next(reader, None) != ["id", "name", "census_geoid"]:
            raise ValueError(f"{directory / PLACES_FILE}: expected the columns id, name, census_geoid")
        # ocd id -> (Census name, GEOID digits); the table writes each GEOID as "place-<digits>"
        self.rows: dict[str, tuple[str, str]] = {ocd_id: (name, geoid.removeprefix("place-"))
                                                 for ocd_id, name, geoid in reader}
        self.aliases: dict[str, tuple[str, str]] = {}  # alias -> (canonical id, note)
        for row in csv.DictReader(io.StringIO(aliases_text, newline="")):
            self.aliases[row["id"]] = (row["sameAs"], row["sameAsNote"])

    @property
    def state_fips(self) -> dict[str, str]:
        """"state:co" -> "08": the two digits the state's GEOIDs in the table begin with."""
        return _state_fips(self)

    def provenance(self) -> str:
        return (f"the Open Civic Data division-id table vendored in {REFERENCE_DIRECTORY} "
                f"(CC0, opencivicdata/ocd-division-ids at {REFERENCE_COMMIT[:7]})")

    def resolve(self, ocd_id: str) -> Division:
        """The canonical division an id names, with its Census identifiers; IdentifierError if
        the table does not hold it."""
        if ocd_id == COUNTRY_ID:
            return Division(ocd_id, None, None, None, None,
                            f"OCD division id of the country, by the pattern documented with "
                            f"{self.provenance()}; the country has no Census GEOID here.")
        state = STATE_ID.match(ocd_id)
        if state:
            fips = self.state_fips.get(f"{state.group(1)}:{state.group(2)}")
            if fips is None:
                raise IdentifierError(f"{ocd_id!r} follows the state pattern, but the table has no "
                                      f"division in {state.group(1)} {state.group(2)!r}")
            return Division(ocd_id, None, fips, "state", state.group(2).upper(),
                            f"OCD division id by the state pattern documented with "
                            f"{self.provenance()}; the GEOID is the state FIPS code that the "
                            f"table's GEOIDs in the state begin with.")
        written_as, alias_note = None, None
        # An alias wins even where the table also lists it (Denver city is a row and an alias of
        # the consolidated city and county's county id).
        if ocd_id in self.aliases:
            written_as = ocd_id
            ocd_id, alias_note = self.aliases[ocd_id]
        if ocd_id not in self.rows:
            raise IdentifierError(self.unknown_message(written_as or ocd_id))
        census_name, geoid = self.rows[ocd_id]
        basis = (f"OCD division id checked against {self.provenance()}; Census GEOID and its kind "
                 f"read from that table (Census name \"{census_name}\").")
        if written_as:
            basis += f" Written as the alias {written_as}, which the table maps here ({alias_note})."
        return Division(ocd_id, census_name, geoid, GEOID_KIND_BY_LENGTH.get(len(geoid)),
                        ocd_id.split("/")[2].split(":")[1].upper(), basis, written_as)

    def close_matches(self, ocd_id: str, limit: int = 3) -> list[str]:
        from rapidfuzz import process

        # Compare within the same state where the id names one: 39,000 ids otherwise.
        prefix = "/".join(ocd_id.split("/")[:3]) + "/"
        candidates = [key for key in self.rows if key.startswith(prefix)] or list(self.rows)
        return [match for match, score, _ in process.extract(ocd_id, candidates, limit=limit)
                if score >= 70]

    def unknown_message(self, ocd_id: str) -> str:
        matches = self.close_matches(ocd_id)
        hint = f"; close matches: {', '.join(matches)}" if matches else ""
        return (f"OCD division id {ocd_id!r} is not in {self.provenance()}{hint}. States are "
                f"ocd-division/country:us/state:xx, the country {COUNTRY_ID}")

    @property
    def divisions_by_name(self) -> dict[str, list[str]]:
        """Plain place name, lower-cased ("denver") -> every OCD id whose Census name it is."""
        return _names(self)


@lru_cache(maxsize=8)
def _state_fips(table: IdentifierTable) -> dict[str, str]:
    fips: dict[str, str] = {}
    for ocd_id, (_, geoid) in table.rows.items():
        fips.setdefault(ocd_id.split("/", 3)[2], geoid[:2])
    return fips


@lru_cache(maxsize=8)
def _names(table: IdentifierTable) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for ocd_id, (census_name, _) in table.rows.items():
        index.setdefault(census_base_name(census_name).lower(), []).append(ocd_id)
    return index


# Tables already read, by the digest of their two files' bytes: every copy of the package (a
# build's staging folder, a curator's scratch copy, each test's) holds the same 3 MB table, and
# hashing it costs a twentieth of parsing it. The few last read are kept (a table holds about 15 MB).
_tables: dict[str, IdentifierTable] = {}
_KEPT_TABLES = 4


def _load(directory: Path) -> IdentifierTable:
    places, aliases = (directory / PLACES_FILE).read_bytes(), (directory / ALIASES_FILE).read_bytes()
    digest = hashlib.sha256(places).hexdigest() + hashlib.sha256(aliases).hexdigest()
    if digest not in _tables:
        while len(_tables) >= _KEPT_TABLES:
            del _tables[next(iter(_tables))]  # the first read of those kept
        _tables[digest] = IdentifierTable(directory, places.decode("utf-8"), aliases.decode("utf-8"))
    return _tables[digest]


def identifier_table(root: Path) -> IdentifierTable:
    """The vendored table of the package at `root` (read once per process)."""
    directory = (Path(root) / REFERENCE_DIRECTORY).resolve()
    if not (directory / PLACES_FILE).is_file():
        raise FileNotFoundError(f"{directory / PLACES_FILE} is missing: the Open Civic Data table is "
                                "vendored with the package; restore it with `git checkout -- "
                                f"{REFERENCE_DIRECTORY}`")
    return _load(directory)
