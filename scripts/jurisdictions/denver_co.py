"""Denver, Colorado: coder's worksheet.

Sources: Denver7 2016-11-15; the 2017 ordinance article; the 2016 police-chiefs summary;
Colorado Politics 2018-01-25; the 2025 Johnston article.
"""

from immigration_cooperation.records import (
    Actor, Event, Instrument, Jurisdiction, Provision, Quote, Statement,
)

DENVER7_2016 = "denver7-2016-aurora-denver-police"
ORDINANCE_2017 = "ordinance-2017-denver-council"
CHIEFS_2016 = "police1-summary-2016-police-chiefs"
COLORADO_POLITICS_2018 = "colorado-politics-2018-doj-investigation"
JOHNSTON_2025 = "johnston-2025-denver-ice"

JURISDICTION = Jurisdiction(
    "denver-co",
    name="Denver",
    level="consolidated_city_county",
    parent="colorado",
    ocd_division_id="ocd-division/country:us/state:co/county:denver",
    role_in_sources="takes_position",
    note="The articles say both \"Denver\" and \"the city and county of Denver\".",
)

ACTORS = [
    Actor("denver-police-department", "Denver Police Department", kind="body", role="Police department",
          organization="Denver Police Department",
          role_quote=Quote(CHIEFS_2016, "a statement from the Denver Police Department")),
    Actor("doug-schepman", "Doug Schepman", kind="person", role="Denver Police spokesman",
          organization="Denver Police Department",
          role_quote=Quote(DENVER7_2016, "Denver Police spokesman Doug Schepman")),
    Actor("denver-city-council", "Denver City Council", kind="body", role="City council",
          organization="Denver City Council",
          role_quote=Quote(ORDINANCE_2017, "The Denver City Council unanimously passed an ordinance")),
    Actor("michael-hancock", "Michael Hancock", kind="person", role="Mayor of Denver",
          organization="City and County of Denver",
          role_quote=Quote(ORDINANCE_2017, "Mayor Michael Hancock")),
    Actor("mike-johnston", "Mike Johnston", kind="person", role="Mayor of Denver",
          organization="City and County of Denver",
          role_quote=Quote(JOHNSTON_2025, "Denver Mayor Mike Johnston has outlined")),
]

INSTRUMENTS = [
    Instrument(
        "denver-police-statement-2016",
        kind="official_statement",
        title="Denver Police Department statement on immigration enforcement",
        status="announced",
        dated_on="2016-11-14",
        date_basis="Inferred: \"on Monday\" in an article posted Tuesday, 2016-11-15.",
        quote=Quote(DENVER7_2016, "Denver Police spokesman Doug Schepman’s announcement on Monday"),
    ),
    Instrument(
        "denver-public-safety-enforcement-priorities-act",
        kind="ordinance",
        title="Denver Public Safety Enforcement Priorities Act",
        status="adopted",
        dated_on="2017-01-16..2017",
        date_basis="Inferred: passed \"Monday\", the Monday before the article, which appeared on "
                   "2017-01-19 at the earliest (see the source's reasoning), so on 2017-01-16 at the "
                   "earliest; the exact Monday is not given.",
        votes_for=10,
        votes_against=0,
        quote=Quote(ORDINANCE_2017, "The Denver Public Safety Enforcement Priorities Act passed, 10-0"),
    ),
    Instrument(
        "denver-immigrant-executive-order-2017",
        kind="executive_order",
        title="Complementary executive order on immigrants and refugees (announced by Mayor Hancock)",
        status="announced",
        dated_on="2017-01-16..2017",
        date_basis="Inferred: announced \"along with this new ordinance\", so not before its passage "
                   "(2017-01-16 at the earliest) and not after the article.",
        quote=Quote(ORDINANCE_2017, "I look forward to signing a complementary executive order",
                    speaker="michael-hancock"),
    ),
    Instrument(
        "denver-mayor-response-to-justice-department-2018",
        kind="official_statement",
        title="Mayor Michael Hancock's statement responding to the Justice Department letter",
        status="announced",
        dated_on="2018-01-24..2018-01-25",
        date_basis="Inferred: a response to the letter of Wednesday 2018-01-24, reported in the article "
                   "dated 2018-01-25.",
        quote=Quote(COLORADO_POLITICS_2018, "Denver Mayor Michael Hancock responded to the Justice "
                                            "Department letter"),
    ),
    Instrument(
        "denver-mayor-interview-2025",
        kind="official_statement",
        title="Mayor Mike Johnston's interview on cooperation with ICE",
        status="announced",
        dated_on="2025-01-20..2025",
        date_basis="Inferred: \"a recent interview\" in which the mayor compares \"this administration\" "
                   "with \"the last\", so within the article's own bounds (see the source's "
                   "reasoning).",
        quote=Quote(JOHNSTON_2025, "In a recent interview, Johnston clarified the city’s stance"),
    ),
]

