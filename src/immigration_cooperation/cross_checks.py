"""Layer 2b of validation: the rules that span rows and tables, run in DuckDB.

Each table is loaded once as text, in file order, and read through a typed view (`TRY_CAST`, so
a cell the schema layer rejects is blank here and the rules that need it skip that row instead of
repeating the fault). The rules then run as set operations over whole tables, so they keep their
pace at a million provisions: foreign keys, a provision's evidence and its dimension's positions,
date bounds and their precision, dates after the article that reports them. What needs the
article texts or the claim rules of claims.py runs in Python, one pass over the rows concerned.

Every finding names file, row (the header is row 1) and field. A table that cannot be loaded (a
missing file, a wrong header, broken CSV) is left out, and the rules that need it with it: the
layers before this one report why.
"""

from __future__ import annotations

import hashlib
import tempfile
from contextlib import contextmanager
from pathlib import Path

from . import codebook
from .claims import SETS_RECORD, Claim, relation_problems
from .dates import DateBounds
from .findings import Finding
from .schema import QUOTED_RESOURCES, RESOURCE_BY_NAME, RESOURCES, Resource

ROW = "csv_row"  # the row number as findings give it, on every typed view


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _typed(field_name: str, field_type: str) -> str:
    column = _quoted(field_name)
    if field_type == "integer":
        return f"TRY_CAST({column} AS BIGINT) AS {column}"
    if field_type == "date":
        return f"TRY_CAST(TRY_STRPTIME({column}, '%Y-%m-%d') AS DATE) AS {column}"
    if field_type == "boolean":
        return f"CASE {column} WHEN 'true' THEN true WHEN 'false' THEN false END AS {column}"
    return column


# What the rules read beyond keys, dates and quotes; nothing else is loaded, so a national
# package's names, notes and descriptions never take memory here (the schema layer checks them).
RULE_COLUMNS = {
    "provisions": ("dimension", "position", "relation_to_record", "asserted_by", "note"),
    "evidence": ("reports_change",),
    "sources": ("path", "sha256", "bytes", "body_start", "body_end"),
}
QUOTE_DIGEST = "quote_md5"  # a quote is kept as its MD5 (16 bytes) and compared with its slice's


def rule_columns(resource: Resource) -> list[str]:
    """The fields of `resource` the rules read, in schema order."""
    wanted = set(resource.primary_key) | set(RULE_COLUMNS.get(resource.name, ()))
    wanted |= {name for key in resource.foreign_keys for name in key.fields}
    wanted |= {name for other in RESOURCES for key in other.foreign_keys if key.resource == resource.name
               for name in key.reference_fields}
    for prefix in _date_prefixes(resource):
        wanted |= {prefix, f"{prefix}_latest", f"{prefix}_precision"}
    if resource in QUOTED_RESOURCES:
        wanted |= {"source_id", "quote_start", "quote_end", "quote"}
    return [name for name in resource.field_names if name in wanted]


def read_csv_sql(resource: Resource, path: Path) -> str:
    """read_csv of a table's cells as text, strictly: a ragged or broken row is an error."""
    columns = "{" + ", ".join(f"{_literal(name)}: 'VARCHAR'" for name in resource.field_names) + "}"
    return (f"read_csv({_literal(str(path))}, header = true, columns = {columns}, delim = ',', "
            "quote = '\"', escape = '\"', strict_mode = true, null_padding = false, encoding = 'utf-8')")


def load_tables(connection, package_dir: Path) -> set[str]:
    """Load the columns the rules read of every readable table with the expected header;
    returns the names loaded."""
    import duckdb

    loaded = set()
    for resource in RESOURCES:
        path = package_dir / resource.path
        if not path.is_file() or _header(path) != ",".join(resource.field_names):
            continue
        names = rule_columns(resource)
        kept = ", ".join(f"md5_number(quote) AS {QUOTE_DIGEST}" if name == "quote" else _quoted(name)
                         for name in names)
        try:
            # rowid keeps file order (preserve_insertion_order is on), so it gives the row number.
            connection.execute(f"CREATE TABLE {_quoted('cells_' + resource.name)} AS SELECT {kept} "
                               f"FROM {read_csv_sql(resource, path)}")
        except duckdb.Error:
            continue  # reported by the CSV and schema layers
        typed = ", ".join(QUOTE_DIGEST if name == "quote" else _typed(name, resource.field(name).type)
                          for name in names)
        connection.execute(f"CREATE VIEW {_quoted(resource.name)} AS SELECT rowid + 2 AS {ROW}, "
                           f"{typed} FROM {_quoted('cells_' + resource.name)}")
        loaded.add(resource.name)
    return loaded


