"""Timing every view and macro of the SQL contract over the package (median of repeated runs)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from .sql import connect

# One representative call per contract name.
CALLS: tuple[tuple[str, str], ...] = (
    ("sources", "SELECT * FROM sources"),
    ("jurisdictions", "SELECT * FROM jurisdictions"),
    ("actors", "SELECT * FROM actors"),
    ("instruments", "SELECT * FROM instruments"),
    ("dimensions", "SELECT * FROM dimensions"),
    ("provisions", "SELECT * FROM provisions"),
    ("evidence", "SELECT * FROM evidence"),
    ("statements", "SELECT * FROM statements"),
    ("events", "SELECT * FROM events"),
    ("codebook", "SELECT * FROM codebook"),
    ("provision_evidence", "SELECT * FROM provision_evidence"),
    ("provision_claims", "SELECT * FROM provision_claims"),
    ("policy_timeline", "SELECT * FROM policy_timeline"),
    ("policy_as_of", "SELECT * FROM policy_as_of(DATE '2018-01-01')"),
    ("policy_matrix", "SELECT * FROM policy_matrix"),
    ("policy_matrix_as_of", "SELECT * FROM policy_matrix_as_of(DATE '2018-01-01')"),
    ("compare_jurisdictions", "SELECT * FROM compare_jurisdictions('denver-co', 'aurora-co')"),
    ("policy_changes", "SELECT * FROM policy_changes"),
    ("coverage", "SELECT * FROM coverage"),
    ("disputes", "SELECT * FROM disputes"),
)


def measure(package_dir: Path, repeats: int = 15) -> list[tuple[str, int, float, float]]:
    """(name, rows, median ms, max ms) per call, after one warm-up run each."""
    connection = connect(package_dir)
    results = []
    for name, sql in CALLS:
        rows = len(connection.execute(sql).fetchall())
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            connection.execute(sql).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        results.append((name, rows, statistics.median(timings), max(timings)))
    return results
