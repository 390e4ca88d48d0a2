"""Numbers and year spans in prose, always computed from the data.

The README, `datapackage.json`, CITATION.cff and docs describe the package in words ("five news
articles (2016–2025)"). Every such figure is written here from the tables, so adding a source
changes the words with the data and a hand-written count can never go stale.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

DASH = "\u2013"


def count_words(count: int, noun: str, plural: str | None = None) -> str:
    """'five news articles', 'one news article', '12 news articles' (words up to nine)."""
    import humanize

    return f"{humanize.apnumber(count)} {noun if count == 1 else (plural or noun + 's')}"


def years_span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}{DASH}{last}"


def source_years(sources: Iterable[dict[str, Any]]) -> tuple[int, int] | None:
    """The first and the last year any source may have been published in."""
    firsts, lasts = [], []
    for row in sources:
        earliest, latest = _day(row.get("published_on")), _day(row.get("published_on_latest"))
        firsts.append((earliest or latest).year)
        lasts.append(latest.year)
    return (min(firsts), max(lasts)) if firsts else None


def articles_phrase(sources: list[dict[str, Any]]) -> str:
    """'five news articles (2016–2025)', from rows of the sources table."""
    years = source_years(sources)
    span = f" ({years_span(*years)})" if years else ""
    return count_words(len(sources), "news article") + span


def names_list(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# A sentence names at most this many jurisdictions, else counts them: at national scale the
# README's coverage sentences named hundreds of thousands.
NAMED_AT_MOST = 12


def jurisdictions_phrase(names: list[str]) -> str:
    """names_list(names), or '12,345 jurisdictions' beyond NAMED_AT_MOST names."""
    return names_list(names) if len(names) <= NAMED_AT_MOST else f"{len(names):,} jurisdictions"


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# ----- sentences from the package's views (a DuckDB connection over the staged package) -----

def coverage_sentences(connection) -> str:
    """Who the provisions are about, in words: the jurisdiction(s) covered in depth, the ones with
    a few coded dimensions, and the ones named without any provision."""
    # One row per jurisdiction, not per name: at national scale names repeat (many counties share one).
    rows = connection.execute("""
        SELECT j.jurisdiction_id, j.name, count(DISTINCT p.dimension) AS dimensions,
               count(DISTINCT p.dimension) FILTER (WHERE d.is_core) AS core,
               string_agg(DISTINCT CAST(p.dimension AS VARCHAR), ', '
                          ORDER BY CAST(p.dimension AS VARCHAR)) AS coded
        FROM jurisdictions AS j
        LEFT JOIN provisions AS p USING (jurisdiction_id)
        LEFT JOIN dimensions AS d ON d.dimension = p.dimension
        WHERE j.role_in_sources <> 'parent_only'
        GROUP BY j.jurisdiction_id, j.name
        ORDER BY dimensions DESC, j.name, j.jurisdiction_id""").fetchall()
    (core_total,) = connection.execute("SELECT count(*) FROM dimensions WHERE is_core").fetchone()
    sentences = []
    full = [name for _, name, _, core, _ in rows if core == core_total]
    if full:
        sentences.append(f"{jurisdictions_phrase(full)} {'has' if len(full) == 1 else 'have'} provisions on "
                         f"all {humanize_number(core_total)} core dimensions.")
    by_count: dict[int, list[tuple[str, str]]] = {}
    for _, name, dimensions, core, coded in rows:
        if core != core_total and dimensions:
            by_count.setdefault(dimensions, []).append((name, coded))
    for dimensions, group in sorted(by_count.items(), reverse=True):
        names = jurisdictions_phrase([name for name, _ in group])
        subject = "has" if len(group) == 1 else "have"
        each = "" if len(group) == 1 else " each"
        coded = sorted({coded for _, coded in group})
        which = (" (" + ", ".join(f"`{name}`" for name in coded[0].split(", ")) + ")"
                 if len(coded) == 1 else "")
        sentences.append(f"{names} {subject} provisions on {count_words(dimensions, 'dimension')}"
                         f"{each}{which}.")
    uncoded = [name for _, name, dimensions, _, _ in rows if not dimensions]
    if uncoded:
        sentences.append(f"{jurisdictions_phrase(uncoded)} {'is' if len(uncoded) == 1 else 'are'} named "
                         "without any coded provision.")
    return " ".join(sentences)


def sources_sentence(connection) -> str:
    """'five news articles (2016–2025; three undated and dated by inference)'."""
    rows = connection.execute("SELECT published_on, published_on_latest, published_on_basis "
                              "FROM sources").fetchall()
    dicts = [{"published_on": first, "published_on_latest": last} for first, last, _ in rows]
    inferred = sum(1 for *_, basis in rows if basis == "inferred")
    years = source_years(dicts)
    details = [years_span(*years)] if years else []
    if inferred:
        details.append(f"{humanize_number(inferred)} undated and dated by inference")
    return count_words(len(rows), "news article") + (f" ({'; '.join(details)})" if details else "")


def humanize_number(count: int) -> str:
    import humanize

    return humanize.apnumber(count)


def most_covered_jurisdiction(connection) -> str | None:
    """The jurisdiction more than half of all provisions are about, if there is one."""
    row = connection.execute("""
        SELECT j.name, count(*) AS provisions, (SELECT count(*) FROM provisions) AS total
        FROM provisions AS p JOIN jurisdictions AS j USING (jurisdiction_id)
        GROUP BY j.name ORDER BY provisions DESC, j.name LIMIT 1""").fetchone()
    if row is None or row[1] * 2 <= row[2]:
        return None
    return row[0]
