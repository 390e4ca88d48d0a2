"""Citation, licences, changelog: stated once, valid, and agreeing with each other."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from immigration_cooperation import release

ROOT = Path(__file__).resolve().parents[1]
CFF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))


def cff_errors(citation: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(CFF_SCHEMA, format_checker=jsonschema.FormatChecker())
    return sorted(error.message for error in validator.iter_errors(citation))


def test_citation_cff_is_valid_cff_1_2():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert cff_errors(citation) == []


@pytest.mark.parametrize("mistake", [
    {"authors": []},                     # a citation must name at least one author
    {"date-released": "21 November 2026"},  # dates are ISO 8601
    {"license": "CC-BY"},                # not an SPDX identifier
    {"type": "data"},                    # only software or dataset
])
def test_the_cff_check_rejects_a_broken_citation(mistake):
    citation = {**yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")), **mistake}
    assert cff_errors(citation) != []


def test_version_and_date_are_the_same_everywhere_they_appear():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert citation["version"] == package["version"] == release.VERSION
    assert citation["date-released"] == release.RELEASED_ON
    assert package["created"].startswith(release.RELEASED_ON)
    assert citation["license"] == package["licenses"][0]["name"] == "CC-BY-4.0"


def test_the_newest_changelog_entry_is_this_version_and_the_policy_is_stated():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.findall(r"^## (\d+\.\d+\.\d+) — (\d{4}-\d{2}-\d{2})$", changelog, flags=re.MULTILINE)
    assert entries[0] == (release.VERSION, release.RELEASED_ON)
    policy = changelog.split("## Versioning policy")[1].split("\n## ")[0]
    assert "**Major**" in policy and "renamed" in policy
    assert "**Minor**" in policy and "new" in policy.lower() and "source" in policy
    assert "**Patch**" in policy


def test_the_version_is_written_in_one_place_only():
    literal = re.compile(re.escape(f'"{release.VERSION}"'))
    sources = list((ROOT / "src").rglob("*.py")) + [ROOT / "pyproject.toml"]
    places = [path.name for path in sources if literal.search(path.read_text(encoding="utf-8"))]
    assert places == ["release.py"]


def test_each_licence_has_its_own_file_and_the_readme_states_all_three():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    data = (ROOT / "LICENSE-DATA.md").read_text(encoding="utf-8")
    seeds = (ROOT / "LICENSE-SEEDS.md").read_text(encoding="utf-8")
    assert code.startswith("MIT License")
    assert "CC-BY-4.0" in data and "creativecommons.org/licenses/by/4.0/legalcode" in data
    assert "copyright of its publisher" in seeds
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        assert f"`seeds/{path.name}`" in seeds, path.name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("LICENSE", "LICENSE-DATA.md", "LICENSE-SEEDS.md", "CITATION.cff", "CHANGELOG.md"):
        assert f"({name})" in readme, f"README does not link {name}"
