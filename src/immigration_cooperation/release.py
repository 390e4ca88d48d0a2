"""Release metadata: the one place the package version and its date live.

Bump VERSION by the policy in CHANGELOG.md: a renamed column or position is major, a new source,
jurisdiction or provision is minor, a corrected quote or note is a patch. RELEASED_ON is the
`created` date of datapackage.json, so builds never read the clock.
"""

VERSION = "0.3.0"
RELEASED_ON = "2026-12-02"
# The release the notes of the next one are compared with (`cooperation diff`): its version and
# the full git commit it was released from. Set it to the new release's pair after each release.
PREVIOUS_RELEASE = ("0.2.0", "89a1a1b4a1f7a64a80ffa3c65226e29ba62dda37")

NAME = "us-local-immigration-enforcement-cooperation"
TITLE = "US local cooperation with federal immigration enforcement, coded from news articles"


def description(articles: str) -> str:
    """The package's description; `articles` ("five news articles (2016–2025)") comes from the
    sources table (prose.articles_phrase), so no count is written here by hand."""
    return (
        "How US cities, counties and states handle ICE detainers, immigration-status questions, ICE "
        f"access to jails and release notifications, and related positions, coded from {articles}. "
        "Every coded value is backed by a verbatim quote with character offsets into the source "
        "file carried in seeds/. A jurisdiction and dimension with no provision is not addressed by "
        "any source, never a zero."
    )


KEYWORDS = ("immigration", "ICE", "detainers", "local immigration policy", "policy surveillance",
            "local government", "Denver", "data package")
DATA_LICENSE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0"}
CONTRIBUTORS = ({"title": "Immigration cooperation data package maintainers",
                 "roles": ["creator", "curator"]},)
