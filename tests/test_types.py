"""mypy over the package with pyproject.toml's [tool.mypy]: strict for the core (domain, store,
interop, review, app), the default checks for nlp, ui and cli, and no module exempt."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT_PACKAGES = {"domain", "store", "interop", "review", "app"}
#: mypy --strict, as per-module options (`strict = true` is not one: in an override it
#: would make every module strict).
STRICT_FLAGS = {
    "disallow_any_generics": True,
    "disallow_subclassing_any": True,
    "disallow_untyped_calls": True,
    "disallow_untyped_defs": True,
    "disallow_incomplete_defs": True,
    "disallow_untyped_decorators": True,
    "warn_return_any": True,
    "implicit_reexport": False,
    "strict_equality": True,
    "extra_checks": True,
}
#: ui modules mypy skips (`ignore_errors`). This list only ever shrinks: none is left.
EXEMPT: set[str] = set()


def mypy_config() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["mypy"]


def test_mypy_finds_no_errors() -> None:
    """Incremental: the cache in .mypy_cache makes a rerun take a second or two."""
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_the_core_is_strict() -> None:
    config = mypy_config()
    assert config["files"] == ["src/annotator"]
    assert config["warn_redundant_casts"] and config["warn_unused_ignores"]
    strict = {
        module.removeprefix("annotator.").removesuffix(".*")
        for override in config["overrides"]
        if STRICT_FLAGS.items() <= override.items()
        for module in override["module"]
    }
    assert strict >= STRICT_PACKAGES


def test_the_exempt_list_only_shrinks() -> None:
    exempt = {
        module
        for override in mypy_config()["overrides"]
        if override.get("ignore_errors")
        for module in override["module"]
    }
    assert exempt <= EXEMPT, f"new modules exempt from mypy: {sorted(exempt - EXEMPT)}"
