"""The package's layers point one way: no import cycles, and no module imports from a layer above.

Reads every module's imports with `ast`: imports inside functions and under `if TYPE_CHECKING:`
count too, since a link a reader must know about is a link. The layers are the ones
docs/architecture.md draws; a new module lands in the layer its name prefix says.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "pipeline"

# Bottom to top. Within "stages" the order is the pipeline's: a stage may use earlier ones.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("errors", "models", "names", "options", "findings", "collation")),
    ("spelling", ("spelling",)),
    ("ingest", ("ingest",)),
    ("parse", ("parse",)),
    ("normalize", ("normalize",)),
    ("abbreviations", ("abbreviations",)),
    ("checks", ("checks",)),
    ("diff stage", ("diff.model", "diff.match", "diff.compare", "diff.result", "diff.findings")),
    ("emit", ("emit",)),
    ("recipes", ("run", "diff", "project", "batch_cache", "discover", "dataset")),
    ("commands", ("batch", "cli", "__main__", "workers", "interrupts", "")),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _layer(module: str) -> int:
    best, best_len = len(LAYERS) - 1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    return best


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".") if package else []
                if node.level > 1:
                    base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("natprog"):
                target = node.module.removeprefix("natprog").lstrip(".")
            else:
                continue
            found = [target] if target in modules else []
            found += [f"{target}.{a.name}".lstrip(".") for a in node.names]
            targets.update(t for t in found if t in modules and t != name)
        graph[name] = targets
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _parent_packages(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(len(parts))}


def test_no_import_cycles() -> None:
    graph = import_graph()
    # A sub-module importing its own package's __init__ is how Python loads it anyway.
    graph = {
        name: {t for t in deps if t not in _parent_packages(name)} for name, deps in graph.items()
    }
    assert _cycles(graph) == []


def test_no_module_imports_from_a_layer_above_it() -> None:
    graph = import_graph()
    upward = sorted(
        f"{name} ({LAYERS[_layer(name)][0]}) imports {target} ({LAYERS[_layer(target)][0]})"
        for name, targets in graph.items()
        for target in targets
        if _layer(target) > _layer(name) and target not in _parent_packages(name)
    )
    assert upward == []


def test_the_layer_table_names_real_modules() -> None:
    """A renamed module must not silently fall out of its layer into "commands"."""
    graph = import_graph()
    for _, prefixes in LAYERS:
        for prefix in prefixes:
            if prefix in ("", "dataset"):
                continue
            assert any(m == prefix or m.startswith(prefix + ".") for m in graph), prefix
