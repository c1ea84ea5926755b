"""Creating a collection (``fcheck init``) and adding an article (``fcheck add-article``).

Everything is checked before the first byte is written, and every file goes through
:func:`fcheck.atomic.write_atomic`, which never replaces an existing file.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fcheck.atomic import write_atomic
from fcheck.config import CONFIG_FILE
from fcheck.errors import FcheckError
from fcheck.loader import MAX_TEXT_BYTES, Parsed, decode
from fcheck.model import ARTICLE_FILE, ARTICLE_SPEC, slug_problem
from fcheck.precommit import hook_text

PRE_COMMIT_FILE = ".pre-commit-config.yaml"
ARTICLE_TEXT = "article.txt"

CONFIG_TEMPLATE = """\
# fcheck settings for this collection. Every setting is optional: remove the leading
# "# " of a line to use it. Every fcheck command reads this file and names any
# mistake in it.

# Who publishes the reviews (used by reports and exports).
# [organization]
# name = "Example Fact Check"
# url = "https://factcheck.example.org"

# Where each review is published; {article} and {id} are replaced by the claim's
# article slug and id.
# [reviews]
# url = "https://factcheck.example.org/checks/{article}/{id}"

# The team's own rating vocabulary. Without a [ratings.*] table the built-in labels
# below apply. Defining any label replaces the whole list, in the order written here;
# `rating:` in claim files, `--rating`, reports, stats and exports all follow it.
# Labels are lowercase letters, digits and hyphens; colour is a colour name or #rrggbb.
# Statuses (court-established, alleged, speculative) are part of the format and
# cannot be configured.
{ratings}"""

PRE_COMMIT_TEMPLATE = """\
# pre-commit (https://pre-commit.com) runs `fcheck validate` before each commit, so a
# broken, unsourced or misquoted claim never reaches the repository. Enable it once
# per clone with:  pre-commit install
#
# This hook runs the fcheck installed on your PATH (language: system). To let
# pre-commit install fcheck itself, use the hook fcheck ships instead, with the git
# URL you cloned fcheck from and one of its commit ids (`pre-commit autoupdate` sets
# the newest):
#   - repo: https://github.com/OWNER/fcheck
#     rev: COMMIT-ID
#     hooks:
#       - id: fcheck-validate
repos:
""" + hook_text(
    "  ",
    "        # Duplicate ids and quotes are checked across the whole collection, so the\n"
    "        # hook validates everything once instead of once per changed file.",
)


def config_template() -> str:
    from fcheck.config import Config

    lines = []
    for label in Config().ratings.values():
        lines.append(f"# [ratings.{label.name}]")
        lines.append(f"# definition = {_toml_string(label.definition)}")
        lines.append(f'# color = "{label.color}"')
        lines.append("#")
    return CONFIG_TEMPLATE.replace("{ratings}", "\n".join(lines[:-1]) + "\n")


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


@dataclass
class InitResult:
    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # existing files left alone


def init_collection(root: Path) -> InitResult:
    """Create ``claims/``, ``fcheck.toml`` and ``.pre-commit-config.yaml`` in ``root``.

    An existing collection (a ``claims`` entry or an ``fcheck.toml``) is refused
    before anything is written; an existing pre-commit configuration is kept as it
    is, and the caller tells the user which hook to add.
    """
    claims = root / "claims"
    config = root / CONFIG_FILE
    if root.exists() and not root.is_dir():
        raise FcheckError(f"{root} exists and is not a folder; choose another place")
    for existing in (claims, config):
        if existing.exists() or existing.is_symlink():
            raise FcheckError(
                f"{existing} already exists, so {root} already holds a collection; "
                "init changed nothing"
            )
    result = InitResult(root)
    made_root = not root.exists()
    try:
        root.mkdir(parents=True, exist_ok=True)
        write_atomic(config, config_template())
        result.created.append(config)
        pre_commit = root / PRE_COMMIT_FILE
        if pre_commit.exists() or pre_commit.is_symlink():
            result.kept.append(pre_commit)
        else:
            write_atomic(pre_commit, PRE_COMMIT_TEMPLATE)
            result.created.append(pre_commit)
        claims.mkdir()
        result.created.append(claims)
    except BaseException as exc:
        # Half a collection would make the next `init` refuse (fcheck.toml exists):
        # remove what this call created, even on Ctrl-C, and nothing else.
        _remove_created(result.created, root if made_root else None)
        if isinstance(exc, OSError):
            raise FcheckError(
                f"cannot create the collection in {root}: {exc.strerror or exc}"
            ) from None
        raise
    return result


def _remove_created(paths: list[Path], folder: Path | None) -> None:
    for path in reversed(paths):
        with contextlib.suppress(OSError):
            path.rmdir() if path.is_dir() else path.unlink()
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty


# add-article --------------------------------------------------------------------------
def article_record(
    title: str,
    publisher: str,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """The article.yaml record, keys in the format's order, without unset values."""
    data: dict[str, Any] = {"title": title, "publisher": publisher}
    for key, value in (("published", published), ("url", url), ("language", language)):
        if value is not None:
            data[key] = value
    data["text"] = ARTICLE_TEXT
    return data


def article_yaml(data: dict[str, Any]) -> str:
    from fcheck.yamlout import dump_yaml

    return dump_yaml(data)


def check_article(slug: str, data: dict[str, Any], text: bytes) -> None:
    """Raise with every problem of the slug, metadata and text; write nothing."""
    from fcheck.validate import check_fields

    problems: list[str] = []
    wrong = slug_problem(slug)
    if wrong is not None:
        if wrong.startswith("use "):
            wrong += ", such as bridge-costs-2024"
        problems.append(f"article slug '{slug}' is not a slug; {wrong}")
    problems.extend(f.message for f in check_fields(data, ARTICLE_SPEC, Parsed(), ARTICLE_FILE))
    if len(text) > MAX_TEXT_BYTES:
        problems.append(f"the text is over the {MAX_TEXT_BYTES:,}-byte limit")
    else:
        decoded, problem = decode(text, "the text")
        if problem is not None:
            problems.append(f"the text is not UTF-8: {problem.message}")
        elif decoded is not None and not decoded.strip():
            problems.append("the text is empty; give the article's full text")
    if problems:
        raise FcheckError("; ".join(problems) + "; nothing was written")


def add_article(claims_dir: Path, slug: str, data: dict[str, Any], text: bytes) -> Path:
    """Create ``claims_dir/slug/`` with ``article.yaml`` and the text, byte for byte."""
    folder = claims_dir / slug
    if slug_problem(slug) is not None:
        check_article(slug, data, text)  # says what is wrong with the slug (and the rest)
    if folder.exists() or folder.is_symlink():
        raise FcheckError(
            f"{folder} already exists; choose another slug (an article is never replaced)"
        )
    check_article(slug, data, text)
    try:
        folder.mkdir()
    except OSError as exc:
        raise FcheckError(f"cannot create {folder}: {exc.strerror or exc}") from None
    written: list[Path] = []
    try:
        for name, payload in ((ARTICLE_TEXT, text), (ARTICLE_FILE, article_yaml(data))):
            write_atomic(folder / name, payload)
            written.append(folder / name)
    except BaseException:
        # leave nothing half-made behind, even on Ctrl-C (a folder without article.yaml
        # would block the retry): only what this call created is removed
        _remove_created(written, folder)
        raise
    return folder
