"""Timing every view and macro of the SQL contract over the package (median of repeated runs)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from .comparisons import CONTRACT_CALLS
from .sql import connect

def measure(package_dir: Path, repeats: int = 15) -> list[tuple[str, int, float, float]]:
    """(name, rows, median ms, max ms) per call, after one warm-up run each."""
    connection = connect(package_dir)
    results = []
    for name, sql in CONTRACT_CALLS:
        rows = len(connection.execute(sql).fetchall())
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            connection.execute(sql).fetchall()
            timings.append((time.perf_counter() - started) * 1000)
        results.append((name, rows, statistics.median(timings), max(timings)))
    return results
