"""What the explorer's as-of control shows: the answers of `policy_cells_as_of`, computed by the
SQL for every day on which they can change and embedded in the matrix pages as changes.

The answer of `policy_cells_as_of(d)` can change only on a day that some claim's dates name, so
the SQL is asked for each such day (and for the day before them all); no rule of the SQL is
copied into the page's script. A page holds its latest positions of record (in its HTML, or for
a national volume in its data, site_volumes.py); what it embeds is, for each such day, only the cells whose answer differs from the next later day's (or,
for the last day, from the latest positions). At national scale a full answer per day would be
hundreds of megabytes; the changes are a few per cell.

The page's script (and `snapshot_for`, its rule in Python) draws day d as: the latest positions,
then the changes of every embedded day from the last down to the latest day on or before d.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from .comparisons import quote_literal
from .site_layout import VOLUMES_SQL

CELL_COLUMNS = ("position", "level", "certainty", "basis", "provision_id", "disputed")


def as_of_days(connection) -> list[str]:
    """The day before every date, then every day on which an as-of answer can change: the dates
    the claims name (a claim's start bounds and its observation), and so every period's start
    and end."""
    rows = connection.execute("""
        SELECT DISTINCT day FROM (
            SELECT valid_from AS day FROM provision_claims UNION ALL
            SELECT valid_from_latest FROM provision_claims UNION ALL
            SELECT observed_on FROM provision_claims)
        WHERE day IS NOT NULL ORDER BY day""").fetchall()
    days = [day.isoformat() for (day,) in rows]
    first = (date.fromisoformat(days[0]) - timedelta(days=1)).isoformat() if days else "0001-01-01"
    return [first, *days]


NOT_ADDRESSED = ("not_addressed", None, None, None, None, None)  # CELL_COLUMNS of a cell no claim speaks to


def changes_sql(days: list[str]) -> str:
    """Every cell whose as-of answer on days[k] differs from its answer on days[k + 1] (or, for
    the last day, from policy_cells): jurisdiction_id, step k, dimension and the CELL_COLUMNS."""
    columns = ", ".join(CELL_COLUMNS)
    # Each day's answer is read for its addressed cells only (a sixth of the cells at national
    # scale); a cell missing on one side of the comparison is not addressed that day, its
    # columns NOT_ADDRESSED (what policy_cells_as_of gives it; the tests compare them).
    # The macro is asked for every day at once, through a lateral join on the list of days: one
    # plan for all of them. A union of one call per day planned each call on its own, which took
    # six times as long on the real package's twelve days.
    steps = ", ".join(f"({step}, DATE '{date.fromisoformat(day).isoformat()}')" for step, day in enumerate(days))
    picked = ", ".join(f"cell.{name}" for name in CELL_COLUMNS)
    answers = []
    if days:
        answers.append(f"SELECT asked.step, cell.jurisdiction_id, CAST(cell.dimension AS VARCHAR) AS dimension, "
                       f"{picked} FROM (VALUES {steps}) AS asked(step, day), "
                       f"LATERAL (SELECT * FROM policy_cells_as_of(asked.day)) AS cell "
                       f"WHERE cell.provision_id IS NOT NULL")
    answers.append(f"SELECT {len(days)} AS step, jurisdiction_id, CAST(dimension AS VARCHAR) AS dimension, "
                   f"{columns} FROM policy_cells WHERE provision_id IS NOT NULL")
    union = "\n        UNION ALL ".join(answers)
    shown = ", ".join(f"coalesce(day.{name}, {quote_literal(value)}) AS {name}" if value is not None else f"day.{name}"
                      for name, value in zip(CELL_COLUMNS, NOT_ADDRESSED))
    differs = " OR ".join(f"day.{name} IS DISTINCT FROM later.{name}" for name in CELL_COLUMNS)
    return f"""
    WITH answers AS (
        {union}),
    pairs AS (
        SELECT coalesce(day.jurisdiction_id, later.jurisdiction_id) AS jurisdiction_id,
               coalesce(day.step, later.step - 1) AS step,
               coalesce(day.dimension, later.dimension) AS dimension, {shown}
        FROM (SELECT * FROM answers WHERE step < {len(days)}) AS day
        FULL JOIN (SELECT * FROM answers WHERE step > 0) AS later
            ON later.jurisdiction_id = day.jurisdiction_id AND later.dimension = day.dimension
            AND later.step = day.step + 1
        WHERE {differs})
    SELECT * FROM pairs"""


def volume_changes_sql(days: list[str]) -> str:
    """Per volume (site_layout.VOLUMES_SQL), the changes it embeds as JSON: {day: {jurisdiction:
    {dimension: {column: value}}}}, every key in order; a volume without changes has no row."""
    cell = ", ".join(f"'{name}': {name}" for name in CELL_COLUMNS)
    day_list = "[" + ", ".join(f"'{date.fromisoformat(day).isoformat()}'" for day in days) + "]"
    return f"""
    WITH changes AS ({changes_sql(days)}),
    volumes AS ({VOLUMES_SQL}),
    by_jurisdiction AS (
        SELECT volumes.volume, changes.step, changes.jurisdiction_id,
               map_from_entries(list((changes.dimension, {{{cell}}}) ORDER BY changes.dimension)) AS cells
        FROM changes JOIN volumes USING (jurisdiction_id) GROUP BY ALL),
    by_day AS (
        SELECT volume, step, map_from_entries(list((jurisdiction_id, cells) ORDER BY jurisdiction_id)) AS jurisdictions
        FROM by_jurisdiction GROUP BY ALL)
    SELECT volume, CAST(to_json(map_from_entries(list(({day_list}[step + 1], jurisdictions) ORDER BY step))) AS VARCHAR)
    FROM by_day GROUP BY volume ORDER BY volume"""


def volume_changes(connection, days: list[str]) -> dict[int, str]:
    """volume number -> the JSON of its changes (volume_changes_sql)."""
    return dict(connection.execute(volume_changes_sql(days)).fetchall())


def snapshots_json(days: list[str], changes_json: str | None) -> str:
    """What a matrix page embeds: {"days": [...], "changes": …} (safe inside a <script>)."""
    payload = '{"days":' + json.dumps(days) + ',"changes":' + (changes_json or "{}") + "}"
    return payload.replace("</", "<\\/")


def snapshot_for(snapshots: dict, latest: dict[str, dict[str, dict]], day: str) -> dict[str, dict[str, dict]]:
    """The cells a page shows for `day`, from its `latest` cells ({jurisdiction: {dimension:
    {column: value}}}) and its embedded changes: the rule its script applies."""
    days = snapshots["days"]
    chosen = max([index for index, candidate in enumerate(days) if candidate <= day], default=0)
    shown = {jurisdiction: dict(cells) for jurisdiction, cells in latest.items()}
    for later_day in reversed(days[chosen:]):
        for jurisdiction, cells in snapshots["changes"].get(later_day, {}).items():
            shown.setdefault(jurisdiction, {}).update(cells)
    return shown