PROVISIONS = [
    # 2016: the police department's statement after the election.
    Provision(
        "denver-co-enforcement-participation-2016",
        dimension="enforcement_participation",
        position="declines_participation",
        relation_to_record="first_report",
        instrument="denver-police-statement-2016",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="denver-police-department",
        confidence="high",
        evidence=[
            Quote(DENVER7_2016, "The Denver Police Department has not participated in those enforcement "
                                "efforts in the past and will not be involved in the future.",
                  speaker="doug-schepman"),
            Quote(CHIEFS_2016, "The Denver Police Department has not participated in those enforcement "
                               "efforts in the past and will not be involved in the future.",
                  speaker="denver-police-department"),
            Quote(DENVER7_2016, "Currently, the cities practice non-enforcement, meaning officers will "
                                "not enforce, investigate or detain people based on immigration status."),
        ],
    ),
    # 2017: the Public Safety Enforcement Priorities Act.
    Provision(
        "denver-co-status-inquiry-2017",
        dimension="status_inquiry",
        position="prohibited",
        relation_to_record="first_report",
        instrument="denver-public-safety-enforcement-priorities-act",
        asserted_by="outlet",
        confidence="high",
        evidence=[
            Quote(ORDINANCE_2017, "bans city officials from asking an arrested individual’s immigration "
                                  "status"),
        ],
        note="The ban the article reports covers asking arrested people about their status.",
    ),
    Provision(
        "denver-co-detainer-handling-2017",
        dimension="detainer_handling",
        position="judicial_warrant_required",
        relation_to_record="first_report",
        instrument="denver-public-safety-enforcement-priorities-act",
        asserted_by="outlet",
        judicial_warrant_exception=True,
        other_exceptions="necessary peacekeeping",
        confidence="medium",
        evidence=[
            Quote(ORDINANCE_2017, "The city also will ignore U.S. Immigration and Customs Enforcement "
                                  "detainer requests"),
            Quote(ORDINANCE_2017, "Exceptions include necessary peacekeeping or following a warrant from "
                                  "a federal judge."),
        ],
        note="The article lists the exceptions right after both the detainer and the jail-interview "
             "rules; read as applying to both, so detainers are declined unless a federal judge's "
             "warrant is presented.",
    ),
    Provision(
        "denver-co-jail-access-2017",
        dimension="jail_access",
        position="judicial_warrant_required",
        relation_to_record="first_report",
        instrument="denver-public-safety-enforcement-priorities-act",
        asserted_by="outlet",
        judicial_warrant_exception=True,
        other_exceptions="necessary peacekeeping",
        confidence="high",
        evidence=[
            Quote(ORDINANCE_2017, "ban ICE from conducting in-person jail interviews without a warrant"),
            Quote(ORDINANCE_2017, "Exceptions include necessary peacekeeping or following a warrant from "
                                  "a federal judge."),
        ],
    ),
    # 2018: the Justice Department's investigation; the city and its critics disagree.
    Provision(
        "denver-co-information-sharing-2018-mayor",
        dimension="information_sharing",
        position="shares_on_request",
        relation_to_record="conflicting_account",
        instrument="denver-mayor-response-to-justice-department-2018",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="michael-hancock",
        confidence="medium",
        evidence=[
            Quote(COLORADO_POLITICS_2018, "Denver does not violate section 1373 and complies with all "
                                          "federal laws", speaker="michael-hancock"),
        ],
        note="The article describes Section 1373 as requiring jurisdictions to share information with "
             "the federal government; the mayor's claim of compliance is coded as no local limit on "
             "sharing when asked. The mayor \"responded to the Justice Department letter\": the "
             "accusation comes first and he disputes it; no change is reported.",
    ),
    Provision(
        "denver-co-information-sharing-2018-outlet",
        dimension="information_sharing",
        position="restricted",
        relation_to_record="consistent_redescription",
        asserted_by="outlet",
        confidence="medium",
        evidence=[
            Quote(COLORADO_POLITICS_2018, "Cities and states — like Denver — whose police restrict the "
                                          "information about illegal immigrants they offer to federal "
                                          "agencies"),
        ],
    ),
    Provision(
        "denver-co-information-sharing-2018-justice-department",
        dimension="information_sharing",
        position="restricted",
        relation_to_record="first_report",
        instrument="justice-department-1373-investigation-2018",
        asserted_by="federal_agency",
        asserted_by_actor="us-department-of-justice",
        confidence="low",
        evidence=[
            Quote(COLORADO_POLITICS_2018, "The Justice Department announced it was investigating 23 "
                                          "cities and states accused of restricting information about "
                                          "illegal immigrants"),
            Quote(COLORADO_POLITICS_2018, "The city and county of Denver are on the list."),
        ],
        note="An accusation under investigation, not a finding. It is the first claim about the cell "
             "(the letter of Wednesday 2018-01-24, which the mayor answered), so it is the position "
             "of record, disputed by the mayor.",
    ),
    # 2017: ICE's account of a December 2016 release.
    Provision(
        "denver-co-release-notification-2016-ice",
        dimension="release_notification",
        position="declines",
        relation_to_record="first_report",
        observed_on="2016-12",
        observed_on_basis="ICE's statement dates the release it describes: \"released in December "
                          "2016\".",
        asserted_by="federal_agency",
        asserted_by_actor="jeffrey-lynch",
        confidence="low",
        evidence=[
            Quote(ORDINANCE_2017, "who was released in December 2016 by Denver County without ICE being "
                                  "properly notified", speaker="jeffrey-lynch"),
        ],
        note="A federal agency's account of one release of a person ICE calls an enforcement priority, "
             "read as Denver not telling ICE of that release (declines), hence low confidence: it does "
             "not say whether ICE had asked to be told, and \"properly\" leaves open that ICE learned "
             "of it some other way.",
    ),
    # 2025: Mayor Johnston describes current practice.
    Provision(
        "denver-co-status-inquiry-2025",
        dimension="status_inquiry",
        position="not_proactive",
        relation_to_record="consistent_redescription",
        instrument="denver-mayor-interview-2025",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="mike-johnston",
        confidence="medium",
        evidence=[
            Quote(JOHNSTON_2025, "we don’t proactively ask someone’s status when they’re arrested, say, "
                                 "for drunk driving", speaker="mike-johnston"),
            Quote(JOHNSTON_2025, "The city does not proactively inquire about immigration status for "
                                 "non-violent offenses"),
        ],
        note="The mayor describes practice in his own words; the article does not mention the 2017 "
             "ordinance or any repeal of it. Not asking arrested people about their status is what "
             "the 2017 ban requires; the 2025 words (\"proactively\", \"for non-violent offenses\") "
             "describe less than a ban but nothing that breaks it, and no change is reported, so this "
             "is a later account consistent with the ban: the position of record stays prohibited.",
    ),
    Provision(
        "denver-co-release-notification-2025",
        dimension="release_notification",
        position="on_request_limited",
        relation_to_record="conflicting_account",
        instrument="denver-mayor-interview-2025",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="mike-johnston",
        only_on_federal_request=True,
        offense_scope="violent_or_serious_offenses",
        confidence="medium",
        evidence=[
            Quote(JOHNSTON_2025, "nor do we proactively report to ICE. But if ICE reaches out to us and "
                                 "says, we know you have someone in your custody who is a criminal, what "
                                 "we will do is partner with them and notify them when we’re releasing "
                                 "them so they can pick them up", speaker="mike-johnston"),
            Quote(JOHNSTON_2025, "Denver will notify ICE when releasing violent criminals or those with "
                                 "serious criminal backgrounds"),
            Quote(JOHNSTON_2025, "right now, we honor those requests that come in because those requests "
                                 "almost always focus on violent criminals", speaker="mike-johnston"),
        ],
        note="The mayor says \"a criminal\"; the outlet and his other remarks say violent criminals. "
             "The \"requests\" he honors are ICE requests to be told of a release, not detainers; no "
             "2025 source speaks of holding people past release. The outlet calls honoring them a "
             "\"longstanding practice\", while ICE said in 2017 that Denver released a man in December "
             "2016 without properly notifying it. Neither source reports a change; read as "
             "conflicting accounts of the same practice (the ICE account does not say whether ICE "
             "had asked).",
    ),
    Provision(
        "denver-co-enforcement-participation-2025",
        dimension="enforcement_participation",
        position="case_by_case",
        relation_to_record="conflicting_account",
        instrument="denver-mayor-interview-2025",
        asserted_by="jurisdiction_officials",
        asserted_by_actor="mike-johnston",
        offense_scope="violent_or_serious_offenses",
        confidence="medium",
        evidence=[
            Quote(JOHNSTON_2025, "We will partner on violent criminals, as we have always done.",
                  speaker="mike-johnston"),
            Quote(JOHNSTON_2025, "Denver maintains its commitment to cooperate with ICE on active warrant "
                                 "cases"),
        ],
        note="\"As we have always done\" contradicts the police department's 2016 statement that it "
             "\"has not participated in those enforcement efforts in the past\": two accounts by the "
             "city's own officials of the same past, with no change reported. Both are kept.",
    ),
]

