"""The record types a curation script fills in, like the lines of a coder's worksheet.

Curation scripts in scripts/ build these and nothing else; compiler.py checks them, places every
quote in its source and turns them into table rows. Dates are written as "2017", "2016-11" or
"2016-11-14", or as the range of days the text allows, "2016-11-14..2017-01-20" (see dates.py);
the precision is read off the bounds.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields


def worksheet_record(cls):
    """A frozen dataclass whose constructor never raises on a curator's typing mistake.

    A misspelt or unknown keyword, or a missing required one, would otherwise be a TypeError that
    stops the import of the worksheet with a traceback. Instead the record keeps what was wrong in
    `mistakes` (missing fields are set to None) and the compiler reports it like any other
    mistake: file, record, and the allowed keywords closest to the one typed.
    """
    cls = dataclass(frozen=True)(cls)
    names = [item.name for item in fields(cls)]
    required = [item.name for item in fields(cls)
                if item.default is MISSING and item.default_factory is MISSING]
    generated = cls.__init__

    def __init__(self, *arguments, **keywords):
        mistakes = []
        for name in [name for name in keywords if name not in names]:
            mistakes.append(("unknown_keyword", name, keywords.pop(name)))
        if len(arguments) > len(names):
            mistakes.append(("extra_arguments", len(arguments), arguments[len(names):]))
            arguments = arguments[:len(names)]
        for name in names[:len(arguments)]:
            if name in keywords:  # given twice: once without a keyword, once with
                mistakes.append(("repeated_keyword", name, keywords.pop(name)))
        given = set(names[:len(arguments)]) | set(keywords)
        for name in required:
            if name not in given:
                mistakes.append(("missing_keyword", name, None))
                keywords[name] = None
        generated(self, *arguments, **keywords)
        object.__setattr__(self, "mistakes", tuple(mistakes))

    cls.__init__ = __init__
    cls.keyword_names = tuple(names)
    return cls


@worksheet_record
class Quote:
    """A verbatim passage of a source's article text.

    `speaker` is the actor_id of whoever says the words; leave it out when they are the outlet's own.
    `occurrence` picks one place when the passage appears more than once in the article.
    `reports_change`, only in a provision's evidence: this passage reports the adoption, repeal,
    amendment or new practice that makes the provision a reported change.
    """

    source: str
    text: str
    speaker: str | None = None
    occurrence: int | None = None
    reports_change: bool = False


@worksheet_record
class Source:
    source_id: str
    path: str
    sha256: str
    bytes: int
    title: str
    publisher: str | None
    published_on: str
    published_on_basis: str
    published_on_reasoning: str
    body_starts_with: str  # the first words of the article text (unique in the file)
    body_ends_with: str  # the last words of the article text (unique in the file)
    excluded_text: str
    note: str | None = None


@worksheet_record
class Jurisdiction:
    jurisdiction_id: str
    name: str
    level: str
    role_in_sources: str
    ocd_division_id: str  # checked against reference/ocd-division-ids; GEOID and state read from it
    parent: str | None = None
    note: str | None = None


@worksheet_record
class Actor:
    actor_id: str
    name: str
    kind: str
    role: str
    role_quote: Quote
    organization: str | None = None
    jurisdiction: str | None = None  # defaults to the script's jurisdiction


@worksheet_record
class Instrument:
    instrument_id: str
    kind: str
    title: str
    status: str
    quote: Quote
    dated_on: str | None = None
    date_basis: str | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    jurisdiction: str | None = None  # defaults to the script's jurisdiction


@worksheet_record
class Provision:
    """A coded claim: one party's account of one jurisdiction's position on one dimension.

    `relation_to_record` says how it relates to the position of record already on file for the
    cell: "first_report", "reported_change" (one evidence quote has reports_change=True),
    "consistent_redescription" or "conflicting_account".

    observed_on, the day the source observes the claim, is normally not typed: it is the date of
    the provision's instrument where that is dated, else the publication date of the evidence
    source certain to be earliest. Type it (with observed_on_basis) only where the text dates the
    practice it describes, as in "released in December 2016 ... without ICE being notified".
    """

    provision_id: str
    dimension: str
    position: str
    relation_to_record: str
    asserted_by: str
    confidence: str
    evidence: list[Quote] = field(default_factory=list)
    observed_on: str | None = None
    observed_on_basis: str | None = None
    asserted_by_actor: str | None = None
    instrument: str | None = None
    effective_from: str | None = None
    judicial_warrant_exception: bool | None = None
    only_on_federal_request: bool | None = None
    offense_scope: str | None = None
    other_exceptions: str | None = None
    note: str | None = None
    jurisdiction: str | None = None  # defaults to the script's jurisdiction


@worksheet_record
class Statement:
    """A stance. said_on defaults to "on or before" the latest publication day of the quote's
    source (to its publication date for the outlet's own words); give said_on and said_on_basis
    where the text dates the statement."""

    statement_id: str
    quote: Quote  # quote.speaker is the actor; none means the outlet's own words
    stance: str
    said_on: str | None = None
    said_on_basis: str | None = None
    note: str | None = None
    jurisdiction: str | None = None  # the jurisdiction it is about; defaults to the script's
    # Other jurisdictions the same words are about, as in a list naming several cities: the
    # statement is recorded once and linked to each, never copied into their worksheets.
    also_about: tuple[str, ...] = ()


@worksheet_record
class Event:
    event_id: str
    kind: str
    description: str
    occurred_on: str
    date_basis: str
    quote: Quote  # quote.speaker is whose account it is; none means the outlet's
    affected_jurisdiction: str | None = None
    instrument: str | None = None
    acting_jurisdiction: str | None = None  # defaults to the script's jurisdiction
    also_names: tuple[str, ...] = ()  # other jurisdictions the event's words name; linked, not copied
