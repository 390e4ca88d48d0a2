"""The release archive: complete, checksummed, and usable on its own after unpacking."""

import csv
import datetime
import hashlib
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from immigration_cooperation import release
from immigration_cooperation.comparisons import CONTRACT_CALLS as CALLS
from immigration_cooperation.build import DATABASE
from immigration_cooperation import distribution
from immigration_cooperation.distribution import RELEASE_DOCUMENTS, ReleaseError, write_release
from immigration_cooperation.schema import RESOURCES

ROOT = Path(__file__).resolve().parents[1]
CHECK = Path(__file__).resolve().parent / "downloader_check.py"
NAME = f"{release.NAME}-{release.VERSION}"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return write_release(ROOT, tmp_path_factory.mktemp("dist"), update_changelog=False)


@pytest.fixture
def package_checks_passed(monkeypatch):
    """For tests of what a release leaves on disk, the package checks (generated files current,
    package and assembled copy valid) count as passed: they run in full for `archive`, and a
    failing one is tested on its own; each costs seconds."""
    monkeypatch.setattr(distribution, "check_releasable", lambda root: None)
    monkeypatch.setattr(distribution, "validate_package", lambda folder: [])


@pytest.fixture
def database_and_parquet_stubbed(monkeypatch):
    """The database file and the Parquet copies are placeholders (a fresh process and seconds
    saved): `archive` writes them for real, and the tests of the unpacked archive open them."""
    def database(folder):
        (folder / DATABASE).write_bytes(b"database placeholder")

    def parquet(package_dir, target):
        target.mkdir(parents=True, exist_ok=True)
        (target / "provisions.parquet").write_bytes(b"parquet placeholder")

    monkeypatch.setattr(distribution, "database_in_fresh_process", database)
    monkeypatch.setattr(distribution, "write_parquet", parquet)


@pytest.fixture
def derived_files_stubbed(monkeypatch, database_and_parquet_stubbed):
    """For tests of which files a release writes, keeps or leaves behind, the files derived from
    the package (database, Parquet, workbook) are placeholders."""
    monkeypatch.setattr(distribution, "write_workbook", lambda folder, target: target.write_bytes(b"xlsx"))


def test_the_archive_is_named_by_version_and_has_a_matching_sha256_file(archive):
    assert archive.name == f"{NAME}.zip"
    recorded = (archive.parent / f"{NAME}.zip.sha256").read_text(encoding="utf-8")
    assert recorded == f"{hashlib.sha256(archive.read_bytes()).hexdigest()}  {NAME}.zip\n"
    assert sorted(path.name for path in archive.parent.iterdir()) == [
        f"{NAME}-notes.md", f"{NAME}.zip", f"{NAME}.zip.sha256"]


def test_the_archive_holds_the_package_documents_database_parquet_and_checksums(archive):
    names = set(zipfile.ZipFile(archive).namelist())
    assert all(name.startswith(f"{NAME}/") for name in names)
    inside = {name.removeprefix(f"{NAME}/") for name in names}
    assert set(RELEASE_DOCUMENTS) <= inside
    # The explorer, page for page as committed, and opened from the unpacked folder it still
    # finds its style sheet and pages (they link relatively).
    site = {path.relative_to(ROOT).as_posix() for path in (ROOT / "site").rglob("*") if path.is_file()}
    assert {name for name in inside if name.startswith("site/")} == site
    assert {f"data/{r.name}.csv" for r in RESOURCES} <= inside
    assert {f"parquet/{r.name}.parquet" for r in RESOURCES} <= inside
    assert {DATABASE, "SHA256SUMS", "CITATION.cff", "LICENSE-DATA.md", "LICENSE-SEEDS.md",
            "docs/codebook.md", "docs/protocol.md"} <= inside
    sources = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["sources"]
    assert {name for name in inside if name.startswith("seeds/")} == {s["path"] for s in sources}


def test_packaged_files_are_the_committed_bytes(archive):
    bundle = zipfile.ZipFile(archive)
    for name in ("datapackage.json", "data/provisions.csv", "seeds/001_a5b366c197054b6f.txt", "LICENSE-DATA.md",
                 "site/index.html", "site/sources/johnston-2025-denver-ice.html"):
        assert bundle.read(f"{NAME}/{name}") == (ROOT / name).read_bytes(), name


