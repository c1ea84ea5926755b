"""What the built wheel holds: every file of the package, not only the Python modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import pytest

from tests.conftest import REPO

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PACKAGE = REPO / "fcheck"


def _data_globs() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs: list[str] = config["tool"]["setuptools"]["package-data"]["fcheck"]
    return globs


def _matches(relative: str, pattern: str) -> bool:
    # setuptools' "**/" also matches no folder at all
    if pattern.startswith("**/") and fnmatch(relative, pattern[3:]):
        return True
    return fnmatch(relative, pattern)


def _package_files() -> list[str]:
    """The files of fcheck/ other than Python sources and caches."""
    return sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    )


def test_every_data_file_of_the_package_is_declared() -> None:
    globs = _data_globs()
    undeclared = [f for f in _package_files() if not any(_matches(f, g) for g in globs)]
    assert not undeclared, (
        f"files in fcheck/ that the wheel would leave out: {undeclared}; "
        "add a glob to [tool.setuptools.package-data] in pyproject.toml"
    )


def test_the_globs_match_nested_and_top_level_files() -> None:
    assert _matches("site/assets/site.css", "**/*.css")
    assert _matches("report.css", "**/*.css")
    assert not _matches("report.py", "**/*.css")


@pytest.mark.slow
def test_the_wheel_holds_every_package_file(tmp_path: Path) -> None:
    """Build the wheel as pip does and compare it with the package folder."""
    # A copy, so that the build leaves nothing in the working tree and no stale build/
    # folder of an earlier build can add to (or hide a gap in) the wheel.
    source = tmp_path / "src"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__"),
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "--wheel-dir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    offline = ("No matching distribution", "Could not find a version", "NewConnectionError")
    if result.returncode != 0 and any(sign in result.stderr for sign in offline):
        pytest.skip("setuptools could not be installed from the package index to build")
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("fcheck-*.whl")
    packed = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"fcheck/{name}" for name in _package_files()}
    expected |= {
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert expected - packed == set()
