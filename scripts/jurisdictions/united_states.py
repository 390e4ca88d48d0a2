"""United States (federal government): coder's worksheet.

Federal agencies, officials and members of Congress, the federal actions and laws the articles
describe, and their statements about local jurisdictions.
"""

from immigration_cooperation.records import Actor, Event, Instrument, Jurisdiction, Quote, Statement

DENVER7_2016 = "denver7-2016-aurora-denver-police"
ORDINANCE_2017 = "ordinance-2017-denver-council"
COLORADO_POLITICS_2018 = "colorado-politics-2018-doj-investigation"

JURISDICTION = Jurisdiction(
    "united-states",
    name="United States",
    level="federal",
    ocd_division_id="ocd-division/country:us",
    role_in_sources="takes_position",
)

ACTORS = [
    Actor("donald-trump", "Donald Trump", kind="person", role="President-elect (2016); President (2018)",
          organization="Executive Office of the President",
          role_quote=Quote(DENVER7_2016, "President-elect Donald Trump")),
    Actor("jeffrey-lynch", "Jeffrey Lynch", kind="person", role="ICE field officer in Denver",
          organization="U.S. Immigration and Customs Enforcement",
          role_quote=Quote(ORDINANCE_2017, "The ICE field officer in Denver fired back at the ordinance.")),
    Actor("us-department-of-justice", "U.S. Department of Justice", kind="body",
          role="Federal executive department",
          organization="U.S. Department of Justice",
          role_quote=Quote(COLORADO_POLITICS_2018, "A Justice Department memo says the sanctuary cities "
                                                   "and states might be violating Section 1373")),
    Actor("jeff-sessions", "Jeff Sessions", kind="person", role="U.S. Attorney General",
          organization="U.S. Department of Justice",
          role_quote=Quote(COLORADO_POLITICS_2018, "U.S. Attorney General Jeff Sessions")),
    Actor("diana-degette", "Diana DeGette", kind="person", role="U.S. Representative (D-Denver)",
          organization="U.S. House of Representatives",
          role_quote=Quote(COLORADO_POLITICS_2018, "Rep. Diana DeGette, D-Denver")),
    Actor("ed-perlmutter", "Ed Perlmutter", kind="person", role="U.S. Representative (D-Arvada)",
          organization="U.S. House of Representatives",
          role_quote=Quote(COLORADO_POLITICS_2018, "Rep. Ed Perlmutter, D-Arvada")),
    Actor("doug-lamborn", "Doug Lamborn", kind="person", role="U.S. Representative (R-Colorado Springs)",
          organization="U.S. House of Representatives",
          role_quote=Quote(COLORADO_POLITICS_2018, "Rep. Doug Lamborn, R-Colorado Springs")),
]

INSTRUMENTS = [
    Instrument(
        "federal-enforcement-priorities-2016",
        kind="federal_action",
        title="Federal immigration enforcement priorities (three sets of people targeted)",
        status="adopted",
        dated_on="..2016-11-15",
        date_basis="Described as current federal policy in the article posted 2016-11-15; the article "
                   "does not say when it was adopted.",
        quote=Quote(DENVER7_2016, "Current federal policy, which is subject to change, highlights three "
                                  "sets of illegal aliens who should be targeted by federal law "
                                  "enforcement."),
    ),
    Instrument(
        "us-code-section-1373",
        kind="federal_law",
        title="Section 1373 (information on immigration status)",
        status="adopted",
        quote=Quote(COLORADO_POLITICS_2018, "Section 1373 of a federal law that requires them to share "
                                            "information on illegal immigrants with the federal "
                                            "government"),
    ),
    Instrument(
        "sanctuary-funding-executive-order-2017",
        kind="executive_order",
        title="Executive order seeking to deny some federal funding to sanctuary cities",
        status="adopted",
        dated_on="2017-01-21..2017-02",
        date_basis="Inferred: signed \"days after taking office\", so after the inauguration on "
                   "2017-01-20 (a date from general knowledge, not from the article) and, read as days "
                   "rather than weeks or months, by the end of February 2017.",
        quote=Quote(COLORADO_POLITICS_2018, "an executive order Trump signed days after taking office "
                                            "that sought to deny some federal funding to sanctuary "
                                            "cities"),
    ),
    Instrument(
        "justice-department-1373-investigation-2018",
        kind="federal_action",
        title="Justice Department letters to 23 cities and states on Section 1373",
        status="adopted",
        dated_on="2018-01-24",
        date_basis="Inferred: \"Wednesday\" in an article dated Thursday, 2018-01-25.",
        quote=Quote(COLORADO_POLITICS_2018, "The Justice Department announced it was investigating 23 "
                                            "cities and states"),
    ),
    Instrument(
        "lamborn-grant-withholding-bill",
        kind="bill",
        title="Bill to withhold some grant money from cities that restrict communications on "
              "immigration status (co-sponsored by Rep. Lamborn)",
        status="proposed",
        quote=Quote(COLORADO_POLITICS_2018, "Lamborn is a co-sponsor of a bill that would withhold some "
                                            "grant money from cities that restrict communications with "
                                            "government agencies on the citizenship or immigration "
                                            "status of certain persons."),
    ),
]