def test_the_unpacked_archive_validates_and_answers_the_sql_contract_with_no_project_code(archive, tmp_path):
    zipfile.ZipFile(archive).extractall(tmp_path)
    folder = tmp_path / NAME
    completed = subprocess.run(
        [sys.executable, "-I", str(CHECK), str(folder), json.dumps(CALLS), "--release"],
        capture_output=True, text=True, cwd=folder, timeout=300)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert result["frictionless_valid"], result["frictionless_errors"]
    # policy_changes lists only changes a source reports, and none of the articles reports one.
    assert {name for name, rows in result["contract_rows"].items() if rows == 0} <= {"policy_changes"}
    assert result["denver_status_inquiry_latest"] == "prohibited"
    assert result["checksum_mismatches"] == []
    files = [path for path in folder.rglob("*") if path.is_file() and path.name != "SHA256SUMS"]
    assert result["checksum_lines"] == len(files)
    # the database file and the Parquet copies hold what the CSVs hold
    assert result["database_rows"] == result["contract_rows"]
    assert result["parquet_rows"] == {name: rows for name, rows in result["frictionless_rows"].items()}


def copy_checkout(package: Path) -> None:
    for entry in RELEASE_DOCUMENTS + ("scripts", "reference", "data", "seeds", "site"):
        source = ROOT / entry
        if source.is_dir():
            shutil.copytree(source, package / entry, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (package / entry).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, package / entry)


def test_the_archive_lists_files_and_never_ships_strays(tmp_path, package_checks_passed,
        derived_files_stubbed):
    package = tmp_path / "package"
    copy_checkout(package)
    (package / "data" / "provisions.csv.orig").write_text("old", encoding="utf-8")
    (package / "docs" / ".DS_Store").write_bytes(b"\0")
    names = zipfile.ZipFile(write_release(package, tmp_path / "dist")).namelist()
    assert not [name for name in names if name.endswith((".orig", ".DS_Store"))]


def test_a_release_of_a_package_with_stale_generated_files_is_refused_and_writes_nothing(tmp_path):
    package = tmp_path / "package"
    copy_checkout(package)
    provisions = package / "data" / "provisions.csv"
    provisions.write_bytes(provisions.read_bytes().replace(b"prohibited", b"permitted", 1))
    dist = tmp_path / "dist"
    with pytest.raises(ReleaseError, match=r"data/provisions.csv.*make build"):
        write_release(package, dist)
    assert not dist.exists() or list(dist.iterdir()) == []


def test_releasing_the_same_package_twice_gives_the_same_bytes(archive, package_checks_passed):
    before = archive.read_bytes()
    assert write_release(ROOT, archive.parent, update_changelog=False).read_bytes() == before


def test_an_archive_of_the_same_version_with_other_content_is_never_replaced(archive, tmp_path, monkeypatch, package_checks_passed,
        derived_files_stubbed):
    before = archive.read_bytes()
    monkeypatch.setattr(distribution, "RELEASE_DOCUMENTS", distribution.RELEASE_DOCUMENTS[:-1])
    with pytest.raises(ReleaseError, match=r"already exists with different content.*bump VERSION"):
        write_release(ROOT, archive.parent, update_changelog=False)
    assert archive.read_bytes() == before


def test_a_release_that_fails_while_zipping_leaves_the_previous_archive_and_checksum_intact(archive, monkeypatch, package_checks_passed,
        derived_files_stubbed):
    before = {path.name: path.read_bytes() for path in archive.parent.iterdir()}

    def zip_then_fail(directory, target):
        target.write_bytes(b"PK half an archive")
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(distribution, "_zip_directory", zip_then_fail)
    with pytest.raises(ReleaseError, match="simulated"):
        write_release(ROOT, archive.parent, update_changelog=False)
    assert {path.name: path.read_bytes() for path in archive.parent.iterdir()} == before


