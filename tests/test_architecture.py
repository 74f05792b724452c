"""The package's rooms import one way, and only the adapter knows the site builder."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "teamhandbook"
ADAPTER = "plugin"
HOSTS = ("mkdocs", "material", "properdocs")


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    """Yield every module of the package with its syntax tree."""
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _room(path: Path) -> str:
    """Return the room (top-level package or module) a file of the package belongs to."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


def _imported_rooms(path: Path, tree: ast.Module) -> set[str]:
    """Return the rooms of the package a module imports, through relative or absolute imports."""
    rooms: set[str] = set()
    here = path.relative_to(PACKAGE).parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - node.level + 1]
            target = [*base, *(node.module.split(".") if node.module else [])]
            rooms.update([target[0]] if target else (alias.name for alias in node.names))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("teamhandbook."):
            rooms.add(node.module.split(".")[1])
    return rooms


def import_graph() -> dict[str, set[str]]:
    """Return which rooms each room imports."""
    graph: dict[str, set[str]] = {}
    for path, tree in _modules():
        room = _room(path)
        graph.setdefault(room, set()).update(_imported_rooms(path, tree) - {room, "__init__"})
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import cycles of a graph, each as the rooms it goes through."""
    found: list[list[str]] = []
    for start in sorted(graph):
        stack = [(start, [start])]
        while stack:
            room, path = stack.pop()
            for target in sorted(graph.get(room, ())):
                if target == start:
                    found.append(path)
                elif target not in path and target > start:
                    stack.append((target, [*path, target]))
    return found


def test_no_room_imports_one_that_depends_on_it() -> None:
    """The package's folders form layers: no import cycle between them."""
    graph = import_graph()
    assert {"model", "readers", "checks", "pages", "plan", "plugin", "cli"} <= graph.keys()
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a two-room and a three-room cycle are both found."""
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_only_the_adapter_imports_the_site_builder() -> None:
    """MkDocs (or Material, or ProperDocs) is imported in the adapter and nowhere else."""
    outside = []
    for path, tree in _modules():
        if _room(path) == ADAPTER:
            continue
        for node in ast.walk(tree):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            outside += [f"{path.relative_to(PACKAGE)}: {n}" for n in names if n.split(".")[0] in HOSTS]
    assert outside == []