def _header(path: Path) -> str:
    with path.open("rb") as handle:
        first = handle.readline()
    return first.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")


# ----- the rules -----

def foreign_key_findings(connection, loaded: set[str]) -> list[Finding]:
    findings = []
    for resource in RESOURCES:
        for key in resource.foreign_keys:
            if resource.name not in loaded or key.resource not in loaded:
                continue
            present = " AND ".join(f"child.{_quoted(name)} IS NOT NULL" for name in key.fields)
            same = " AND ".join(f"parent.{_quoted(target)} = child.{_quoted(name)}"
                                for name, target in zip(key.fields, key.reference_fields))
            rows = connection.execute(
                f"SELECT {ROW}, {', '.join('child.' + _quoted(name) for name in key.fields)} "
                f"FROM {_quoted(resource.name)} AS child WHERE {present} AND NOT EXISTS "
                f"(SELECT 1 FROM {_quoted(key.resource)} AS parent WHERE {same}) ORDER BY {ROW}").fetchall()
            for row_number, *values in rows:
                shown = ", ".join(f"{name}={value!r}" for name, value in zip(key.fields, values))
                findings.append(Finding(resource.path, row_number, ",".join(key.fields),
                                        f"{shown} does not exist in {key.resource}"))
    return findings


def provision_findings(connection, loaded: set[str]) -> list[Finding]:
    """Every provision has an evidence row, and its position is one of its dimension's."""
    findings = []
    if {"provisions", "evidence"} <= loaded:
        for row_number, provision_id in connection.execute(
                f"SELECT {ROW}, provision_id FROM provisions AS p WHERE provision_id IS NOT NULL AND NOT "
                f"EXISTS (SELECT 1 FROM evidence AS e WHERE e.provision_id = p.provision_id) "
                f"ORDER BY {ROW}").fetchall():
            findings.append(Finding("data/provisions.csv", row_number, "provision_id",
                                    f"{provision_id} has no evidence row"))
    if "provisions" in loaded:
        pairs = ", ".join(f"({_literal(dimension.name)}, {_literal(position.name)})"
                          for dimension in codebook.DIMENSIONS for position in dimension.positions)
        for row_number, dimension, position in connection.execute(
                f"SELECT {ROW}, dimension, position FROM provisions WHERE dimension IS NOT NULL AND "
                f"position IS NOT NULL AND (dimension, position) NOT IN (SELECT (d, p) FROM (VALUES "
                f"{pairs}) AS levels(d, p)) ORDER BY {ROW}").fetchall():
            findings.append(Finding("data/provisions.csv", row_number, "position",
                                    f"{position!r} is not a position of {dimension!r}"))
    return findings


def _date_prefixes(resource: Resource) -> list[str]:
    return [field.name[: -len("_precision")] for field in resource.fields
            if field.vocabulary == "date_precision"]


_PRECISION_SQL = """CASE WHEN {e} IS NULL THEN 'on_or_before' WHEN {e} = {l} THEN 'day'
    WHEN day({e}) = 1 AND year({e}) = year({l}) AND month({e}) = month({l}) AND {l} = last_day({l})
        THEN 'month'
    WHEN month({e}) = 1 AND day({e}) = 1 AND month({l}) = 12 AND day({l}) = 31 AND year({e}) = year({l})
        THEN 'year'
    ELSE 'range' END"""


