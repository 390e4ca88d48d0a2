"""Checking the curator's records as a careful reviewer would, and turning them into table rows.

Every problem names the curation file, the record and what to do. Dates are bounds (dates.py);
each provision's relation to the position of record is checked cell by cell (claims.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codebook, records
from .claim_records import ClaimRecords
from .claims import Claim, relation_problems
from .dates import EXAMPLES, DateBounds, DateError, parse_date_bounds
from .evidence import QuoteError, QuoteNotFound, Span, find_all, locate
from .identifiers import IdentifierError, identifier_table
from .problems import CurationError, Problem, record_mistakes, unknown_value
from .release import RELEASED_ON
from .schema import ID_PATTERN
from .worksheets import Script, load_scripts


@dataclass
class SourceText:
    source_id: str
    text: str
    body: tuple[int, int]
    published: DateBounds | None


@dataclass
class Compiler(ClaimRecords):
    root: Path
    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, SourceText] = field(default_factory=dict)
    # Registered sources whose file is missing or changed: already reported once against the
    # registry, so quotes citing them are not reported again as citing an unknown source.
    unusable_sources: set[str] = field(default_factory=set)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # id -> file that defined it, per kind, to report duplicates with both places
    defined: dict[str, dict[str, str]] = field(default_factory=dict)

    def problem(self, file: Path | str, record: str, message: str) -> None:
        self.problems.append(Problem(str(file), record, message))

    # ----- helpers shared by every record kind -----

    def mistyped(self, file: Path | str, record: str, item: Any) -> bool:
        """Report the record's keyword mistakes; True when there were any (the record's other
        checks are then skipped: they would only repeat the same mistake in other words)."""
        messages = record_mistakes(item)
        for message in messages:
            self.problem(file, record, message)
        return bool(messages)

    def claim_id(self, kind: str, identifier: Any, file: Path) -> bool:
        record = f"{kind} {identifier!r}"
        if not isinstance(identifier, str) or not re.match(ID_PATTERN, identifier):
            self.problem(file, record, "ids are lower-case words joined by hyphens, e.g. "
                                       "'denver-co-status-inquiry-2017'")
            return False
        seen = self.defined.setdefault(kind, {})
        if identifier in seen:
            self.problem(file, record, f"id used twice: already defined in {seen[identifier]}; "
                                       "give one of them a new id")
            return False
        seen[identifier] = str(file)
        return True

    def vocabulary(self, file: Path, record: str, name: str, value: Any, required: bool = True) -> None:
        if value is None:
            if required:
                self.problem(file, record, f"{name} is required")
            return
        allowed = codebook.VOCABULARY_BY_NAME[name].names
        if value not in allowed:
            self.problem(file, record, unknown_value(name.replace("_", " "), value, allowed))

    def date(self, file: Path, record: str, label: str, value: Any, required: bool = True,
             open_start: bool = True) -> DateBounds | None:
        if value is None:
            if required:
                self.problem(file, record, f"{label} is required ({EXAMPLES})")
            return None
        try:
            parsed = parse_date_bounds(value)
        except DateError as error:
            self.problem(file, record, f"{label}: {error}")
            return None
        released = parse_date_bounds(RELEASED_ON).latest
        if parsed.earliest is None and not open_start:
            self.problem(file, record, f"{label} {value!r} needs an earliest day: a claim's date says "
                                       "since when it holds")
            return None
        if parsed.latest > released:
            self.problem(file, record, f"{label} {value!r} may fall after this release ({RELEASED_ON}); "
                                       f"check the year, or end the range at the release "
                                       f"(\"{str(parsed).split('..')[0]}..{RELEASED_ON}\")")
            return None
        return parsed

    def quote(self, file: Path, record: str, quote: Any, role: str = "quote",
              change_allowed: bool = False) -> Span | None:
        if not isinstance(quote, records.Quote):
            self.problem(file, record, f"{role} must be a Quote(source_id, text)")
            return None
        if self.mistyped(file, f"{record}: {role}", quote):
            return None
        if not isinstance(quote.source, str) or not isinstance(quote.text, str) or not quote.text.strip():
            self.problem(file, record, f"{role}: a Quote is Quote(source_id, \"the exact words\"), "
                                       "both text")
            return None
        if quote.reports_change not in (True, False):
            self.problem(file, record, f"{role}: reports_change is True or left out")
        elif quote.reports_change and not change_allowed:
            self.problem(file, record, f"{role}: reports_change=True belongs only in a provision's "
                                       "evidence, on the quote that reports a change")
        source = self.sources.get(quote.source)
        if source is None:
            if quote.source not in self.unusable_sources:
                self.problem(file, record, unknown_value("source", quote.source, self.sources))
            return None
        try:
            return locate(source.text, quote.text, body=source.body, occurrence=quote.occurrence)
        except QuoteNotFound as error:
            elsewhere = self.found_elsewhere(quote)
            self.problem(file, record, f"{role} in {quote.source}: {elsewhere or error}")
            return None
        except QuoteError as error:
            self.problem(file, record, f"{role} in {quote.source}: {error}")
            return None

    def found_elsewhere(self, quote: records.Quote) -> str | None:
        """Where a quote missing from its source does occur, in another source's article text."""
        places = []
        for other in self.sources.values():
            if other.source_id == quote.source:
                continue
            spans = [span for span in find_all(other.text, quote.text)
                     if other.body[0] <= span.start and span.end <= other.body[1]]
            places += [f"{other.source_id} (offsets {span.start}-{span.end})" for span in spans]
        if not places:
            return None
        return (f"the quote is not in {quote.source} but occurs in {', '.join(places)}; "
                f"cite that source: Quote({places[0].split(' ')[0]!r}, ...)")

    def not_after_source(self, file: Path, record: str, label: str, when: DateBounds | None,
                         quote: records.Quote) -> None:
        source = self.sources.get(getattr(quote, "source", None))
        if when is None or source is None or source.published is None:
            return
        if when.latest > source.published.latest:
            self.problem(file, record, f"{label} {when} may fall after its source {source.source_id} "
                                       f"was published ({source.published}); a date cannot postdate "
                                       "the article that reports it: end its range by "
                                       f"{source.published.latest}")

    @staticmethod
    def date_columns(prefix: str, when: DateBounds | None) -> dict[str, Any]:
        return {prefix: when.earliest if when else None,
                f"{prefix}_latest": when.latest if when else None,
                f"{prefix}_precision": when.precision if when else None}

    @staticmethod
    def quote_columns(quote: records.Quote, span: Span) -> dict[str, Any]:
        return {"source_id": quote.source, "quote": span.text, "quote_start": span.start,
                "quote_end": span.end}

    # ----- sources -----

    def compile_sources(self, registry: Script) -> None:
        rows = []
        if registry.shape_problem("SOURCES"):
            self.problem(registry.path, "SOURCES", registry.shape_problem("SOURCES"))
        for source in registry.items("SOURCES"):
            record = f"source {getattr(source, 'source_id', source)!r}"
            if not isinstance(source, records.Source):
                self.problem(registry.path, record, "SOURCES holds Source(...) records only")
                continue
            if not self.claim_id("source", source.source_id, registry.path):
                continue
            if self.mistyped(registry.path, record, source):
                self.unusable_sources.add(source.source_id)
                continue
            self.unusable_sources.add(source.source_id)  # until its file checks out below
            path = self.root / source.path
            if not path.is_file():
                self.problem(registry.path, record, f"file {source.path} does not exist")
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != source.sha256 or len(data) != source.bytes:
                self.problem(registry.path, record, source_mismatch(source, digest, len(data)))
                continue
            text = data.decode("utf-8")
            self.unusable_sources.discard(source.source_id)
            published = self.date(registry.path, record, "published_on", source.published_on,
                                  open_start=False)
            self.vocabulary(registry.path, record, "date_basis", source.published_on_basis)
            body = self._body(registry.path, record, text, source)
            if body is None:
                continue
            self.sources[source.source_id] = SourceText(source.source_id, text, body, published)
            rows.append({
                "source_id": source.source_id, "path": source.path, "title": source.title,
                "publisher": source.publisher,
                **self.date_columns("published_on", published),
                "published_on_basis": source.published_on_basis,
                "published_on_reasoning": source.published_on_reasoning,
                "body_start": body[0], "body_end": body[1],
                "excluded_text": source.excluded_text, "sha256": digest, "bytes": len(data),
                "note": source.note,
            })
        self.tables["sources"] = rows

    def _body(self, file: Path, record: str, text: str, source: records.Source) -> tuple[int, int] | None:
        try:
            first = locate(text, source.body_starts_with)
            last = locate(text, source.body_ends_with)
        except QuoteError as error:
            self.problem(file, record, f"body marker: {error}")
            return None
        if last.end <= first.start:
            self.problem(file, record, "body_ends_with comes before body_starts_with")
            return None
        return first.start, last.end

    # ----- jurisdictions and the rest -----

    def compile(self) -> dict[str, list[dict[str, Any]]]:
        registry, scripts = load_scripts(self.root, self.problems)
        if self.problems:
            # A file Python cannot run defines nothing, so every reference to what it would have
            # defined would be reported too; its own problem is the one to fix first.
            raise CurationError(self.problems)
        self.compile_sources(registry)
        script_jurisdiction: dict[Path, str | None] = {}
        jurisdictions = []
        for script in scripts:
            jurisdiction = getattr(script.module, "JURISDICTION", None)
            if not isinstance(jurisdiction, records.Jurisdiction):
                self.problem(script.path, "JURISDICTION", "each jurisdiction script defines "
                                                          "JURISDICTION = Jurisdiction(...)")
                script_jurisdiction[script.path] = None
                continue
            script_jurisdiction[script.path] = jurisdiction.jurisdiction_id
            if self.claim_id("jurisdiction", jurisdiction.jurisdiction_id, script.path):
                jurisdictions.append((script, jurisdiction))
        self.jurisdiction_ids = set(self.defined.get("jurisdiction", {}))
        self.compile_jurisdictions(jurisdictions)
        # Ids first, so references across files resolve whatever the file order.
        for script in scripts:
            for name, kind, attribute in (("ACTORS", "actor", "actor_id"),
                                          ("INSTRUMENTS", "instrument", "instrument_id")):
                for item in script.items(name):
                    self.claim_id(kind, getattr(item, attribute, None), script.path)
        self.actor_ids = set(self.defined.get("actor", {}))
        self.instrument_ids = set(self.defined.get("instrument", {}))
        for kind in ("actors", "instruments", "provisions", "evidence", "statements",
                     "statement_jurisdictions", "events", "event_jurisdictions"):
            self.tables[kind] = []
        self.instrument_dates: dict[str, tuple[DateBounds, str]] = {}
        self.claims: list[tuple[Path, Claim]] = []
        self.faulty_jurisdictions: set[str] = set()
        # Kind by kind across all files: a provision takes its date from an instrument that may be
        # defined in another jurisdiction's worksheet.
        for name, compile_item in (("ACTORS", self.compile_actor),
                                   ("INSTRUMENTS", self.compile_instrument),
                                   ("PROVISIONS", self.compile_provision),
                                   ("STATEMENTS", self.compile_statement),
                                   ("EVENTS", self.compile_event)):
            for script in scripts:
                if script.shape_problem(name):
                    self.problem(script.path, name, script.shape_problem(name))
                for item in script.items(name):
                    compile_item(script.path, script_jurisdiction[script.path], item)
        # A provision with a problem of its own may belong to another cell than it says; checking
        # its jurisdiction's cells without it would only add follow-on noise, so they wait.
        files = {claim.provision_id: file for file, claim in self.claims}
        jurisdictions = {claim.provision_id: claim.jurisdiction_id for _, claim in self.claims}
        for provision_id, message in relation_problems(claim for _, claim in self.claims):
            if jurisdictions[provision_id] not in self.faulty_jurisdictions:
                self.problem(files[provision_id], f"provision {provision_id!r}", message)
        if self.problems:
            raise CurationError(self.problems)
        return self.tables

    def jurisdiction_reference(self, file: Path, record: str, label: str, value: Any,
                               required: bool = True) -> None:
        if value is None:
            if required:
                self.problem(file, record, f"{label} is required")
        elif value not in self.jurisdiction_ids:
            self.problem(file, record, unknown_value(f"jurisdiction in {label}", value, self.jurisdiction_ids))

    def actor_reference(self, file: Path, record: str, label: str, value: Any) -> None:
        if value is not None and value not in self.actor_ids:
            self.problem(file, record, unknown_value(f"actor in {label}", value, self.actor_ids))

    def instrument_reference(self, file: Path, record: str, value: Any) -> None:
        if value is not None and value not in self.instrument_ids:
            self.problem(file, record, unknown_value("instrument", value, self.instrument_ids))

    def linked_jurisdictions(self, file: Path, record: str, links: list[tuple[str, Any, str]]
                             ) -> list[tuple[str, str]]:
        """(role, jurisdiction) pairs a statement or event is linked to, each checked once; a
        jurisdiction named twice is a mistake, not two links."""
        linked: list[tuple[str, str]] = []
        for role, jurisdiction, label in links:
            if not isinstance(jurisdiction, str) or jurisdiction not in self.jurisdiction_ids:
                self.jurisdiction_reference(file, record, label, jurisdiction)
            elif jurisdiction in {other for _, other in linked}:
                self.problem(file, record, f"{label} names {jurisdiction!r} again; link each "
                                           "jurisdiction once")
            else:
                linked.append((role, jurisdiction))
        return linked

    def compile_jurisdictions(self, jurisdictions: list[tuple[Script, records.Jurisdiction]]) -> None:
        rows = []
        table = identifier_table(self.root)
        divisions: dict[str, str] = {}  # canonical OCD id -> the jurisdiction that has it
        for script, item in jurisdictions:
            record = f"jurisdiction {item.jurisdiction_id!r}"
            if self.mistyped(script.path, record, item):
                continue
            self.vocabulary(script.path, record, "jurisdiction_level", item.level)
            self.vocabulary(script.path, record, "role_in_sources", item.role_in_sources)
            self.jurisdiction_reference(script.path, record, "parent", item.parent,
                                        required=item.level != "federal")
            if item.parent == item.jurisdiction_id:
                self.problem(script.path, record, "a jurisdiction cannot be its own parent")
            try:
                division = table.resolve(item.ocd_division_id)
            except IdentifierError as error:
                self.problem(script.path, record, str(error))
                continue
            holder = divisions.setdefault(division.ocd_division_id, item.jurisdiction_id)
            if holder != item.jurisdiction_id:
                self.problem(script.path, record, f"OCD division {division.ocd_division_id} is already "
                                                  f"the division of {holder!r}: one jurisdiction per "
                                                  "division")
                continue
            level_kind = {"state": "state", "federal": None}
            if item.level in level_kind and division.census_geoid_kind != level_kind[item.level]:
                self.problem(script.path, record, f"level {item.level!r} does not fit OCD division id "
                                                  f"{division.ocd_division_id!r}")
            rows.append({
                "jurisdiction_id": item.jurisdiction_id, "name": item.name, "level": item.level,
                "state_code": division.state_code, "parent_jurisdiction_id": item.parent,
                "census_geoid": division.census_geoid, "census_geoid_kind": division.census_geoid_kind,
                "ocd_division_id": division.ocd_division_id, "identifiers_basis": division.basis,
                "role_in_sources": item.role_in_sources, "note": item.note,
            })
        self.tables["jurisdictions"] = rows

    def compile_actor(self, file: Path, home: str | None, item: Any) -> None:
        record = f"actor {getattr(item, 'actor_id', item)!r}"
        if not isinstance(item, records.Actor):
            self.problem(file, record, "ACTORS holds Actor(...) records only")
            return
        if self.mistyped(file, record, item):
            return
        self.vocabulary(file, record, "actor_kind", item.kind)
        jurisdiction = item.jurisdiction or home
        self.jurisdiction_reference(file, record, "jurisdiction", jurisdiction)
        span = self.quote(file, record, item.role_quote, "role_quote")
        if span is None:
            return
        self.tables["actors"].append({
            "actor_id": item.actor_id, "name": item.name, "kind": item.kind, "role": item.role,
            "organization": item.organization, "jurisdiction_id": jurisdiction,
            **self.quote_columns(item.role_quote, span),
        })

    def compile_instrument(self, file: Path, home: str | None, item: Any) -> None:
        record = f"instrument {getattr(item, 'instrument_id', item)!r}"
        if not isinstance(item, records.Instrument):
            self.problem(file, record, "INSTRUMENTS holds Instrument(...) records only")
            return
        if self.mistyped(file, record, item):
            return
        self.vocabulary(file, record, "instrument_kind", item.kind)
        self.vocabulary(file, record, "instrument_status", item.status)
        jurisdiction = item.jurisdiction or home
        self.jurisdiction_reference(file, record, "jurisdiction", jurisdiction)
        dated = self.date(file, record, "dated_on", item.dated_on, required=False)
        if dated is not None and not item.date_basis:
            self.problem(file, record, "a dated instrument needs date_basis (how the date was read)")
        self.not_after_source(file, record, "dated_on", dated, item.quote)
        if dated is not None and item.date_basis:
            self.instrument_dates[item.instrument_id] = (dated, item.date_basis)
        for label, votes in (("votes_for", item.votes_for), ("votes_against", item.votes_against)):
            if votes is not None and (not isinstance(votes, int) or votes < 0):
                self.problem(file, record, f"{label} must be a whole number of votes, 0 or more")
        span = self.quote(file, record, item.quote)
        if span is None:
            return
        self.tables["instruments"].append({
            "instrument_id": item.instrument_id, "kind": item.kind, "title": item.title,
            "jurisdiction_id": jurisdiction, "status": item.status,
            **self.date_columns("dated_on", dated), "date_basis": item.date_basis, "votes_for": item.votes_for,
            "votes_against": item.votes_against, **self.quote_columns(item.quote, span),
        })


def source_mismatch(source: records.Source, digest: str, size: int) -> str:
    """The message for a seed file whose bytes differ from the registry, with the right values."""
    return (f"{source.path} has sha256 {digest} and {size} bytes, but the registry records "
            f"sha256 {source.sha256!r} and bytes={source.bytes}. For a source you are adding, write "
            f"sha256=\"{digest}\", bytes={size} (`cooperation source add` fills them in). For a "
            f"registered source, the file has changed, and sources are never edited: restore it "
            f"with `git checkout -- {source.path}`")
