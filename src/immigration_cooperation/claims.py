"""How the claims about one cell (one jurisdiction, one dimension) relate to its position of record.

Each provision is a claim, and says how it relates to the position of record already on file for
its cell (`relation_to_record`):

* `first_report`: the first claim about the cell; it sets the position of record.
* `reported_change`: a source reports an adoption, repeal, amendment or new practice; it sets a new
  position of record, and one of its evidence quotes is marked as reporting the change.
* `consistent_redescription`: other words for what may be the same policy; it corroborates.
* `conflicting_account`: cannot be squared with the position of record; the cell is disputed.

A claim starts on coalesce(effective_from, observed_on), a day known only within bounds. Claims
are put in the order of their earliest possible start, record-setting claims first on the same
day; each claim belongs to the period of the last record-setting claim at or before it in that
order (a claim before the cell's first report belongs to the first report). `sql/views.sql`
applies the same order, and the checks here are run both on the worksheets (compiler.py) and on
the published tables (validation.py), so the SQL can rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from . import codebook
from .dates import DateBounds

SETS_RECORD = ("first_report", "reported_change")


@dataclass(frozen=True)
class Claim:
    provision_id: str
    jurisdiction_id: str
    dimension: str
    position: str
    relation: str
    asserted_by: str
    start: DateBounds
    note: str | None = None
    change_quotes: int = 0  # evidence quotes marked as reporting the change

    @property
    def sets_record(self) -> bool:
        return self.relation in SETS_RECORD

    @property
    def order(self) -> tuple:
        return (self.start.earliest, not self.sets_record, self.start.latest, self.provision_id)


def record_of(claims: list[Claim]) -> dict[str, Claim]:
    """For each claim of one cell, the record-setting claim whose period it belongs to."""
    ordered = sorted(claims, key=lambda claim: claim.order)
    records = [claim for claim in ordered if claim.sets_record]
    result: dict[str, Claim] = {}
    current = records[0] if records else None
    for claim in ordered:
        if claim.sets_record:
            current = claim
        if current is not None:
            result[claim.provision_id] = current
    return result


def _cell_problems(cell: list[Claim]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    where = f"{cell[0].jurisdiction_id} / {cell[0].dimension}"
    firsts = [claim for claim in cell if claim.relation == "first_report"]
    ordered = sorted(cell, key=lambda claim: claim.order)
    if not firsts:
        earliest = ordered[0]
        problems.append((earliest.provision_id,
                         f"no claim about {where} is its first_report; the claim that starts first "
                         f"(this one, {earliest.start}) sets the position of record: make it "
                         "relation_to_record=\"first_report\""))
    for extra in sorted(firsts, key=lambda claim: claim.order)[1:]:
        problems.append((extra.provision_id,
                         f"{where} already has a first report ({firsts[0].provision_id}); a later "
                         "claim is a reported_change, consistent_redescription or "
                         "conflicting_account"))
    if len(firsts) == 1:
        first = firsts[0]
        for other in cell:
            if other is first:
                continue
            if other.start.certainly_before(first.start):
                problems.append((other.provision_id,
                                 f"starts ({other.start}) certainly before {first.provision_id} "
                                 f"({first.start}), the first report of {where}; the earliest claim "
                                 "of a cell is its first_report"))
        records_in_order = [claim for claim in ordered if claim.sets_record]
        if records_in_order and records_in_order[0] is not first:
            change = records_in_order[0]
            problems.append((change.provision_id,
                             f"is a reported change that may start ({change.start}) as early as "
                             f"{first.provision_id} ({first.start}), the first report of {where}; "
                             "a change must start later than what it changes: narrow its date to "
                             "what the text allows, or make it the first report"))
        for earlier, later in zip(records_in_order, records_in_order[1:]):
            if later.relation == "reported_change" and later.start.earliest == earlier.start.earliest:
                problems.append((later.provision_id,
                                 f"starts on the same earliest day ({later.start.earliest}) as "
                                 f"{earlier.provision_id}, the position of record it would change; "
                                 "the order of the two cannot be read off their dates"))
    records = record_of(cell)
    for claim in cell:
        if claim.relation == "reported_change" and claim.change_quotes == 0:
            problems.append((claim.provision_id,
                             "a reported_change needs an evidence Quote(..., reports_change=True) "
                             "whose words report the adoption, repeal, amendment or new practice; "
                             "without one it is a consistent_redescription or a conflicting_account"))
        if claim.relation != "reported_change" and claim.change_quotes:
            problems.append((claim.provision_id,
                             f"reports_change=True marks the quote of a reported_change; this claim "
                             f"is {claim.relation}"))
        record = records.get(claim.provision_id)
        if record is None or record is claim:
            continue
        if claim.relation == "conflicting_account" and claim.position == record.position:
            problems.append((claim.provision_id,
                             f"a conflicting_account names the position of record itself "
                             f"({record.position}, from {record.provision_id}); an account that "
                             "agrees is a consistent_redescription"))
        if (claim.relation == "consistent_redescription" and claim.position != record.position
                and not claim.note):
            problems.append((claim.provision_id,
                             f"codes {claim.position} as consistent with the position of record "
                             f"{record.position} ({record.provision_id}); add a note saying why the "
                             "accounts agree, or make it a conflicting_account"))
    return problems


def relation_problems(claims: Iterable[Claim]) -> list[tuple[str, str]]:
    """(provision_id, message) for every claim that breaks the rules above, cell by cell."""
    cells: dict[tuple[str, str], list[Claim]] = {}
    relations = set(codebook.VOCABULARY_BY_NAME["relation_to_record"].names)
    for claim in claims:
        if claim.relation in relations:
            cells.setdefault((claim.jurisdiction_id, claim.dimension), []).append(claim)
    problems = []
    for key in sorted(cells):
        problems += _cell_problems(cells[key])
    return problems
