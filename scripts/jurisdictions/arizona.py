"""Arizona: not named in the articles; listed as the parent state of a named city."""

from immigration_cooperation.records import Jurisdiction

JURISDICTION = Jurisdiction(
    "arizona",
    name="Arizona",
    level="state",
    parent="united-states",
    ocd_division_id="ocd-division/country:us/state:az",
    role_in_sources="parent_only",
)


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
