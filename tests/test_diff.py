"""`cooperation diff`: what changed between two versions, by id and by jurisdiction.

Each test builds small sides from a copy of the package (datapackage.json, data/, sql/), edits
CSVs and compares; no build runs. Facts are stated by id, never as totals of the real data.
"""

import csv
import io
import json
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

import pytest

from immigration_cooperation import distribution, release
from immigration_cooperation.diff import DiffError, RowChange, diff_packages
from immigration_cooperation.distribution import replace_changes_block

ROOT = Path(__file__).resolve().parents[1]
REMOVED_PROVISION = "tucson-az-enforcement-participation-2016"
RECODED_PROVISION = "denver-co-status-inquiry-2017"
NEW_STATEMENT = "synthetic-2026-new-statement"


def copy_package(target: Path, source: Path = ROOT) -> Path:
    target.mkdir(parents=True)
    shutil.copyfile(source / "datapackage.json", target / "datapackage.json")
    for folder in ("data", "sql"):
        shutil.copytree(source / folder, target / folder)
    return target


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def edit_rows(package: Path, table: str, edit) -> None:
    header, rows = read_rows(package / "data" / f"{table}.csv")
    write_rows(package / "data" / f"{table}.csv", header, edit(rows))


def resources(package: Path) -> dict[str, dict]:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return {resource["name"]: resource for resource in descriptor["resources"]}


def add_statement(package: Path, statement_id: str, jurisdiction_id: str) -> None:
    """A new statement about `jurisdiction_id`, however this version links statements to places."""
    header, rows = read_rows(package / "data" / "statements.csv")
    new = dict(rows[0], statement_id=statement_id)
    if "jurisdiction_id" in header:
        new["jurisdiction_id"] = jurisdiction_id
    write_rows(package / "data" / "statements.csv", header, sorted(rows + [new], key=lambda r: r["statement_id"]))
    if "statement_jurisdictions" in resources(package):
        edit_rows(package, "statement_jurisdictions",
                  lambda links: links + [dict({k: "" for k in links[0]}, statement_id=statement_id,
                                              jurisdiction_id=jurisdiction_id)])


def edited_package(target: Path) -> Path:
    """Tucson's only provision and its evidence removed, a Denver statement added, and Denver's
    2017 status-inquiry ban (a first report, so the position of record) re-coded as `permitted`."""
    copy_package(target)
    edit_rows(target, "provisions", lambda rows: [
        dict(row, position="permitted") if row["provision_id"] == RECODED_PROVISION else row
        for row in rows if row["provision_id"] != REMOVED_PROVISION])
    edit_rows(target, "evidence", lambda rows: [row for row in rows if row["provision_id"] != REMOVED_PROVISION])
    add_statement(target, NEW_STATEMENT, "denver-co")
    return target


