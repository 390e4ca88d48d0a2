"""The comparison layer of `sql/views.sql`: the views and macros of the SQL contract.

Generated from codebook.py so the dimension columns follow the codebook. The rules they apply are
the ones in claims.py and docs/protocol.md:

* every date is a pair, the earliest possible day (`valid_from`, `observed_on`, …) and the latest
  (`…_latest`); an as-of answer is `certain` when the whole of a position's start lies on or
  before the day (and the next one's start wholly after it), `possible` when a start straddles it;
* only a first report or a reported change sets the position of record; a consistent
  re-description corroborates it (its last observation and sources grow); a conflicting account
  disputes it and never moves it;
* `not_addressed` is no data: it is never compared as if it were a position.
"""

from __future__ import annotations

from . import codebook
from .schema import RESOURCES


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _record_sources_select(claims: str) -> str:
    """record_sources' rows from the claims in `claims` (provision_claims, or a query's own copy
    of it): the one definition, for the view and for the timeline."""
    return f"""\
SELECT c.jurisdiction_id, c.dimension, c.record_provision_id, e.source_id,
       min(greatest(c.valid_from, c.observed_on)) AS counted_from
FROM {claims} AS c
JOIN evidence AS e ON e.provision_id = c.provision_id
WHERE c.relation_to_record <> 'conflicting_account'
GROUP BY c.jurisdiction_id, c.dimension, c.record_provision_id, e.source_id"""


def _period_basis(claims: str, where: str, record_sources: str, sources_where: str) -> str:
    """Per position of record (record_provision_id): what the claims in its period say, for the
    rows of `claims` that pass `where`, and how many sources they quote, from the rows of
    `record_sources` that pass `sources_where`. Shared by the timeline (every claim) and the
    as-of macro (claims possibly begun and observed by the day).

    A claim is one row of provision_claims, so its dates and counts need no join; the as-of
    macro counts the sources in record_sources, which the database file stores: joining the
    claims to their quotes on every call took 200 ms of the as-of macro's 550 at a million
    provisions."""
    return f"""\
    WITH claim AS (
        SELECT c.record_provision_id, c.provision_id, c.relation_to_record, c.observed_on,
               c.observed_on_latest
        FROM {claims} AS c
        WHERE {where}
    ),
    quoted_sources AS (
        SELECT record_provision_id, count(*) AS sources FROM {record_sources} AS q
        WHERE {sources_where}
        GROUP BY record_provision_id
    )
    SELECT
        c.record_provision_id,
        max(c.observed_on) FILTER (WHERE c.relation_to_record <> 'conflicting_account') AS last_observed_on,
        max(c.observed_on_latest) FILTER (WHERE c.relation_to_record <> 'conflicting_account') AS last_observed_on_latest,
        coalesce(any_value(q.sources), 0) AS sources,
        count(*) FILTER (WHERE c.relation_to_record = 'consistent_redescription') AS corroborating_provisions,
        count(*) FILTER (WHERE c.relation_to_record = 'conflicting_account') AS conflicting_provisions
    FROM claim AS c
    LEFT JOIN quoted_sources AS q ON q.record_provision_id = c.record_provision_id
    GROUP BY c.record_provision_id"""


def _next_record_bound(bound: str) -> str:
    """One bound of the next record-setting claim after a claim in claim order: both bounds are
    taken from the same claim (a pair, skipped only where the claim sets no record), so a blank
    bound stays blank rather than being filled from a later claim."""
    return (f"struct_extract(first_value(CASE WHEN sets_record THEN {{'valid_from': valid_from, "
            f"'valid_from_latest': valid_from_latest}} END IGNORE NULLS) OVER (\n"
            f"        cell_order ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), '{bound}')")


def _only(column: str) -> str:
    """The condition of a macro's only_jurisdictions parameter (NULL: every jurisdiction)."""
    return f"(only_jurisdictions IS NULL OR list_contains(only_jurisdictions, {column}))"


