"""fcheck links: real HTTP servers on 127.0.0.1, started by the tests."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fcheck.cli import app
from fcheck.collection import load_collection
from fcheck.editorial_settings import LinkSettings
from fcheck.links.check import check_links, collect_links
from fcheck.links.limits import HostLimits
from fcheck.links.probe import MAX_BODY, Outcome, probe
from fcheck.links.store import LinkStore

from .conftest import make_collection
from .linkserver import HUGE_BYTES, LinkServer, running, silent_server

FAST = LinkSettings(rate=0, timeout=2.0, per_host=4)

CLAIM = """id: {id}
claim: The bridge cost 42 million euros.
quote: the bridge cost 42 million euros
source:
  name: The mayor
  url: {source}
status: alleged
rating: accurate
notes: The budget shows the same figure.
evidence:
  # the budget itself
  - title: Budget
    url: {url}   # as cited
    publisher: City
"""


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with running() as s:
        yield s


def _probe(url: str, settings: LinkSettings = FAST) -> Outcome:
    return probe(url, settings, HostLimits(settings.per_host, settings.rate).slot)


# probe -------------------------------------------------------------------------------
def test_ok_names_fcheck_in_the_user_agent(server: LinkServer) -> None:
    outcome = _probe(server.url("/ok"))
    assert outcome.ok and outcome.status == 200 and not outcome.hops
    agents = [r["agent"] for r in server.requests if r["path"] == "/ok"]
    assert agents and all(a.startswith("fcheck/") for a in agents)


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/gone", 410)])
def test_dead(server: LinkServer, path: str, status: int) -> None:
    outcome = _probe(server.url(path))
    assert outcome.dead and outcome.status == status and outcome.error is None


def test_head_falls_back_to_get(server: LinkServer) -> None:
    outcome = _probe(server.url("/no-head"))
    assert outcome.ok
    methods = [r["method"] for r in server.requests if r["path"] == "/no-head"]
    assert methods[-2:] == ["HEAD", "GET"]


def test_permanent_redirect_chain_reports_the_new_url(server: LinkServer) -> None:
    outcome = _probe(server.url("/moved"))
    assert outcome.ok
    assert [h.status for h in outcome.hops] == [301, 308]
    assert outcome.moved_to == server.url("/ok") == outcome.final_url


def test_temporary_redirect_is_not_a_move(server: LinkServer) -> None:
    outcome = _probe(server.url("/temporary"))
    assert outcome.ok and outcome.moved_to is None and outcome.hops[0].status == 302


def test_moved_to_a_dead_page_is_dead(server: LinkServer) -> None:
    outcome = _probe(server.url("/moved-dead"))
    assert outcome.dead and outcome.moved_to is None


def test_non_ascii_and_spaces_are_sent_percent_encoded(server: LinkServer) -> None:
    assert _probe(server.url("/café menu")).ok
    assert _probe(server.url("/caf%C3%A9%20menu")).ok


def test_server_error(server: LinkServer) -> None:
    outcome = _probe(server.url("/error"))
    assert outcome.status == 500 and not outcome.ok and not outcome.dead


def test_redirect_loop(server: LinkServer) -> None:
    outcome = _probe(server.url("/loop-a"))
    assert outcome.error is not None and "redirect loop" in outcome.error


def test_too_many_redirects(server: LinkServer) -> None:
    outcome = _probe(server.url("/moved"), LinkSettings(rate=0, max_redirects=1))
    assert outcome.error == "more than 1 redirects"


def test_non_http_scheme(server: LinkServer) -> None:
    assert _probe("ftp://127.0.0.1/file.txt").error == "not an http(s) URL: scheme 'ftp'"
    redirected = _probe(server.url("/to-ftp"))
    assert redirected.error is not None and "after a redirect" in redirected.error


def test_timeout_is_an_error_not_a_hang() -> None:
    with silent_server() as url:
        started = time.monotonic()
        outcome = probe(url, LinkSettings(rate=0, timeout=0.3), HostLimits(1, 0).slot)
        assert time.monotonic() - started < 5
    assert outcome.error == "timed out"


def test_connection_refused() -> None:
    with silent_server() as url:
        pass  # closed: nothing listens on that port any more
    assert _probe(url).error == "connection refused"


def test_huge_body_is_not_downloaded(server: LinkServer) -> None:
    started = time.monotonic()
    outcome = _probe(server.url("/huge"))
    assert outcome.ok
    assert time.monotonic() - started < 10
    time.sleep(0.5)  # the server writes until the hung-up socket fails
    assert not server.huge_finished
    assert server.huge_sent < HUGE_BYTES // 8
    assert MAX_BODY <= 64 * 1024


# limits ------------------------------------------------------------------------------
def test_rate_spaces_requests_to_one_host() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limits = HostLimits(per_host=1, rate=2.0, clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        with limits.slot("a.example"):
            pass
    with limits.slot("b.example"):  # another host is not held back
        pass
    assert slept == [0.5, 0.5]


def test_per_host_limit_bounds_requests_in_flight() -> None:
    limits = HostLimits(per_host=2, rate=0)
    inside = 0
    most = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal inside, most
        with limits.slot("a.example"):
            with lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.05)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == 2


# the cache ---------------------------------------------------------------------------
def test_store_reuses_fresh_results_only(tmp_path: Path) -> None:
    store = LinkStore(tmp_path, max_age=3600, now=1000.0)
    store.put(Outcome("http://x.example/", status=404, final_url="http://x.example/"))
    store.save()
    fresh = LinkStore(tmp_path, max_age=3600, now=1000.0 + 3599)
    cached = fresh.get("http://x.example/")
    assert cached is not None and cached[0].dead and cached[1] == 3599
    assert LinkStore(tmp_path, max_age=3600, now=1000.0 + 3600).get("http://x.example/") is None
    (tmp_path / "links.json").write_text('{"format": 1, "entries": {"http://x.example/": 5}}')
    assert LinkStore(tmp_path, max_age=3600).get("http://x.example/") is None


# the collection ----------------------------------------------------------------------
def _collection(root: Path, server: LinkServer, claims: dict[str, tuple[str, str]]) -> Path:
    files = {
        f"{cid}.yaml": CLAIM.format(id=cid, source=server.url(src), url=server.url(url))
        for cid, (src, url) in claims.items()
    }
    folder = make_collection(root, files)
    (root / "fcheck.toml").write_text(
        "[links]\nrate = 0\ntimeout = 2\n"
        f'archive_api = "{server.url("/wayback/available")}"\n'
        f'save_api = "{server.url("/save/")}"\n'
    )
    return folder


def test_findings_point_at_the_urls(tmp_path: Path, server: LinkServer) -> None:
    claims = _collection(
        tmp_path,
        server,
        {"a": ("/ok", "/missing"), "b": ("/moved", "/ok"), "c": ("/error", "/gone")},
    )
    collection = load_collection(claims)
    report = check_links(collect_links(collection.claims), collection.config.links, tmp_path)
    got = {(Path(f.path).name, f.line, f.column, f.rule) for f in report.findings}
    assert got == {
        ("a.yaml", 13, 10, "link-dead"),
        ("b.yaml", 6, 8, "link-moved"),
        ("c.yaml", 6, 8, "link-error"),
        ("c.yaml", 13, 10, "link-dead"),
    }
    moved = next(f for f in report.findings if f.rule == "link-moved")
    assert server.url("/ok") in moved.message and "301" in moved.message
    error = next(f for f in report.findings if f.rule == "link-error")
    assert "500 Internal Server Error" in error.message


def test_a_rerun_within_the_hour_asks_no_server(tmp_path: Path, server: LinkServer) -> None:
    claims = _collection(tmp_path, server, {"a": ("/ok2", "/gone")})
    links = collect_links(load_collection(claims).claims)
    settings = load_collection(claims).config.links
    first = check_links(links, settings, tmp_path / "cache")
    asked = len(server.requests)
    second = check_links(links, settings, tmp_path / "cache")
    assert len(server.requests) == asked
    assert second.from_cache == 2 and first.from_cache == 0
    assert second.findings == first.findings
    check_links(links, settings, None)  # no cache: asked again
    assert len(server.requests) > asked


def _run(runner: CliRunner, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout


def test_cli_exit_codes_and_formats(tmp_path: Path, server: LinkServer, runner: CliRunner) -> None:
    dead = _collection(tmp_path / "dead", server, {"a": ("/ok", "/missing")})
    code, out = _run(runner, "links", "--claims", str(dead))
    assert code == 1
    assert "a.yaml:13:10: link-dead" in out and "404 Not Found" in out
    code, out = _run(runner, "links", "--claims", str(dead), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    assert [(f["rule"], f["line"], f["column"]) for f in data["findings"]] == [
        ("link-dead", 13, 10)
    ]
    assert data["links"]["urls"] == 2
    code, out = _run(runner, "links", "--claims", str(dead), "--format", "github")
    assert out.startswith("::error file=") and ",line=13,col=10,title=link-dead::" in out

    moved = _collection(tmp_path / "moved", server, {"b": ("/moved", "/ok")})
    code, out = _run(runner, "links", "--claims", str(moved))
    assert code == 0 and "link-moved (warning)" in out
    code, _ = _run(runner, "links", "--claims", str(moved), "--strict")
    assert code == 1

    clean = _collection(tmp_path / "clean", server, {"c": ("/ok", "/temporary")})
    code, out = _run(runner, "links", "--claims", str(clean))
    assert code == 0 and "no problems found" in out


def test_cli_filters_select_the_claims(
    tmp_path: Path, server: LinkServer, runner: CliRunner
) -> None:
    claims = _collection(tmp_path, server, {"a": ("/ok", "/missing"), "b": ("/ok", "/ok")})
    code, out = _run(runner, "links", "--claims", str(claims), "--search", "nothing like it")
    assert code == 0 and "0 links" in out


def test_save_needs_archive(tmp_path: Path, server: LinkServer, runner: CliRunner) -> None:
    claims = _collection(tmp_path, server, {"a": ("/ok", "/ok")})
    result = runner.invoke(app, ["links", "--claims", str(claims), "--save"])
    assert result.exit_code == 2


# --archive ---------------------------------------------------------------------------
def test_archive_fills_archive_url_and_nothing_else(
    tmp_path: Path, server: LinkServer, runner: CliRunner
) -> None:
    claims = _collection(tmp_path, server, {"a": ("/ok", "/ok"), "b": ("/ok", "/gone")})
    snapshot = "http://web.archive.org/web/20240101000000/" + server.url("/ok")
    server.snapshots[server.url("/ok")] = snapshot
    a = claims / "news" / "a.yaml"
    before = a.read_text()
    code, out = _run(runner, "links", "--claims", str(claims), "--archive")
    assert code == 1  # /gone is dead
    after = a.read_text()
    lines = after.splitlines(keepends=True)
    today = time.strftime("%Y-%m-%d")
    assert lines[13:15] == [
        f"    archive_url: https://web.archive.org/web/20240101000000/{server.url('/ok')}\n",
        f"    accessed: {today}\n",
    ]
    assert "".join(lines[:13] + lines[15:]) == before
    # b has no snapshot: a finding, and its file is untouched
    assert "archive-missing" in out and "--save" in out
    assert "accessed" not in (claims / "news" / "b.yaml").read_text()
    # the result is a valid claim (the two claims are near-duplicates: warnings)
    assert load_collection(claims).ok


def test_archive_save_requests_a_new_snapshot(
    tmp_path: Path, server: LinkServer, runner: CliRunner
) -> None:
    claims = _collection(tmp_path, server, {"c": ("/ok", "/ok2")})
    code, out = _run(
        runner, "links", "--claims", str(claims), "--archive", "--save", "--format", "json"
    )
    assert code == 0, out
    data = json.loads(out)
    [written] = data["links"]["archived"]
    assert written["saved"] is True
    assert written["archive_url"] == server.url(f"/web/20260101000000/{server.url('/ok2')}")
    assert server.url("/ok2") in server.saved
    assert f"archive_url: {written['archive_url']}" in (claims / "news" / "c.yaml").read_text()


def test_archive_api_failure_is_a_finding(
    tmp_path: Path, server: LinkServer, runner: CliRunner
) -> None:
    claims = _collection(tmp_path, server, {"d": ("/ok", "/ok")})
    config = tmp_path / "fcheck.toml"
    config.write_text(config.read_text().replace("/wayback/available", "/error"))
    before = (claims / "news" / "d.yaml").read_bytes()
    code, out = _run(runner, "links", "--claims", str(claims), "--archive")
    assert code == 0
    assert "archive-error (warning)" in out and "answered 500" in out
    assert (claims / "news" / "d.yaml").read_bytes() == before


def test_progress_bar_on_a_terminal_only(
    tmp_path: Path, server: LinkServer, monkeypatch: pytest.MonkeyPatch, runner: CliRunner
) -> None:
    import io

    import fcheck.reporters.progress as progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(progress, "DELAY_SECONDS", 0.0)
    claims = _collection(tmp_path, server, {"a": ("/ok", "/temporary")})
    links = collect_links(load_collection(claims).claims)
    seen: list[tuple[int, int]] = []
    stream = Terminal()
    with progress.load_progress(True, stream, label="checking links") as update:
        assert update is not None

        def both(done: int, total: int) -> None:
            seen.append((done, total))
            update(done, total)

        check_links(links, FAST, None, both)
    assert seen[-1] == (2, 2)
    assert "checking links" in stream.getvalue()
    # off a terminal (CliRunner's output, a pipe, CI) no bar is drawn
    result = runner.invoke(app, ["links", "--claims", str(claims), "--no-cache"])
    assert "checking links" not in result.stdout + result.stderr