@pytest.fixture(scope="module")
def sides(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("sides")
    return copy_package(base / "old"), edited_package(base / "new")


@pytest.fixture(scope="module")
def edited(sides):
    old, new = sides
    return diff_packages(ROOT, old, new)


def test_two_copies_of_the_same_package_have_no_changes(sides, tmp_path):
    diff = diff_packages(ROOT, sides[0], copy_package(tmp_path / "again"))
    assert diff.is_empty
    assert diff.to_markdown() == "No changes to the data.\n"
    assert json.loads(diff.to_json())["has_changes"] is False
    assert diff.to_table_rows()[1] == []


def test_removed_rows_are_named_by_id_and_attributed_to_their_jurisdiction(edited):
    assert RowChange("provisions", REMOVED_PROVISION, "removed", (), ("tucson-az",)) in edited.rows
    # evidence has no jurisdiction column: one hop through its provision
    assert RowChange("evidence", f"{REMOVED_PROVISION}-1", "removed", (), ("tucson-az",)) in edited.rows


def test_an_added_statement_and_a_recoded_provision_are_named_with_what_changed(edited):
    assert RowChange("statements", NEW_STATEMENT, "added", (), ("denver-co",)) in edited.rows
    assert RowChange("provisions", RECODED_PROVISION, "changed", ("position",), ("denver-co",)) in edited.rows
    assert not [row for row in edited.rows if row.resource == "evidence" and row.jurisdictions == ("denver-co",)]


def test_cells_whose_position_of_record_changed_with_levels(edited):
    cells = {(cell.jurisdiction_id, cell.dimension): cell for cell in edited.cells}
    status = cells[("denver-co", "status_inquiry")]
    assert status.change == "changed"
    assert (status.before.position, status.before.level, status.after.position, status.after.level) == \
        ("prohibited", 3, "permitted", 1)
    gone = cells[("tucson-az", "enforcement_participation")]
    assert gone.change == "no_longer_addressed" and gone.after is None
    assert gone.before.provision_id == REMOVED_PROVISION
    assert ("denver-co", "jail_access") not in cells      # untouched cells are not listed


def test_the_reverse_comparison_reports_the_cell_as_newly_addressed(sides):
    old, new = sides
    reverse = diff_packages(ROOT, new, old)
    cell = next(c for c in reverse.cells if c.jurisdiction_id == "tucson-az")
    assert cell.change == "addressed" and cell.after.position == "declines_participation"
    assert RowChange("provisions", REMOVED_PROVISION, "added", (), ("tucson-az",)) in reverse.rows


def test_release_notes_have_a_heading_per_jurisdiction_cells_first_then_rows(edited):
    notes = edited.to_markdown()
    denver = notes.split("## denver-co\n")[1].split("\n## ")[0]
    assert denver.index("`status_inquiry`: `prohibited` (level 3) → `permitted` (level 1)") \
        < denver.index(f"- provisions: 1 changed: `{RECODED_PROVISION}` (position)")
    assert f"- statements: 1 added: `{NEW_STATEMENT}`" in denver
    tucson = notes.split("## tucson-az\n")[1].split("\n## ")[0]
    assert "`enforcement_participation`: no longer addressed (was `declines_participation` (level 2)" in tucson
    assert f"- provisions: 1 removed: `{REMOVED_PROVISION}`" in tucson
    assert f"- evidence: 1 removed: `{REMOVED_PROVISION}-1`" in tucson


def test_json_and_table_are_deterministic_and_typed(edited, sides):
    again = diff_packages(ROOT, *sides)
    assert again.to_json() == edited.to_json() and again.to_markdown() == edited.to_markdown()
    document = json.loads(edited.to_json())
    assert list(document) == ["old", "new", "has_changes", "schema_changes", "cells", "resources",
                              "jurisdictions", "package"]
    assert document["has_changes"] is True and document["cells"]["compared"] is True
    status = next(c for c in document["cells"]["changes"] if c["dimension"] == "status_inquiry")
    assert status["from"]["since"] == "2017-01-16"      # ISO date
    provisions = next(r for r in document["resources"] if r["resource"] == "provisions")
    assert provisions["removed"] == [REMOVED_PROVISION]
    assert provisions["changed"] == [{"id": RECODED_PROVISION, "columns": ["position"]}]
    columns, rows = edited.to_table_rows()
    assert columns == ["scope", "table", "id", "change", "detail"]
    assert ["tucson-az", "provisions", REMOVED_PROVISION, "removed", ""] in rows
    assert ["denver-co", "provisions", RECODED_PROVISION, "changed", "position"] in rows


def test_a_row_concerning_no_jurisdiction_is_listed_under_the_package(sides, tmp_path):
    new = copy_package(tmp_path / "new")
    source_id = read_rows(new / "data" / "sources.csv")[1][0]["source_id"]
    edit_rows(new, "sources", lambda rows: [dict(row, note="re-checked") if row["source_id"] == source_id
                                            else row for row in rows])
    diff = diff_packages(ROOT, sides[0], new)
    assert diff.rows_of(None) == [RowChange("sources", source_id, "changed", ("note",), ())]
    assert f"## Package as a whole\n\n- sources: 1 changed: `{source_id}` (note)" in diff.to_markdown()


def test_a_link_resource_attributes_a_row_to_every_jurisdiction_it_names(sides, tmp_path):
    links = next((name for name in resources(ROOT) if name.endswith("_jurisdictions")), None)
    if links is None:
        pytest.skip("this version has no *_jurisdictions link resource")
    new = copy_package(tmp_path / "new")
    owner = links.removesuffix("_jurisdictions")      # statement_jurisdictions -> statements
    key = resources(new)[links]["schema"]["foreignKeys"][0]["fields"][0]
    header, link_rows = read_rows(new / "data" / f"{links}.csv")
    named = {}
    for row in link_rows:
        named.setdefault(row[key], set()).add(row["jurisdiction_id"])
    some_id, jurisdictions = max(named.items(), key=lambda item: (len(item[1]), item[0]))
    table = f"{owner}s" if (new / "data" / f"{owner}s.csv").is_file() else owner
    edit_rows(new, table, lambda rows: [dict(row, quote_end=str(int(row["quote_end"]) + 1))
                                        if row[key] == some_id else row for row in rows])
    diff = diff_packages(ROOT, sides[0], new)
    assert RowChange(table, some_id, "changed", ("quote_end",), tuple(sorted(jurisdictions))) in diff.rows


def test_a_column_or_resource_added_or_removed_is_a_schema_change_not_every_row_changing(sides, tmp_path):
    new = copy_package(tmp_path / "new")
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {resource["name"]: resource for resource in descriptor["resources"]}
    by_name["provisions"]["schema"]["fields"].append({"name": "reviewed", "type": "boolean"})
    by_name["statements"]["schema"]["fields"] = [f for f in by_name["statements"]["schema"]["fields"]
                                                 if f["name"] != "note"]
    descriptor["resources"].append({"name": "reviews", "path": "data/reviews.csv",
                                    "schema": {"fields": [{"name": "review_id"}], "primaryKey": ["review_id"]}})
    (new / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    header, rows = read_rows(new / "data" / "provisions.csv")
    write_rows(new / "data" / "provisions.csv", header + ["reviewed"], [dict(r, reviewed="true") for r in rows])
    header, rows = read_rows(new / "data" / "statements.csv")
    write_rows(new / "data" / "statements.csv", [c for c in header if c != "note"],
               [{k: v for k, v in r.items() if k != "note"} for r in rows])
    (new / "data" / "reviews.csv").write_text("review_id\nr1\n", encoding="utf-8")
    diff = diff_packages(ROOT, sides[0], new)
    assert {(c.resource, c.change, c.detail) for c in diff.schema_changes} == {
        ("provisions", "column added", "reviewed"), ("statements", "column removed", "note"),
        ("reviews", "resource added", "1 row")}
    assert diff.rows == ()
    assert "- `provisions`: column `reviewed` added" in diff.to_markdown()


def views_without(package: Path, *statements: str) -> None:
    """Drop the CREATE statements that begin with `statements` from the package's views.sql."""
    text = (package / "sql" / "views.sql").read_text(encoding="utf-8")
    kept = [part for part in text.split("\nCREATE ") if not part.startswith(statements)]
    (package / "sql" / "views.sql").write_text("\nCREATE ".join(kept), encoding="utf-8")


def test_an_old_side_without_policy_cells_falls_back_to_the_open_ended_timeline(sides, tmp_path):
    old = copy_package(tmp_path / "old")
    views_without(old, "OR REPLACE VIEW policy_cells ")
    diff = diff_packages(ROOT, old, sides[1])
    assert diff.old.cells_view == "policy_timeline" and diff.new.cells_view == "policy_cells"
    assert {(c.jurisdiction_id, c.dimension, c.change) for c in diff.cells} == {
        ("denver-co", "status_inquiry", "changed"), ("tucson-az", "enforcement_participation", "no_longer_addressed")}


def test_an_old_side_without_either_view_is_reported_not_fatal(sides, tmp_path):
    old = copy_package(tmp_path / "old")
    text = (old / "sql" / "views.sql").read_text(encoding="utf-8")
    (old / "sql" / "views.sql").write_text(text.split("CREATE OR REPLACE MACRO date_text")[0], encoding="utf-8")
    diff = diff_packages(ROOT, old, sides[1])
    assert diff.cells == () and "neither a policy_cells nor a policy_timeline view" in diff.cells_note
    assert "Positions of record were not compared: the sql/views.sql of" in diff.to_markdown()
    assert json.loads(diff.to_json())["cells"]["compared"] is False
    assert RowChange("provisions", REMOVED_PROVISION, "removed", (), ("tucson-az",)) in diff.rows


def git(directory: Path, *arguments: str) -> str:
    return subprocess.run(["git", "-C", str(directory), "-c", "user.name=Test", "-c", "user.email=t@example.org",
                           *arguments], check=True, capture_output=True, text=True).stdout.strip()


def test_head_of_the_repository_is_read_as_a_side(tmp_path):
    # HEAD unpacked independently of diff.py: the working tree may hold others' uncommitted edits.
    exported = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "datapackage.json", "data", "sql"],
                              check=True, capture_output=True).stdout
    tarfile.open(fileobj=io.BytesIO(exported)).extractall(tmp_path / "head", filter="data")
    diff = diff_packages(ROOT, "HEAD", tmp_path / "head")
    assert diff.is_empty
    assert diff.old.kind == "git" and diff.old.commit == git(ROOT, "rev-parse", "HEAD")


