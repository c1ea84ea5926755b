"""[gate] and [links] in fcheck.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from fcheck.config import ConfigError, load_config
from fcheck.editorial_settings import WAYBACK_AVAILABLE, GateSettings, LinkSettings

from .conftest import make_collection


def _config(tmp_path: Path, toml: str):  # type: ignore[no-untyped-def]
    root = make_collection(tmp_path)
    (tmp_path / "fcheck.toml").write_text(toml)
    return load_config(root)


def test_defaults(tmp_path: Path) -> None:
    config = _config(tmp_path, "")
    assert config.gate == GateSettings(two_person=True, blocking=(), require_archive=False)
    assert config.links.archive_api == WAYBACK_AVAILABLE
    assert config.links.user_agent.startswith("fcheck/")
    assert config.links.rate == 1.0 and config.links.max_age == 3600


def test_values_are_read(tmp_path: Path) -> None:
    config = _config(
        tmp_path,
        '[gate]\ntwo_person = false\nblocking = ["near-duplicate"]\nrequire_archive = true\n'
        '[links]\narchive_api = "http://127.0.0.1:9/a"\nsave_api = "https://s.example/save/"\n'
        'user_agent = "Desk bot"\nrate = 0\nper_host = 1\ntimeout = 2.5\nmax_age = 60\n',
    )
    assert config.gate == GateSettings(False, ("near-duplicate",), True)
    assert config.links == LinkSettings(
        user_agent="Desk bot",
        timeout=2.5,
        rate=0.0,
        per_host=1,
        max_age=60,
        archive_api="http://127.0.0.1:9/a",
        save_api="https://s.example/save/",
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[gate]\ntwo_person = 1\n", "gate.two_person must be true or false"),
        ("[gate]\nblocking = 'near-duplicate'\n", "gate.blocking must be a list of rule ids"),
        ("[gate]\nblocking = ['Not An Id']\n", "gate.blocking must be a list of rule ids"),
        ("[gate]\nblocking = ['near-duplicates']\n", "no rule 'near-duplicates'"),
        # `fcheck links` findings never reach the gate
        ("[gate]\nblocking = ['link-moved']\n", "no rule 'link-moved'"),
        # nor do those of `fcheck export claimreview --check`
        ("[gate]\nblocking = ['claimreview-dates']\n", "no rule 'claimreview-dates'"),
        ("[gate]\nsecond_person = true\n", "unknown setting 'second_person'"),
        ("gate = 3\n", r"\[gate\] must be a table"),
        ("[links]\nrate = -1\n", "links.rate must be a number of at least 0"),
        ("[links]\nper_host = 0\n", "links.per_host must be a whole number of at least 1"),
        ("[links]\nper_host = 1.5\n", "links.per_host must be a whole number"),
        ("[links]\ntimeout = true\n", "links.timeout must be a number"),
        ("[links]\narchive_api = 'ftp://x'\n", "links.archive_api must be an http"),
        ('[links]\nuser_agent = "a\\nb"\n', "links.user_agent must be a non-empty line"),
        ("[links]\nspeed = 3\n", "unknown setting 'speed'"),
    ],
)
def test_bad_values_are_config_errors(tmp_path: Path, toml: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _config(tmp_path, toml)
