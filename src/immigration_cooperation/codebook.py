"""The codebook: policy dimensions, their ordinal positions, and every other closed list of values.

This module is the single definition of allowed values. The `dimensions` and `codebook` resources,
the enum constraints in `datapackage.json`, the DuckDB ENUM types and `docs/codebook.md` are all
generated from it.

Levels are ordinal within a dimension: 0 is the fullest cooperation with federal immigration
enforcement (ICE), 3 the least. A cell with no provision means "not addressed by any source",
never level 0.
"""

from __future__ import annotations

from dataclasses import dataclass

CODEBOOK_VERSION = "1.2.0"

# What each level means in every dimension (a dimension's positions say it concretely).
LEVEL_MEANINGS = (
    "fullest cooperation with ICE",
    "some limits on cooperation",
    "more limits on cooperation",
    "no cooperation in this dimension",
)

# Newest first. A renamed or removed position is a major change; a new position or dimension is minor.
CODEBOOK_CHANGELOG = (
    ("1.2.0", "2026-12-02", "census_geoid_kind gains county_subdivision (the Open Civic Data "
     "table's ten-digit GEOIDs). New list event_role (acting, affected, named) for the jurisdictions "
     "an event is linked to. No position or level changed."),
    ("1.1.0", "2026-11-22", "Dates are bounds: date_precision gains range and on_or_before, and is "
     "read off each date's earliest and latest possible day. New list relation_to_record (first "
     "report, reported change, consistent re-description, conflicting account). asserted_by no "
     "longer ranks claims: the position of record follows relation_to_record. No position or "
     "level changed."),
    ("1.0.0", "2026-11-21", "First codebook: four core dimensions plus enforcement_participation "
     "and information_sharing."),
)


@dataclass(frozen=True)
class Position:
    name: str
    level: int
    label: str
    definition: str