def test_two_commits_of_a_package_below_the_top_of_a_repository(tmp_path):
    repository = tmp_path / "repository"
    package = copy_package(repository / "package")
    git(repository, "init", "--quiet")
    git(repository, "add", ".")
    git(repository, "commit", "--quiet", "-m", "first")
    edited_package(tmp_path / "edited")
    for table in ("provisions", "evidence"):
        shutil.copyfile(tmp_path / "edited" / "data" / f"{table}.csv", package / "data" / f"{table}.csv")
    git(repository, "commit", "--quiet", "-am", "second")
    diff = diff_packages(package, "HEAD~1", "HEAD")
    assert RowChange("provisions", RECODED_PROVISION, "changed", ("position",), ("denver-co",)) in diff.rows
    assert RowChange("evidence", f"{REMOVED_PROVISION}-1", "removed", (), ("tucson-az",)) in diff.rows
    assert {(c.jurisdiction_id, c.change) for c in diff.cells} == {("denver-co", "changed"),
                                                                    ("tucson-az", "no_longer_addressed")}


def test_a_commit_without_a_package_and_an_unknown_ref_are_one_line_errors(tmp_path):
    repository = tmp_path / "repository"
    repository.mkdir()
    git(repository, "init", "--quiet")
    (repository / "README.md").write_text("no package yet\n", encoding="utf-8")
    git(repository, "add", ".")
    git(repository, "commit", "--quiet", "-m", "first")
    copy_package(repository / "package")
    for ref, message in (("HEAD", "HEAD has no datapackage.json"), ("no-such-ref", "unknown git ref 'no-such-ref'")):
        with pytest.raises(DiffError, match=message) as raised:
            diff_packages(repository / "package", ref)
        assert "\n" not in str(raised.value)


