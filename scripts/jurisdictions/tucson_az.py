"""Tucson, Arizona: coder's worksheet.

Source: the 2016 police-chiefs summary (quoting the Arizona Daily Star). The article spells the
city "Tuscon"; quotes keep that spelling, the name here is corrected.
"""

from immigration_cooperation.records import Actor, Instrument, Jurisdiction, Provision, Quote, Statement

CHIEFS_2016 = "police1-summary-2016-police-chiefs"

JURISDICTION = Jurisdiction(
    "tucson-az",
    name="Tucson",
    level="city",
    parent="arizona",
    ocd_division_id="ocd-division/country:us/state:az/place:tucson",
    role_in_sources="takes_position",
    note="Misspelled \"Tuscon\" in the 2016 police-chiefs summary.",
)

ACTORS = [
    Actor("chris-magnus", "Chris Magnus", kind="person", role="Tucson Police Chief",
          organization="Tucson Police Department",
          role_quote=Quote(CHIEFS_2016, "Tuscon Police Chief Chris Magnus")),
]

INSTRUMENTS = [
    Instrument(
        "tucson-police-immigration-policies",
        kind="department_policy",
        title="Tucson Police policies and practices on interactions with undocumented persons",
        status="adopted",
        quote=Quote(CHIEFS_2016, "the policies and practices put in place over the past decade to direct "
                                 "and clarify how our officers interact with undocumented persons and "
                                 "handle immigration enforcement issues are not changing",
                    speaker="chris-magnus"),
    ),
]

PROVISIONS = [
    Provision(
        "tucson-az-enforcement-participation-2016",
        dimension="enforcement_participation",
        position="declines_participation",
        relation_to_record="first_report",
        instrument="tucson-police-immigration-policies",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="chris-magnus",
        confidence="high",
        evidence=[
            Quote(CHIEFS_2016, "We will not compromise our commitment to community policing and public "
                               "safety by taking on immigration enforcement responsibilities that "
                               "appropriately rest with federal authorities.", speaker="chris-magnus"),
        ],
    ),
]

STATEMENTS = [
    Statement(
        "magnus-2016-policies-not-changing",
        quote=Quote(CHIEFS_2016, "It is important our residents understand that the policies and "
                                 "practices put in place over the past decade to direct and clarify how "
                                 "our officers interact with undocumented persons and handle immigration "
                                 "enforcement issues are not changing.", speaker="chris-magnus"),
        stance="defends_limits",
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