STATEMENTS = [
    Statement(
        "denver-police-2016-federal-level",
        quote=Quote(DENVER7_2016, "Immigration enforcement is handled at the federal level, not by local "
                                  "law enforcement", speaker="doug-schepman"),
        stance="defends_limits",
        said_on="2016-11-14",
        said_on_basis="Schepman's announcement \"on Monday\", in an article posted Tuesday 2016-11-15.",
    ),
    Statement(
        "denver-police-2016-federal-level-summary",
        quote=Quote(CHIEFS_2016, "Immigration enforcement is handled at the federal level — not by local "
                                 "law enforcement.", speaker="denver-police-department"),
        stance="defends_limits",
        said_on="2016-11-14",
        said_on_basis="The same Denver Police statement that Denver7 dates to Monday 2016-11-14.",
        note="The same statement as reported by Denver7, quoted via the Denver Post.",
    ),
    Statement(
        "hancock-2017-clear-and-resolute-message",
        quote=Quote(ORDINANCE_2017, "Denver is sending a clear and resolute message to our community that "
                                    "we stand with the immigrant and refugee communities",
                    speaker="michael-hancock"),
        stance="defends_limits",
        said_on="2017-01-16..2017",
        said_on_basis="Said of the \"new ordinance\" after its passage (the Monday, 2017-01-16 at the "
                      "earliest), reported in the undated 2017 article.",
    ),
    Statement(
        "hancock-2017-complies-with-federal-law",
        quote=Quote(ORDINANCE_2017, "the new ordinance complies with federal law",
                    speaker="michael-hancock"),
        stance="defends_limits",
        said_on="2017-01-16..2017",
        said_on_basis="Said of the \"new ordinance\" after its passage (the Monday, 2017-01-16 at the "
                      "earliest), reported in the undated 2017 article.",
        note="The outlet's paraphrase of the mayor.",
    ),
    Statement(
        "hancock-2018-destructive-ploy",
        quote=Quote(COLORADO_POLITICS_2018, "This is a destructive ploy by the Trump Administration’s "
                                            "lawyers to politicize a routine exchange of information.",
                    speaker="michael-hancock"),
        stance="defends_limits",
        said_on="2018-01-24..2018-01-25",
        said_on_basis="Part of his response to the Justice Department letter of Wednesday 2018-01-24, "
                      "reported 2018-01-25.",
    ),
    Statement(
        "hancock-2018-wont-back-down",
        quote=Quote(COLORADO_POLITICS_2018, "Denver won’t back down.", speaker="michael-hancock"),
        stance="defends_limits",
        said_on="2018-01-24..2018-01-25",
        said_on_basis="Part of his response to the Justice Department letter of Wednesday 2018-01-24, "
                      "reported 2018-01-25.",
    ),
    Statement(
        "hancock-2018-refuses-meeting",
        quote=Quote(COLORADO_POLITICS_2018, "I refuse to meet with the president under these kinds of "
                                            "threats and fear-mongering", speaker="michael-hancock"),
        stance="defends_limits",
        said_on="2018-01-24..2018-01-25",
        said_on_basis="Said on declining the invitation to the Wednesday 2018-01-24 meeting, \"under "
                      "these kinds of threats\" (the letters of that day); reported 2018-01-25.",
    ),
    Statement(
        "johnston-2025-partner-on-violent-criminals",
        quote=Quote(JOHNSTON_2025, "We don’t want criminals of any background on our streets",
                    speaker="mike-johnston"),
        stance="supports_limited_cooperation",
        said_on="2025-01-20..2025",
        said_on_basis="From the mayor's \"recent interview\", in which he compares requests \"from this "
                      "administration, versus the last\": the article's own bounds.",
    ),
    Statement(
        "johnston-2025-could-re-evaluate",
        quote=Quote(JOHNSTON_2025, "If we see a dramatic expansion in the number of requests that come "
                                   "from this administration, versus the last, then we could "
                                   "re-evaluate.", speaker="mike-johnston"),
        stance="supports_limited_cooperation",
        said_on="2025-01-20..2025",
        said_on_basis="From the mayor's \"recent interview\", in which he compares requests \"from this "
                      "administration, versus the last\": the article's own bounds.",
    ),
    Statement(
        "outlet-2025-limit-to-cooperation",
        quote=Quote(JOHNSTON_2025, "Curiously, then, it means there is a limit to his cooperation."),
        stance="no_position",
        note="The outlet's own comment on the mayor's remarks.",
    ),
    Statement(
        "outlet-2025-deportations-happening",
        quote=Quote(JOHNSTON_2025, "The deportations are happening, then – but Trump has a lot of work "
                                   "to do to ensure that all illegals are removed."),
        stance="seeks_more_cooperation",
        note="The outlet's own opinion, closing the article; not the mayor's words.",
    ),
]

