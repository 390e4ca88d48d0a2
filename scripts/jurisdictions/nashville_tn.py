"""Nashville, Tennessee: coder's worksheet.

Source: named only in the 2016 police-chiefs summary's list of police departments and city
officials "taking a stand against Trump". The article gives no policy detail, so no provision is
coded; the list is kept as a statement.
"""

from immigration_cooperation.records import Jurisdiction, Quote, Statement

CHIEFS_2016 = "police1-summary-2016-police-chiefs"

JURISDICTION = Jurisdiction(
    "nashville-tn",
    name="Nashville",
    level="consolidated_city_county",
    state_code="TN",
    parent="tennessee",
    census_geoid="4752006",
    census_geoid_kind="place",
    role_in_sources="takes_position",
    note="Census place: Nashville-Davidson metropolitan government (balance). No OCD division id is recorded because its exact form is not certain.",
)

STATEMENTS = [
    Statement(
        "police-chiefs-2016-list-nashville",
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