def test_a_release_that_fails_while_assembling_leaves_the_previous_archive_intact(archive, monkeypatch, package_checks_passed,
        derived_files_stubbed):
    before = archive.read_bytes()

    def broken_parquet(*arguments):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr("immigration_cooperation.distribution.write_parquet", broken_parquet)
    with pytest.raises(ReleaseError, match="simulated"):
        write_release(ROOT, archive.parent, update_changelog=False)
    assert archive.read_bytes() == before
    assert sorted(path.name for path in archive.parent.iterdir()) == [
        f"{NAME}-notes.md", f"{NAME}.zip", f"{NAME}.zip.sha256"]


def test_the_release_notes_are_the_data_diff_since_the_previous_release(archive):
    comparison = distribution.compare_with_previous_release(ROOT)
    bundle = zipfile.ZipFile(archive)
    notes = bundle.read(f"{NAME}/RELEASE_NOTES.md").decode("utf-8")
    assert notes == distribution.release_notes_text(comparison)
    assert (archive.parent / f"{NAME}-notes.md").read_text(encoding="utf-8") == notes
    changelog = bundle.read(f"{NAME}/CHANGELOG.md").decode("utf-8")
    assert distribution.changes_markdown(comparison, 3) in changelog
    if not isinstance(comparison, str):  # a clone with the previous release's commit
        assert "police-chiefs-2016-list" in notes  # the five copies became one statement in 0.3.0


def test_a_release_writes_its_changes_into_the_changelog_entry_of_its_checkout(tmp_path, package_checks_passed,
        derived_files_stubbed):
    checkout = tmp_path / "checkout"
    subprocess.run(["git", "clone", "--quiet", "--no-local", str(ROOT), str(checkout)], check=True)
    # The working tree's versions of the package files, as a curator has them before committing.
    for entry in RELEASE_DOCUMENTS + ("scripts", "reference", "data", "seeds", "site"):
        source = ROOT / entry
        if source.is_dir():
            shutil.copytree(source, checkout / entry, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, checkout / entry)
    write_release(checkout, tmp_path / "dist")
    changelog = (checkout / "CHANGELOG.md").read_text(encoding="utf-8")
    expected = distribution.changes_markdown(distribution.compare_with_previous_release(checkout), 3)
    assert expected in changelog
    assert distribution.replace_changes_block(changelog, expected) == changelog  # idempotent


