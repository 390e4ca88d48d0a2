"""Who and where a passage names: worksheet jurisdictions and actors, and places in the OCD table.

Used by `passages.py`. Jurisdictions match by name and by any spelling their note quotes that is
plainly the same name ("Tuscon" for Tucson, "the city and county of Denver"); actors by full name
and, for people, by surname alone when capitalised. Other places come from capitalised word
sequences looked up in the vendored Open Civic Data table; a place is offered only where the
article names its state or the words say what kind of place it is ("El Paso County"), so that a
capitalised common word that is also some town's name ("Justice", "Congress") is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from .evidence import FoldedText, fold
from .identifiers import IdentifierTable, census_base_name

PLACE_IDS_SHOWN = 3
# A capitalised word, possibly an initial or abbreviation ("J.B.", "Colo.").
CAPITALISED_RUN = re.compile(r"[A-Z][\w.']*(?: [A-Z][\w.']*)*")
# The ending of a Census name that says a place is a county, not a city or town.
COUNTY_WORDS = ("county", "parish", "borough", "census area")


@dataclass(frozen=True)
class Names:
    jurisdictions: tuple[dict, ...] = ()  # jurisdiction_id, name, ocd_division_id, matched
    actors: tuple[dict, ...] = ()  # actor_id, name, matched
    places: tuple[dict, ...] = ()  # matched, ocd_ids (a few; those in states named first), ocd_id_count

    def to_dict(self) -> dict:
        return {"jurisdictions": list(self.jurisdictions), "actors": list(self.actors),
                "places": list(self.places)}

    def describe(self) -> str:
        lines = [f"{entry['name']} [{entry['jurisdiction_id']}]" for entry in self.jurisdictions]
        lines += [f"{entry['name']} [{entry['actor_id']}]" for entry in self.actors]
        for place in self.places:
            more = place["ocd_id_count"] - len(place["ocd_ids"])
            lines.append(f"{place['matched']}: {', '.join(place['ocd_ids'])}"
                         + (f" (+{more} more)" if more else ""))
        return "\n".join(lines)


@dataclass(frozen=True)
class _Spelling:
    kind: str  # "jurisdiction" or "actor"
    record_id: str
    pattern: re.Pattern
    capitalised: bool  # the spelling is a proper name: never matched from lower-case words


@dataclass(frozen=True)
class _Hit:
    kind: str
    record_id: str
    start: int
    end: int
    matched: str

    def inside(self, other: "_Hit") -> bool:
        return other.start <= self.start and self.end <= other.end and self != other

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def _spelling(kind: str, record_id: str, text: str, case_sensitive: bool = False) -> _Spelling:
    words = [re.escape(word) for word in fold(text).folded.split()]
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", flags)
    return _Spelling(kind, record_id, pattern, text[:1].isupper())


def quoted_spellings(name: str, note: str | None) -> list[str]:
    """Spellings a jurisdiction's note quotes that are plainly its name: they contain the name
    as words, or differ from it by a slip of a letter or two ("Tuscon" for "Tucson")."""
    quoted = re.findall(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]", note or "")
    contains_name = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    return [spelling for spelling in quoted if spelling != name
            and (contains_name.search(spelling) or fuzz.ratio(spelling.lower(), name.lower()) >= 75)]


def state_of(jurisdiction) -> str | None:
    """Lower-case postal code of a jurisdiction's state, read off its OCD id ("co")."""
    found = re.search(r"/state:([a-z]{2})(/|$)", getattr(jurisdiction, "ocd_division_id", None) or "")
    return found.group(1) if found else None


