"""The hostile-input corpus: one broken or malicious entry per case.

Each case is built into a fresh one-article collection that also holds a good claim
(``ok``), so that every test can check that the other files are still read. Files
that can live in git are in ``cases/``; the rest (huge files, 100k-deep nesting,
symlinks, permissions, folders named like files, control characters in names) are
built at test time by the builders below.

To run a new command over the whole corpus, add its arguments to :data:`COMMANDS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fcheck.loader import MAX_YAML_BYTES

from ..conftest import ARTICLE_TEXT, CLAIM_YAML, make_collection

CASES_DIR = Path(__file__).parent / "cases"
# The python-tag cases would create this file (in the working directory) if
# anything ever constructed or ran them.
MARKER = "fcheck-pwned-marker"
SECRET = "TOP-SECRET-OUTSIDE-THE-COLLECTION"

# Every command (with its arguments, after which `--claims DIR` is added) that must
# survive every case: exit 0 or 1 as :func:`expected_exit` says, never a traceback,
# never a raw control character. Extend this list as commands land. The commands that
# write files (export sqlite, new, add-article, init) are run by test_hostile_writers.py;
# history needs a git repository and reads one claim file through git only.
COMMANDS: list[tuple[str, ...]] = [
    ("validate",),
    ("validate", "--format", "json"),
    ("validate", "--format", "github"),
    ("list",),
    ("list", "--format", "json"),
    ("list", "--format", "csv"),
    ("list", "--format", "yaml"),
    ("list", "--format", "ids"),
    ("show", "ok"),
    ("show", "ok", "--format", "json"),
    ("show", "ok", "--format", "yaml"),
    ("report",),
    ("report", "--format", "markdown"),
    ("report", "--format", "html"),
    ("report", "--format", "json"),
    # (after the same commands with the cache, whose output they must repeat exactly)
    ("validate", "--format", "json", "--no-cache"),
    ("list", "--format", "json", "--no-cache"),
    ("report", "--format", "json", "--no-cache"),
    ("export", "claimreview"),
    ("export", "claimreview", "--check"),
    ("export", "csv"),
    ("export", "jsonl"),
    ("schema",),
    ("schema", "article"),
    ("candidates", "news"),
    ("candidates", "news", "--uncovered"),
    ("candidates", "news", "--format", "json"),
    ("stats",),
    ("stats", "--format", "json"),
]

Builder = Callable[[Path, Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile entry and what fcheck must say about it.

    ``entry`` is the name (in the article folder ``news``, or relative to the claims
    directory when it contains a slash) of the file the finding must name; ``rule``
    and ``line`` are the expected finding (``line`` None where no line exists);
    ``rule`` None means the input must be accepted (exit 0, no findings).
    """

    name: str
    entry: str
    rule: str | None
    line: int | None
    build: Builder


def _static(file: str) -> Builder:
    def build(folder: Path, tmp: Path) -> None:
        (folder / file).write_bytes((CASES_DIR / file).read_bytes())

    return build


def _write(name: str, content: str | bytes) -> Builder:
    def build(folder: Path, tmp: Path) -> None:
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)

    return build


def _claim(claim_id: str, extra: str = "") -> str:
    return CLAIM_YAML.format(id=claim_id) + extra


STATIC: list[tuple[str, str | None, int | None]] = [
    ("unclosed-quote.yaml", "yaml-syntax", 5),
    ("bad-indentation.yaml", "yaml-syntax", 4),
    ("tab-indentation.yaml", "yaml-syntax", 3),
    ("duplicate-key.yaml", "yaml-duplicate-key", 8),
    ("anchor-alias.yaml", "yaml-anchor", 2),
    ("alias-bomb.yaml", "yaml-anchor", 1),
    ("merge-key.yaml", "yaml-tag", 3),
    ("python-tag.yaml", "yaml-tag", 2),
    ("python-tag-toplevel.yaml", "yaml-tag", 1),
    ("unknown-tag.yaml", "yaml-tag", 7),
    ("binary-tag.yaml", "yaml-tag", 7),
    ("non-utf8.yaml", "file-encoding", 7),
    ("binary-garbage.yaml", "file-encoding", 1),
    ("nul-bytes.yaml", "yaml-syntax", 1),
    ("raw-escape-char.yaml", "yaml-syntax", 7),
    ("bom-crlf.yaml", None, None),
    ("empty.yaml", "file-empty", None),
    ("comments-only.yaml", "file-empty", None),
    ("multiple-documents.yaml", "yaml-multiple-documents", 9),
    ("top-level-list.yaml", "not-a-mapping", 1),
    ("top-level-scalar.yaml", "not-a-mapping", 1),
    ("deep-nesting.yaml", "yaml-nesting", 8),
    ("wrong-types.yaml", "wrong-type", 1),
    ("wrong-types-nested.yaml", "wrong-type", 5),
    ("huge-number.yaml", "wrong-type", 7),
]