STATEMENTS = [
    Statement(
        "trump-2016-website-criminal-aliens",
        quote=Quote(DENVER7_2016, "Trump will work with local, state and federal law enforcement to "
                                  "\"move criminal aliens out.\"", speaker="donald-trump"),
        stance="seeks_more_cooperation",
        note="From Trump's website, as the article reports it; the two police departments reject it.",
        jurisdiction="united-states",
    ),
    Statement(
        "lynch-2017-irresponsible-ordinance",
        quote=Quote(ORDINANCE_2017, "By passing this irresponsible ordinance, the City of Denver’s "
                                    "leadership has codified a dangerous policy that deliberately "
                                    "obstructs our country’s lawful immigration system, protects serious "
                                    "criminal alien offenders, and undermines public safety",
                    speaker="jeffrey-lynch"),
        stance="seeks_more_cooperation",
        said_on="2017-01-19..2017",
        said_on_basis="ICE's statement answers the ordinance's passage and mentions a murder charge "
                      "\"seven weeks after\" a December 2016 release, so 2017-01-19 at the earliest; "
                      "reported in the undated 2017 article.",
        jurisdiction="denver-co",
    ),
    Statement(
        "lynch-2017-cooperative-relationships",
        quote=Quote(ORDINANCE_2017, "Our goal is to build cooperative, respectful relationships with our "
                                    "law enforcement partners.", speaker="jeffrey-lynch"),
        stance="seeks_more_cooperation",
        said_on="2017-01-19..2017",
        said_on_basis="ICE's statement answers the ordinance's passage and mentions a murder charge "
                      "\"seven weeks after\" a December 2016 release, so 2017-01-19 at the earliest; "
                      "reported in the undated 2017 article.",
        jurisdiction="denver-co",
    ),
    Statement(
        "justice-department-2018-memo-1373",
        quote=Quote(COLORADO_POLITICS_2018, "A Justice Department memo says the sanctuary cities and "
                                            "states might be violating Section 1373",
                    speaker="us-department-of-justice"),
        stance="seeks_more_cooperation",
        jurisdiction="denver-co",
    ),
    Statement(
        "sessions-2018-enough-is-enough",
        quote=Quote(COLORADO_POLITICS_2018, "Protecting criminal aliens from federal immigration "
                                            "authorities defies common sense and undermines the rule of "
                                            "law.", speaker="jeff-sessions"),
        stance="seeks_more_cooperation",
        jurisdiction="united-states",
        note="Said of the jurisdictions under investigation, Denver among them.",
    ),
    Statement(
        "degette-2018-scare-tactic",
        quote=Quote(COLORADO_POLITICS_2018, "most recent threat is a scare tactic that is unproductive at "
                                            "best", speaker="diana-degette"),
        stance="defends_limits",
        said_on="2018-01-24..2018-01-25",
        said_on_basis="A reaction to the Justice Department's action of Wednesday 2018-01-24, reported "
                      "2018-01-25.",
        jurisdiction="denver-co",
    ),
    Statement(
        "perlmutter-2018-politically-targeted",
        quote=Quote(COLORADO_POLITICS_2018, "It seems Denver and other similar cities are being "
                                            "politically targeted by the Trump administration",
                    speaker="ed-perlmutter"),
        stance="defends_limits",
        said_on="2018-01-24..2018-01-25",
        said_on_basis="He \"agreed with Denver's mayor\", who answered the letter of Wednesday "
                      "2018-01-24; reported 2018-01-25.",
        jurisdiction="denver-co",
    ),
    Statement(
        "lamborn-2018-commends-justice-department",
        quote=Quote(COLORADO_POLITICS_2018, "I commend the Department of Justice for clamping down on "
                                            "sanctuary cities, like Denver", speaker="doug-lamborn"),
        stance="seeks_more_cooperation",
        said_on="2018-01-24..2018-01-25",
        said_on_basis="A reaction to the Justice Department's action of Wednesday 2018-01-24, reported "
                      "2018-01-25.",
        jurisdiction="denver-co",
    ),
]

EVENTS = [
    Event(
        "sanctuary-funding-executive-order-signed-2017-01",
        kind="executive_order_signed",
        description="President Trump signs an executive order seeking to deny some federal funding to "
                    "sanctuary cities; its enforcement is later blocked.",
        occurred_on="2017-01-21..2017-02",
        date_basis="Inferred: \"days after taking office\", so after the inauguration on 2017-01-20 (a "
                   "date from general knowledge, not from the article) and, read as days rather than "
                   "weeks or months, by the end of February 2017.",
        instrument="sanctuary-funding-executive-order-2017",
        quote=Quote(COLORADO_POLITICS_2018, "an executive order Trump signed days after taking office "
                                            "that sought to deny some federal funding to sanctuary "
                                            "cities"),
    ),
    Event(
        "justice-department-investigation-2018-01-24",
        kind="federal_investigation",
        description="The Justice Department announces an investigation of 23 cities and states, "
                    "Denver among them, over information on immigrants.",
        occurred_on="2018-01-24",
        date_basis="Inferred: \"Wednesday\" in an article dated Thursday, 2018-01-25.",
        affected_jurisdiction="denver-co",
        instrument="justice-department-1373-investigation-2018",
        quote=Quote(COLORADO_POLITICS_2018, "Justice Department investigators who Wednesday demanded "
                                            "information about whether the city and county are "
                                            "withholding information on illegal immigrants"),
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
