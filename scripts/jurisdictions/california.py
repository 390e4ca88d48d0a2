"""California: coder's worksheet.

Source: Colorado Politics 2018-01-25, which names California's state legislative efforts among
what blocked enforcement of the 2017 executive order on federal funding.
"""

from immigration_cooperation.records import Jurisdiction, Quote, Statement

COLORADO_POLITICS_2018 = "colorado-politics-2018-doj-investigation"

JURISDICTION = Jurisdiction(
    "california",
    name="California",
    level="state",
    parent="united-states",
    ocd_division_id="ocd-division/country:us/state:ca",
    role_in_sources="takes_position",
)

STATEMENTS = [
    Statement(
        "outlet-2018-california-legislative-efforts",
        quote=Quote(COLORADO_POLITICS_2018, "Enforcement of the order has been blocked by court "
                                            "challenges and state legislative efforts, particularly in "
                                            "California."),
        stance="defends_limits",
        note="The outlet's description; the article names no California official or law.",
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
