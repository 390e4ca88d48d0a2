"""Los Angeles County, California: coder's worksheet.

Source: the 2016 police-chiefs summary (quoting the Los Angeles Times). The sheriff's spokesman
states a goal, not a policy, so nothing is coded as a provision.
"""

from immigration_cooperation.records import Actor, Jurisdiction, Quote, Statement

CHIEFS_2016 = "police1-summary-2016-police-chiefs"

JURISDICTION = Jurisdiction(
    "los-angeles-county-ca",
    name="Los Angeles County",
    level="county",
    parent="california",
    ocd_division_id="ocd-division/country:us/state:ca/county:los_angeles",
    role_in_sources="takes_position",
)

ACTORS = [
    Actor("jeff-scroggin", "Jeff Scroggin", kind="person",
          role="Captain and spokesman, Los Angeles County Sheriff’s Department",
          organization="Los Angeles County Sheriff’s Department",
          role_quote=Quote(CHIEFS_2016, "Los Angeles County Sheriff’s Department spokesman Capt. Jeff "
                                        "Scroggin")),
]

STATEMENTS = [
    Statement(
        "scroggin-2016-come-forward",
        quote=Quote(CHIEFS_2016, "We just want people to come forward so we have a better community. It "
                                 "doesn’t matter whether they’re an immigrant or going through the "
                                 "process of citizenship.", speaker="jeff-scroggin"),
        stance="no_position",
        note="Quoted in the article's passage on officers not asking about status, but the words "
             "themselves state a goal, not a policy.",
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
