"""The one schema source: every resource, its fields, types, keys and descriptions.

`datapackage.json`, the pandera schemas (validation.py), the DuckDB column types and comments
(sql.py) and docs/codebook.md are generated from what is defined here. Allowed values come
from codebook.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field as dataclass_field

from .codebook import DIMENSION_NAMES, VOCABULARY_BY_NAME, positions_by_level

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date
    description: str
    required: bool = False
    vocabulary: str | None = None  # name of a closed list in codebook.py, or "dimension"/"position"
    pattern: str | None = None
    minimum: int | None = None
    unique: bool = False
    open_start: bool = False  # on a date's _precision field: may the earliest day be blank?

    @property
    def allowed_values(self) -> tuple[str, ...] | None:
        if self.vocabulary is None:
            return None
        if self.vocabulary == "dimension":
            return DIMENSION_NAMES
        if self.vocabulary == "position":
            return positions_by_level()
        return VOCABULARY_BY_NAME[self.vocabulary].names


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = dataclass_field(default_factory=tuple)

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.name} has no field {name!r}")


# Field groups that several resources share, defined once.

def _id(name: str, what: str) -> Field:
    return Field(name, "string", f"Stable readable identifier of the {what}.", required=True,
                 pattern=ID_PATTERN, unique=True)


def _reference(name: str, description: str, required: bool = True) -> Field:
    return Field(name, "string", description, required=required, pattern=ID_PATTERN)


def _date(prefix: str, what: str, required: bool = True, open_start: bool = True) -> tuple[Field, ...]:
    """A date as its bounds: `prefix` is the earliest possible day, `prefix_latest` the latest,
    `prefix_precision` what the bounds amount to. With `open_start`, the earliest may be blank
    (precision on_or_before) where the text sets no earlier bound."""
    blank = " Blank when the text sets no earliest day (precision on_or_before)." if open_start else ""
    return (
        Field(prefix, "date", f"{what} Earliest possible day.{blank}",
              required=required and not open_start),
        Field(f"{prefix}_latest", "date", f"Latest possible day of {prefix}; equal to {prefix} when "
                                          "the day is known.", required=required),
        Field(f"{prefix}_precision", "string", f"How exact {prefix} is, read off its bounds (day, "
                                               "month, year, range"
                                               + (", on_or_before)." if open_start else ")."),
              required=required, vocabulary="date_precision", open_start=open_start),
    )


def _quote(what: str) -> tuple[Field, ...]:
    return (
        _reference("source_id", f"The source article the {what} quote comes from."),
        Field("quote", "string", "Verbatim span of the source file's article text (original "
                                 "characters, including curly quotes and no-break spaces).",
              required=True),
        Field("quote_start", "integer", "Offset of the quote's first character in the source file, "
                                        "counted in Unicode code points from 0.",
              required=True, minimum=0),
        Field("quote_end", "integer", "Offset just past the quote's last character (end-exclusive), "
                                      "so text[quote_start:quote_end] == quote.",
              required=True, minimum=1),
    )


def _fk(fields: str | tuple[str, ...], resource: str, reference: str | tuple[str, ...] | None = None
        ) -> ForeignKey:
    fields = (fields,) if isinstance(fields, str) else fields
    reference = fields if reference is None else ((reference,) if isinstance(reference, str) else reference)
    return ForeignKey(fields, resource, reference)


RESOURCES: tuple[Resource, ...] = (
    Resource(
        "sources", "Sources",
        "The news articles in seeds/, one row each, with where the article text lies in the file.",
        (
            _id("source_id", "source article"),
            Field("path", "string", "Path of the file within the package.", required=True, unique=True),
            Field("title", "string", "Headline as printed in the file.", required=True),
            Field("publisher", "string", "Outlet that published the article, where the file names it; "
                                         "blank when it does not."),
            *_date("published_on", "Publication date.", open_start=False),
            Field("published_on_basis", "string", "Whether the date is printed in the file or inferred.",
                  required=True, vocabulary="date_basis"),
            Field("published_on_reasoning", "string", "How the date and its bounds were read or "
                                                      "inferred from the text.", required=True),
            Field("body_start", "integer", "Offset where the article text begins (Unicode code points). "
                                           "Evidence must lie inside [body_start, body_end).",
                  required=True, minimum=0),
            Field("body_end", "integer", "Offset just past the end of the article text.", required=True,
                  minimum=1),
            Field("excluded_text", "string", "What lies outside the article text and is never evidence "
                                             "(site chrome, image file names, reader comments).",
                  required=True),
            Field("sha256", "string", "SHA-256 of the file's bytes.", required=True,
                  pattern=r"^[0-9a-f]{64}$"),
            Field("bytes", "integer", "Size of the file in bytes.", required=True, minimum=1),
            Field("note", "string", "Anything else a reader of the source should know."),
        ),
        ("source_id",),
    ),
    Resource(
        "jurisdictions", "Jurisdictions",
        "Every government the articles name as taking a position, the ones they mention, and the "
        "parent states of those. OCD division ids are checked against the vendored Open Civic Data "
        "table (reference/ocd-division-ids); Census GEOIDs are read from it. Neither comes from the "
        "articles.",
        (
            _id("jurisdiction_id", "jurisdiction"),
            Field("name", "string", "Common name, spelled correctly (quotes keep the source's spelling).",
                  required=True),
            Field("level", "string", "Level of government.", required=True,
                  vocabulary="jurisdiction_level"),
            Field("state_code", "string", "Two-letter USPS state code, read off the OCD division id; "
                                          "blank for the federal government.",
                  pattern=r"^[A-Z]{2}$"),
            _reference("parent_jurisdiction_id", "The jurisdiction this one lies within (its state, or the United States).",
                       required=False),
            Field("census_geoid", "string", "Census GEOID, read from the vendored Open Civic Data "
                                            "table (a standard identifier, not from the articles).",
                  pattern=r"^[0-9]{2}([0-9]{3}|[0-9]{5}|[0-9]{8})?$"),
            Field("census_geoid_kind", "string", "Kind of Census geography the GEOID names.",
                  vocabulary="census_geoid_kind"),
            Field("ocd_division_id", "string", "Open Civic Data division identifier, canonical form, "
                                               "checked against the vendored table.", required=True,
                  pattern=r"^ocd-division/country:us(/[a-z_]+:[a-z0-9_~.-]+)*$"),
            Field("identifiers_basis", "string", "Where the standard identifiers come from.",
                  required=True),
            Field("role_in_sources", "string", "Why the jurisdiction is in the table.", required=True,
                  vocabulary="role_in_sources"),
            Field("note", "string", "Spelling in the sources and other remarks."),
        ),
        ("jurisdiction_id",),
        (_fk("parent_jurisdiction_id", "jurisdictions", "jurisdiction_id"),),
    ),
    Resource(
        "actors", "Actors",
        "People and bodies the articles quote or describe as acting, with the passage that gives "
        "their role.",
        (
            _id("actor_id", "actor"),
            Field("name", "string", "Name as the articles give it (full name where one article gives it).",
                  required=True),
            Field("kind", "string", "Person or body.", required=True, vocabulary="actor_kind"),
            Field("role", "string", "Role or title as the articles describe it.", required=True),
            Field("organization", "string", "Organization the actor belongs to or is."),
            _reference("jurisdiction_id", "Jurisdiction the actor serves."),
            *_quote("role"),
        ),
        ("actor_id",),
        (_fk("jurisdiction_id", "jurisdictions"), _fk("source_id", "sources")),
    ),
    Resource(
        "instruments", "Instruments",
        "Ordinances, orders, department policies, official statements, federal actions and laws "
        "that carry or describe a policy.",
        (
            _id("instrument_id", "instrument"),
            Field("kind", "string", "The form the instrument takes.", required=True,
                  vocabulary="instrument_kind"),
            Field("title", "string", "Name or short description (the source's name where it gives one).",
                  required=True),
            _reference("jurisdiction_id", "Jurisdiction that issued the instrument."),
            Field("status", "string", "Adopted, announced or proposed, as the source describes it.",
                  required=True, vocabulary="instrument_status"),
            *_date("dated_on", "Date of the status (adoption, announcement or proposal); all three "
                               "date columns are blank when no source dates it.", required=False),
            Field("date_basis", "string", "How the date and its bounds were read or inferred; blank "
                                          "when undated."),
            Field("votes_for", "integer", "Votes in favour, where a source states the vote.", minimum=0),
            Field("votes_against", "integer", "Votes against, where a source states the vote.",
                  minimum=0),
            *_quote("instrument"),
        ),
        ("instrument_id",),
        (_fk("jurisdiction_id", "jurisdictions"), _fk("source_id", "sources")),
    ),
    Resource(
        "dimensions", "Policy dimensions",
        "The questions each provision answers. Generated from the codebook.",
        (
            Field("dimension", "string", "Dimension name.", required=True, vocabulary="dimension",
                  unique=True),
            Field("label", "string", "Human-readable name.", required=True),
            Field("question", "string", "The coding question.", required=True),
            Field("is_core", "boolean", "One of the four core dimensions used in the limits index.",
                  required=True),
            Field("sort_order", "integer", "Display order.", required=True, minimum=1),
        ),
        ("dimension",),
    ),
    Resource(
        "codebook", "Codebook",
        "Allowed positions of each dimension with their ordinal level (0 = fullest cooperation with "
        "ICE, 3 = none). Generated from the codebook.",
        (
            Field("dimension", "string", "Dimension name.", required=True, vocabulary="dimension"),
            Field("position", "string", "Position name.", required=True, vocabulary="position"),
            Field("level", "integer", "Ordinal level: 0 = fullest cooperation with ICE, 3 = none.",
                  required=True, minimum=0),
            Field("label", "string", "Human-readable name.", required=True),
            Field("definition", "string", "When a jurisdiction takes this position.", required=True),
        ),
        ("dimension", "position"),
        (_fk("dimension", "dimensions"),),
    ),
    Resource(
        "provisions", "Provisions",
        "Coded policy positions: one jurisdiction, one dimension, as one party describes it at one "
        "time. A (jurisdiction, dimension) pair with no row is not addressed by any source.",
        (
            _id("provision_id", "provision"),
            _reference("jurisdiction_id", "Jurisdiction whose policy is coded."),
            Field("dimension", "string", "Policy dimension.", required=True, vocabulary="dimension"),
            Field("position", "string", "Coded position (see codebook).", required=True,
                  vocabulary="position"),
            Field("relation_to_record", "string", "How the claim relates to the position of record "
                                                  "already on file for the cell: only a first report or "
                                                  "a reported change sets it.", required=True,
                  vocabulary="relation_to_record"),
            *_date("observed_on", "The day a source observes the claim: the date of its instrument "
                                  "where dated, else the publication date of the evidence source "
                                  "certain to be earliest, unless the text dates the practice it "
                                  "describes.", open_start=False),
            Field("observed_on_basis", "string", "Where observed_on and its bounds come from.",
                  required=True),
            *_date("effective_from", "Date the policy takes effect, where a source states it; the "
                                     "claim holds from here instead of observed_on.", required=False,
                   open_start=False),
            _reference("instrument_id", "Instrument that carries or states the policy.",
                       required=False),
            Field("asserted_by", "string", "Which party makes the claim.", required=True,
                  vocabulary="asserted_by"),
            _reference("asserted_by_actor_id", "The person or body making the claim; blank "
                                                         "when it is the outlet's own words.",
                       required=False),
            Field("judicial_warrant_exception", "boolean", "True where the source states an exception "
                                                           "for a warrant signed by a judge; blank "
                                                           "when not stated."),
            Field("only_on_federal_request", "boolean", "True where the source says the jurisdiction "
                                                        "acts only when ICE asks; blank when not "
                                                        "stated."),
            Field("offense_scope", "string", "Class of people a limited position applies to, where "
                                             "stated.", vocabulary="offense_scope"),
            Field("other_exceptions", "string", "Other stated exceptions, in brief."),
            Field("confidence", "string", "How directly the evidence states the position.",
                  required=True, vocabulary="confidence"),
            Field("note", "string", "The coder's reading, where the evidence needs one."),
        ),
        ("provision_id",),
        (
            _fk("jurisdiction_id", "jurisdictions"),
            _fk("dimension", "dimensions"),
            _fk(("dimension", "position"), "codebook"),
            _fk("instrument_id", "instruments"),
            _fk("asserted_by_actor_id", "actors", "actor_id"),
        ),
    ),
    Resource(
        "evidence", "Evidence",
        "Verbatim quotes that support each provision; every provision has at least one.",
        (
            _id("evidence_id", "evidence quote"),
            _reference("provision_id", "Provision the quote supports."),
            *_quote("evidence"),
            _reference("speaker_actor_id", "Who says the quoted words; blank when they are "
                                                     "the outlet's own.", required=False),
            Field("reports_change", "boolean", "True where the quote reports the adoption, repeal, "
                                               "amendment or new practice that makes its provision a "
                                               "reported change.", required=True),
        ),
        ("evidence_id",),
        (
            _fk("provision_id", "provisions"),
            _fk("source_id", "sources"),
            _fk("speaker_actor_id", "actors", "actor_id"),
        ),
    ),
    Resource(
        "statements", "Statements",
        "Stances that actors (or the outlet) express about a jurisdiction's cooperation with federal "
        "immigration enforcement, including ones with no codable provision.",
        (
            _id("statement_id", "statement"),
            _reference("actor_id", "Who makes the statement; blank when it is the outlet's own "
                                             "words.", required=False),
            *_quote("statement"),
            Field("stance", "string", "Stance toward local cooperation, in neutral terms.",
                  required=True, vocabulary="stance"),
            *_date("said_on", "When the statement was made, as the text dates it; where it does "
                              "not, on or before the latest publication day of the source that "
                              "reports it (blank earliest day), or for the outlet's own words its "
                              "publication date. said_on_basis says which."),
            Field("said_on_basis", "string", "How said_on and its bounds were read or inferred.",
                  required=True),
            Field("note", "string", "Context the quote needs."),
        ),
        ("statement_id",),
        (
            _fk("actor_id", "actors"),
            _fk("source_id", "sources"),
        ),
    ),
    Resource(
        "statement_jurisdictions", "Statement jurisdictions",
        "Which jurisdictions each statement is about: one row per statement and jurisdiction, so "
        "one sentence naming several jurisdictions is one statement linked to each.",
        (
            _reference("statement_id", "The statement."),
            _reference("jurisdiction_id", "A jurisdiction the statement is about."),
        ),
        ("statement_id", "jurisdiction_id"),
        (_fk("statement_id", "statements"), _fk("jurisdiction_id", "jurisdictions")),
    ),
    Resource(
        "events", "Events",
        "Dated happenings: announcements, an ordinance's passage, a federal investigation, a release "
        "incident a party cites.",
        (
            _id("event_id", "event"),
            Field("kind", "string", "What happened.", required=True, vocabulary="event_kind"),
            Field("description", "string", "Neutral one-line description.", required=True),
            *_date("occurred_on", "When it happened."),
            Field("date_basis", "string", "How the date and its bounds were read or inferred.",
                  required=True),
            _reference("reported_by_actor_id", "Whose account the source gives; blank when it "
                                                         "is the outlet's own.", required=False),
            _reference("instrument_id", "Instrument involved, if any.", required=False),
            *_quote("event"),
        ),
        ("event_id",),
        (
            _fk("reported_by_actor_id", "actors", "actor_id"),
            _fk("instrument_id", "instruments"),
            _fk("source_id", "sources"),
        ),
    ),
    Resource(
        "event_jurisdictions", "Event jurisdictions",
        "Which jurisdictions each event concerns and how: one row per event and jurisdiction (the "
        "one that acted, one acted upon, one the event's words name otherwise).",
        (
            _reference("event_id", "The event."),
            _reference("jurisdiction_id", "A jurisdiction the event concerns."),
            Field("role", "string", "How the event concerns the jurisdiction.", required=True,
                  vocabulary="event_role"),
        ),
        ("event_id", "jurisdiction_id"),
        (_fk("event_id", "events"), _fk("jurisdiction_id", "jurisdictions")),
    ),
)

RESOURCE_BY_NAME = {resource.name: resource for resource in RESOURCES}
# The resources whose rows carry a verbatim quote of a source (source_id, quote, offsets).
QUOTED_RESOURCES: tuple[Resource, ...] = tuple(resource for resource in RESOURCES
                                               if "quote" in resource.field_names)
