"""`pip install` of the built wheel gives a `cooperation` that works on whichever package folder
the user is in: the root comes from --root or the current directory, never from where the code
is installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What a downloader has: the package, without the repository's code or curation scripts.
PACKAGE_FILES = ("datapackage.json", "data", "sql", "seeds", "README.md", "LICENSE", "LICENSE-DATA.md",
                 "LICENSE-SEEDS.md")


def run(arguments, **options) -> subprocess.CompletedProcess:
    return subprocess.run(arguments, capture_output=True, text=True, timeout=300, **options)


def copy(names, target: Path) -> Path:
    target.mkdir(parents=True)
    for name in names:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `cooperation` program of a fresh virtual environment holding the built wheel."""
    scratch = tmp_path_factory.mktemp("installed")
    # Built from a copy, so nothing (build/, *.egg-info) is written into the checkout.
    source = copy(["pyproject.toml", "README.md", "LICENSE", "src"], scratch / "source")
    built = run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(scratch / "wheels"),
                 str(source)])
    assert built.returncode == 0, built.stderr
    (wheel,) = (scratch / "wheels").glob("immigration_cooperation-*.whl")

    fresh = scratch / "fresh"
    assert run([sys.executable, "-m", "venv", "--without-pip", str(fresh)]).returncode == 0
    python = fresh / "bin" / "python"
    added = run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                 "--no-index", str(wheel)])
    assert added.returncode == 0, added.stderr
    # Its dependencies (pinned, already downloaded) come from this environment's site-packages,
    # added after the install so pip never saw (or touched) the checkout's editable install.
    fresh_site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
                          ).stdout.strip())
    (fresh_site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return fresh / "bin" / "cooperation"


def environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items()
            if key not in ("IMMIGRATION_COOPERATION_ROOT", "PYTHONPATH")}


def test_the_installed_code_is_the_wheel_not_the_checkout(installed):
    located = run([str(installed.parent / "python"), "-c",
                   "import immigration_cooperation; print(immigration_cooperation.__file__)"], env=environment())
    assert located.returncode == 0, located.stderr
    assert Path(located.stdout.strip()).is_relative_to(installed.parents[1])


def test_the_installed_command_answers_from_any_folder_inside_a_downloaded_package(installed, tmp_path):
    package = copy(PACKAGE_FILES, tmp_path / "downloaded")
    compared = run([str(installed), "compare", "denver-co", "aurora-co", "--format", "json"],
                   cwd=package / "data", env=environment())
    assert compared.returncode == 0, compared.stderr
    expected = run([sys.executable, "-m", "immigration_cooperation.cli", "compare", "denver-co", "aurora-co",
                    "--format", "json"], cwd=ROOT)
    assert json.loads(compared.stdout) == json.loads(expected.stdout)

    validated = run([str(installed), "validate"], cwd=package, env=environment())
    assert validated.returncode == 0, validated.stderr
    assert f"valid: {package.resolve() / 'datapackage.json'}" in validated.stdout

    by_option = run([str(installed), "--root", str(package), "matrix", "--format", "csv"], cwd=tmp_path,
                    env=environment())
    assert by_option.returncode == 0 and by_option.stdout.startswith("jurisdiction_id,name,"), by_option.stderr


def test_the_installed_command_outside_any_package_says_so_in_one_line(installed, tmp_path):
    outside = run([str(installed), "matrix"], cwd=tmp_path, env=environment())
    assert outside.returncode == 1
    assert outside.stderr.strip().splitlines() == [
        f"error: no data package in {tmp_path.resolve()} or any folder above it (none holds "
        "datapackage.json); run this inside the package folder or pass --root DIR"]