def bounds_findings(connection, loaded: set[str]) -> list[Finding]:
    """Every date is a pair of bounds in order, and its precision is what the bounds amount to."""
    findings = []
    for resource in RESOURCES:
        if resource.name not in loaded:
            continue
        cells = _quoted("cells_" + resource.name)
        for prefix in _date_prefixes(resource):
            open_start = resource.field(f"{prefix}_precision").open_start
            e, l, p = (_quoted(name) for name in (prefix, f"{prefix}_latest", f"{prefix}_precision"))
            # The raw cells tell a blank from a cell the typed view could not read (the schema
            # layer reports those).
            rows = connection.execute(f"""
                SELECT t.{ROW}, t.{e}, t.{l}, t.{p}, c.{e} IS NULL, c.{l} IS NULL,
                       {_PRECISION_SQL.format(e='t.' + e, l='t.' + l)}
                FROM {_quoted(resource.name)} AS t JOIN {cells} AS c ON c.rowid + 2 = t.{ROW}
                WHERE (c.{l} IS NULL AND (c.{e} IS NOT NULL OR t.{p} IS NOT NULL))
                   OR (t.{l} IS NOT NULL AND (c.{e} IS NULL OR t.{e} IS NOT NULL) AND (
                        (c.{e} IS NULL AND NOT {str(open_start).lower()})
                        OR t.{e} > t.{l}
                        OR t.{p} IS DISTINCT FROM {_PRECISION_SQL.format(e='t.' + e, l='t.' + l)}))
                ORDER BY t.{ROW}""").fetchall()
            for row_number, earliest, latest, precision, blank_earliest, blank_latest, implied in rows:
                if blank_latest:
                    findings.append(Finding(resource.path, row_number, f"{prefix}_latest",
                                            f"missing: {prefix} needs its latest possible day"))
                elif blank_earliest and not open_start:
                    findings.append(Finding(resource.path, row_number, prefix,
                                            f"missing: {prefix}_latest is {latest}, and this date needs "
                                            "its earliest possible day too"))
                elif earliest is not None and earliest > latest:
                    findings.append(Finding(resource.path, row_number, prefix,
                                            f"{earliest} is after {prefix}_latest {latest}"))
                else:
                    findings.append(Finding(resource.path, row_number, f"{prefix}_precision",
                                            f"is {precision!r} but the bounds {DateBounds(earliest, latest)} "
                                            f"make it {implied!r}"))
    return findings


# Which sources report each dated record: a provision through its evidence, the others directly.
_REPORTED_BY = {
    "provisions": ("observed_on", "SELECT provision_id AS id, source_id FROM evidence", "provision_id"),
    "statements": ("said_on", None, None),
    "events": ("occurred_on", None, None),
    "instruments": ("dated_on", None, None),
}


def publication_findings(connection, loaded: set[str]) -> list[Finding]:
    """No date may fall after an article that reports it was published."""
    if "sources" not in loaded:
        return []
    findings = []
    for name, (column, reporting, key) in _REPORTED_BY.items():
        if name not in loaded or (reporting is not None and "evidence" not in loaded):
            continue
        latest = _quoted(f"{column}_latest")
        if reporting is None:
            joined = f"SELECT t.{ROW}, t.{latest} AS latest, t.source_id FROM {name} AS t"
        else:
            joined = (f"SELECT t.{ROW}, t.{latest} AS latest, r.source_id FROM {name} AS t "
                      f"JOIN ({reporting}) AS r ON r.id = t.{key}")
        rows = connection.execute(f"""
            SELECT dated.{ROW}, any_value(latest), min(s.published_on_latest) AS first_published
            FROM ({joined}) AS dated JOIN sources AS s USING (source_id)
            WHERE latest IS NOT NULL AND s.published_on_latest IS NOT NULL
            GROUP BY dated.{ROW} HAVING any_value(latest) > min(s.published_on_latest)
            ORDER BY dated.{ROW}""").fetchall()
        for row_number, when, published in rows:
            findings.append(Finding(RESOURCE_BY_NAME[name].path, row_number, f"{column}_latest",
                                    f"{when} may fall after a source that reports it was published "
                                    f"(by {published})"))
    return findings


def source_text_findings(connection, loaded: set[str], seeds_root: Path) -> tuple[dict[str, str], list[Finding]]:
    """Each source file exists, has its recorded sha256 and size, is UTF-8, and holds its article
    text between body_start and body_end; returns the texts that pass."""
    if "sources" not in loaded:
        return {}, []
    texts, findings = {}, []
    rows = connection.execute(f"SELECT {ROW}, source_id, path, sha256, bytes, body_start, body_end "
                              f"FROM sources ORDER BY {ROW}").fetchall()
    for row_number, source_id, relative, sha256, size, body_start, body_end in rows:
        if relative is None:
            continue
        path = seeds_root / relative
        if not path.is_file():
            findings.append(Finding("data/sources.csv", row_number, "path", f"{relative} is missing"))
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != sha256 or len(data) != size:
            findings.append(Finding("data/sources.csv", row_number, "sha256",
                                    f"{relative} does not match its recorded sha256 and size"))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            findings.append(Finding("data/sources.csv", row_number, "path", f"{relative} is not UTF-8: {error}"))
            continue
        texts[source_id] = text
        if body_start is None or body_end is None or not 0 <= body_start < body_end <= len(text):
            findings.append(Finding("data/sources.csv", row_number, "body_start",
                                    "body offsets must satisfy 0 <= body_start < body_end <= length"))
    return texts, findings