def _jurisdictions_in_order(where: str) -> str:
    """The jurisdictions that pass `where`, each with its place in jurisdiction_id order
    (jurisdiction_order), for a macro to sort its answer by: sorting millions of rows on an
    integer took half the time of sorting them on the id text at a million provisions, and the
    order is the same (the id is the table's key)."""
    return (f"(SELECT *, row_number() OVER (ORDER BY jurisdiction_id) AS jurisdiction_order "
            f"FROM jurisdictions WHERE {where})")


def _matrix_cells() -> str:
    """Per jurisdiction with an addressed cell, one row: per dimension its cell's position,
    certainty and basis, and the count and mean level of its coded core dimensions. Only the
    addressed cells are grouped, and the groups then joined to every jurisdiction: grouping
    every jurisdiction joined to its cells (most of them none at national scale) took 1.1 to
    1.2 times as long at a million provisions, and joining the cells once per dimension needs them
    computed once, which a database file read by DuckDB 1.x does not keep (1.1 recomputed them
    for each join, taking two to four times as long)."""
    core = ", ".join(quote_literal(name) for name in codebook.CORE_DIMENSION_NAMES)
    core_only = f"FILTER (WHERE CAST(c.dimension AS VARCHAR) IN ({core}) AND c.level IS NOT NULL)"
    columns = []
    for suffix, column in (("", "position"), ("_certainty", "certainty"), ("_basis", "basis")):
        columns += [f"max(c.{column}) FILTER (WHERE CAST(c.dimension AS VARCHAR) = '{dimension.name}') "
                    f"AS {dimension.name}{suffix}" for dimension in codebook.DIMENSIONS]
    columns += [f"count(c.level) {core_only} AS coded_core_dimensions",
                f"avg(c.level / 3.0) {core_only} AS core_mean_level"]
    return ",\n        ".join(columns)


def _matrix_columns() -> str:
    """The matrix's columns from its jurisdiction's row of _matrix_cells, if any: a dimension
    with no addressed cell is 'not_addressed', with no certainty, basis or level, exactly as its
    policy_cells_as_of row says."""
    names = [dimension.name for dimension in codebook.DIMENSIONS]
    return ",\n    ".join([
        *(f"coalesce(cell.{name}, 'not_addressed') AS {name}" for name in names),
        "coalesce(cell.coded_core_dimensions, 0) AS coded_core_dimensions",
        "CASE WHEN cell.coded_core_dimensions >= 2\n"
        "         THEN round(100 * cell.core_mean_level, 1) END AS limits_index",
        *(f"cell.{name}_certainty" for name in names),
        *(f"cell.{name}_basis" for name in names),
    ])


def _date_text_macro() -> str:
    # Parameters are cast where used: DuckDB 1.x cannot pick day(DATE) or day(INTERVAL) for an
    # untyped macro parameter.
    first, last = "CAST(earliest AS DATE)", "CAST(latest AS DATE)"
    return f"""\
CREATE OR REPLACE MACRO date_text(earliest, latest) AS CASE
    WHEN {last} IS NULL THEN NULL
    WHEN {first} IS NULL THEN '..' || strftime({last}, '%Y-%m-%d')
    WHEN {first} = {last} THEN strftime({first}, '%Y-%m-%d')
    WHEN day({first}) = 1 AND {last} = last_day({first}) THEN strftime({first}, '%Y-%m')
    WHEN month({first}) = 1 AND day({first}) = 1 AND month({last}) = 12 AND day({last}) = 31
         AND year({first}) = year({last}) THEN strftime({first}, '%Y')
    ELSE strftime({first}, '%Y-%m-%d') || '..' || strftime({last}, '%Y-%m-%d')
END;"""


