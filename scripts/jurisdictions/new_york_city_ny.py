"""New York City, New York: coder's worksheet.

Source: named only in the 2016 police-chiefs summary's list of police departments and city
officials "taking a stand against Trump". The article gives no policy detail, so no provision is
coded; the list is kept as a statement.
"""

from immigration_cooperation.records import Jurisdiction, Quote, Statement

CHIEFS_2016 = "police1-summary-2016-police-chiefs"

JURISDICTION = Jurisdiction(
    "new-york-city-ny",
    name="New York City",
    level="city",
    state_code="NY",
    parent="new-york",
    census_geoid="3651000",
    census_geoid_kind="place",
    ocd_division_id="ocd-division/country:us/state:ny/place:new_york",
    role_in_sources="takes_position",
)

STATEMENTS = [
    Statement(
        "police-chiefs-2016-list-new-york-city",
        quote=Quote(CHIEFS_2016, "Aurora, Chicago, Seattle, New York City, Nashville – the list goes on "
                                 "of police departments and city officials taking a stand against "
                                 "Trump."),
        stance="defends_limits",
        note="Named only in the outlet's list; the article gives no policy detail.",
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
