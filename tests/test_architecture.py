"""Layering rules: Qt only in annotator.ui, spaCy only when a function needs it, and the
package layers of pyproject.toml's import-linter contracts."""

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import annotator

PACKAGE = Path(annotator.__file__).resolve().parent
ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = {"PySide6", "shiboken6"}
HEAVY_MODULES = {"spacy", "thinc"}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def is_ui(path: Path) -> bool:
    return path.relative_to(PACKAGE).parts[0] == "ui"


def imported_roots(node: ast.AST) -> Iterator[str]:
    """Top-level names of the modules a single Import/ImportFrom statement brings in."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name.partition(".")[0]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        yield node.module.partition(".")[0]


def module_level_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Imports run when the module is imported: outside function bodies and TYPE_CHECKING."""
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend(node.orelse)
            continue
        for name in imported_roots(node):
            yield node.lineno, name
        pending.extend(ast.iter_child_nodes(node))


def test_walk_finds_the_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in modules()}
    assert {"cli.py", "store/project.py", "app/importing.py", "domain/text.py"} <= names


def test_module_level_walk_sees_nested_blocks() -> None:
    """The helper itself: try/if/class bodies count as module level, functions do not."""
    tree = ast.parse(
        "try:\n    import spacy\nexcept ImportError:\n    pass\n"
        "class A:\n    from thinc import api\n"
        "def f():\n    import spacy.lang\n"
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import thinc\n"
    )
    assert sorted(module_level_imports(tree)) == [(2, "spacy"), (6, "thinc"), (9, "typing")]


@pytest.mark.parametrize(
    "path", [p for p in modules() if not is_ui(p)], ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_qt_outside_ui(path: Path) -> None:
    """Qt stays in annotator.ui, anywhere in a module (functions included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = [
        (node.lineno, name)
        for node in ast.walk(tree)
        for name in imported_roots(node)
        if name in QT_MODULES
    ]
    assert found == [], f"{path}: imports Qt at {found}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_spacy_at_module_level(path: Path) -> None:
    """spaCy and thinc take seconds to import: only the functions that use them may do it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = [(line, name) for line, name in module_level_imports(tree) if name in HEAVY_MODULES]
    assert found == [], f"{path}: imports spaCy/thinc at module level at {found}"


def test_core_imports_leave_qt_and_spacy_unloaded() -> None:
    """The CLI and the core load without Qt or spaCy, so scripts start fast and headless."""
    code = (
        "import sys\n"
        "import annotator.cli, annotator.app.projects, annotator.app.importing, annotator.store\n"
        "import annotator.interop.jsonl, annotator.interop.plaintext, annotator.domain\n"
        "loaded = sorted({name.partition('.')[0] for name in sys.modules}"
        " & {'PySide6', 'shiboken6', 'spacy', 'thinc'})\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


def test_import_linter_contracts_are_kept() -> None:
    """domain < store, nlp < interop < review < app < ui < cli, and the forbidden shortcuts."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports is not None, "import-linter is not installed (pip install -e '.[test]')"
    done = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