def contract_sql() -> str:
    return f"""\
-- A date's bounds in the package's written form: '2016-11-14' (a day), '2016-11' (a month),
-- '2017' (a year), '2017-01-16..2017-12-31' (some day between) or '..2017-12-31' (on or before).
{_date_text_macro()}

-- Each provision with its jurisdiction, level, quotes and sources: one row per evidence quote.
CREATE OR REPLACE VIEW provision_evidence AS
SELECT
    p.provision_id, p.jurisdiction_id, j.name AS jurisdiction_name, p.dimension, p.position,
    c.level, p.relation_to_record, p.observed_on, p.observed_on_latest, p.observed_on_precision,
    p.asserted_by, p.asserted_by_actor_id, p.confidence, e.evidence_id, e.quote, e.quote_start,
    e.quote_end, e.speaker_actor_id, e.reports_change, e.source_id, s.title AS source_title,
    s.publisher AS source_publisher, s.published_on AS source_published_on,
    s.published_on_latest AS source_published_on_latest,
    s.published_on_precision AS source_published_on_precision
FROM provisions AS p
JOIN jurisdictions AS j ON j.jurisdiction_id = p.jurisdiction_id
JOIN codebook AS c ON c.dimension = p.dimension AND c.position = p.position
JOIN evidence AS e ON e.provision_id = p.provision_id
JOIN sources AS s ON s.source_id = e.source_id
ORDER BY p.provision_id, length(e.evidence_id), e.evidence_id;

-- Every claim with the bounds of the day it starts to hold (coalesce(effective_from,
-- observed_on)), its place among the claims about its cell (earliest possible start first,
-- record-setting claims first on the same day) and the position of record whose period it
-- belongs to: the last first report or reported change at or before it in that order.
-- next_record_from .. _latest: the bounds of the day the next first report or reported change
-- after it in that order starts (null: none); for a record-setting claim, when its period ends.
CREATE OR REPLACE VIEW provision_claims AS
WITH claims AS (
    SELECT
        p.provision_id, p.jurisdiction_id, p.dimension, p.position, c.level, p.relation_to_record,
        p.relation_to_record IN ('first_report', 'reported_change') AS sets_record,
        coalesce(p.effective_from, p.observed_on) AS valid_from,
        CASE WHEN p.effective_from IS NOT NULL THEN p.effective_from_latest
             ELSE p.observed_on_latest END AS valid_from_latest,
        p.observed_on, p.observed_on_latest, p.asserted_by, p.asserted_by_actor_id, p.confidence,
        p.note
    FROM provisions AS p
    JOIN codebook AS c ON c.dimension = p.dimension AND c.position = p.position
)
SELECT
    provision_id, jurisdiction_id, dimension, position, level, relation_to_record, sets_record,
    valid_from, valid_from_latest, observed_on, observed_on_latest, asserted_by,
    asserted_by_actor_id, confidence, note,
    row_number() OVER cell_order AS claim_order,
    coalesce(
        last_value(CASE WHEN sets_record THEN provision_id END IGNORE NULLS) OVER (
            cell_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
        first_value(CASE WHEN sets_record THEN provision_id END IGNORE NULLS) OVER (
            cell_order ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) AS record_provision_id,
    {_next_record_bound("valid_from")} AS next_record_from,
    {_next_record_bound("valid_from_latest")} AS next_record_from_latest
FROM claims
WINDOW cell_order AS (PARTITION BY jurisdiction_id, dimension
                      ORDER BY valid_from, NOT sets_record, valid_from_latest, provision_id)
ORDER BY jurisdiction_id, CAST(dimension AS enum_dimension), claim_order;

-- Each source that the claims agreeing with a position of record quote (its own claim and its
-- consistent re-descriptions: every claim of its period but conflicting accounts), with
-- counted_from, the first day on which one of those claims has possibly begun and been observed
-- (the later of its valid_from and observed_on): as of that day the source counts for it.
CREATE OR REPLACE VIEW record_sources AS
{_record_sources_select("provision_claims")}
ORDER BY c.jurisdiction_id, CAST(c.dimension AS enum_dimension), c.record_provision_id, e.source_id;

-- The position of record over time. Each holds from a day between valid_from and
-- valid_from_latest until the next one starts (valid_to .. valid_to_latest; null for the latest).
-- last_observed_on .. _latest: the last time a source spoke in agreement (the position's own
-- claim or a consistent re-description); sources: how many sources those claims quote;
-- disputed: a conflicting account exists for the period. (The claims are read once, for the
-- periods, their basis and their sources: over the CSVs a view is computed again wherever a
-- query reads it, and reading provision_claims and record_sources here took 1.65 times as long
-- at a million provisions.)
CREATE OR REPLACE VIEW policy_timeline AS
WITH claims AS MATERIALIZED (SELECT * FROM provision_claims),
period_sources AS (
{_record_sources_select("claims")}
),
records AS (
    SELECT *, next_record_from AS valid_to, next_record_from_latest AS valid_to_latest
    FROM claims
    WHERE sets_record
),
basis AS (
{_period_basis("claims", "TRUE", "period_sources", "TRUE")}
)
SELECT
    r.jurisdiction_id, r.dimension, r.position, r.level, r.valid_from, r.valid_from_latest,
    r.valid_to, r.valid_to_latest, r.provision_id, r.relation_to_record, r.asserted_by,
    r.asserted_by_actor_id, r.confidence, b.last_observed_on, b.last_observed_on_latest,
    b.sources, b.corroborating_provisions, b.conflicting_provisions,
    b.conflicting_provisions > 0 AS disputed, r.note
FROM records AS r
JOIN basis AS b ON b.record_provision_id = r.provision_id
ORDER BY r.jurisdiction_id, CAST(r.dimension AS enum_dimension), r.claim_order;

-- Per jurisdiction and dimension, the position of record in force on day d: certainty is
-- 'certain' when its start lies wholly on or before d and the next one's wholly after it,
-- 'possible' when either straddles d (then both positions are listed). The basis counts only
-- claims possibly begun and observed by d. No row where no source speaks. only_jurisdictions
-- (a list of ids; default all) keeps to those jurisdictions, reading only their rows. (Periods and
-- basis come from one reading of the claims, which carry when the next position of record
-- starts: over the CSVs, reading the timeline as well took twice as long at a million provisions;
-- from the database file under DuckDB 2.0 this reading takes a fifth longer than the timeline's.)
CREATE OR REPLACE MACRO policy_as_of(d, only_jurisdictions := NULL) AS TABLE
WITH claims AS MATERIALIZED (
    SELECT provision_id, jurisdiction_id, dimension, position, level, relation_to_record, sets_record,
           valid_from, valid_from_latest, observed_on, observed_on_latest, asserted_by,
           asserted_by_actor_id, confidence, record_provision_id, next_record_from, next_record_from_latest
    FROM provision_claims WHERE {_only("jurisdiction_id")}
),
periods AS (
    SELECT *, next_record_from AS valid_to, next_record_from_latest AS valid_to_latest,
        CASE WHEN valid_from_latest <= CAST(d AS DATE) AND (next_record_from IS NULL OR CAST(d AS DATE) < next_record_from)
             THEN 'certain' ELSE 'possible' END AS certainty
    FROM claims
    WHERE sets_record AND valid_from <= CAST(d AS DATE)
      AND (next_record_from_latest IS NULL OR CAST(d AS DATE) < next_record_from_latest)
),
basis AS (
{_period_basis("claims", "c.valid_from <= CAST(d AS DATE) AND c.observed_on <= CAST(d AS DATE)",
               "record_sources", "q.counted_from <= CAST(d AS DATE) AND " + _only("q.jurisdiction_id"))}
)
SELECT
    p.jurisdiction_id, p.dimension, p.position, p.level, p.certainty, p.valid_from,
    p.valid_from_latest, p.valid_to, p.valid_to_latest, b.last_observed_on,
    b.last_observed_on_latest, coalesce(b.sources, 0) AS sources, p.asserted_by,
    p.asserted_by_actor_id, p.confidence, coalesce(b.conflicting_provisions > 0, false) AS disputed,
    p.provision_id
FROM periods AS p
LEFT JOIN basis AS b ON b.record_provision_id = p.provision_id
ORDER BY p.jurisdiction_id, CAST(p.dimension AS enum_dimension), p.valid_from, p.provision_id;

-- Every jurisdiction and dimension on day d, one row each: the position of record (a certain one
-- where there is one, else the earlier of the possible ones) and its basis; 'not_addressed' with
-- blank basis where no source speaks. basis is the same in words for tables and terminals.
-- only_jurisdictions: as in policy_as_of.
CREATE OR REPLACE MACRO policy_cells_as_of(d, only_jurisdictions := NULL) AS TABLE
WITH ranked AS (
    SELECT *, row_number() OVER (PARTITION BY jurisdiction_id, dimension
                                 ORDER BY certainty = 'certain' DESC, valid_from, provision_id) AS pick
    FROM policy_as_of(d, only_jurisdictions := only_jurisdictions)
)
SELECT
    j.jurisdiction_id, dim.dimension, dim.is_core,
    coalesce(CAST(r.position AS VARCHAR), 'not_addressed') AS position, r.level, r.certainty,
    r.valid_from AS since, r.valid_from_latest AS since_latest,
    r.last_observed_on, r.last_observed_on_latest, r.sources, r.asserted_by,
    r.asserted_by_actor_id, r.confidence, r.disputed, r.provision_id,
    CASE WHEN r.provision_id IS NOT NULL THEN
        'since ' || date_text(r.valid_from, r.valid_from_latest)
        || CASE WHEN r.certainty = 'possible' THEN ' (possibly in force)' ELSE '' END
        || '; last ' || coalesce(date_text(r.last_observed_on, r.last_observed_on_latest), 'none yet')
        || '; ' || r.sources || CASE WHEN r.sources = 1 THEN ' source' ELSE ' sources' END
        || '; ' || CAST(r.asserted_by AS VARCHAR) || ' (' || CAST(r.confidence AS VARCHAR) || ' confidence)'
        || CASE WHEN r.disputed THEN '; disputed' ELSE '' END
    END AS basis
FROM {_jurisdictions_in_order(_only("jurisdiction_id"))} AS j
CROSS JOIN dimensions AS dim
LEFT JOIN ranked AS r ON r.jurisdiction_id = j.jurisdiction_id AND r.dimension = dim.dimension AND r.pick = 1
ORDER BY j.jurisdiction_order, dim.sort_order;

-- The latest position of record of every jurisdiction and dimension, with its basis.
CREATE OR REPLACE VIEW policy_cells AS
SELECT * FROM policy_cells_as_of(DATE '9999-12-31');

-- One row per jurisdiction (all of them), one column per dimension as of day d, the limits index
-- (100 * mean(level / 3) over the coded core dimensions, positions of record; null with fewer
-- than two coded), then per dimension <dimension>_certainty ('certain' or 'possible'; null where
-- not addressed) and <dimension>_basis (see policy_cells_as_of).
CREATE OR REPLACE MACRO policy_matrix_as_of(d) AS TABLE
SELECT
    j.jurisdiction_id, j.name, j.level AS jurisdiction_level,
    {_matrix_columns()}
FROM {_jurisdictions_in_order("TRUE")} AS j
LEFT JOIN (
    SELECT
        c.jurisdiction_id,
        {_matrix_cells()}
    FROM policy_cells_as_of(d) AS c
    WHERE c.provision_id IS NOT NULL
    GROUP BY c.jurisdiction_id
) AS cell ON cell.jurisdiction_id = j.jurisdiction_id
ORDER BY j.jurisdiction_order;

-- The latest position of record for every jurisdiction.
CREATE OR REPLACE VIEW policy_matrix AS
SELECT * FROM policy_matrix_as_of(DATE '9999-12-31');

-- Per dimension, jurisdictions a and b as of a day (default: latest). differs is null when
-- either side is not addressed: no data is not a position. Only a's and b's rows are read.
CREATE OR REPLACE MACRO compare_jurisdictions(a, b, as_of := DATE '9999-12-31') AS TABLE
WITH cells AS (SELECT * FROM policy_cells_as_of(as_of, only_jurisdictions := [a, b]))
SELECT
    d.dimension, d.is_core,
    coalesce(cell_a.position, 'not_addressed') AS a_position, cell_a.level AS a_level,
    cell_a.certainty AS a_certainty, date_text(cell_a.since, cell_a.since_latest) AS a_since,
    cell_a.disputed AS a_disputed,
    coalesce(cell_b.position, 'not_addressed') AS b_position, cell_b.level AS b_level,
    cell_b.certainty AS b_certainty, date_text(cell_b.since, cell_b.since_latest) AS b_since,
    cell_b.disputed AS b_disputed,
    CASE WHEN cell_a.level IS NULL OR cell_b.level IS NULL THEN NULL
         ELSE cell_a.position <> cell_b.position END AS differs,
    a AS a_jurisdiction_id, b AS b_jurisdiction_id
FROM dimensions AS d
LEFT JOIN cells AS cell_a ON cell_a.dimension = d.dimension AND cell_a.jurisdiction_id = a
LEFT JOIN cells AS cell_b ON cell_b.dimension = d.dimension AND cell_b.jurisdiction_id = b
ORDER BY d.sort_order;

-- Changes a source reports: each reported change with the position of record it replaces, the
-- bounds of the day it happened, the quote that reports it and the provision's note.
CREATE OR REPLACE VIEW policy_changes AS
WITH timeline AS MATERIALIZED (SELECT * FROM policy_timeline),
records AS (
    SELECT *, lag(provision_id) OVER (PARTITION BY jurisdiction_id, dimension
                                      ORDER BY valid_from, valid_from_latest, provision_id) AS previous_provision_id
    FROM timeline
),
change_quotes AS (
    SELECT provision_id, first(quote ORDER BY length(evidence_id), evidence_id) AS change_quote
    FROM evidence WHERE reports_change GROUP BY provision_id
)
SELECT
    r.jurisdiction_id, r.dimension, r.valid_from AS changed_on, r.valid_from_latest AS changed_on_latest,
    previous.position AS from_position, r.position AS to_position,
    CASE WHEN r.level > previous.level THEN 'more_limits'
         WHEN r.level < previous.level THEN 'fewer_limits'
         ELSE 'same_level' END AS direction,
    previous.provision_id AS from_provision_id, r.provision_id AS to_provision_id,
    r.asserted_by, q.change_quote, r.note
FROM records AS r
JOIN timeline AS previous ON previous.provision_id = r.previous_provision_id
LEFT JOIN change_quotes AS q ON q.provision_id = r.provision_id
WHERE r.relation_to_record = 'reported_change'
ORDER BY r.jurisdiction_id, CAST(r.dimension AS enum_dimension), r.valid_from, r.provision_id;

-- Per jurisdiction and dimension (every pair): how many claims and sources speak to it, the first
-- and last observation (each with its bounds), and how many claims conflict. (Counted per cell
-- that sources speak to, then set on every pair: at national scale most pairs have no claim.)
CREATE OR REPLACE VIEW coverage AS
WITH spoken AS (
    SELECT
        jurisdiction_id, dimension,
        count(DISTINCT provision_id) AS provisions,
        min(observed_on) AS first_observed_on,
        min(observed_on_latest) AS first_observed_on_latest,
        max(observed_on) AS last_observed_on,
        max(observed_on_latest) AS last_observed_on_latest,
        count(DISTINCT provision_id) FILTER (WHERE relation_to_record = 'conflicting_account') AS conflicting_provisions
    FROM provisions
    GROUP BY jurisdiction_id, dimension
),
quoted AS (
    SELECT p.jurisdiction_id, p.dimension, count(DISTINCT e.source_id) AS sources
    FROM provisions AS p
    JOIN evidence AS e ON e.provision_id = p.provision_id
    GROUP BY p.jurisdiction_id, p.dimension
)
SELECT
    j.jurisdiction_id, d.dimension, d.is_core,
    coalesce(s.provisions, 0) AS provisions,
    coalesce(q.sources, 0) AS sources,
    s.first_observed_on, s.first_observed_on_latest, s.last_observed_on, s.last_observed_on_latest,
    coalesce(s.conflicting_provisions, 0) AS conflicting_provisions,
    CASE WHEN coalesce(s.provisions, 0) = 0 THEN 'not_addressed' ELSE 'coded' END AS status
FROM {_jurisdictions_in_order("TRUE")} AS j
CROSS JOIN dimensions AS d
LEFT JOIN spoken AS s ON s.jurisdiction_id = j.jurisdiction_id AND s.dimension = d.dimension
LEFT JOIN quoted AS q ON q.jurisdiction_id = j.jurisdiction_id AND q.dimension = d.dimension
ORDER BY j.jurisdiction_order, d.sort_order;

-- Real conflicts: two claims about the same cell in the same period of the position of record
-- (so their periods overlap, and neither replaced the other by a reported change) that name
-- different positions, at least one of them a conflicting account. A consistent re-description is
-- never a dispute. Whoever makes them: two accounts from the same side count. a is the earlier
-- claim; each side has its party, actor, position, relation and first quote.
CREATE OR REPLACE VIEW disputes AS
WITH claims AS MATERIALIZED (SELECT * FROM provision_claims),
first_quotes AS (
    SELECT provision_id, first(quote ORDER BY length(evidence_id), evidence_id) AS quote
    FROM evidence GROUP BY provision_id
)
SELECT
    a.jurisdiction_id, a.dimension,
    greatest(a.valid_from, b.valid_from) AS from_date,
    greatest(a.valid_from_latest, b.valid_from_latest) AS from_date_latest,
    a.provision_id AS provision_id_a, a.asserted_by AS asserted_by_a,
    a.asserted_by_actor_id AS actor_id_a, a.position AS position_a,
    a.relation_to_record AS relation_a, qa.quote AS quote_a,
    b.provision_id AS provision_id_b, b.asserted_by AS asserted_by_b,
    b.asserted_by_actor_id AS actor_id_b, b.position AS position_b,
    b.relation_to_record AS relation_b, qb.quote AS quote_b
FROM claims AS a
JOIN claims AS b
  ON a.jurisdiction_id = b.jurisdiction_id AND a.dimension = b.dimension
 AND a.record_provision_id = b.record_provision_id
 AND a.claim_order < b.claim_order
 AND a.position <> b.position
 AND 'conflicting_account' IN (a.relation_to_record, b.relation_to_record)
JOIN first_quotes AS qa ON qa.provision_id = a.provision_id
JOIN first_quotes AS qb ON qb.provision_id = b.provision_id
ORDER BY a.jurisdiction_id, CAST(a.dimension AS enum_dimension), from_date, provision_id_a, provision_id_b;
"""


