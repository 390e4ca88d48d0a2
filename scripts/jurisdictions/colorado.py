"""Colorado: coder's worksheet.

Sources: the 2017 ordinance article (a state lawmaker's letter); Colorado Politics 2018-01-25
(the state's congressional delegation). The state takes no position of its own in the articles.
"""

from immigration_cooperation.records import Actor, Event, Jurisdiction, Quote, Statement

ORDINANCE_2017 = "ordinance-2017-denver-council"

JURISDICTION = Jurisdiction(
    "colorado",
    name="Colorado",
    level="state",
    parent="united-states",
    ocd_division_id="ocd-division/country:us/state:co",
    role_in_sources="mentioned",
)

ACTORS = [
    Actor("dave-williams", "Dave Williams", kind="person",
          role="Republican state representative from El Paso County",
          organization="Colorado House of Representatives",
          role_quote=Quote(ORDINANCE_2017, "state Rep. Dave Williams from El Paso County")),
]

STATEMENTS = [
    Statement(
        "williams-2017-letter-to-justice-department",
        quote=Quote(ORDINANCE_2017, "a Republican state lawmaker wrote a letter to the Justice "
                                    "Department to demand a federal investigation into Denver, saying "
                                    "the measure could increase the risk of crime",
                    speaker="dave-williams"),
        stance="seeks_more_cooperation",
        said_on="..2017",
        said_on_basis="The letter came before the ordinance's passage (\"The move comes after\"), which "
                      "was no later than 2017; the text gives no earliest day.",
        jurisdiction="denver-co",
        note="The outlet's paraphrase of the lawmaker's letter.",
    ),
]

EVENTS = [
    Event(
        "williams-requests-investigation-of-denver-2017",
        kind="investigation_requested",
        description="A Colorado state representative asks the Justice Department to investigate "
                    "Denver over the ordinance.",
        occurred_on="..2017",
        date_basis="Inferred: before the ordinance's passage (\"The move comes after\"), which was no "
                   "later than 2017; the text gives no earliest day.",
        affected_jurisdiction="denver-co",
        quote=Quote(ORDINANCE_2017, "a Republican state lawmaker wrote a letter to the Justice "
                                    "Department to demand a federal investigation into Denver"),
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