# A quote is compared with a piece of its text rather than the whole: DuckDB's substring walks
# a non-ASCII text from its start to the offset, so slicing a 4,000-character article costs
# microseconds and slicing a 1,000-character piece a fraction of that (6.5 million quotes at a
# million provisions). Piece k holds the text from code point k * PIECE_STEP, PIECE_STEP +
# PIECE_QUOTE - 1 long: whole every quote of at most PIECE_QUOTE code points that starts in its
# first PIECE_STEP. A longer quote is sliced from its whole text.
PIECE_STEP = 512
PIECE_QUOTE = 512


def quote_findings(connection, loaded: set[str], texts: dict[str, str]) -> list[Finding]:
    """Every quote equals its source's text at its offsets, inside the article text.

    The texts are handed to DuckDB once and every quote is compared there (substring counts
    code points, as Python's offsets do), so only the rows that fail come back to Python."""
    if "sources" not in loaded or not texts:
        return []
    # Each text's length and article bounds are found once here, not once per quote. The joins
    # below never carry a whole text along with the quotes: a hash table of quotes holding their
    # texts would copy an article per quote.
    connection.execute("""
        CREATE OR REPLACE TEMP TABLE source_texts AS
        WITH texts AS (SELECT unnest($1) AS source_id, unnest($2) AS text),
             bounds AS (SELECT source_id, any_value(body_start) AS body_start,
                               any_value(body_end) AS body_end FROM sources GROUP BY source_id)
        SELECT source_id, text, length(text) AS text_length, body_start, body_end
        FROM texts JOIN bounds USING (source_id)""",
                       [list(texts), list(texts.values())])
    connection.execute(f"""
        CREATE OR REPLACE TEMP TABLE source_pieces AS
        SELECT source_id, piece, substring(text, piece * {PIECE_STEP} + 1, {PIECE_STEP + PIECE_QUOTE - 1}) AS piece_text
        FROM source_texts, range(0, (text_length + {PIECE_STEP - 1}) // {PIECE_STEP}) AS pieces(piece)""")
    findings = []
    for resource in QUOTED_RESOURCES:
        if resource.name not in loaded:
            continue
        rows = connection.execute(f"""
            WITH quotes AS (
                SELECT q.{ROW}, q.source_id, q.quote_start, q.quote_end, q.{QUOTE_DIGEST},
                       0 <= q.quote_start AND q.quote_start < q.quote_end
                       AND q.quote_end <= t.text_length AS in_text,
                       t.body_start IS NOT NULL AND t.body_end IS NOT NULL
                       AND (q.quote_start < t.body_start OR q.quote_end > t.body_end) AS outside
                FROM {_quoted(resource.name)} AS q
                JOIN (SELECT source_id, text_length, body_start, body_end FROM source_texts) AS t
                    USING (source_id)
                WHERE q.quote_start IS NOT NULL AND q.quote_end IS NOT NULL
                  AND q.{QUOTE_DIGEST} IS NOT NULL),
            compared AS (
                SELECT q.{ROW}, q.source_id, q.quote_start, q.quote_end, q.outside,
                       NOT q.in_text OR md5_number(substring(p.piece_text,
                           q.quote_start - p.piece * {PIECE_STEP} + 1, q.quote_end - q.quote_start))
                           <> q.{QUOTE_DIGEST} AS differs
                FROM quotes AS q
                LEFT JOIN source_pieces AS p
                    ON p.source_id = q.source_id AND p.piece = q.quote_start // {PIECE_STEP}
                WHERE NOT q.in_text OR q.quote_end - q.quote_start <= {PIECE_QUOTE}
                UNION ALL
                SELECT q.{ROW}, q.source_id, q.quote_start, q.quote_end, q.outside,
                       md5_number(substring(t.text, q.quote_start + 1, q.quote_end - q.quote_start))
                           <> q.{QUOTE_DIGEST} AS differs
                FROM quotes AS q JOIN source_texts AS t USING (source_id)
                WHERE q.in_text AND q.quote_end - q.quote_start > {PIECE_QUOTE})
            SELECT {ROW}, source_id, quote_start, quote_end, differs FROM compared
            WHERE differs OR outside ORDER BY {ROW}""").fetchall()
        for row_number, source_id, start, end, differs in rows:
            if differs:
                findings.append(Finding(resource.path, row_number, "quote",
                                        f"does not equal {source_id} at offsets {start}-{end}"))
            else:
                findings.append(Finding(resource.path, row_number, "quote",
                                        f"lies outside the article text of {source_id} "
                                        "(site chrome or reader comment is never evidence)"))
    return findings


