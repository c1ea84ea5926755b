"""A closed stdout is normal in a pipe (`fcheck list | head -1`): fcheck stops quietly.

These run fcheck as a real process writing into a real pipe whose reader goes away,
since only then does the operating system report the closed pipe. The convention:
nothing on stderr, and exit status 141 (what a shell shows for a program stopped by
SIGPIPE) when fcheck was still writing, or 0 when all of its output had already been
handed to the pipe before the reader left.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .conftest import REPO, make_collection

PIPE_CLOSED = 141
BUNDLED = str(REPO / "claims")
WORDS = [
    "bridge",
    "tunnel",
    "budget",
    "mayor",
    "council",
    "tender",
    "court",
    "ministry",
    "contract",
    "audit",
    "river",
    "harbour",
    "school",
    "hospital",
    "railway",
    "airport",
    "museum",
    "stadium",
    "library",
    "station",
    "market",
    "factory",
]


def _env(unbuffered: bool = False) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["NO_COLOR"] = "1"
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return env


def _read_then_close(
    args: list[str], keep: int, unbuffered: bool = False
) -> tuple[bytes, int, str]:
    """Run fcheck, read `keep` bytes of its output, close the pipe, wait for it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fcheck", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(unbuffered),
    )
    stdout, stderr = process.stdout, process.stderr
    assert stdout is not None and stderr is not None
    errors: list[bytes] = []
    # stderr is drained alongside, so that a full stderr pipe cannot stall fcheck
    drain = threading.Thread(target=lambda: errors.append(stderr.read()))
    drain.start()
    head = stdout.read(keep)
    stdout.close()
    code = process.wait(timeout=120)
    drain.join(timeout=120)
    stderr.close()
    return head, code, b"".join(errors).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,000 distinct, valid claims: every output format is well over a pipe's 64 KiB."""
    rng = random.Random(15)
    claims: dict[str, str | bytes] = {}
    for i in range(1000):
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        claim_id = f"claim-{i:04d}-" + "-".join(rng.choice(WORDS) for _ in range(10))
        claims[f"{claim_id}.yaml"] = (
            f"id: {claim_id}\nclaim: Number {i} says {words}.\n"
            "quote: the bridge cost 42 million euros\nsource:\n  name: The mayor\n"
            f"status: alleged\nrating: accurate\nnotes: Note {i} on {words} {words}.\n"
        )
    return make_collection(tmp_path_factory.mktemp("big"), claims)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "json"],
        ["list", "--format", "ids"],
        ["list", "--format", "csv"],
        ["list"],
        ["report"],
        ["report", "--format", "html"],
        ["export", "jsonl"],
    ],
    ids=" ".join,
)
def test_a_reader_that_leaves_early_stops_fcheck_quietly(big: Path, args: list[str]) -> None:
    head, code, stderr = _read_then_close([*args, "--claims", str(big)], keep=10)
    assert len(head) == 10
    assert stderr == ""
    assert code == PIPE_CLOSED


@pytest.mark.parametrize(
    "args",
    [
        ["show", "ablyazov-accomplice-bta-bank-embezzlement"],
        ["stats"],
        ["list", "--format", "ids"],
        ["list", "--format", "json"],
        ["report"],
    ],
    ids=" ".join,
)
def test_head_on_the_bundled_collection(args: list[str]) -> None:
    # the output may fit into the pipe before the reader leaves (exit 0) or not
    # (exit 141); stderr is empty either way
    for keep in (0, 10):
        _, code, stderr = _read_then_close([*args, "--claims", BUNDLED], keep=keep)
        assert stderr == ""
        assert code in (0, PIPE_CLOSED)


@pytest.mark.slow
def test_unbuffered_python_is_quiet_too(big: Path) -> None:
    # with PYTHONUNBUFFERED a partly written chunk can go unnoticed (exit 0); what
    # matters is that nothing is reported as an error
    _, code, stderr = _read_then_close(
        ["list", "--format", "json", "--claims", str(big)], keep=10, unbuffered=True
    )
    assert stderr == ""
    assert code in (0, PIPE_CLOSED)


def test_a_shell_pipeline_with_head(big: Path) -> None:
    # the pre-commit hook's own shape: `fcheck list --format ids | head -n 1`, on a
    # collection whose ids do not fit into the pipe at once
    result = subprocess.run(
        f"{sys.executable} -m fcheck list --format ids --claims {big} | head -n 1; "
        'echo "status=${PIPESTATUS[0]}" >&2',
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert result.stdout.startswith("claim-0000-")
    assert result.stdout.count("\n") == 1
    assert result.stderr == f"status={PIPE_CLOSED}\n"


@pytest.mark.slow
def test_a_reader_that_stays_gets_everything(big: Path) -> None:
    # the handling only concerns a reader that left
    full = subprocess.run(
        [sys.executable, "-m", "fcheck", "list", "--format", "ids", "--claims", str(big)],
        capture_output=True,
        env=_env(),
        timeout=120,
    )
    assert full.returncode == 0
    ids = full.stdout.decode().split()
    assert len(ids) == 1000 and ids[0].startswith("claim-0000-")


def test_the_help_states_the_convention() -> None:
    from typer.testing import CliRunner

    from fcheck.cli import app

    result = CliRunner().invoke(app, ["--help"])
    assert "141 when the reader of the output went away early" in " ".join(result.output.split())


@pytest.mark.parametrize("args", [["--version"], ["rules", "--format", "json"]], ids=" ".join)
def test_a_reader_gone_before_the_first_write(args: list[str]) -> None:
    # --version answers without Typer (fcheck.cli.main): it must end the same way
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "fcheck", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=60,
        )
    finally:
        os.close(write)
    assert result.stderr == b""
    assert result.returncode == PIPE_CLOSED
