"""Shared fixtures."""

import subprocess
import warnings

import pytest


@pytest.fixture(scope="session")
def turkish_locale(tmp_path_factory) -> dict[str, str]:
    """Environment for a process running in tr_TR.UTF-8: dotless-i case rules, comma decimals.

    The locale is compiled into a temporary LOCPATH with localedef, since a fresh machine may have
    only C and C.utf8 installed. Where localedef or its sources are missing, C.utf8 stands in and a
    warning says so in the test summary.
    """
    directory = tmp_path_factory.mktemp("locales")
    try:
        subprocess.run(["localedef", "-i", "tr_TR", "-f", "UTF-8", str(directory / "tr_TR.UTF-8")],
                       check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        warnings.warn(f"could not compile tr_TR.UTF-8 ({error}); using C.utf8 as the second locale")
        return {"LC_ALL": "C.utf8", "LANG": "C.utf8"}
    return {"LOCPATH": str(directory), "LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}



# ----- spreading the modules over the workers -----

# pyproject.toml sends each module whole to one worker (--dist loadfile) in collection order
# (--no-loadscope-reorder). The modules costing most start first, so that no long one is left for
# the end while the other worker idles; the rest follow in file order. Seconds of one run alone.
STARTED_FIRST = (
    "test_release",                    # 25 s: one full release, then the ways a release fails
    "test_curator_commands",           # 12 s
    "test_cli",                        # 11 s
    "test_reproducibility",            # 9 s: two builds at once
    "test_pictures",                   # 10 s
    "test_curator_mistakes",           # 10 s
    "test_growth",                     # 7 s
    "test_installed",                  # 6 s
    "test_scale_benchmark",            # 6 s
    "test_hostile_csv",                # 25 s between the two hostile modules, which
    "test_hostile_csv_engines",        #   fill in while the builds above wait on helpers
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    rank = {name: position for position, name in enumerate(STARTED_FIRST)}
    items.sort(key=lambda item: rank.get(item.module.__name__.rpartition(".")[2], len(rank)))
