"""A DuckDB-only check of the package's constraints: the yardstick validation is measured against.

It evaluates, in SQL alone, what validation checks (types, required cells, closed lists,
patterns, minimums, unique and primary keys, foreign keys, a provision's evidence, its
dimension's positions, date bounds and their precision, dates after publication, each article's
sha256 and size, each quote against its article's text at its offsets) and counts the rows that
break each rule. It does not say where or why (validation does); the claim rules of claims.py,
which have no set-based form, are left out. The scale benchmark times it beside validation, so
that validation's cost is read as a ratio to the least a check of the same rules can cost.
"""

from __future__ import annotations

from pathlib import Path

from . import codebook
from .cross_checks import (_PRECISION_SQL, QUOTE_DIGEST, _date_prefixes, _literal, _quoted,
                           read_csv_sql)
from .schema import QUOTED_RESOURCES, RESOURCES, Field, Resource


def _cell_rules(field: Field) -> list[tuple[str, str]]:
    column = _quoted(field.name)
    rules = []
    if field.required:
        rules.append(("required", f"{column} IS NULL"))
    if field.type == "integer":
        rules.append(("integer", f"{column} IS NOT NULL AND TRY_CAST({column} AS BIGINT) IS NULL"))
        if field.minimum is not None:
            rules.append(("minimum", f"TRY_CAST({column} AS BIGINT) < {field.minimum}"))
    if field.type == "date":
        rules.append(("date", f"{column} IS NOT NULL AND TRY_STRPTIME({column}, '%Y-%m-%d') IS NULL"))
    if field.type == "boolean":
        rules.append(("boolean", f"{column} NOT IN ('true', 'false')"))
    if field.allowed_values is not None:
        listed = ", ".join(_literal(value) for value in field.allowed_values)
        rules.append(("closed list", f"{column} NOT IN ({listed})"))
    if field.pattern is not None:
        rules.append(("pattern", f"NOT regexp_matches({column}, {_literal(field.pattern)})"))
    return rules


def _table_sql(resource: Resource, path: Path) -> tuple[list[str], str]:
    """Rule names, and one query counting each rule's failures as it streams the table's cells."""
    names, counts = [], []
    for field in resource.fields:
        for rule, failing in _cell_rules(field):
            names.append(f"{resource.name}.{field.name} {rule}")
            counts.append(f"count_if({failing})")
        if field.unique:
            names.append(f"{resource.name}.{field.name} unique")
            counts.append(f"count({_quoted(field.name)}) - count(DISTINCT {_quoted(field.name)})")
    key = ", ".join(_quoted(name) for name in resource.primary_key)
    names.append(f"{resource.name} primary key")
    counts.append(f"count(*) - count(DISTINCT ({key}))")
    return names, f"SELECT {', '.join(counts)} FROM {read_csv_sql(resource, path)}"


def _relational_sql(seeds_root: Path) -> list[tuple[str, str]]:
    """(rule, query returning the count of rows that break it)."""
    rules = []
    for resource in RESOURCES:
        for key in resource.foreign_keys:
            present = " AND ".join(f"c.{_quoted(name)} IS NOT NULL" for name in key.fields)
            same = " AND ".join(f"p.{_quoted(target)} = c.{_quoted(name)}"
                                for name, target in zip(key.fields, key.reference_fields))
            rules.append((f"{resource.name} -> {key.resource}",
                          f"SELECT count(*) FROM {_quoted(resource.name)} AS c WHERE {present} AND NOT "
                          f"EXISTS (SELECT 1 FROM {_quoted(key.resource)} AS p WHERE {same})"))
        for prefix in _date_prefixes(resource):
            e, l, p = (_quoted(name) for name in (prefix, f"{prefix}_latest", f"{prefix}_precision"))
            rules.append((f"{resource.name}.{prefix} bounds and precision",
                          f"SELECT count_if({e} > {l} OR {p} IS DISTINCT FROM "
                          f"{_PRECISION_SQL.format(e=e, l=l)}) FROM {_quoted(resource.name)} "
                          f"WHERE {l} IS NOT NULL"))
    rules.append(("provisions without evidence",
                  "SELECT count(*) FROM provisions AS p WHERE NOT EXISTS "
                  "(SELECT 1 FROM evidence AS e WHERE e.provision_id = p.provision_id)"))
    pairs = ", ".join(f"({_literal(dimension.name)}, {_literal(position.name)})"
                      for dimension in codebook.DIMENSIONS for position in dimension.positions)
    rules.append(("provision positions of their dimension",
                  f"SELECT count(*) FROM provisions WHERE (dimension, position) NOT IN "
                  f"(SELECT (d, p) FROM (VALUES {pairs}) AS levels(d, p))"))
    rules.append(("provision dates after publication",
                  "SELECT count(DISTINCT p.provision_id) FROM provisions AS p JOIN evidence AS e "
                  "USING (provision_id) JOIN sources AS s USING (source_id) "
                  "WHERE p.observed_on_latest > s.published_on_latest"))
    root = _literal(str(seeds_root).rstrip("/") + "/")
    rules.append(("source files' sha256 and size",
                  f"SELECT count(*) FROM sources AS s LEFT JOIN read_blob({root} || 'seeds/*') AS f "
                  f"ON f.filename = {root} || s.path WHERE f.filename IS NULL "
                  "OR sha256(f.content) <> s.sha256 OR f.size <> s.bytes"))
    for resource in QUOTED_RESOURCES:
        rules.append((f"{resource.name} quotes at their offsets",
                      f"SELECT count(*) FROM {_quoted(resource.name)} AS q JOIN sources AS s USING (source_id) "
                      f"JOIN read_text({root} || 'seeds/*') AS f ON f.filename = {root} || s.path "
                      "WHERE q.quote_start < s.body_start OR q.quote_end > s.body_end OR "
                      "md5_number(substring(f.content, q.quote_start + 1, q.quote_end - q.quote_start)) "
                      f"<> q.{QUOTE_DIGEST}"))
    return rules


REFERENCE_MEMORY_LIMIT = "1GB"


def reference_counts(package_dir: Path, seeds_root: Path | None = None) -> dict[str, int]:
    """Each rule's count of failing rows (0 everywhere for a valid package)."""
    from .cross_checks import bounded_connection, load_tables

    # The DuckDB-only check keeps the 1GB it was first measured with: at validation's 512MB it
    # took 27.3 s instead of 24.5 at a million provisions, which would flatter the ratio.
    with bounded_connection(memory_limit=REFERENCE_MEMORY_LIMIT) as connection:
        counts: dict[str, int] = {}
        for resource in RESOURCES:  # each table's cells in one streaming pass
            names, sql = _table_sql(resource, package_dir / resource.path)
            counts.update(zip(names, connection.execute(sql).fetchone()))
        # The rules across rows and tables on the columns they read, loaded as validation's
        # cross-table layer loads them.
        load_tables(connection, package_dir)
        for rule, sql in _relational_sql(seeds_root or package_dir):
            counts[rule] = connection.execute(sql).fetchone()[0]
        return counts
