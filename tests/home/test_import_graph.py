"""The project's modules import each other without a cycle, and the apps in layers.

The graph is read from the source (``ast``), not by importing. Two levels:

- modules, imports at module level: no cycle at all;
- apps (every project app of ``INSTALLED_APPS``), every import including those inside
  functions (a function-level import is often how a loop between layers is hidden): no
  cycle, and every import points to the app's own layer or one below (``LAYERS``, the order
  ``docs/architecture.md`` draws).
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# The project's own apps: the installed apps that are a folder at the top of the repository.
APPS = [app for app in settings.INSTALLED_APPS if "." not in app and (ROOT / app).is_dir()]

# Bottom first. An app may import its own layer and those below, never one above; within a
# layer the apps do not import each other both ways (the cycle test).
LAYERS = [
    {"privacy"},  # the students' privacy gate every page passes through
    {"core"},  # vocabularies, blocks, listings, SitePage, restrictions, attachments, helpers
    {"ops"},  # page cache, security headers, logging, health, checks
    {"studios"},
    {"cases", "resources", "notices"},
    {"search"},
    {"promotions"},
    {"outreach"},
    {"selection", "assessment"},
    {"home"},  # the home page and the site skeleton: shows what every app above core has
    {"config"},  # site/config: settings and URLs
]


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


def test_every_app_has_a_layer():
    assert sorted(set().union(*LAYERS)) == sorted([*APPS, "config"])


def test_apps_import_only_their_own_layer_and_those_below():
    layer = {app: number for number, apps in enumerate(LAYERS) for app in apps}
    upward = {
        f"{source} -> {target}"
        for source, targets in import_graph(everywhere=True).items()
        for target in targets
        if layer[target.split(".")[0]] > layer[source.split(".")[0]]
    }
    assert upward == set()


def test_apps_import_each_other_without_a_cycle():
    assert cycles(app_graph(import_graph(everywhere=True))) == []
