"""The package as files: seeds byte for byte, deterministic and current outputs, valid descriptor."""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from immigration_cooperation import codebook
from immigration_cooperation.build import render
from immigration_cooperation.descriptor import table_schema
from immigration_cooperation.schema import RESOURCES
from immigration_cooperation.validation import validate_package

ROOT = Path(__file__).resolve().parents[1]
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_seeds_are_the_shared_articles_byte_for_byte():
    if not SHARED_SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    shared = {path.name: path.read_bytes() for path in SHARED_SEEDS.glob("*.txt")}
    ours = {path.name: path.read_bytes() for path in (ROOT / "seeds").glob("*.txt")}
    # Every shared article is carried unchanged (a curator may add more sources beside them).
    assert shared and all(ours.get(name) == data for name, data in shared.items())


def test_two_renders_give_identical_bytes():
    first = {output.path: output.data for output in render(ROOT)}
    second = {output.path: output.data for output in render(ROOT)}
    assert first == second


def test_csvs_are_utf8_lf_without_bom_and_sorted_by_primary_key():
    for resource in RESOURCES:
        data = (ROOT / resource.path).read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
        lines = data.decode("utf-8").splitlines()
        assert lines[0] == ",".join(resource.field_names)


def test_datapackage_is_v2_with_hash_bytes_and_schemas_generated_from_the_one_schema_source():
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for key in ("name", "title", "description", "version", "licenses", "contributors", "keywords", "sources"):
        assert package[key], key
    assert [r["name"] for r in package["resources"]] == [r.name for r in RESOURCES]
    for descriptor, resource in zip(package["resources"], RESOURCES):
        data = (ROOT / resource.path).read_bytes()
        assert descriptor["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert descriptor["bytes"] == len(data)
        assert descriptor["schema"] == table_schema(resource)


def test_provisions_have_a_composite_foreign_key_into_the_codebook():
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    provisions = next(r for r in package["resources"] if r["name"] == "provisions")
    assert {"fields": ["dimension", "position"],
            "reference": {"resource": "codebook", "fields": ["dimension", "position"]}} in provisions["schema"]["foreignKeys"]


def test_a_position_name_means_the_same_level_in_every_dimension():
    levels = {}
    for dimension in codebook.DIMENSIONS:
        assert [p.level for p in dimension.positions] == [0, 1, 2, 3], dimension.name
        for position in dimension.positions:
            assert levels.setdefault(position.name, position.level) == position.level, position.name


def test_the_package_validates_with_frictionless_pandera_and_cross_table_checks():
    assert [str(f) for f in validate_package(ROOT)] == []


def test_frictionless_command_line_reports_the_package_valid():
    frictionless = Path(sys.executable).parent / "frictionless"
    result = subprocess.run([str(frictionless), "validate", "datapackage.json"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "INVALID" not in result.stdout


def test_running_a_curation_script_checks_it_without_side_effects():
    result = subprocess.run([sys.executable, "scripts/jurisdictions/denver_co.py"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "scripts/jurisdictions/denver_co.py: no problems" in result.stdout