def relation_findings(connection, loaded: set[str]) -> list[Finding]:
    """The rules of claims.py on the published provisions (the SQL views rely on them)."""
    if not {"provisions", "evidence"} <= loaded:
        return []
    relations = ", ".join(map(_literal, codebook.VOCABULARY_BY_NAME["relation_to_record"].names))
    sets_record = ", ".join(map(_literal, SETS_RECORD))
    # Only the cells where a rule of claims.py may break come back to Python, which words the
    # findings. Each rule is asked here of whole cells at once, mostly by grouping (a sort of
    # every claim costs seconds at a million provisions); only cells with more than one
    # record-setting claim are put in order (earliest start, record-setting claims first, latest
    # start, id) to find each claim's position of record. A cell passed here passes every rule;
    # the SQL asks a little more than the rules (any two record-setting claims on one earliest
    # day, an id used twice), never less, and a test holds the two to the same findings.
    rows = connection.execute(f"""
        WITH changes AS (
            SELECT provision_id, count(*) FILTER (WHERE reports_change) AS change_quotes
            FROM evidence GROUP BY provision_id),
        dated AS (
            SELECT p.{ROW}, p.provision_id, p.jurisdiction_id, p.dimension, p.position,
                   p.relation_to_record, p.asserted_by, p.note,
                   -- a claim starts on its effective_from where it has one, else observed_on
                   CASE WHEN p.effective_from_latest IS NOT NULL THEN p.effective_from
                        ELSE p.observed_on END AS start_earliest,
                   CASE WHEN p.effective_from_latest IS NOT NULL THEN p.effective_from_latest
                        ELSE p.observed_on_latest END AS start_latest,
                   coalesce(c.change_quotes, 0) AS change_quotes
            FROM provisions AS p LEFT JOIN changes AS c USING (provision_id)
            WHERE p.provision_id IS NOT NULL AND p.relation_to_record IN ({relations})),
        claims AS (  -- undated claims are the bounds checks' to report
            SELECT *, relation_to_record IN ({sets_record}) AS sets_record,
                   {{'earliest': start_earliest, 'latest': start_latest, 'id': provision_id}} AS place,
                   coalesce(note, '') = '' AS without_note
            FROM dated WHERE start_earliest IS NOT NULL AND start_latest IS NOT NULL),
        cells AS (
            SELECT jurisdiction_id, dimension,
                   count(*) FILTER (WHERE relation_to_record = 'first_report') AS first_reports,
                   min(place) FILTER (WHERE relation_to_record = 'first_report') AS first_report,
                   any_value(position) FILTER (WHERE relation_to_record = 'first_report') AS first_position,
                   min(start_latest) FILTER (WHERE relation_to_record <> 'first_report') AS others_latest,
                   min(place) FILTER (WHERE relation_to_record = 'reported_change') AS first_change,
                   count(*) FILTER (WHERE sets_record) AS records,
                   bool_or((relation_to_record = 'reported_change') <> (change_quotes > 0)) AS change_quote_misplaced
            FROM claims GROUP BY jurisdiction_id, dimension),
        in_periods AS (  -- each claim of a cell with one first report, beside its position of record
            SELECT claims.*, cells.first_position AS record_position FROM claims JOIN cells USING (jurisdiction_id, dimension)
            WHERE cells.first_reports = 1 AND cells.records = 1
            UNION ALL
            SELECT *, coalesce(
                       -- the last record set at or before the claim, else the cell's first
                       last_value(CASE WHEN sets_record THEN {{'position': position}} END IGNORE NULLS) OVER so_far,
                       first_value(CASE WHEN sets_record THEN {{'position': position}} END IGNORE NULLS) OVER whole_cell
                   ).position AS record_position
            FROM claims
            WHERE (jurisdiction_id, dimension) IN (
                SELECT (jurisdiction_id, dimension) FROM cells WHERE first_reports = 1 AND records > 1)
            WINDOW in_order AS (PARTITION BY jurisdiction_id, dimension
                                ORDER BY start_earliest, NOT sets_record, start_latest, provision_id),
                   so_far AS (in_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
                   whole_cell AS (in_order ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)),
        in_question AS (
            SELECT jurisdiction_id, dimension FROM cells
            WHERE first_reports <> 1                       -- none, or two
               OR others_latest < first_report.earliest    -- a claim certainly before the first report
               OR first_change <= first_report             -- a change that may start as early
               OR change_quote_misplaced
            UNION  -- two record-setting claims on one earliest day
            SELECT jurisdiction_id, dimension FROM claims WHERE sets_record
            GROUP BY jurisdiction_id, dimension, start_earliest HAVING count(*) > 1
            UNION
            SELECT jurisdiction_id, dimension FROM claims WHERE provision_id IN (
                SELECT provision_id FROM claims GROUP BY provision_id HAVING count(*) > 1)
            UNION  -- an account that names its position of record, or a noteless one that differs
            SELECT jurisdiction_id, dimension FROM in_periods
            WHERE (relation_to_record = 'conflicting_account' AND position IS NOT DISTINCT FROM record_position)
               OR (relation_to_record = 'consistent_redescription' AND without_note
                   AND position IS DISTINCT FROM record_position))
        SELECT {ROW}, provision_id, jurisdiction_id, dimension, position, relation_to_record,
               asserted_by, note, start_earliest, start_latest, change_quotes
        FROM claims SEMI JOIN in_question USING (jurisdiction_id, dimension)
        ORDER BY jurisdiction_id, dimension, {ROW}""")
    # Cell by cell, in order, a few thousand claims at a time: memory stays flat.
    findings: list[Finding] = []
    row_of: dict[str, int] = {}
    claims: list[Claim] = []

    def flush() -> None:
        findings.extend(Finding("data/provisions.csv", row_of[provision_id], "relation_to_record", message)
                        for provision_id, message in relation_problems(claims))
        row_of.clear()
        claims.clear()

    while batch := rows.fetchmany(10_000):
        for (row_number, provision_id, jurisdiction_id, dimension, position, relation, asserted_by, note,
             earliest, latest, change_quotes) in batch:
            if claims and (jurisdiction_id, dimension) != (claims[-1].jurisdiction_id, claims[-1].dimension) \
                    and len(claims) >= 10_000:
                flush()
            row_of.setdefault(provision_id, row_number)
            claims.append(Claim(provision_id, jurisdiction_id, dimension, position, relation, asserted_by,
                                DateBounds(earliest, latest), note, change_quotes))
    flush()
    return findings