@pytest.fixture(scope="module")
def unpacked(archive, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unpacked")
    zipfile.ZipFile(archive).extractall(target)
    return target / NAME


def test_the_archive_readme_is_written_for_downloaders(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    assert readme != (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make " not in readme and ".venv" not in readme and "cooperation build" not in readme
    for tool in ("site/index.html", "duckdb -readonly", "duckdb -init sql/views.sql", "import duckdb", "duckdb::duckdb()",
                 "pandas.read_parquet", "parquet/", "from frictionless import Package", "From Text/CSV"):
        assert tool in readme, tool
    assert f"sha256sum -c {NAME}.zip.sha256" in readme and "sha256sum -c SHA256SUMS" in readme
    # Every file it describes is in the folder, and every table with its row count.
    for name in re.findall(r"^\| `([^`<*]+)` \|", readme, re.M):
        assert (unpacked / name).exists() or name in {resource.name for resource in RESOURCES}, name
    for resource in RESOURCES:
        rows = len(list(csv.DictReader((unpacked / resource.path).open(encoding="utf-8", newline=""))))
        assert f"| `{resource.name}` | {rows} |" in readme


def test_the_downloader_readme_examples_run_in_the_unpacked_archive(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    duckdb_cli = ROOT / ".venv" / "bin" / "duckdb"
    (statements,) = re.findall(r"```sql\n(.*?)```", readme, re.S)
    for arguments in (["-readonly", DATABASE], ["-init", "sql/views.sql"]):
        answered = subprocess.run([str(duckdb_cli), *arguments, "-csv", "-c", statements], cwd=unpacked,
                                  capture_output=True, text=True, timeout=120)
        assert answered.returncode == 0 and "denver-co" in answered.stdout, answered.stderr
    python_blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert len(python_blocks) == 3  # DuckDB, pandas, Frictionless
    for block in python_blocks:
        ran = subprocess.run([sys.executable, "-I", "-c", block], cwd=unpacked, capture_output=True,
                             text=True, timeout=120)
        assert ran.returncode == 0, (block, ran.stderr)
    parquet = re.search(r"DuckDB: `(SELECT \* FROM 'parquet/[a-z_]+\.parquet')`", readme).group(1)
    counted = subprocess.run([str(duckdb_cli), "-csv", "-noheader", "-c", f"SELECT count(*) FROM ({parquet})"],
                             cwd=unpacked, capture_output=True, text=True, timeout=120)
    provisions = len(list(csv.DictReader((unpacked / "data" / "provisions.csv").open(encoding="utf-8"))))
    assert counted.returncode == 0 and counted.stdout.strip() == str(provisions), counted.stderr


def _as_in_csv(value) -> str:
    """A workbook cell as the CSV files spell it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        assert value.time() == datetime.time(0), value
        return value.date().isoformat()
    return str(value)


def test_the_workbook_has_an_about_sheet_then_every_table_with_the_rows_of_its_csv(unpacked):
    import openpyxl

    from immigration_cooperation.workbook import WORKBOOK

    workbook = openpyxl.load_workbook(unpacked / WORKBOOK)  # read_only would drop trailing blanks
    assert workbook.sheetnames == ["About", "Columns", *(resource.name for resource in RESOURCES)]
    about = [row[0] for row in workbook["About"].iter_rows(values_only=True) if row]
    assert {"What it is", "How to read it", "Licence of the data", "The articles"} <= set(about)
    for resource in RESOURCES:
        with (unpacked / resource.path).open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        sheet = list(workbook[resource.name].iter_rows(values_only=True))
        assert [name.lower().replace(" ", "_") for name in sheet[0]] == header, resource.name
        assert [[_as_in_csv(value) for value in row] for row in sheet[1:]] == rows, resource.name
        types = {field.name: field.type for field in resource.fields}
        for row in sheet[1:]:
            for name, value in zip(header, row):
                if value is not None:
                    expected = {"date": datetime.datetime, "integer": int, "boolean": bool,
                                "string": str}[types[name]]
                    assert type(value) is expected, (resource.name, name, value)  # bool is not int


def test_the_workbook_is_the_same_bytes_when_written_twice(tmp_path):
    from immigration_cooperation.workbook import write_workbook

    first = write_workbook(ROOT, tmp_path / "first.xlsx").read_bytes()
    assert write_workbook(ROOT, tmp_path / "second.xlsx").read_bytes() == first


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path):
    import openpyxl
    from openpyxl import Workbook

    from immigration_cooperation.workbook import _cells

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("quotes")
    sheet.append(_cells(sheet, ("=HYPERLINK(\"http://example.com\")", "-1", datetime.date(2017, 1, 16))))
    workbook.save(tmp_path / "quotes.xlsx")
    formula_like, number_like, day = next(openpyxl.load_workbook(tmp_path / "quotes.xlsx")["quotes"].iter_rows())
    assert formula_like.data_type == "s" and formula_like.value == "=HYPERLINK(\"http://example.com\")"
    assert (number_like.data_type, number_like.value) == ("s", "-1")
    assert day.is_date and day.value.date() == datetime.date(2017, 1, 16) and day.number_format == "yyyy-mm-dd"


@pytest.mark.parametrize("value, reason", [
    ("page one\x0cpage two", "control character U+000C at character 8"),
    ("x" * 40000, "40,000 characters"),
])
def test_a_value_the_workbook_cannot_hold_stops_the_release_naming_its_row_and_column(
        tmp_path, monkeypatch, package_checks_passed, database_and_parquet_stubbed, value, reason):
    # The workbook is written for real, from the edited CSV.
    package = tmp_path / "package"
    copy_checkout(package)
    provisions = package / "data" / "provisions.csv"
    with provisions.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    rows[1][header.index("note")] = value
    with provisions.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])
    dist = tmp_path / "dist"
    with pytest.raises(ReleaseError, match=re.escape(f"data/provisions.csv row 3, column note: {reason}")):
        write_release(package, dist, update_changelog=False)
    assert list(dist.iterdir()) == []
