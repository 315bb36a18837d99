"""The project's modules import each other without a cycle.

The graph is read from the source (``ast``), not by importing. Two levels:

- modules, imports at module level: no cycle at all;
- apps (the top-level packages), every import including those inside functions (a
  function-level import is often how a loop between layers is hidden): a cycle means the
  layers loop (e.g. ``home`` is both the base layer and the home page). The app cycles of
  today are listed in ``KNOWN_APP_CYCLES``, to shrink as a base layer moves below
  everything; a new cycle fails the test, and so does a listed one that has gone (take it
  out of the list).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = [
    "core",
    "privacy",
    "home",
    "studios",
    "cases",
    "resources",
    "notices",
    "search",
    "promotions",
    "outreach",
    "selection",
    "assessment",
    "ops",
]
PACKAGES = {*APPS, "config"}

# Strongly connected groups of apps (every import counted), as of this commit: allowed for
# now, to shrink.
KNOWN_APP_CYCLES = {
    frozenset({"cases", "home", "ops", "promotions", "resources", "search", "studios"}),
}


def module_name(path):
    relative = path.relative_to(ROOT / "site" if path.is_relative_to(ROOT / "site") else ROOT)
    parts = list(relative.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_files():
    for folder in [*(ROOT / app for app in APPS), ROOT / "site" / "config"]:
        for path in folder.rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def module_imports(path, name, known, everywhere=False):
    """The project modules ``path`` (module ``name``) imports at module level (or ``everywhere``:
    inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in [tree] if everywhere else tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        # At module level: the statement itself, or the imports inside an if/try block.
        for sub in ast.walk(node) if everywhere or isinstance(node, (ast.If, ast.Try)) else [node]:
            if isinstance(sub, ast.Import):
                targets = [alias.name for alias in sub.names]
            elif isinstance(sub, ast.ImportFrom):
                base = sub.module or ""
                if sub.level:
                    anchor = package.split(".")[: len(package.split(".")) - (sub.level - 1)]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [f"{base}.{alias.name}" for alias in sub.names] + [base]
            else:
                continue
            for target in targets:
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    found.add(target)
    return found


def import_graph(everywhere=False):
    paths = {module_name(path): path for path in source_files()}
    return {name: module_imports(path, name, paths.keys(), everywhere) for name, path in paths.items()}


def cycles(graph):
    """Strongly connected components of more than one node (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def app_graph(graph):
    apps = {}
    for source, targets in graph.items():
        app = source.split(".")[0]
        apps.setdefault(app, set()).update(t.split(".")[0] for t in targets if t.split(".")[0] != app)
    return apps


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset("abc")]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_relative_and_absolute_imports():
    graph = import_graph()
    assert "search.models" in graph["search.engines.elasticsearch"]  # from ..models import
    assert "core.choices" in graph["studios.importer"]  # from core.choices import


def test_no_module_imports_itself_back():
    assert cycles(import_graph()) == []


def test_app_layers_loop_only_where_known():
    assert set(cycles(app_graph(import_graph(everywhere=True)))) == KNOWN_APP_CYCLES
