r"""Cue phrases: words a careful coder recognises as speaking to a codebook dimension.

Data, not logic: `passages.py` reads these to suggest which sentences of an article may bear on
which dimension. A cue only suggests; the coder reads the sentence and decides.

Syntax of a cue:
- A Python regular expression, matched case-insensitively inside one sentence, and only at word
  boundaries (the tool adds them: "detainers?" does not match inside "predetainers").
- The sentence is matched after typographic marks are folded to ASCII: write straight quotes and
  apostrophes ("don't"), a plain hyphen for any dash, "..." for an ellipsis; runs of whitespace
  are one space.
- Keep cues to what a coder would say: "s?" for a plural, "\w*" for any ending of a stem
  ("notif\w*"), "(a|b)" for alternatives, ".{0,40}" for "a few words in between" (prefer a
  bounded gap to ".*", so a cue stays within one thought; a gap always begins and ends at a
  word boundary, so "with .{0,30}ICE" does not match "with police"), "^" for the start of the
  sentence.
"""

CUE_PHRASES: dict[str, tuple[str, ...]] = {
    "detainer_handling": (
        r"detainers?",
        r"immigration holds?",
        r"(hold|holds|holding|held|keep|keeps|keeping|kept) .{0,60}(for|at the request of) (ICE|immigration|federal)",
        r"(past|beyond) (their|his|her|a person's) release( date)?",
        r"(honou?r|ignor|declin|refus|compl[yi])\w* .{0,40}requests?",
        r"(judicial|judge-signed) warrants?",
        r"warrants? (from|signed by|issued by) a (federal )?judge",
        r"I-247\w*",
    ),
    "status_inquiry": (
        r"(ask|inquir|question|check|verif)\w* .{0,50}(immigration|citizenship|legal) status",
        r"(ask|inquir)\w* .{0,30}status",
        r"status (inquir\w*|checks?)",
        r"don't ask",
        r"(immigration|citizenship) papers",
    ),
    "jail_access": (
        r"jail interviews?",
        r"interview\w* .{0,40}(jails?|custody|inmates?|detainees?)",
        r"access to (the |our |its |county |city |local )?(jails?|inmates|detainees|detention|facilit(y|ies)|booking)",
        r"(enter|entering|inside) .{0,20}jails?",
        r"(ICE|immigration) (agents|officers|officials) .{0,40}(jails?|facilit(y|ies))",
        r"(judicial|judge-signed) warrants?",
        r"warrants? (from|signed by|issued by) a (federal )?judge",
    ),
    "release_notification": (
        r"notif(y|ies|ied|ying|ication|ications)",
        r"releas(ed|ing)",
        r"releases? (date|time|from|of)",
        r"(tell|told|inform|alert|report)\w* (to )?(ICE|immigration (officials|authorities|agents))",
        r"(honou?r|ignor|declin|refus|compl[yi])\w* .{0,40}requests?",
        r"pick (them|him|her|people) up",
    ),
    "enforcement_participation": (
        r"non-?enforcement",
        r"enforc\w* .{0,40}immigration",
        r"immigration enforc\w*",
        r"enforcement (efforts|activities|operations|actions|responsibilities)",
        r"participat\w* .{0,40}(enforcement|ICE|immigration|deportation)",
        r"partner\w* (on|with)",
        r"(cooperat|collaborat)\w* .{0,20}(ICE|immigration|federal|Homeland Security|feds)",
        r"(ICE|immigration) (cooperation|collaboration)",
        r"work\w* (with|in conjunction with) .{0,30}(ICE|immigration|federal|Homeland Security|feds)",
        r"(aid|assist|help)\w* .{0,20}(the feds|ICE|federal)",
        r"deport\w* (efforts|operations|raids)",
        r"287\(g\)",
        r"task forces?",
        r"polic(y|ies) on immigration",
    ),
    "information_sharing": (
        r"(section )?1373",
        r"(shar|provid|offer|withh[oe]ld|restrict|communicat|exchang)\w* .{0,50}information",
        r"information (about|on) .{0,30}(immigrants|immigration|status|aliens)",
        r"exchanges? of information",
        r"restrict\w* .{0,20}communications?",
        r"communicat\w* with .{0,40}(ICE|immigration|Homeland|Department of Justice|federal)",
        r"(immigration|citizenship) status information",
        r"(databases?|records?) .{0,40}(ICE|immigration|federal)",
    ),
}

# A sentence matching one of these continues the sentence before it ("The city and county of
# Denver are on the list.", "Exceptions include ..."): it is offered for the dimensions the
# previous sentence's own cues found, with the continuing words as its cue.
CONTINUATION_CUES: tuple[str, ...] = (
    r"on (the|that|this) list",
    r"^(the |these |those )?exceptions? (include|includes|are|is)",
    r"^(it|this|that) (also )?(applies|covers|includes|means)",
)
