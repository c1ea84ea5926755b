"""The import graph of fcheck/: no cycles (function-level imports included), and the
layers point down.

The graph is computed from the sources with ``ast``: every ``import`` and ``from ...
import`` anywhere in a module (at the top, inside functions, under ``TYPE_CHECKING``),
relative imports resolved. ``from fcheck.x import y`` counts as importing
``fcheck.x.y`` when that is a module, else ``fcheck.x``.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "fcheck"

# Layers, top first. A module may import modules of its own layer or of any layer
# below, never one above. A module is placed by the longest prefix listed here; a new
# module must be added (the test says so), so that its place is a decision.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    # the commands, and the documentation generated from them
    ("commands", ("fcheck.cli", "fcheck.__main__", "fcheck.docgen")),
    # the Python API: what the commands call, above everything it wraps
    ("api", ("fcheck", "fcheck.api")),
    (
        "output",
        ("fcheck.output", "fcheck.reporters", "fcheck.export", "fcheck.site", "fcheck.presenter"),
    ),
    (
        "collection loading",
        (
            "fcheck.collection",
            "fcheck.locate",
            "fcheck.cache",
            "fcheck.parallel",
            "fcheck.articles",
            "fcheck.candidates",
            "fcheck.history",
            "fcheck.newclaim",
            "fcheck.scaffold",
            "fcheck.stats",
            "fcheck.summary",
            "fcheck.filters",
            "fcheck.gate",
            "fcheck.editorial",
            "fcheck.status",
            "fcheck.corrections",
            "fcheck.links",
            # the settings of fcheck.toml: [gate] blocking names rules of fcheck.checks
            "fcheck.config",
            "fcheck.editorial_settings",
        ),
    ),
    (
        "checks and rules",
        (
            "fcheck.validate",
            "fcheck.checks",
            "fcheck.similarity",
            "fcheck.schema",
            "fcheck.references",
        ),
    ),
    (
        "model, loader, findings",
        (
            "fcheck.rules",
            "fcheck.model",
            "fcheck.positions",
            "fcheck.loader",
            "fcheck.findings",
            "fcheck.errors",
            "fcheck.safe",
            "fcheck.atomic",
            "fcheck.yamlout",
            "fcheck.textmatch",
            "fcheck.textspan",
            "fcheck.sentences",
            "fcheck.candidate_rules",
            "fcheck.editor",
            "fcheck.version",
            "fcheck.vocabulary",
            "fcheck.precommit",
        ),
    ),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The fcheck modules ``name`` (at ``path``) imports anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    out: set[str] = set()
    for target in found:
        if not (target == "fcheck" or target.startswith("fcheck.")):
            continue
        # ``import fcheck.a.b`` imports fcheck.a.b (and runs its packages' __init__,
        # which is not counted: an __init__ must not be a hub that imports upward).
        while target not in known and "." in target:
            target = target.rpartition(".")[0]
        if target != name:
            out.add(target)
    return out


@functools.cache
def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def layer_of(name: str) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_title, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            # "fcheck" itself (the package's __init__) is matched exactly
            nested = prefix != "fcheck" and name.startswith(prefix + ".")
            if (name == prefix or nested) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path (first == last), or None."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = grey
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if colour.get(nxt, black) == grey:
                return [*stack[stack.index(nxt) :], nxt]
            if colour.get(nxt) == white:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        colour[node] = black
        return None

    for node in sorted(graph):
        if colour[node] == white:
            found = visit(node)
            if found:
                return found
    return None


def test_the_graph_is_computed_from_the_sources() -> None:
    graph = import_graph()
    # known edges, so that a parser that finds nothing cannot pass the tests below
    assert "fcheck.findings" in graph["fcheck.rules"]
    assert "fcheck.loader" in graph["fcheck.collection"]
    # a function-level import counts (the commands import the core inside functions)
    assert any(
        "fcheck.collection" in deps for name, deps in graph.items() if name.startswith("fcheck.cli")
    )


def test_find_cycle_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    pkg = tmp_path / "fcheck" / "sub"
    pkg.mkdir(parents=True)
    (pkg / "mod.py").write_text("from . import other\nfrom ..loader import x\n")
    known = {"fcheck.sub", "fcheck.sub.mod", "fcheck.sub.other", "fcheck.loader"}
    assert imports_of("fcheck.sub.mod", pkg / "mod.py", known) == {
        "fcheck.sub.other",
        "fcheck.loader",
    }


def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_module_has_a_layer() -> None:
    missing = [name for name in modules() if layer_of(name) is None]
    assert not missing, f"add {missing} to LAYERS in tests/test_architecture.py"


@pytest.mark.parametrize("name", sorted(modules()))
def test_layers_point_down(name: str) -> None:
    graph = import_graph()
    mine = layer_of(name)
    if mine is None:
        pytest.skip("no layer (test_every_module_has_a_layer fails)")
    upward = [
        f"{target} ({LAYERS[theirs][0]})"
        for target in sorted(graph[name])
        if (theirs := layer_of(target)) is not None and theirs < mine
    ]
    assert not upward, f"{name} ({LAYERS[mine][0]}) imports upward: {', '.join(upward)}"


def test_every_module_imports_on_its_own() -> None:
    # The graph above does not count the package __init__ that an import runs first;
    # importing each module in a fresh set of modules does (a module imported first
    # must not meet a partly initialised one).
    import subprocess
    import sys

    script = (
        "import importlib, sys\n"
        "failed = []\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m == 'fcheck' or m.startswith('fcheck.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ImportError as exc:\n"
        "        failed.append(f'{name}: {exc}')\n"
        "print('\\n'.join(failed))\n"
    )
    names = sorted(n for n in modules() if n not in {"fcheck.__main__"})
    proc = subprocess.run(
        [sys.executable, "-c", script, *names],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=PACKAGE.parent,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", proc.stdout
