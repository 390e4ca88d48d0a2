"""The database file of a package of any size: the same rows, in the same order, however many
threads write it."""

from pathlib import Path

import duckdb
import pytest

from immigration_cooperation.sql import write_database, writes_on_one_thread

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synthetic_package(tmp_path_factory) -> Path:
    from immigration_cooperation.synthetic_corpus import write_corpus

    folder = tmp_path_factory.mktemp("threads") / "package"
    write_corpus(folder, 2000, package_root=ROOT)  # above the row limit, just
    return folder


def stored_rows(path: Path) -> dict[str, list[tuple]]:
    """Every table of the file: its column types, then its rows in the order the file holds
    them; and every macro."""
    with duckdb.connect(str(path), read_only=True) as connection:
        names = [name for (name,) in connection.execute(
            "SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
        stored = {name: connection.execute(f'DESCRIBE "{name}"').fetchall()
                  + connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall() for name in names}
        stored["macros"] = connection.execute(
            "SELECT function_name, macro_definition FROM duckdb_functions() "
            "WHERE function_type = 'table_macro' OR function_type = 'macro' ORDER BY ALL").fetchall()
    return stored


def test_the_real_package_is_written_on_one_thread_so_that_its_file_keeps_its_bytes():
    assert writes_on_one_thread(ROOT)


def test_a_package_above_the_row_limit_is_written_on_every_core(synthetic_package):
    assert not writes_on_one_thread(synthetic_package)


def test_several_threads_write_the_same_types_rows_order_and_macros_as_one_thread(synthetic_package, tmp_path):
    # Four threads, however many cores this machine has: on one core, "every core" would be one.
    write_database(synthetic_package, tmp_path / "one.duckdb", threads=1)
    write_database(synthetic_package, tmp_path / "four.duckdb", threads=4)
    one, four = stored_rows(tmp_path / "one.duckdb"), stored_rows(tmp_path / "four.duckdb")
    assert one.keys() == four.keys() and len(one["macros"]) > 0
    for name in one:
        assert four[name] == one[name], f"{name} differs when written on four threads"
