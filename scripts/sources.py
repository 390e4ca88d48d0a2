"""Sources registry: the articles in seeds/, what they are, and where their article text lies.

Run it to check every file's bytes against the recorded sha256: python scripts/sources.py
"""

from immigration_cooperation.records import Source

SOURCES = [
    Source(
        "denver7-2016-aurora-denver-police",
        path="seeds/000_5382a5cd4b268f5f.txt",
        sha256="668683da2faa3c9f18acb2bdabe4cb323bcf2a7ce7df39f6d2684d4f058484be",
        bytes=2974,
        title="Aurora joins Denver PD in refusing to enforce Trump's immigration policies",
        publisher="Denver7",
        published_on="2016-11-15",
        published_on_basis="stated",
        published_on_reasoning="The file prints \"Posted at 11:34 AM, Nov 15, 2016\". The publisher is "
                               "read from the page's own \"Sign up for Denver7 email alerts\" line.",
        body_starts_with="AURORA, Colo. -- Speaking in unison",
        body_ends_with="Aliens convicted of an \"aggravated felony.\"",
        excluded_text="Navigation words (\"News\", \"Actions\"), the headline and posting lines before "
                      "the text; a rule line and Denver7 sign-up and social-media prompts after it.",
        note="The file contains no-break spaces (U+00A0).",
    ),
    Source(
        "ordinance-2017-denver-council",
        path="seeds/001_a5b366c197054b6f.txt",
        sha256="339eb4a2070d2ccf86972564a4abb9b8d3c63b9cd845dc8d076dd6a60db5312c",
        bytes=3317,
        title="Denver City Council passes controversial immigration protections",
        publisher=None,
        published_on="2017-01-19..2017",
        published_on_basis="inferred",
        published_on_reasoning="No date is printed. ICE's statement, quoted in the article, says Ever "
                               "Valles was released in December 2016 and charged with a murder "
                               "committed \"just seven weeks after he was released\": the murder was no "
                               "earlier than 2016-12-01 plus 49 days, 2017-01-19, and the statement and "
                               "the article came after it. ICE calls the case recent and the ordinance "
                               "is new, so the article is read as from 2017, no later than 31 December. "
                               "The exact Monday of the vote is not given.",
        body_starts_with="DENVER — The Denver City Council unanimously passed",
        body_ends_with="taken such an extreme step in the wrong direction.”",
        excluded_text="After the text: a repeated headline line, a pulled quote from Hancock, and a "
                      "reader comment (\"HOLD IT RIGHT THERE!!! Define 'our people'.\").",
        note="The headline appears only after the article text, above the pulled quote; the file "
             "names no outlet.",
    ),
    Source(
        "police1-summary-2016-police-chiefs",
        path="seeds/002_f41dbdb8e5310ce2.txt",
        sha256="74e6e42b045531d717789b622f6fb0ab75762d987df3ab7db93047d4a01e53b7",
        bytes=3179,
        title="Here’s Why Police are Against Trump on Immigration Enforcement",
        publisher=None,
        published_on="2016-11-14..2017-01-20",
        published_on_basis="inferred",
        published_on_reasoning="No date is printed. The article quotes the Denver Police Department's "
                               "statement, which Denver7 dates to Monday 2016-11-14, so it is not "
                               "earlier; it calls Trump \"president-elect\", so it is not later than "
                               "his inauguration on 2017-01-20 (a date from general knowledge, not "
                               "from the file). The standfirst above the article text speaks of "
                               "\"Trump's immigration enforcement orders\"; it may have been written "
                               "later by the site that republished the summary, and the date here is "
                               "that of the article text.",
        body_starts_with="In the wake of Donald Trump’s shocking presidential victory",
        body_ends_with="working harder to rebuild trust in their communities.",
        excluded_text="Before the text: the headline, the standfirst and an image file name "
                      "(2015-09-AP_832718961039.jpg). After it: \"Read the full story on the Police1 "
                      "website.\" and \"RECOMMENDED FOR YOU\".",
        note="A summary of a PoliceOne (Police1) story by Cole Zercoe; the file does not name the site "
             "that published the summary. It misspells Tucson as \"Tuscon\".",
    ),
    Source(
        "colorado-politics-2018-doj-investigation",
        path="seeds/003_84d10517370e5515.txt",
        sha256="3407de01d112645f93d0db1b4c27ea9784da3d9e3713ddb0d31886f583b714be",
        bytes=5346,
        title="Denver mayor defies Justice Department in investigation of illegal immigrant policy",
        publisher="Colorado Politics",
        published_on="2018-01-25",
        published_on_basis="stated",
        published_on_reasoning="The file prints \"January 25, 2018\" in the dateline and \"Content "
                               "originally published by Colorado Politics on January 25, 2018.\"",
        body_starts_with="WASHINGTON — Denver’s mayor is pledging to defy",
        body_ends_with="state legislative efforts, particularly in California.",
        excluded_text="Share buttons (\"f t # e\") and the dateline before the text; the "
                      "republication line, share buttons, \"Stay Connected\" and a newsletter prompt "
                      "after it.",
    ),
    Source(
        "johnston-2025-denver-ice",
        path="seeds/004_c95d557d4a44866e.txt",
        sha256="0cbe8cfb79a1c7495f06ee4bed47efd50a6f1b22d5100db567591fc339d8c496",
        bytes=3927,
        title="Denver Mayor Confirms Trump’s Deportations Will Go Ahead",
        publisher=None,
        published_on="2025-01-20..2025",
        published_on_basis="inferred",
        published_on_reasoning="No date is printed. Mike Johnston is mayor of Denver; he contrasts "
                               "requests \"from this administration, versus the last\", read as "
                               "Trump's second term having begun, which was on 2025-01-20 (a date "
                               "from general knowledge, not from the file). The article speaks of \"the new "
                               "administration\" and the outlet says \"the deportations are "
                               "happening\": early in that term, read as no later than 31 December "
                               "2025.",
        body_starts_with="Denver Mayor Mike Johnston addresses the city’s stance",
        body_ends_with="to ensure that all illegals are removed.",
        excluded_text="The headline only. The last two paragraphs are the outlet's own opinion; they "
                      "are kept as text but attributed to the outlet, never to an official.",
    ),
]


def run() -> None:
    from immigration_cooperation.curation import run_source_check

    run_source_check(SOURCES, __file__)


if __name__ == "__main__":
    run()
