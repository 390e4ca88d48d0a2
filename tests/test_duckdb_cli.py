"""The README's SQL examples, run through the DuckDB command-line program that `make build`
installs, give the answers the README shows."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DUCKDB_CLI = ROOT / ".venv" / "bin" / "duckdb"


def readme_examples() -> list[tuple[str, list[list[str]]]]:
    """(SQL, table rows) of each example in the README's generated examples section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- BEGIN GENERATED: examples")[1].split("<!-- END GENERATED: examples")[0]
    examples = []
    for sql, table in re.findall(r"```sql\n(.*?)```\n\n(\|.*?)\n\n", section + "\n\n", re.S):
        lines = [line for line in table.splitlines() if line.startswith("|")]
        rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]
        examples.append((sql.strip(), [rows[0]] + rows[2:]))  # header, then data (no |---|)
    return examples


def test_every_sql_example_in_the_readme_section_is_checked_with_its_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- BEGIN GENERATED: examples")[1].split("<!-- END GENERATED: examples")[0]
    assert readme_examples() and len(readme_examples()) == section.count("```sql")


@pytest.mark.parametrize("sql,expected", readme_examples(), ids=lambda value: str(value)[:40])
def test_the_duckdb_cli_answers_each_readme_example_as_the_readme_shows(sql, expected):
    if not DUCKDB_CLI.exists():
        pytest.fail("`make build` installs the DuckDB CLI as .venv/bin/duckdb; run it")
    completed = subprocess.run([str(DUCKDB_CLI), "-csv", "-nullvalue", "", "-init", "sql/views.sql",
                                "-c", sql], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr

    lines = [line for line in completed.stdout.splitlines() if not line.startswith(("\x1b", "--"))]
    rows = list(csv.reader(lines))
    # The README escapes | in cells; the CLI prints them as they are.
    assert rows == [[cell.replace("\\|", "|") for cell in row] for row in expected]


@pytest.mark.parametrize("where", ["views file", "database file"])
def test_closed_list_columns_print_plain_headers_in_a_120_column_terminal(where):
    """ENUM columns would print their whole value list as the header (`position` alone is about
    350 characters) and crowd the other columns off screen; the views give them as text."""
    if not DUCKDB_CLI.exists():
        pytest.fail("`make build` installs the DuckDB CLI as .venv/bin/duckdb; run it")
    arguments = ["-init", "sql/views.sql"] if where == "views file" else [
        "-readonly", "immigration_cooperation.duckdb"]
    completed = subprocess.run([str(DUCKDB_CLI), *arguments, "-cmd", ".maxwidth 120", "-c",
                                "SELECT * FROM policy_as_of(DATE '2018-06-01');"],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    lines = [line for line in completed.stdout.splitlines() if line.startswith("│")]
    header, types = lines[0], lines[1]
    assert "enum(" not in completed.stdout
    shown = [cell.strip() for cell in header.strip("│").split("│")]
    assert shown[:3] == ["jurisdiction_id", "dimension", "position"]
    assert {"confidence", "disputed", "provision_id"} <= set(shown)
    assert [cell.strip() for cell in types.strip("│").split("│")][1:3] == ["varchar", "varchar"]


def test_a_value_outside_its_closed_list_still_fails_the_read_in_the_cli(tmp_path):
    if not DUCKDB_CLI.exists():
        pytest.fail("`make build` installs the DuckDB CLI as .venv/bin/duckdb; run it")
    for part in ("sql", "data"):
        shutil.copytree(ROOT / part, tmp_path / part)
    provisions = tmp_path / "data" / "provisions.csv"
    text = provisions.read_text(encoding="utf-8")
    provisions.write_text(text.replace(",prohibited,", ",forbidden,", 1), encoding="utf-8")
    completed = subprocess.run([str(DUCKDB_CLI), "-init", "sql/views.sql", "-c",
                                "SELECT DISTINCT position FROM provisions;"],
                               cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert "forbidden" in completed.stdout + completed.stderr
    assert "Conversion Error" in completed.stdout + completed.stderr