@dataclass(frozen=True)
class Dimension:
    name: str
    label: str
    question: str
    is_core: bool
    positions: tuple[Position, ...]


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "detainer_handling",
        "Detainer handling",
        "Does the jurisdiction hold people past their release at ICE's request (an immigration detainer)?",
        True,
        (
            Position("honors_all", 0, "Honors all detainers",
                     "Holds people on any ICE detainer request."),
            Position("honors_limited", 1, "Honors some detainers",
                     "Holds people on ICE detainers only for a defined class (for example serious or "
                     "violent offenses) or case by case."),
            Position("judicial_warrant_required", 2, "Judicial warrant required",
                     "Declines detainer requests unless they come with a warrant signed by a judge."),
            Position("declines_all", 3, "Declines all detainers",
                     "Does not hold people on ICE detainer requests, with no stated exception."),
        ),
    ),
    Dimension(
        "status_inquiry",
        "Immigration-status inquiry",
        "Do local officers or officials ask people about their immigration status?",
        True,
        (
            Position("required", 0, "Required",
                     "Officers must ask about or check immigration status."),
            Position("permitted", 1, "Permitted",
                     "Officers may ask about immigration status; no stated limit."),
            Position("not_proactive", 2, "Not asked proactively",
                     "A stated practice of not asking about status, without a formal bar."),
            Position("prohibited", 3, "Prohibited",
                     "A law, ordinance or formal policy bars officers or officials from asking."),
        ),
    ),
    Dimension(
        "jail_access",
        "ICE access to jails",
        "May ICE agents enter local jails or interview people held there?",
        True,
        (
            Position("unrestricted", 0, "Unrestricted",
                     "ICE may enter jails and interview people held there without conditions."),
            Position("conditioned", 1, "Conditioned",
                     "Access depends on consent, notice or similar conditions."),
            Position("judicial_warrant_required", 2, "Judicial warrant required",
                     "Access or interviews only with a warrant signed by a judge."),
            Position("prohibited", 3, "Prohibited",
                     "ICE may not enter jails or interview people held there."),
        ),
    ),
    Dimension(
        "release_notification",
        "Release notification",
        "Does the jurisdiction tell ICE when a person ICE is interested in is released?",
        True,
        (
            Position("proactive", 0, "Proactive",
                     "Tells ICE of releases without being asked."),
            Position("on_request", 1, "On request",
                     "Tells ICE of a release when ICE asks, for anyone ICE asks about."),
            Position("on_request_limited", 2, "On request, limited class",
                     "Tells ICE of a release when ICE asks, only for a defined class "
                     "(for example violent offenders)."),
            Position("declines", 3, "Declines",
                     "Does not tell ICE of releases."),
        ),
    ),
    Dimension(
        "enforcement_participation",
        "Participation in immigration enforcement",
        "Do local police take part in enforcing federal civil immigration law?",
        False,
        (
            Position("participates", 0, "Participates",
                     "Local officers enforce civil immigration law or take part in ICE operations."),
            Position("case_by_case", 1, "Selected cases",
                     "Local officers work with ICE only in selected cases or for a defined class "
                     "(for example violent offenders)."),
            Position("declines_participation", 2, "Declines participation",
                     "A stated practice or policy of not taking part in immigration enforcement."),
            Position("prohibited", 3, "Prohibited",
                     "A law or ordinance bars local officers from taking part."),
        ),
    ),
    Dimension(
        "information_sharing",
        "Sharing of immigration-status information",
        "Do local officials share immigration-status information with federal authorities?",
        False,
        (
            Position("shares_proactively", 0, "Shares proactively",
                     "Sends status information to federal authorities routinely."),
            Position("shares_on_request", 1, "Shares on request",
                     "No local limit on sharing status information when federal authorities ask "
                     "(for example a stated claim of compliance with 8 U.S.C. 1373)."),
            Position("restricted", 2, "Restricted",
                     "Local rules or practice limit what status information is shared."),
            Position("prohibited", 3, "Prohibited",
                     "Officials are barred from sharing status information."),
        ),
    ),
)


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values for a field that is not a policy dimension."""

    name: str
    description: str
    values: tuple[tuple[str, str], ...]  # (value, meaning), in their natural order

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.values)


VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary("date_precision", "How exact a date is, read off its bounds: every stored date is an "
               "earliest possible day (the date column) and a latest possible day (the same name "
               "with _latest). Never typed: it follows from the bounds.", (
                   ("day", "The day is known: earliest and latest are the same day."),
                   ("month", "Only the month is known: the first to the last day of that month."),
                   ("year", "Only the year is known: 1 January to 31 December."),
                   ("range", "Some day between the earliest and the latest, which are not one whole "
                             "month or year (for example a year narrowed by reasoning the text "
                             "supports)."),
                   ("on_or_before", "No earlier bound is known: the date column is blank and only the "
                                    "latest possible day is given."),
               )),
    Vocabulary("date_basis", "Where a source's publication date comes from.", (
        ("stated", "Printed in the source file."),
        ("inferred", "Worked out from the text; the reasoning is recorded beside it."),
    )),
    Vocabulary("jurisdiction_level", "Level of government.", (
        ("city", "Incorporated city."),
        ("county", "County."),
        ("consolidated_city_county", "Consolidated city and county government."),
        ("state", "US state."),
        ("federal", "The United States federal government."),
    )),
    Vocabulary("role_in_sources", "Why a jurisdiction is in the table.", (
        ("takes_position", "An article names it as taking a position on cooperation with federal "
                           "immigration enforcement (including in a list)."),
        ("mentioned", "An article names it or its officials, but it takes no position there."),
        ("parent_only", "Not named in the articles; listed as the parent of a named jurisdiction."),
    )),
    Vocabulary("census_geoid_kind", "What kind of Census geography the GEOID identifies.", (
        ("place", "Census place (state FIPS + 5-digit place code)."),
        ("county", "County (state FIPS + 3-digit county code)."),
        ("county_subdivision", "County subdivision such as a township (state FIPS + 3-digit county "
                               "+ 5-digit subdivision code)."),
        ("state", "State (2-digit FIPS)."),
        ("nation", "The nation (Census code 1)."),
    )),
    Vocabulary("actor_kind", "Person or body.", (
        ("person", "A named individual."),
        ("body", "An agency, department, council or other body."),
    )),
    Vocabulary("instrument_kind", "The form a policy or action takes.", (
        ("ordinance", "Local legislation passed by a council."),
        ("executive_order", "An order signed by a mayor, governor or president."),
        ("department_policy", "A police or sheriff department's policy or practice."),
        ("official_statement", "A statement or interview by an official describing policy."),
        ("federal_action", "A federal agency's memo, letter, investigation or enforcement priorities."),
        ("federal_law", "A federal statute."),
        ("bill", "Proposed legislation not (yet) enacted."),
    )),
    Vocabulary("instrument_status", "The state of an instrument as the source describes it.", (
        ("adopted", "Passed, signed or in force."),
        ("announced", "Announced or promised, not yet adopted."),
        ("proposed", "Introduced or proposed."),
    )),
    Vocabulary("asserted_by", "Who makes a claim about a jurisdiction's policy. Which party makes "
                "a claim never decides the position of record; every claim stays in the data.", (
                    ("jurisdiction_officials", "The jurisdiction's own officials, bodies or laws."),
                    ("outlet", "The news outlet, in its own words."),
                    ("other_officials", "Officials of another government (a state legislator, a "
                                        "member of Congress)."),
                    ("federal_agency", "A federal agency or official (ICE, the Justice Department)."),
                )),
    Vocabulary("relation_to_record", "How a claim relates to the position of record already on file "
               "for the same jurisdiction and dimension. Only a first report or a reported change sets "
               "the position of record; a re-description corroborates it; a conflicting account "
               "disputes it.", (
                   ("first_report", "The first claim about the cell; it sets the position of record."),
                   ("reported_change", "The source reports a change: an adoption, repeal or amendment, "
                                       "or a stated new practice. It sets a new position of record "
                                       "and needs an evidence quote marked as reporting the change."),
                   ("consistent_redescription", "Other words for what may be the same policy. It "
                                                "corroborates the position of record (the cell's last "
                                                "observation advances, its sources grow) and does not "
                                                "change it, even where its own coded position differs."),
                   ("conflicting_account", "An account that cannot be squared with the position of "
                                           "record for the same period, with no change reported. The "
                                           "cell is disputed; the position of record does not move."),
               )),
    Vocabulary("confidence", "How directly the evidence states the coded position.", (
        ("high", "The quote states the rule or practice directly."),
        ("medium", "The quote needs a reading: scope is ambiguous or practice is described informally."),
        ("low", "An accusation, a suspicion or an indirect description."),
    )),
    Vocabulary("offense_scope", "The class of people a limited position applies to, where stated.", (
        ("violent_or_serious_offenses", "People with violent or serious criminal offenses."),
        ("criminal_offenses", "People with any criminal offense."),
    )),
    Vocabulary("stance", "A statement's stance toward local cooperation with federal immigration "
               "enforcement, in neutral terms.", (
                   ("defends_limits", "Announces or defends limits on local cooperation, or opposes a "
                                      "federal measure aimed at such limits."),
                   ("supports_limited_cooperation", "Supports cooperation or removal for a defined "
                                                    "class (for example violent offenders) and limits "
                                                    "otherwise."),
                   ("seeks_more_cooperation", "Calls for more local cooperation, or supports federal "
                                              "measures to obtain it."),
                   ("no_position", "Describes facts, goals or context without a position on "
                                   "cooperation."),
               )),
    Vocabulary("event_kind", "What happened.", (
        ("policy_announcement", "A department or official announces its policy."),
        ("ordinance_passed", "A council passes an ordinance."),
        ("executive_order_signed", "An executive signs an order."),
        ("investigation_requested", "Someone asks a federal agency to investigate a jurisdiction."),
        ("federal_investigation", "A federal agency opens or announces an investigation."),
        ("release_incident", "A person is released from local custody in a case a party cites."),
        ("meeting_declined", "An official declines a meeting."),
    )),
    Vocabulary("event_role", "How an event concerns a jurisdiction it is linked to.", (
        ("acting", "The jurisdiction (or its officials or agency) acted."),
        ("affected", "The jurisdiction was acted upon."),
        ("named", "The event's words name the jurisdiction otherwise."),
    )),
)

VOCABULARY_BY_NAME = {vocabulary.name: vocabulary for vocabulary in VOCABULARIES}
DIMENSION_BY_NAME = {dimension.name: dimension for dimension in DIMENSIONS}
DIMENSION_NAMES = tuple(dimension.name for dimension in DIMENSIONS)
CORE_DIMENSION_NAMES = tuple(dimension.name for dimension in DIMENSIONS if dimension.is_core)


def positions_by_level() -> tuple[str, ...]:
    """Every position name once, ordered by level then name (the DuckDB ENUM order).

    Works because a position name means the same level in every dimension that uses it;
    `tests/test_codebook.py` holds that invariant.
    """
    levels: dict[str, int] = {}
    for dimension in DIMENSIONS:
        for position in dimension.positions:
            levels.setdefault(position.name, position.level)
    return tuple(sorted(levels, key=lambda name: (levels[name], name)))


def position_level(dimension: str, position: str) -> int | None:
    for candidate in DIMENSION_BY_NAME[dimension].positions:
        if candidate.name == position:
            return candidate.level
    return None
