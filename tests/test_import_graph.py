"""No import cycles in `gui/`, counting every import statement.

import-linter checks the layers between packages; this checks what it does
not: a cycle anywhere, inside one layer too (a rule module importing the
registry that imports it). Every `import` and `from ... import` counts,
wherever it is written: at module top, under `if TYPE_CHECKING:`, or inside
a function (a lazy import is still a dependency). Built with `ast`, so it
reads the source and imports nothing. Run as a script to print the graph's
cycles: `python -m tests.test_import_graph`.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

from tests.conftest import REPO


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _known(dotted: str, modules: set[str]) -> str | None:
    """The longest prefix of `dotted` that is one of our modules (None: not ours)."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _imported(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module a `from ... import` names, relative forms resolved."""
    if not node.level:
        return node.module or ""
    package = importer if is_package else importer.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package tree it imports, from the source of `root`."""
    paths = {_module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    modules = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets: set[str | None] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets.update(_known(alias.name, modules) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = _imported(node, name, path.name == "__init__.py")
                for alias in node.names:
                    # `from pkg import sub` names a submodule; `from mod import name` the module.
                    submodule = f"{base}.{alias.name}"
                    targets.add(submodule if submodule in modules else _known(base, modules))
        graph[name] = {target for target in targets if target is not None and target != name}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One shortest cycle through each group of modules that import one another.

    Tarjan's strongly connected components; each component of two or more
    modules holds at least one cycle, found by a breadth-first search from its
    first module back to itself.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(start: str) -> None:
        # Iterative, so a deep graph cannot hit the recursion limit.
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_shortest_cycle(graph, c) for c in sorted(components) if len(c) > 1]


def _shortest_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    members = set(component)
    start = component[0]
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node] & members):
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    raise AssertionError(f"no cycle in component {component}")  # Tarjan guarantees one


def _describe(cycles: list[list[str]]) -> str:
    return "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_gui_has_no_import_cycle():
    cycles = find_cycles(import_graph(REPO / "gui"))
    assert not cycles, f"import cycles in gui/:\n{_describe(cycles)}"


def test_the_checker_sees_type_checking_and_lazy_imports(tmp_path):
    """The checker itself: cycles hidden in a TYPE_CHECKING block and in a function are found."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from . import b\n")
    (package / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub.b import B\n"
    )
    (package / "sub" / "b.py").write_text("import os\nfrom ..a import A\n")
    (package / "c.py").write_text("def late():\n    import pkg.d\n")
    (package / "d.py").write_text("from pkg import c\n")
    (package / "e.py").write_text("import pkg.a\nfrom pkg.sub import b\n")  # no cycle through e

    graph = import_graph(package)

    assert graph["pkg.sub"] == {"pkg.sub.b"}
    assert graph["pkg.e"] == {"pkg.a", "pkg.sub.b"}
    assert find_cycles(graph) == [["pkg.a", "pkg.sub.b", "pkg.a"], ["pkg.c", "pkg.d", "pkg.c"]]


if __name__ == "__main__":
    print(_describe(find_cycles(import_graph(REPO / "gui"))) or "no import cycle in gui/")
