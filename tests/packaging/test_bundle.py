"""The Linux bundle: built by the documented command, and its self-test passes in a clean
environment (no virtual environment on PATH). Slow (a few minutes): run with pytest -m slow."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle"),
]


def test_the_documented_build_produces_a_bundle_that_passes_its_self_test() -> None:
    pytest.importorskip("PyInstaller")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Self-test passed" in result.stdout
    assert list((ROOT / "dist").glob("annotator-*-linux-*.tar.gz"))
    bundle = ROOT / "dist" / "annotator"
    assert not list(bundle.rglob("tkinter")) and not list(bundle.rglob("_tkinter*"))
    assert not list(bundle.rglob("pytest"))