# One representative call per name views.sql creates: every table view, view and macro. The
# benchmark times them, validation runs them, and the downloader tests run them with no project code.
CONTRACT_CALLS: tuple[tuple[str, str], ...] = (
    # One typed view per resource, from the schema, so a new resource is exercised too.
    *((resource.name, f"SELECT * FROM {resource.name}") for resource in RESOURCES),
    ("date_text", "SELECT date_text(observed_on, observed_on_latest) FROM provisions"),
    ("provision_evidence", "SELECT * FROM provision_evidence"),
    ("provision_claims", "SELECT * FROM provision_claims"),
    ("record_sources", "SELECT * FROM record_sources"),
    ("policy_timeline", "SELECT * FROM policy_timeline"),
    ("policy_as_of", "SELECT * FROM policy_as_of(DATE '2018-01-01')"),
    ("policy_cells_as_of", "SELECT * FROM policy_cells_as_of(DATE '2018-01-01')"),
    ("policy_cells", "SELECT * FROM policy_cells"),
    ("policy_matrix_as_of", "SELECT * FROM policy_matrix_as_of(DATE '2018-01-01')"),
    ("policy_matrix", "SELECT * FROM policy_matrix"),
    ("compare_jurisdictions", "SELECT * FROM compare_jurisdictions('denver-co', 'aurora-co')"),
    ("policy_changes", "SELECT * FROM policy_changes"),
    ("coverage", "SELECT * FROM coverage"),
    ("disputes", "SELECT * FROM disputes"),
)