DEEP = 100_000
_NOTES = "notes: The budget shows the same figure."


def _dir_named_yaml(folder: Path, tmp: Path) -> None:
    (folder / "folder.yaml").mkdir()
    (folder / "folder.yaml" / "inner.yaml").write_text(_claim("inner"))


def _unreadable(folder: Path, tmp: Path) -> None:
    path = folder / "unreadable.yaml"
    path.write_text(_claim("unreadable"))
    path.chmod(0)


def _symlink_loop(folder: Path, tmp: Path) -> None:
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "ping.yaml").symlink_to("pong.yaml")
    (folder / "pong.yaml").symlink_to("ping.yaml")


def _secret(tmp: Path) -> Path:
    secret = tmp / "outside" / "secret.yaml"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(_claim("secret", f"tags: [{SECRET}]\n"))
    return secret


def _symlink_outside(folder: Path, tmp: Path) -> None:
    (folder / "secret.yaml").symlink_to(_secret(tmp))


def _folder_symlink_outside(folder: Path, tmp: Path) -> None:
    outside = _secret(tmp).parent
    (outside / "article.yaml").write_text(f"title: {SECRET}\npublisher: p\ntext: article.txt\n")
    (folder.parent / "elsewhere").symlink_to(outside, target_is_directory=True)


def _text_symlink_outside(folder: Path, tmp: Path) -> None:
    secret = tmp / "outside.txt"
    secret.write_text(ARTICLE_TEXT + SECRET)
    (folder / "article.txt").unlink()
    (folder / "article.txt").symlink_to(secret)


def _text_traversal(folder: Path, tmp: Path) -> None:
    (tmp / "secret.txt").write_text(SECRET)
    text = (folder / "article.yaml").read_text().replace("article.txt", "../../secret.txt")
    (folder / "article.yaml").write_text(text)


def _text_via(link_target: Path | str, name: str) -> Builder:
    """``sub`` in the article folder is a symlink to ``link_target``, and the article's
    text is ``sub/<name>``: only the folder is a link, not the file named."""

    def build(folder: Path, tmp: Path) -> None:
        target = Path(link_target) if link_target else tmp / "outside-folder"
        if not link_target:
            target.mkdir(exist_ok=True)
            (target / name).write_text(ARTICLE_TEXT + SECRET)
        (folder / "sub").symlink_to(target, target_is_directory=True)
        text = (folder / "article.yaml").read_text().replace("article.txt", f"sub/{name}")
        (folder / "article.yaml").write_text(text)

    return build


# /proc/self/environ is the process's environment (CI secrets); /dev/zero never ends.
PROC_SELF = "/proc/self" if os.path.isdir("/proc/self") else ""
DEV = "/dev" if os.path.exists("/dev/zero") else ""


def _fifo(name: str) -> Builder:
    def build(folder: Path, tmp: Path) -> None:
        path = folder / name
        if path.exists():
            path.unlink()
        os.mkfifo(path)  # opened by a reader, it blocks until a writer comes: never

    return build


def _editor_leftovers(folder: Path, tmp: Path) -> None:
    garbage = b"\x00\xff: [\n"
    for name in ("x.yaml~", "#x.yaml#", ".hidden.yaml", ".x.yaml.swp"):
        (folder / name).write_bytes(garbage)
    # Emacs lock files are dangling symlinks.
    (folder / ".#x.yaml").symlink_to("root@host.1234:1700000000")
    (folder.parent / ".git").mkdir()
    (folder.parent / ".git" / "config.yaml").write_bytes(garbage)


def _control_file_name(folder: Path, tmp: Path) -> None:
    (folder / "\x1b[31mred\x1b]8;;https:evil.example\x07.yaml").write_text(_claim("red"))


def _markup_folder_name(folder: Path, tmp: Path) -> None:
    (folder.parent / "[bold]news[link=https:evil.example]x").mkdir()


HOSTILE_FOLDER = "[bold]\x1b[31mnews\u202e=1+1 ::error::x"


