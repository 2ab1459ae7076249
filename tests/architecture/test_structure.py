"""The shape of the code, checked: no import cycles, small files and classes, no empty TYPE_CHECKING blocks,
and import contracts that really break when a layer is crossed."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("course", "lessons", "quizzes", "tui", "progress_store")
MAX_FILE_LINES, MAX_CLASS_LINES = 400, 300


def source_files() -> list[Path]:
    """Every Python source file of the packages (the bundled course content aside)."""
    files = []
    for package in PACKAGES:
        files += [p for p in (REPO / package).rglob("*.py") if "content" not in p.relative_to(REPO).parts]
    return sorted(files)


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that import each other, directly or not."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_strongly_connected_finds_a_planted_cycle() -> None:
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert strongly_connected({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles_between_modules() -> None:
    """Imports at module level and inside functions both count; only TYPE_CHECKING imports are exempt."""
    imports = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    graph = {module: set(imports.find_modules_directly_imported_by(module)) for module in imports.modules}
    assert strongly_connected(graph) == []


def test_no_source_file_or_class_is_too_long() -> None:
    long_files, long_classes = [], []
    for path in source_files():
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(REPO))
        if len(text.splitlines()) > MAX_FILE_LINES:
            long_files.append(f"{name}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_CLASS_LINES:
                    long_classes.append(f"{name}: class {node.name} has {length} lines")
    assert long_files == [] and long_classes == []


def test_no_empty_type_checking_blocks() -> None:
    empty = []
    for path in source_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.If) or ast.unparse(node.test) not in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
                continue
            if all(isinstance(stmt, ast.Pass) for stmt in node.body):
                empty.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert empty == []


@pytest.fixture(scope="module")
def lint_imports() -> str:
    executable = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert executable, "import-linter is in the test extra"
    return executable


def _run_contracts(root: Path, lint_imports: str) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(root), "PATH": str(Path(sys.executable).parent), "HOME": str(root)}
    return subprocess.run([lint_imports, "--no-cache"], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_hold(lint_imports: str) -> None:
    result = _run_contracts(REPO, lint_imports)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_crossing_a_layer_breaks_its_contract(tmp_path: Path, lint_imports: str) -> None:
    """A probe: illegal imports planted in a copy of the code make every contract fail."""
    for package in PACKAGES:
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "content"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = {
        "course/engine/context.py": "import textual  # probe: Textual in the engine\n",
        "quizzes/scoring.py": "import sqlite3  # probe: SQLite in the domain\n",
        "tui/plain/console.py": "import tui.textual_app.app  # probe: one front end importing the other\n",
        "progress_store/records.py": "import course.engine.study  # probe: the store importing the engine\n",
    }
    for name, line in planted.items():
        path = tmp_path / name
        path.write_text(line + path.read_text(encoding="utf-8"), encoding="utf-8")
    result = _run_contracts(tmp_path, lint_imports)
    assert result.returncode != 0
    assert "0 kept, 4 broken" in result.stdout, result.stdout