# DuckDB keeps to this much memory and spills the rest to a temporary folder. At a million
# provisions, unbounded it held twice as much as at 1GB for no gain in speed. Two runs of the
# validate command each: at 1GB 20.8 and 22.3 s, its process tree (the pandera helper runs
# meanwhile) peaking at 2.0 GB; at 512MB 22.0 and 22.6 s, 1.56 GB; at 384MB 23.4 and 23.5 s, 1.5 GB.
MEMORY_LIMIT = "512MB"


@contextmanager
def bounded_connection(small: bool = False, memory_limit: str = MEMORY_LIMIT):
    """An in-memory DuckDB connection held to `memory_limit`, spilling into a temporary folder of
    its own that is removed with it; for a `small` package, with sql.small_package_config()."""
    import duckdb

    from .sql import small_package_config, without_progress_bar

    config = {"memory_limit": memory_limit} | (small_package_config() if small else {})
    with tempfile.TemporaryDirectory(prefix="cooperation-duckdb-") as spill:
        connection = without_progress_bar(duckdb.connect(config=config | {"temp_directory": spill}))
        try:
            yield connection
        finally:
            connection.close()


def cross_table_findings(package_dir: Path, seeds_root: Path | None = None) -> list[Finding]:
    """Every cross-table finding for the package in `package_dir` (seeds/ read from `seeds_root`)."""
    from .findings import frictionless_checks_rows

    with bounded_connection(small=frictionless_checks_rows(package_dir)) as connection:
        loaded = load_tables(connection, package_dir)
        texts, findings = source_text_findings(connection, loaded, seeds_root or package_dir)
        findings += foreign_key_findings(connection, loaded)
        findings += quote_findings(connection, loaded, texts)
        findings += provision_findings(connection, loaded)
        findings += bounds_findings(connection, loaded)
        findings += publication_findings(connection, loaded)
        findings += relation_findings(connection, loaded)
    return findings
