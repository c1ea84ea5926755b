"""fcheck.loader.read_file: the one way a file of a collection is read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from fcheck import loader
from fcheck.loader import read_file


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "claims" / "news"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text("id: a\n")
    return tmp_path / "claims"


def test_a_regular_file_inside_is_read(root: Path) -> None:
    path = root / "news" / "a.yaml"
    assert read_file(path, "a", 100, root=root) == (b"id: a\n", "id: a\n", None)
    assert read_file(path, "a", 100, root=root, text=False) == (b"id: a\n", None, None)


def test_a_symlinked_folder_in_the_middle_of_the_path_is_followed(
    root: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (root / "news" / "sub").symlink_to(outside, target_is_directory=True)
    result = read_file(root / "news" / "sub" / "secret.txt", "s", 100, root=root)
    assert result.raw is None and result.text is None
    assert result.problem is not None and result.problem.rule == "symlink-outside"
    # a link to a folder inside the collection is fine
    (root / "news" / "here").symlink_to(root / "news", target_is_directory=True)
    assert read_file(root / "news" / "here" / "a.yaml", "a", 100, root=root).text == "id: a\n"


def test_the_root_given_through_a_symlink_still_contains_its_files(
    root: Path, tmp_path: Path
) -> None:
    (tmp_path / "alias").symlink_to(root, target_is_directory=True)
    alias = tmp_path / "alias"
    assert read_file(alias / "news" / "a.yaml", "a", 100, root=alias).text == "id: a\n"
    # and a sibling folder whose name starts like the root's is not inside it
    (tmp_path / "claims-other").mkdir()
    (tmp_path / "claims-other" / "x").write_text("x")
    (root / "news" / "x").symlink_to(tmp_path / "claims-other" / "x")
    assert read_file(root / "news" / "x", "x", 100, root=root).problem.rule == "symlink-outside"


def test_a_fifo_is_refused_without_waiting(root: Path) -> None:
    path = root / "news" / "pipe.yaml"
    os.mkfifo(path)
    result = read_file(path, "p", 100, root=root)
    assert result.problem is not None and result.problem.rule == "file-unreadable"
    assert "named pipe" in result.problem.message


def test_a_device_is_refused(root: Path) -> None:
    path = root / "news" / "zero.yaml"
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # /dev/zero
    except (OSError, AttributeError):
        pytest.skip("cannot create a device node here")
    result = read_file(path, "z", 100, root=root)
    assert result.problem is not None and "device" in result.problem.message


def test_a_folder_is_refused(root: Path) -> None:
    result = read_file(root / "news", "news", 100, root=root)
    assert result.problem is not None and "is a folder" in result.problem.message


def test_the_limit_holds_while_reading_whatever_the_size_reported(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files in /proc report size 0; a file may grow after stat: the limit is counted
    on the bytes read."""
    path = root / "news" / "big.yaml"
    path.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def lying_fstat(fd: int) -> os.stat_result:
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 0, *st[7:]))

    monkeypatch.setattr(loader.os, "fstat", lying_fstat)
    result = read_file(path, "big", 1000, root=None)
    assert result.raw is None
    assert result.problem is not None and result.problem.rule == "file-too-large"


def test_over_the_limit_by_stat_is_refused_before_reading(root: Path) -> None:
    path = root / "news" / "big.yaml"
    path.write_bytes(b"x" * 5000)
    result = read_file(path, "big", 1000, root=root)
    assert result.problem is not None and "5,000 bytes" in result.problem.message


def test_not_utf8_is_a_finding_with_the_position(root: Path) -> None:
    path = root / "news" / "bad.yaml"
    path.write_bytes(b"id: a\nx: \xff\n")
    result = read_file(path, "bad", 1000, root=root)
    assert result.raw is not None and result.text is None
    assert result.problem is not None
    assert (result.problem.rule, result.problem.line, result.problem.column) == (
        "file-encoding",
        2,
        4,
    )


def test_loops_and_dangling_links(root: Path) -> None:
    (root / "news" / "loop").symlink_to(root / "news" / "loop")
    (root / "news" / "gone").symlink_to(root / "news" / "nothing")
    for name, word in (("loop", "loop"), ("gone", "broken")):
        problem = read_file(root / "news" / name, name, 100, root=root).problem
        assert problem is not None and problem.rule == "file-unreadable"
        assert word in problem.message


def test_confined_gives_the_same_answer_as_resolving_every_path(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fcheck.loader.Confined resolves each folder once per run; for every kind of entry
    (plain file, links inside and out, a linked folder, loops, dangling links, a FIFO, a
    folder, a missing file, the root given through a link, a relative root) read_file
    answers as it does resolving every component of every path."""
    news = root / "news"
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("secret: 1\n")
    (news / "b.yaml").write_text("id: b\n")
    (news / "in-link.yaml").symlink_to(news / "b.yaml")
    (news / "out-link.yaml").symlink_to(outside / "secret.yaml")
    (news / "loop.yaml").symlink_to(news / "loop.yaml")
    (news / "gone.yaml").symlink_to(news / "nothing.yaml")
    (news / "dir.yaml").mkdir()
    os.mkfifo(news / "pipe.yaml")
    (root / "linked").symlink_to(news, target_is_directory=True)
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (tmp_path / "alias").symlink_to(root, target_is_directory=True)
    (tmp_path / "claims-sibling").mkdir()
    (tmp_path / "claims-sibling" / "c.yaml").write_text("id: c\n")
    (news / "sibling.yaml").symlink_to(tmp_path / "claims-sibling" / "c.yaml")
    names = [*sorted(p.name for p in news.iterdir()), "missing.yaml", "..", "."]
    cases: list[tuple[Path | str, Path | str]] = []
    for folder_root, folder in (
        (root, news),
        (root, root / "linked"),
        (root, root / "escape"),
        (tmp_path / "alias", tmp_path / "alias" / "news"),
    ):
        cases += [(folder / name, folder_root) for name in names]
    cases.append((root / "escape" / "secret.yaml", root))
    cases.append((root, root))
    monkeypatch.chdir(tmp_path)  # a relative root, and relative paths
    cases += [(f"claims/news/{name}", "claims") for name in names]
    # (a listed Confined skips the type check before opening: the same answers)
    for confined in (loader.Confined(), loader.Confined(listed=True)):
        for path, base in cases:
            for text in (True, False):
                expected = read_file(path, "shown", 1000, root=base, text=text)
                got = read_file(path, "shown", 1000, root=base, text=text, confined=confined)
                assert got == expected, (path, base, confined.listed)
        # and it was consulted (each folder resolved once), not bypassed
        assert str(news) in confined._real
