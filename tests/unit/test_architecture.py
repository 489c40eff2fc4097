"""The package's shape, as the README's Architecture section draws it, kept true.

Layers: a package may import its own layer and those below it, never one above,
so the core never reaches up to an engine. Imports under ``TYPE_CHECKING`` are
not counted: they name types and never run. Sizes: modules, classes and
functions stay small enough to read in one sitting, except where the README
says why.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugins" / "evidence_guides"
README = (REPO / "README.md").read_text(encoding="utf-8")

LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"__init__", "findings", "rule_ids", "options", "terminal", "workers"}),
    frozenset({"text", "files"}),
    frozenset({"store"}),
    frozenset({"guide"}),
    frozenset({"audit"}),
    frozenset({"pubmed", "build"}),
    frozenset({"cli", "mkdocs_adapter"}),
)
"""Bottom to top. ``mkdocs`` may be imported by ``mkdocs_adapter`` alone."""

MODULE_LINES, CLASS_LINES, FUNCTION_LINES = 400, 250, 60


def _layer(part: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if part in layer)


def _modules() -> Iterator[tuple[str, Path]]:
    for file in sorted(PACKAGE.rglob("*.py")):
        yield file.relative_to(PACKAGE).with_suffix("").parts[0], file


def _runtime_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, module) of every import that runs: not those under ``if TYPE_CHECKING``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "evidence_guides":  # a module of the package, or a name of __init__
                for alias in node.names:
                    name = alias.name
                    is_module = (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()
                    yield node.lineno, f"evidence_guides.{name if is_module else '__init__'}"
            else:
                yield node.lineno, node.module


def test_every_top_level_part_of_the_package_has_a_layer() -> None:
    parts = {part for part, _ in _modules()}
    assert parts <= set().union(*LAYERS), parts - set().union(*LAYERS)


def test_no_package_imports_one_above_it_and_only_the_adapter_imports_mkdocs() -> None:
    wrong = []
    for part, file in _modules():
        for line, module in _runtime_imports(ast.parse(file.read_text(encoding="utf-8"))):
            where = f"{file.relative_to(REPO)}:{line}"
            if module.split(".")[0] == "mkdocs" and part != "mkdocs_adapter":
                wrong.append(f"{where}: imports {module}")
            if module.startswith("evidence_guides."):
                target = module.split(".")[1]
                if _layer(target) > _layer(part):
                    wrong.append(f"{where}: {part} imports {module}, a layer above it")
    assert wrong == []


def _size_exceptions() -> set[str]:
    """What the README's Architecture section lets be larger, with its reason."""
    section = README.split("\n## Architecture\n", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- \*\*Larger than the limits:\*\* `([^`]+)`", section, re.M))


def _sizes() -> Iterator[tuple[str, int, int]]:
    """(name, lines, limit) of every module, class and function of the package."""
    for _, file in _modules():
        text = file.read_text(encoding="utf-8")
        name = file.relative_to(PACKAGE).as_posix()
        yield name, text.count("\n"), MODULE_LINES
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                limit = CLASS_LINES if isinstance(node, ast.ClassDef) else FUNCTION_LINES
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                yield f"{name}:{node.name}", lines, limit


def test_modules_classes_and_functions_stay_within_their_sizes() -> None:
    allowed = _size_exceptions()
    over = [
        f"{name}: {lines} lines (limit {limit})"
        for name, lines, limit in _sizes()
        if lines > limit and name not in allowed
    ]
    assert over == []


def test_every_size_exception_the_readme_grants_is_still_needed() -> None:
    sizes = {name: (lines, limit) for name, lines, limit in _sizes()}
    stale = [
        name
        for name in _size_exceptions()
        if sizes.get(name, (0, 1))[0] <= sizes.get(name, (0, 1))[1]
    ]
    assert stale == []


@pytest.mark.parametrize(
    "part", sorted({part for part, _ in _modules() if (PACKAGE / part).is_dir()})
)
def test_each_package_has_unit_tests_of_its_own(part: str) -> None:
    tests = REPO / "tests" / "unit" / part
    assert any(tests.glob("**/test_*.py")), f"no tests/unit/{part}/"


def test_pytest_collects_every_folder_of_tests() -> None:
    """A test folder pytest skips never runs: its default skips any folder named "build"."""
    options = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    skipped = options["tool"]["pytest"]["ini_options"]["norecursedirs"]
    tests = REPO / "tests"
    folders = {file.parent.relative_to(tests) for file in tests.rglob("test_*.py")}
    assert Path("unit/build") in folders
    assert [
        folder.as_posix()
        for folder in sorted(folders)
        if any(fnmatch.fnmatch(part, pattern) for part in folder.parts for pattern in skipped)
    ] == []