EVENTS = [
    Event(
        "denver-police-statement-2016-11-14",
        kind="policy_announcement",
        description="The Denver Police Department states it will not take part in immigration "
                    "enforcement.",
        occurred_on="2016-11-14",
        date_basis="Inferred: \"on Monday\" in an article posted Tuesday, 2016-11-15.",
        instrument="denver-police-statement-2016",
        quote=Quote(DENVER7_2016, "Denver Police spokesman Doug Schepman’s announcement on Monday"),
    ),
    Event(
        "denver-ever-valles-release-2016-12",
        kind="release_incident",
        description="ICE says Denver County released Ever Valles in December 2016 without ICE being "
                    "properly notified; he was later charged with murder.",
        occurred_on="2016-12",
        date_basis="Stated month in ICE's statement.",
        quote=Quote(ORDINANCE_2017, "who was released in December 2016 by Denver County without ICE being "
                                    "properly notified", speaker="jeffrey-lynch"),
    ),
    Event(
        "denver-ordinance-passed-2017",
        kind="ordinance_passed",
        description="The Denver City Council passes the Public Safety Enforcement Priorities Act, 10-0.",
        occurred_on="2017-01-16..2017",
        date_basis="Inferred: \"Monday\", the Monday before the article, which appeared on 2017-01-19 "
                   "at the earliest; the exact Monday is not given.",
        instrument="denver-public-safety-enforcement-priorities-act",
        quote=Quote(ORDINANCE_2017, "The Denver City Council unanimously passed an ordinance Monday "
                                    "limiting how the city works with federal immigration officials."),
    ),
    Event(
        "denver-mayor-declines-white-house-meeting-2018-01-24",
        kind="meeting_declined",
        description="Mayor Hancock declines the President's invitation to meet mayors at the White "
                    "House.",
        occurred_on="2018-01-24",
        date_basis="Inferred: \"Wednesday\" in an article dated Thursday, 2018-01-25.",
        affected_jurisdiction="united-states",
        quote=Quote(COLORADO_POLITICS_2018, "Hancock declined the invitation."),
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
