"""Illinois: coder's worksheet.

Source: the 2025 Johnston article, which quotes Governor J.B. Pritzker. He speaks of whom he
would protect and who should be deported, not of a state rule, so no provision is coded.
"""

from immigration_cooperation.records import Actor, Jurisdiction, Quote, Statement

JOHNSTON_2025 = "johnston-2025-denver-ice"

JURISDICTION = Jurisdiction(
    "illinois",
    name="Illinois",
    level="state",
    parent="united-states",
    ocd_division_id="ocd-division/country:us/state:il",
    role_in_sources="takes_position",
)

ACTORS = [
    Actor("jb-pritzker", "J.B. Pritzker", kind="person", role="Governor of Illinois",
          organization="State of Illinois",
          role_quote=Quote(JOHNSTON_2025, "the Governor of Illinois, J.B. Pritzker")),
]

STATEMENTS = [
    Statement(
        "pritzker-2025-violent-criminals-deported",
        quote=Quote(JOHNSTON_2025, "violent criminals who are undocumented and convicted of violent crime "
                                   "should be deported", speaker="jb-pritzker"),
        stance="supports_limited_cooperation",
    ),
    Statement(
        "pritzker-2025-obligation-to-protect",
        quote=Quote(JOHNSTON_2025, "I believe it is my obligation to protect them too.",
                    speaker="jb-pritzker"),
        stance="supports_limited_cooperation",
        note="\"Them\": undocumented people who have lived in the country for decades, work and pay "
             "taxes.",
    ),
]


def run() -> None:
    from immigration_cooperation.curation import check_script

    check_script(__file__)


if __name__ == "__main__":
    run()
