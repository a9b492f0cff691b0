"""The code's layout holds: the layers of pyproject.toml's import contracts, no import cycles, modules of a
readable size, and a model that runs without Qt whichever of its modules is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 400


def test_the_import_contracts_hold(monkeypatch):
    """models never imports gui or Qt, the model's stages and the window's parts import only downwards."""
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_no_module_imports_itself_round_a_circle():
    """No chain of imports (at the top of a module or inside a function) leads back to where it started.

    Imports made only for type annotations (under `TYPE_CHECKING`) never run, so they make no cycle.
    """
    graph = grimp.build_graph("models", "gui", include_external_packages=False, exclude_type_checking_imports=True)
    cycles = [component for component in _strongly_connected(graph) if len(component) > 1]
    assert cycles == []


def test_every_module_is_of_a_readable_size():
    """No module of the program or its tests is over 400 lines."""
    sources = [*ROOT.glob("models/**/*.py"), *ROOT.glob("gui/**/*.py"), *ROOT.glob("tests/*.py"), ROOT / "main.py"]
    long = {str(p.relative_to(ROOT)): n for p in sources if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_every_model_module_imports_without_qt():
    """Each module of models/, imported alone in a fresh interpreter, brings in no PySide6 and no pyqtgraph."""
    names = sorted(grimp.build_graph("models").modules)
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert len(names) > 30
    assert result.stdout.strip() == "[]"


def _strongly_connected(graph: grimp.ImportGraph) -> list[set[str]]:
    """Tarjan's strongly connected components of the graph of direct imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            components.append(component)

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return components
