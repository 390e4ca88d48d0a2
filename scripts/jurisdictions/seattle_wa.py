"""Seattle, Washington: coder's worksheet.

Source: named only in the 2016 police-chiefs summary's list of police departments and city
officials "taking a stand against Trump". The article gives no policy detail, so no provision is
coded; the list is kept as one statement (in aurora_co.py).
"""

from immigration_cooperation.records import Jurisdiction

JURISDICTION = Jurisdiction(
    "seattle-wa",
    name="Seattle",
    level="city",
    parent="washington",
    ocd_division_id="ocd-division/country:us/state:wa/place:seattle",
    role_in_sources="takes_position",
)

# The outlet's list that names this city ("Aurora, Chicago, Seattle, New York City, Nashville – the
# list goes on …") is one statement, recorded once in aurora_co.py and linked to each city it names.


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
