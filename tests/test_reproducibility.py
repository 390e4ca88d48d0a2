"""Same inputs, same bytes: builds do not depend on directory, hash seed, locale, time zone or clock,
and the committed generated files are those bytes."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from immigration_cooperation import release
from immigration_cooperation.build import CURATION_INPUTS as BUILD_INPUTS, DATABASE

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


def start_build(directory: Path, environment: dict) -> subprocess.Popen:
    directory.mkdir(parents=True)
    for entry in BUILD_INPUTS:
        if (ROOT / entry).is_dir():
            shutil.copytree(ROOT / entry, directory / entry, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (directory / entry).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / entry, directory / entry)
    return subprocess.Popen([sys.executable, "-c", BUILD_WITH_LOCALE, "--root", str(directory), "build"],
                            env={**os.environ, **environment}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def built_files(build: subprocess.Popen, directory: Path, environment: dict) -> dict[str, bytes]:
    _, errors = build.communicate(timeout=300)
    assert build.returncode == 0, errors
    assert f"locale: {environment['LC_ALL']}" in errors
    return {path.relative_to(directory).as_posix(): path.read_bytes()
            for path in sorted(directory.rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts
            and path.relative_to(directory).parts[0] not in ("scripts", "seeds", "reference")}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, turkish_locale) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Every file of two builds of the committed inputs, each in its own directory, hash seed,
    locale and time zone. They run at the same time, which also shows they share nothing on disk."""
    first_directory = tmp_path_factory.mktemp("builds") / "first-checkout"
    second_directory = tmp_path_factory.mktemp("builds") / "somewhere" / "else entirely"
    second_environment = {**SECOND, **turkish_locale}
    first_build = start_build(first_directory, FIRST)
    second_build = start_build(second_directory, second_environment)
    return (built_files(first_build, first_directory, FIRST),
            built_files(second_build, second_directory, second_environment))


def test_two_builds_in_different_directories_seeds_locales_and_time_zones_are_byte_identical(two_builds):
    first, second = two_builds
    assert sorted(first) == sorted(second)
    assert DATABASE in first  # the database file too, not only the text outputs
    assert [path for path in first if first[path] != second[path]] == []


def test_committed_outputs_are_what_a_build_writes_now(two_builds):
    # Every file a build writes (its copied inputs aside) is committed with these bytes, so the
    # committed files are reproducible too; the database file is build output, never committed.
    first, _ = two_builds
    committed = {path: data for path, data in first.items() if path != DATABASE}
    assert {"datapackage.json", "data/provisions.csv", "sql/views.sql", "README.md", "site/index.html"} <= set(committed)
    stale = [path for path, data in committed.items()
             if not (ROOT / path).is_file() or (ROOT / path).read_bytes() != data]
    assert stale == [], "run `make build` and commit the result"


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
