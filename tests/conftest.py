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
