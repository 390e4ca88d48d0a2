"""How the claim-bearing records of a worksheet become rows: provisions with their evidence,
statements and events with the jurisdictions they are linked to.

A mixin of compiler.Compiler, whose helpers (problem, quote, date, vocabulary, references) these
methods use; split out so that each module holds one responsibility.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import codebook, records
from .claims import Claim
from .dates import DateBounds
from .problems import unknown_value


class ClaimRecords:
    def compile_provision(self, file: Path, home: str | None, item: Any) -> None:
        record = f"provision {getattr(item, 'provision_id', item)!r}"
        if not isinstance(item, records.Provision):
            self.problem(file, record, "PROVISIONS holds Provision(...) records only")
            return
        if not self.claim_id("provision", item.provision_id, file):
            return
        if self.mistyped(file, record, item):
            self.faulty_jurisdictions.update({item.jurisdiction or home, home})
            return
        problems_before = len(self.problems)
        jurisdiction = item.jurisdiction or home
        self.jurisdiction_reference(file, record, "jurisdiction", jurisdiction)
        dimension = codebook.DIMENSION_BY_NAME.get(item.dimension)
        if dimension is None:
            self.problem(file, record, unknown_value("dimension", item.dimension, codebook.DIMENSION_NAMES))
        elif codebook.position_level(item.dimension, item.position) is None:
            self.problem(file, record, unknown_value(f"position for {item.dimension}", item.position,
                                                [p.name for p in dimension.positions]))
        self.vocabulary(file, record, "relation_to_record", item.relation_to_record)
        self.vocabulary(file, record, "asserted_by", item.asserted_by)
        self.vocabulary(file, record, "confidence", item.confidence)
        self.vocabulary(file, record, "offense_scope", item.offense_scope, required=False)
        if item.asserted_by == "outlet" and item.asserted_by_actor is not None:
            self.problem(file, record, "asserted_by='outlet' means the outlet's own words: leave "
                                       "asserted_by_actor out")
        if item.asserted_by not in (None, "outlet") and item.asserted_by_actor is None:
            self.problem(file, record, f"asserted_by={item.asserted_by!r} needs asserted_by_actor "
                                       "(who makes the claim)")
        self.actor_reference(file, record, "asserted_by_actor", item.asserted_by_actor)
        self.instrument_reference(file, record, item.instrument)
        for label, flag in (("judicial_warrant_exception", item.judicial_warrant_exception),
                            ("only_on_federal_request", item.only_on_federal_request)):
            if flag not in (None, True, False):
                self.problem(file, record, f"{label} is True, False or left out (not stated)")
        effective = self.date(file, record, "effective_from", item.effective_from, required=False,
                              open_start=False)
        if isinstance(item.evidence, (list, tuple)) or item.evidence is None:
            evidence = list(item.evidence or [])
        else:
            self.problem(file, record, "evidence is a list: evidence=[Quote(...), ...]")
            evidence = [item.evidence] if isinstance(item.evidence, records.Quote) else []
        if not evidence:
            self.problem(file, record, "a provision needs at least one evidence Quote; a cell no source "
                                       "speaks to is left uncoded, not filled in")
        observed, basis = self.observed_on(file, record, item, evidence)
        rows = []
        for number, quote in enumerate(evidence, start=1):
            label = f"evidence {number}"
            span = self.quote(file, record, quote, label, change_allowed=True)
            if span is None:
                continue
            self.actor_reference(file, record, f"{label} speaker", quote.speaker)
            self.not_after_source(file, record, "observed_on", observed, quote)
            rows.append({"evidence_id": f"{item.provision_id}-{number}",
                         "provision_id": item.provision_id, **self.quote_columns(quote, span),
                         "speaker_actor_id": quote.speaker, "reports_change": quote.reports_change})
        self.tables["evidence"].extend(rows)
        start = effective or observed
        if len(self.problems) > problems_before:
            self.faulty_jurisdictions.update({jurisdiction, home})
        elif start is not None:
            self.claims.append((file, Claim(
                item.provision_id, jurisdiction, item.dimension, item.position,
                item.relation_to_record, item.asserted_by, start, item.note,
                sum(1 for row in rows if row["reports_change"]))))
        self.tables["provisions"].append({
            "provision_id": item.provision_id, "jurisdiction_id": jurisdiction,
            "dimension": item.dimension, "position": item.position,
            "relation_to_record": item.relation_to_record,
            **self.date_columns("observed_on", observed), "observed_on_basis": basis,
            **self.date_columns("effective_from", effective),
            "instrument_id": item.instrument, "asserted_by": item.asserted_by,
            "asserted_by_actor_id": item.asserted_by_actor,
            "judicial_warrant_exception": item.judicial_warrant_exception,
            "only_on_federal_request": item.only_on_federal_request,
            "offense_scope": item.offense_scope, "other_exceptions": item.other_exceptions,
            "confidence": item.confidence, "note": item.note,
        })

    def observed_on(self, file: Path, record: str, item: records.Provision,
                    evidence: list[Any]) -> tuple[DateBounds | None, str | None]:
        """The day a source observes the claim, and where that comes from: the curator's date
        where the text dates the practice described; else the provision's instrument's date; else
        the publication date of the evidence source certain to be earliest (the one whose latest
        possible day comes first)."""
        if item.observed_on is not None or item.observed_on_basis is not None:
            if item.observed_on is None or not item.observed_on_basis:
                self.problem(file, record, "a typed observed_on needs observed_on_basis (the words that "
                                           "date the practice described), and the other way round")
                return None, None
            when = self.date(file, record, "observed_on", item.observed_on, open_start=False)
            return when, item.observed_on_basis
        if item.instrument in self.instrument_dates:
            when, basis = self.instrument_dates[item.instrument]
            if when.earliest is not None:
                return when, f"The date of instrument {item.instrument}: {basis}"
        published = sorted(((self.sources[quote.source].published, quote.source) for quote in evidence
                            if isinstance(quote, records.Quote) and quote.source in self.sources
                            and self.sources[quote.source].published is not None),
                           key=lambda pair: (pair[0].latest, pair[0].earliest, pair[1]))
        if not published:
            return None, None
        when, source_id = published[0]
        return when, f"The publication date of {source_id}; the text does not date the claim itself."

    def compile_statement(self, file: Path, home: str | None, item: Any) -> None:
        record = f"statement {getattr(item, 'statement_id', item)!r}"
        if not isinstance(item, records.Statement):
            self.problem(file, record, "STATEMENTS holds Statement(...) records only")
            return
        if not self.claim_id("statement", item.statement_id, file):
            return
        if self.mistyped(file, record, item):
            return
        jurisdiction = item.jurisdiction or home
        about = self.linked_jurisdictions(file, record, [("about", jurisdiction, "jurisdiction")]
                                          + [("about", other, "also_about") for other in as_tuple(item.also_about)])
        self.vocabulary(file, record, "stance", item.stance)
        said, basis = None, item.said_on_basis
        if item.said_on is not None or item.said_on_basis is not None:
            if item.said_on is None or not item.said_on_basis:
                self.problem(file, record, "a typed said_on needs said_on_basis (how the text dates the "
                                           "statement), and the other way round; leave both out to "
                                           "date it by the article that reports it")
            else:
                said = self.date(file, record, "said_on", item.said_on)
                self.not_after_source(file, record, "said_on", said, item.quote)
        else:
            source = self.sources.get(getattr(item.quote, "source", None))
            if source is not None and source.published is not None:
                if getattr(item.quote, "speaker", None) is None:
                    # The outlet's own words are said in the article itself.
                    said = source.published
                    basis = f"The outlet's own words: the publication date of {source.source_id}."
                else:
                    # Quoted: said on or before the article; the text does not say how long before.
                    said = DateBounds(None, source.published.latest)
                    basis = (f"Not dated in the text: said on or before the latest publication day "
                             f"of {source.source_id}, which reports it.")
        span = self.quote(file, record, item.quote)
        if span is None:
            return
        self.actor_reference(file, record, "quote speaker", item.quote.speaker)
        self.tables["statement_jurisdictions"] += [
            {"statement_id": item.statement_id, "jurisdiction_id": linked} for _, linked in about]
        self.tables["statements"].append({
            "statement_id": item.statement_id, "actor_id": item.quote.speaker,
            **self.quote_columns(item.quote, span),
            "stance": item.stance, **self.date_columns("said_on", said), "said_on_basis": basis,
            "note": item.note,
        })

    def compile_event(self, file: Path, home: str | None, item: Any) -> None:
        record = f"event {getattr(item, 'event_id', item)!r}"
        if not isinstance(item, records.Event):
            self.problem(file, record, "EVENTS holds Event(...) records only")
            return
        if not self.claim_id("event", item.event_id, file):
            return
        if self.mistyped(file, record, item):
            return
        self.vocabulary(file, record, "event_kind", item.kind)
        links = [("acting", item.acting_jurisdiction or home, "acting_jurisdiction")]
        if item.affected_jurisdiction is not None:
            links.append(("affected", item.affected_jurisdiction, "affected_jurisdiction"))
        links += [("named", other, "also_names") for other in as_tuple(item.also_names)]
        linked = self.linked_jurisdictions(file, record, links)
        self.instrument_reference(file, record, item.instrument)
        occurred = self.date(file, record, "occurred_on", item.occurred_on)
        if not item.date_basis:
            self.problem(file, record, "date_basis is required (how the date was read or inferred)")
        self.not_after_source(file, record, "occurred_on", occurred, item.quote)
        span = self.quote(file, record, item.quote)
        if span is None:
            return
        self.actor_reference(file, record, "quote speaker", item.quote.speaker)
        self.tables["events"].append({
            "event_id": item.event_id, "kind": item.kind, "description": item.description,
            **self.date_columns("occurred_on", occurred),
            "date_basis": item.date_basis,
            "reported_by_actor_id": item.quote.speaker, "instrument_id": item.instrument,
            **self.quote_columns(item.quote, span),
        })
        self.tables["event_jurisdictions"] += [
            {"event_id": item.event_id, "jurisdiction_id": jurisdiction, "role": role}
            for role, jurisdiction in linked]


def as_tuple(value: Any) -> tuple:
    """A list of ids as typed: one id on its own counts as a list of one."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, (list, tuple, set, frozenset)) else (value,)