def test_a_ref_outside_any_repository_is_a_one_line_error(tmp_path):
    package = copy_package(tmp_path / "package")
    with pytest.raises(DiffError, match="not in a git repository") as raised:
        diff_packages(package, "v0.1.0")
    assert "\n" not in str(raised.value)


def zip_package(package: Path, archive: Path, top: str = "us-local-immigration-enforcement-cooperation-0.2.0") -> Path:
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(package.rglob("*")):
            if path.is_file():
                bundle.write(path, f"{top}/{path.relative_to(package).as_posix()}")
    return archive


def test_a_release_archive_is_read_as_a_side(sides, tmp_path):
    old, new = sides
    archive = zip_package(old, tmp_path / "old.zip")
    diff = diff_packages(ROOT, archive, new)
    assert diff.old.kind == "zip"
    assert RowChange("provisions", REMOVED_PROVISION, "removed", (), ("tucson-az",)) in diff.rows
    assert diff_packages(ROOT, archive, old).is_empty


def test_a_zip_that_is_not_a_release_archive_is_refused(sides, tmp_path):
    with zipfile.ZipFile(tmp_path / "flat.zip", "w") as bundle:
        bundle.write(sides[0] / "datapackage.json", "datapackage.json")
        bundle.write(sides[0] / "sql" / "views.sql", "sql/views.sql")
    with pytest.raises(DiffError, match="not a release archive"):
        diff_packages(ROOT, tmp_path / "flat.zip")


CHANGELOG = """# Changelog

Intro, hand-written.

## 0.3.0 — 2027-01-01

Hand-written summary.

<!-- BEGIN GENERATED: changes since 0.2.0 (cooperation release) -->
old generated text
<!-- END GENERATED: changes since 0.2.0 -->

More hand-written text.

## 0.2.0 — 2026-11-22

<!-- BEGIN GENERATED: changes since 0.1.0 (cooperation release) -->
the 0.2.0 notes, kept
<!-- END GENERATED: changes since 0.1.0 -->
"""


def test_the_changelog_block_of_the_newest_entry_is_replaced_idempotently_and_nothing_else(monkeypatch):
    monkeypatch.setattr(release, "PREVIOUS_RELEASE", ("0.2.0", "0" * 40))
    once = replace_changes_block(CHANGELOG, "### denver-co\n\n- provisions: 1 changed: `x` (note)\n")
    assert replace_changes_block(once, "### denver-co\n\n- provisions: 1 changed: `x` (note)\n") == once
    assert once == CHANGELOG.replace("old generated text", "### denver-co\n\n- provisions: 1 changed: `x` (note)")
    assert "the 0.2.0 notes, kept" in once


def test_a_newest_entry_without_a_block_leaves_the_changelog_unchanged():
    text = CHANGELOG.replace("## 0.3.0 — 2027-01-01", "## 0.4.0 — 2027-02-01\n\nNo block here.\n\n## 0.3.0 — 2027-01-01")
    assert replace_changes_block(text, "anything") == text


def test_without_history_the_release_notes_say_the_comparison_was_unavailable(tmp_path):
    comparison = distribution.compare_with_previous_release(copy_package(tmp_path / "package"))
    assert isinstance(comparison, str)
    notes = distribution.release_notes_text(comparison)
    assert f"The comparison with {release.PREVIOUS_RELEASE[0]} (commit {release.PREVIOUS_RELEASE[1][:12]}) " \
           "was unavailable: " in notes
    assert str(tmp_path) not in notes        # the archive's bytes must not depend on where it was built
