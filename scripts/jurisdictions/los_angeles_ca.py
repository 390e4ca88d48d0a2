"""Los Angeles, California: coder's worksheet.

Source: the 2016 police-chiefs summary (quoting the Los Angeles Times).
"""

from immigration_cooperation.records import Actor, Jurisdiction, Provision, Quote, Statement

CHIEFS_2016 = "police1-summary-2016-police-chiefs"

JURISDICTION = Jurisdiction(
    "los-angeles-ca",
    name="Los Angeles",
    level="city",
    parent="california",
    ocd_division_id="ocd-division/country:us/state:ca/place:los_angeles",
    role_in_sources="takes_position",
)

ACTORS = [
    Actor("charlie-beck", "Charlie Beck", kind="person", role="Los Angeles Police Department chief",
          organization="Los Angeles Police Department",
          role_quote=Quote(CHIEFS_2016, "Charlie Beck, Los Angeles Police Department chief")),
]

PROVISIONS = [
    Provision(
        "los-angeles-ca-enforcement-participation-2016",
        dimension="enforcement_participation",
        position="declines_participation",
        relation_to_record="first_report",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="charlie-beck",
        confidence="high",
        evidence=[
            Quote(CHIEFS_2016, "We are not going to engage in law enforcement activities solely based on "
                               "somebody’s immigration status. We are not going to work in conjunction "
                               "with Homeland Security on deportation efforts.", speaker="charlie-beck"),
        ],
    ),
]

STATEMENTS = [
    Statement(
        "beck-2016-not-our-job",
        quote=Quote(CHIEFS_2016, "That is not our job, nor will I make it our job.",
                    speaker="charlie-beck"),
        stance="defends_limits",
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
