"""Aurora, Colorado: coder's worksheet.

Sources: Denver7 2016-11-15; named in the 2016 police-chiefs summary's list.
"""

from immigration_cooperation.records import (
    Actor, Event, Instrument, Jurisdiction, Provision, Quote, Statement,
)

DENVER7_2016 = "denver7-2016-aurora-denver-police"
CHIEFS_2016 = "police1-summary-2016-police-chiefs"

JURISDICTION = Jurisdiction(
    "aurora-co",
    name="Aurora",
    level="city",
    parent="colorado",
    ocd_division_id="ocd-division/country:us/state:co/place:aurora",
    role_in_sources="takes_position",
)

ACTORS = [
    Actor("nick-metz", "Nick Metz", kind="person", role="Aurora Police Chief",
          organization="Aurora Police Department",
          role_quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz")),
]

INSTRUMENTS = [
    Instrument(
        "aurora-police-non-enforcement-policy",
        kind="department_policy",
        title="Aurora Police Department non-enforcement policy on immigration",
        status="adopted",
        quote=Quote(DENVER7_2016, "Aurora Police Department’s current non-enforcement policy on "
                                  "immigration", speaker="nick-metz"),
    ),
]

PROVISIONS = [
    Provision(
        "aurora-co-enforcement-participation-2016",
        dimension="enforcement_participation",
        position="declines_participation",
        relation_to_record="first_report",
        instrument="aurora-police-non-enforcement-policy",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="nick-metz",
        confidence="high",
        evidence=[
            Quote(DENVER7_2016, "Currently, the cities practice non-enforcement, meaning officers will "
                                "not enforce, investigate or detain people based on immigration status."),
            Quote(DENVER7_2016, "Since the election, many questions have been raised about Aurora Police "
                                "Department’s current non-enforcement policy on immigration",
                  speaker="nick-metz"),
            Quote(DENVER7_2016, "the department would not change its policies on immigration"),
        ],
    ),
]

STATEMENTS = [
    Statement(
        "metz-2016-simple-answer-no",
        quote=Quote(DENVER7_2016, "Specifically, people are asking if we intend to change our policy. "
                                  "The simple answer is: No.", speaker="nick-metz"),
        stance="defends_limits",
        said_on="2016-11-15",
        said_on_basis="Metz's statement with his announcement \"Tuesday\" (2016-11-15) that the policy "
                      "would not change.",
    ),
    Statement(
        "metz-2016-services-to-all-residents",
        quote=Quote(DENVER7_2016, "The city's responsibility is to provide services to all residents, "
                                  "enforce local laws and build strong community partnerships",
                    speaker="nick-metz"),
        stance="defends_limits",
    ),
    Statement(
        "police-chiefs-2016-list",
        quote=Quote(CHIEFS_2016, "Aurora, Chicago, Seattle, New York City, Nashville – the list goes on "
                                 "of police departments and city officials taking a stand against "
                                 "Trump."),
        stance="defends_limits",
        also_about=("chicago-il", "seattle-wa", "new-york-city-ny", "nashville-tn"),
        note="The outlet's list of police departments and city officials; it gives no policy detail "
             "for any of them. One statement, linked to each jurisdiction it names.",
    ),
]

EVENTS = [
    Event(
        "aurora-police-announcement-2016-11-15",
        kind="policy_announcement",
        description="Aurora Police Chief Nick Metz announces the department will not change its "
                    "immigration policies.",
        occurred_on="2016-11-15",
        date_basis="Inferred: \"announced Tuesday\" in an article posted Tuesday, 2016-11-15.",
        instrument="aurora-police-non-enforcement-policy",
        quote=Quote(DENVER7_2016, "Aurora Police Chief Nick Metz announced Tuesday, following Denver "
                                  "Police Department’s announcement on Monday, that the department would "
                                  "not change its policies on immigration."),
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
