"""Same inputs, same bytes: builds do not depend on directory, hash seed, locale, time zone or clock."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from immigration_cooperation import release
from immigration_cooperation.build import CURATION_INPUTS as BUILD_INPUTS, DATABASE, render

ROOT = Path(__file__).resolve().parents[1]

# POSIX TZ strings need no tz database. UTC-12 and UTC+14 are 26 hours apart, so the local
# calendar date always differs between them: a build that read today's date would differ.
FIRST = {"PYTHONHASHSEED": "0", "LC_ALL": "C", "LANG": "C", "TZ": "AOE+12"}
SECOND = {"PYTHONHASHSEED": "4242", "TZ": "LINT-14"}  # plus the Turkish locale

# The build as a host program would run it after adopting the user's locale for real.
BUILD_WITH_LOCALE = (
    "import locale, sys; locale.setlocale(locale.LC_ALL, ''); "
    "print('locale:', locale.setlocale(locale.LC_ALL), file=sys.stderr); "
    "from immigration_cooperation.cli import main; raise SystemExit(main(sys.argv[1:]))"
)


def build_copy(directory: Path, environment: dict) -> dict[str, bytes]:
    directory.mkdir(parents=True)
    for entry in BUILD_INPUTS:
        if (ROOT / entry).is_dir():
            shutil.copytree(ROOT / entry, directory / entry, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (directory / entry).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / entry, directory / entry)
    completed = subprocess.run([sys.executable, "-c", BUILD_WITH_LOCALE, "--root", str(directory), "build"],
                               env={**os.environ, **environment}, capture_output=True, text=True,
                               timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert f"locale: {environment['LC_ALL']}" in completed.stderr
    return {path.relative_to(directory).as_posix(): path.read_bytes()
            for path in sorted(directory.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
            and path.relative_to(directory).parts[0] not in ("scripts", "seeds", "reference")}


def test_two_builds_in_different_directories_seeds_locales_and_time_zones_are_byte_identical(
        tmp_path, turkish_locale):
    first = build_copy(tmp_path / "first-checkout", FIRST)
    second = build_copy(tmp_path / "somewhere" / "else entirely", {**SECOND, **turkish_locale})
    assert sorted(first) == sorted(second)
    assert DATABASE in first  # the database file too, not only the text outputs
    assert [path for path in first if first[path] != second[path]] == []
    # ... and both equal what is committed, so the committed files are reproducible too.
    expected = {output.path for output in render(ROOT)}
    assert expected <= set(first)
    assert [path for path in expected if (ROOT / path).read_bytes() != first[path]] == []


def test_the_created_date_is_the_release_date_not_the_build_date():
    descriptor = (ROOT / "datapackage.json").read_text(encoding="utf-8")
    assert f'"created": "{release.RELEASED_ON}T00:00:00Z"' in descriptor


CLOCK_READS = re.compile(r"\b(?:datetime\.now|datetime\.utcnow|date\.today|time\.time|time\.localtime|"
                         r"time\.gmtime|time\.strftime|now\(\)|today\(\))")


def test_no_module_that_writes_outputs_reads_the_clock():
    # benchmark.py times queries with perf_counter, which is a duration, not a date.
    readers = []
    package = ROOT / "src" / "immigration_cooperation"
    for module in sorted(package.rglob("*.py")):
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1):
            if CLOCK_READS.search(line):
                readers.append(f"{module.relative_to(package)}:{number}: {line.strip()}")
    assert readers == []