def _hostile_article_folder(folder: Path, tmp: Path) -> None:
    """A complete article whose folder name is an attack: its claims still load."""
    other = folder.parent / HOSTILE_FOLDER
    other.mkdir()
    for name in ("article.yaml", "article.txt"):
        (other / name).write_bytes((folder / name).read_bytes())
    (other / "inside.yaml").write_text(_claim("inside"))


def _quote_search_bomb(folder: Path, tmp: Path) -> None:
    """A misquote that made the closest-passage search take hours (len(text) x len(quote))."""
    (folder / "article.txt").write_text(ARTICLE_TEXT + "a" * 2_000_000)
    claim = _claim("bomb").replace(
        "quote: the bridge cost 42 million euros", "quote: " + "a" * 200_000 + "b"
    )
    (folder / "bomb.yaml").write_text(claim)


def _too_large(folder: Path, tmp: Path) -> None:
    body = _claim("too-large", "tags: [")
    (folder / "too-large.yaml").write_text(body + "x, " * (MAX_YAML_BYTES // 3) + "x]\n")


def _too_large_text(folder: Path, tmp: Path) -> None:
    from fcheck.loader import MAX_TEXT_BYTES

    with (folder / "article.txt").open("ab") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)


HOSTILE_TEXT = (
    "[bold]markup[/bold] [link=https://evil.example]link[/link] :warning: "
    "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x1b\\osc8\x1b]8;;\x1b\\ back\x08\x08 "
    "\x9b31m c1 \u202eevil\u202c <script>alert(1)</script> <img src=x onerror=alert(1)> "
    '[md](javascript:alert(1)) | a | b | =HYPERLINK("https://evil.example") '
    "\n::error::injected\n  ::add-mask::x\n# heading\n<!-- comment"
    # invisible characters that can hide text (issue 16, item 11)
    " zero\u200bwidth soft\u00adhyphen tag\U000e0041\U000e0042 filler\u3164 bom\ufeff"
)


def _hostile_text(folder: Path, tmp: Path) -> None:
    """A valid claim whose every text is an attack on some output."""
    import yaml

    quote = "=cmd|' /C calc'!A0 \x1b[2J[bold]cost[/bold] </script>"
    record = {
        "id": "hostile-text",
        "claim": "=" + HOSTILE_TEXT,
        "quote": quote,
        "source": {"name": "@" + HOSTILE_TEXT, "via": "  +" + HOSTILE_TEXT},
        "status": "court-established",
        "notes": HOSTILE_TEXT + "\n::add-mask::s\n::error::pwned\n \u00a0=cmd",
        "evidence": [
            {
                "title": "-" + HOSTILE_TEXT,
                "url": "https://example.org/x?<script>",
                "publisher": HOSTILE_TEXT,
            }
        ],
        "tags": [HOSTILE_TEXT],
        # formula triggers after leading blanks, and a workflow command on a line of
        # its own inside a CSV cell (issue 16, item 5)
        "entities": ["\u00a0=1+1", "::error::x"],
    }
    (folder / "hostile-text.yaml").write_text(yaml.safe_dump(record, allow_unicode=True))
    with (folder / "article.txt").open("a", encoding="utf-8") as handle:
        handle.write(quote + "\n")


# TOML escapes for what a terminal, a bidi-aware editor, HTML, CSV and a CI log act on.
HOSTILE_TOML_TEXT = (
    r"[bold]x\u001b[31mred\u001b]8;;https://evil.example\u0007 \u202eevil \u0085nel "
    r"</script> <!-- ::error::x =HYPERLINK(1) [md](javascript:alert(1))"
)


def _hostile_config(folder: Path, tmp: Path) -> None:
    """A valid fcheck.toml (it comes with the repository too) whose every text is an attack."""
    (folder.parent.parent / "fcheck.toml").write_text(
        "[organization]\n"
        f'name = "{HOSTILE_TOML_TEXT}"\n'
        'url = "https://example.org"\n'
        "[reviews]\n"
        'url = "https://example.org/{article}/{id}"\n'
        "[ratings.accurate]\n"
        f'definition = "{HOSTILE_TOML_TEXT}"\n'
        'color = "green"\n'
        "[ratings.other]\n"
        f'definition = "=={HOSTILE_TOML_TEXT}"\n',
        encoding="utf-8",
    )


def _with(claim_id: str, extra: str) -> str:
    return _claim(claim_id, extra)


_LONG_ID = "a" * 150
# Values that end in a line feed passed `$`-anchored checks (issue 16, item 4); names
# that are too long or that Windows reserves for devices (item 11).
NAME_CASES: list[Case] = [
    Case(
        "date-trailing-newline",
        "date-nl.yaml",
        "invalid-date",
        9,
        _write("date-nl.yaml", _with("date-nl", 'checked: "2024-03-10\\n"\n')),
    ),
    Case(
        "url-trailing-newline",
        "url-nl.yaml",
        "invalid-url",
        6,
        _write(
            "url-nl.yaml",
            _claim("url-nl").replace(
                "  name: The mayor\n", '  name: The mayor\n  url: "https://example.org/\\n"\n'
            ),
        ),
    ),
    Case(
        "id-trailing-newline",
        "evil\n.yaml",
        "invalid-slug",
        1,
        _write("evil\n.yaml", _claim("x").replace("id: x", 'id: "evil\\n"')),
    ),
    Case("reserved-device-id", "con.yaml", "invalid-slug", 1, _write("con.yaml", _claim("con"))),
    Case(
        "overlong-id",
        f"{_LONG_ID}.yaml",
        "invalid-slug",
        1,
        _write(f"{_LONG_ID}.yaml", _claim(_LONG_ID)),
    ),
]


# NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR are line breaks to YAML, not to an
# editor: positions after one were a line off, and the syntax error did not say why.
LINE_BREAK_CASES: list[Case] = [
    Case(
        "line-separator-in-comment",
        "lsep.yaml",
        "invalid-choice",
        7,
        _write(
            "lsep.yaml",
            _claim("lsep")
            .replace("id: lsep\n", "id: lsep\n# checked\u2028# again\n")
            .replace("status: alleged", "status: bogus"),
        ),
    ),
    Case(
        "nel-in-plain-value",
        "nel.yaml",
        "yaml-syntax",
        9,  # where the parser gives up: the end of the file (the key starts on line 8)
        _write("nel.yaml", _claim("nel").replace("The budget shows", "The budget\x85shows")),
    ),
    Case(
        "paragraph-separator-in-quoted-value",
        "psep.yaml",
        None,
        None,
        _write(
            "psep.yaml",
            _claim("psep")
            .replace(_NOTES, 'notes: "One.\u2029Two."')
            .replace("The bridge cost 42 million euros.", "Critics suspect favouritism.")
            .replace("the bridge cost 42 million euros", "Critics suspect favouritism."),
        ),
    ),
]


def _language_newline(folder: Path, tmp: Path) -> None:
    with (folder / "article.yaml").open("a", encoding="utf-8") as handle:
        handle.write('language: "en\\n"\n')


def _reserved_folder(folder: Path, tmp: Path) -> None:
    other = folder.parent / "aux"
    other.mkdir()
    for name in ("article.yaml", "article.txt"):
        (other / name).write_bytes((folder / name).read_bytes())


RUNTIME: list[Case] = [
    *NAME_CASES,
    *LINE_BREAK_CASES,
    Case("language-trailing-newline", "article.yaml", "invalid-language", 4, _language_newline),
    Case("reserved-device-folder", "/aux", "invalid-slug", None, _reserved_folder),
    Case("hostile-text", "hostile-text.yaml", None, None, _hostile_text),
    Case("hostile-config", "", None, None, _hostile_config),
    Case("too-large", "too-large.yaml", "file-too-large", None, _too_large),
    Case("text-too-large", "article.txt", "file-too-large", None, _too_large_text),
    Case(
        "deep-flow-100k",
        "deep.yaml",
        "yaml-nesting",
        9,
        _write("deep.yaml", _claim("deep", "tags: " + "[" * DEEP + "]" * DEEP + "\n")),
    ),
    Case(
        "deep-block-100k",
        "deep.yaml",
        "yaml-nesting",
        10,
        _write("deep.yaml", _claim("deep", "tags:\n" + "- " * DEEP + "x\n")),
    ),
    Case(
        "deep-mapping-100k",
        "deep.yaml",
        "yaml-nesting",
        9,
        _write("deep.yaml", _claim("deep", "tags: " + "{a: " * DEEP + "x" + "}" * DEEP + "\n")),
    ),
    Case(
        "deep-unclosed-100k",
        "deep.yaml",
        "yaml-nesting",
        9,
        _write("deep.yaml", _claim("deep", "tags: " + "[" * DEEP + "\n")),
    ),
    Case(
        "sexagesimal-bomb",
        "sexa.yaml",
        "wrong-type",
        8,
        _write("sexa.yaml", _claim("sexa").replace(_NOTES, "notes: " + "1:" * 200_000 + "1")),
    ),
    Case(
        "many-values",
        "many.yaml",
        "file-too-large",
        9,
        _write("many.yaml", _claim("many", "tags: [" + ", ".join(["1"] * 300_000) + "]\n")),
    ),
    Case(
        "many-duplicate-keys",
        "dups.yaml",
        "yaml-duplicate-key",
        10,
        _write("dups.yaml", _claim("dups", "".join(f"tags: [{i}]\n" for i in range(5_000)))),
    ),
    Case("quote-search-bomb", "bomb.yaml", "quote-not-found", 3, _quote_search_bomb),
    Case("folder-named-yaml", "folder.yaml", "file-unreadable", None, _dir_named_yaml),
    Case("unreadable", "unreadable.yaml", "file-unreadable", None, _unreadable),
    Case("symlink-loop", "loop.yaml", "file-unreadable", None, _symlink_loop),
    Case("symlink-outside", "secret.yaml", "symlink-outside", None, _symlink_outside),
    Case("folder-symlink-outside", "/elsewhere", "symlink-outside", None, _folder_symlink_outside),
    # reported where the path is written: article.yaml's `text:` (line 3)
    Case("text-symlink-outside", "article.yaml", "symlink-outside", 3, _text_symlink_outside),
    Case(
        "text-through-symlinked-folder",
        "article.yaml",
        "symlink-outside",
        3,
        _text_via("", "secret.txt"),
    ),
    Case(
        "text-through-proc-self",
        "article.yaml",
        "symlink-outside",
        3,
        _text_via(PROC_SELF, "environ"),
    ),
    Case("text-through-dev", "article.yaml", "symlink-outside", 3, _text_via(DEV, "zero")),
    Case("text-fifo", "article.txt", "file-unreadable", None, _fifo("article.txt")),
    Case("claim-fifo", "fifo.yaml", "file-unreadable", None, _fifo("fifo.yaml")),
    Case("text-traversal", "article.yaml", "article-text-missing", 3, _text_traversal),
    Case("editor-leftovers", "", None, None, _editor_leftovers),
    Case(
        "control-chars-in-file-name",
        "\x1b[31mred\x1b]8;;https:evil.example\x07.yaml",
        "id-mismatch",
        1,
        _control_file_name,
    ),
    Case(
        "hostile-article-folder",
        "/" + HOSTILE_FOLDER,
        "invalid-slug",
        None,
        _hostile_article_folder,
    ),
    Case(
        "markup-in-folder-name",
        "/[bold]news[link=https:evil.example]x",
        "invalid-slug",
        None,
        _markup_folder_name,
    ),
]

CASES: list[Case] = [
    Case(file.removesuffix(".yaml"), file, rule, line, _static(file)) for file, rule, line in STATIC
] + RUNTIME


def breaks_the_article(case: Case) -> bool:
    """Whether the case makes the article ``news`` itself unusable (its text or yaml)."""
    return case.entry in ("article.txt", "article.yaml")


# The cases that come with an fcheck.toml naming the organisation and the review URLs.
CONFIGURED = {"hostile-config"}


def expected_exit(command: tuple[str, ...], case: Case) -> int:
    """The exit status of ``command`` on ``case``.

    ``schema`` reads no claim and ``candidates`` only the one article, so a broken
    claim file beside them changes nothing; every other command exits 1 when any
    file of the collection is broken.
    """
    if command[0] == "schema":
        return 0
    if command[0] == "candidates":
        return 1 if breaks_the_article(case) else 0
    if command[:2] == ("export", "claimreview") and "--check" in command:
        # without an fcheck.toml the reviews have no url and no author: Google requires both
        return 0 if case.rule is None and case.name in CONFIGURED else 1
    return 0 if case.rule is None else 1


def build(case: Case, tmp: Path) -> tuple[Path, Path]:
    """The collection root for ``case`` and the path its finding must name."""
    root = make_collection(tmp)
    folder = root / "news"
    case.build(folder, tmp)
    target = root / case.entry[1:] if case.entry.startswith("/") else folder / case.entry
    return root, target


def unreadable_is_readable(path: Path) -> bool:
    """chmod 000 does not stop root (CI containers often run as root)."""
    return os.access(path, os.R_OK)