class NameIndex:
    """The worksheets' jurisdictions and actors and the OCD place names, to find in sentences."""

    def __init__(self, scripts: list, table: IdentifierTable):
        self.jurisdictions: dict = {}
        self.actors: dict = {}
        self.spellings: list[_Spelling] = []
        for script in scripts:
            jurisdiction = getattr(script.module, "JURISDICTION", None)
            if jurisdiction is not None:
                self._add_jurisdiction(jurisdiction)
            for actor in script.items("ACTORS"):
                self._add_actor(actor)
        self.places = table.divisions_by_name

    def _add_jurisdiction(self, jurisdiction) -> None:
        self.jurisdictions[jurisdiction.jurisdiction_id] = jurisdiction
        for text in [jurisdiction.name] + quoted_spellings(jurisdiction.name, getattr(jurisdiction, "note", None)):
            self.spellings.append(_spelling("jurisdiction", jurisdiction.jurisdiction_id, text))

    def _add_actor(self, actor) -> None:
        self.actors[actor.actor_id] = actor
        self.spellings.append(_spelling("actor", actor.actor_id, actor.name))
        words = actor.name.split()
        if getattr(actor, "kind", None) == "person" and len(words) > 1:
            # A surname alone counts only as written, capitalised ("Hancock said").
            self.spellings.append(_spelling("actor", actor.actor_id, words[-1], case_sensitive=True))

    def states_named(self, text: str) -> set[str]:
        """States of every worksheet jurisdiction the text names (Denver names Colorado)."""
        folded = fold(text)
        return {state for hit in self._record_hits(folded, text) if hit.kind == "jurisdiction"
                and (state := state_of(self.jurisdictions[hit.record_id])) is not None}

    def find(self, sentence: str, states: set[str]) -> Names:
        folded = fold(sentence)
        hits = self._record_hits(folded, sentence)
        places = self._place_hits(folded, sentence, hits, states)
        return Names(self._jurisdiction_entries(hits), self._actor_entries(hits), tuple(places))

    def _record_hits(self, folded: FoldedText, sentence: str) -> list[_Hit]:
        hits = []
        for spelling in self.spellings:
            for match in spelling.pattern.finditer(folded.folded):
                start, end = folded.original_span(match.start(), match.end())
                if sentence[start].isupper() or not spelling.capitalised:
                    hits.append(_Hit(spelling.kind, spelling.record_id, start, end, sentence[start:end]))
        # "Los Angeles" inside "Los Angeles County" is the county, not the city as well.
        jurisdictions = [hit for hit in hits if hit.kind == "jurisdiction"]
        return sorted((hit for hit in hits if hit.kind == "actor"
                       or not any(hit.inside(other) for other in jurisdictions)),
                      key=lambda hit: (hit.start, -hit.end))

    def _jurisdiction_entries(self, hits: list[_Hit]) -> tuple[dict, ...]:
        entries: dict[str, dict] = {}
        for hit in hits:
            if hit.kind == "jurisdiction":
                record = self.jurisdictions[hit.record_id]
                entry = entries.setdefault(hit.record_id, {
                    "jurisdiction_id": hit.record_id, "name": record.name,
                    "ocd_division_id": record.ocd_division_id, "matched": []})
                if hit.matched not in entry["matched"]:
                    entry["matched"].append(hit.matched)
        return tuple(entries.values())

    def _actor_entries(self, hits: list[_Hit]) -> tuple[dict, ...]:
        entries: dict[str, dict] = {}
        for hit in hits:
            # "Hancock" inside "Michael Hancock" is the same mention, not a second one.
            if hit.kind == "actor" and not any(hit.inside(other) for other in hits if other.kind == "actor"):
                entry = entries.setdefault(hit.record_id, {
                    "actor_id": hit.record_id, "name": self.actors[hit.record_id].name, "matched": []})
                if hit.matched not in entry["matched"]:
                    entry["matched"].append(hit.matched)
        return tuple(entries.values())

    def _place_hits(self, folded: FoldedText, sentence: str, hits: list[_Hit],
                    states: set[str]) -> list[dict]:
        """Places in capitalised word runs that no worksheet record already accounts for."""
        places = []
        for run in CAPITALISED_RUN.finditer(folded.folded):
            for start, end, ids, says_kind in self._places_in_run(run):
                start, end = folded.original_span(start, end)
                if any(hit.overlaps(start, end) if hit.kind == "actor" else
                       hit.start <= start and end <= hit.end for hit in hits):
                    continue  # a person or body's name, or within a jurisdiction already reported
                in_named_state = [ocd_id for ocd_id in ids if _state_in(ocd_id) in states]
                if not (in_named_state or says_kind):
                    continue
                places.append({"matched": sentence[start:end],
                               "ocd_ids": _preferred(ids, states, says_kind)[:PLACE_IDS_SHOWN],
                               "ocd_id_count": len(ids)})
        return places

    def _places_in_run(self, run: re.Match):
        """(start, end, ids, kind word) of each place name in a run, longest names first."""
        words = [(word.start() + run.start(), word.end() + run.start())
                 for word in re.finditer(r"\S+", run.group())]
        index = 0
        while index < len(words):
            for stop in range(len(words), index, -1):
                start, end = words[index][0], words[stop - 1][1]
                # A sentence's full stop or a possessive is not part of the name ("Denver's").
                name = re.sub(r"(\.|'s|')$", "", run.string[start:end])
                found = self._lookup(name)
                if found:
                    yield (start, start + len(name), *found)
                    index = stop
                    break
            else:
                index += 1

    def _lookup(self, name: str) -> tuple[list[str], str | None] | None:
        """The OCD ids of a place name, and the kind word it ends with ("County"), if any."""
        if name.lower() in self.places:
            return self.places[name.lower()], None
        base = census_base_name(name)
        if base == name or base.lower() not in self.places:
            return None
        return self.places[base.lower()], name[len(base):].strip().lower()


def _state_in(ocd_id: str) -> str:
    return ocd_id.split("/")[2].split(":")[1]


def _preferred(ids: list[str], states: set[str], kind: str | None) -> list[str]:
    """Ids in states the article names first, then those of the kind the words say."""
    wants_county = kind in COUNTY_WORDS if kind else None

    def order(ocd_id: str):
        last = ocd_id.rsplit("/", 1)[1]
        kind_matches = wants_county is None or last.startswith("county:") == wants_county
        return (_state_in(ocd_id) not in states, not kind_matches, ocd_id)

    return sorted(ids, key=order)
