"""Build the one-folder bundle for this platform, archive it, and self-test it.

    python packaging/build.py            # build, archive, self-test
    python packaging/build.py --test     # only self-test an existing dist/annotator

The self-test runs the bundle's own `annotator self-test` in a clean environment: a minimal
PATH with no virtual environment on it, an empty HOME, and no PYTHON* variables, so the
bundle must carry everything it needs. The bundle's size and the time its executable takes to
start are printed for packaging/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
BUNDLE = DIST / "annotator"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def version() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    import annotator

    return annotator.__version__


def build() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build"),
            str(ROOT / "packaging" / "annotator.spec"),
        ],
        check=True,
    )


def archive() -> Path:
    """The file to hand out: a tarball with install.sh on Linux, a zip elsewhere (Windows
    also gets an Inno Setup installer in CI, macOS a signed .app)."""
    name = f"annotator-{version()}-{platform_name()}"
    if sys.platform.startswith("linux"):
        out = DIST / f"{name}.tar.gz"
        linux = ROOT / "packaging" / "linux"
        with tarfile.open(out, "w:gz") as tar:
            tar.add(BUNDLE, arcname=f"{name}/annotator")
            for extra in ("install.sh", "annotator.desktop", "annotator-mime.xml"):
                tar.add(linux / extra, arcname=f"{name}/{extra}")
            # The spec makes the icons in its work folder, build/<spec name>/icons.
            icon = ROOT / "build" / "annotator" / "icons" / "annotator-256.png"
            tar.add(icon, arcname=f"{name}/annotator.png")
        return out
    out = DIST / f"{name}.zip"
    if sys.platform == "darwin":  # ditto keeps the .app's symlinks and signatures; zipfile not
        app = DIST / "annotator.app"
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(app), str(out)], check=True)
        return out
    source = BUNDLE
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for path in sorted(source.rglob("*")):
            archive_file.write(path, Path(source.name) / path.relative_to(source))
    return out


def platform_name() -> str:
    machine = (
        os.uname().machine
        if hasattr(os, "uname")
        else os.environ.get("PROCESSOR_ARCHITECTURE", "x86_64")
    )
    system = {"linux": "linux", "darwin": "macos", "win32": "windows"}.get(
        sys.platform, sys.platform
    )
    return f"{system}-{machine.lower()}"


def clean_environment(home: Path) -> dict[str, str]:
    """What a user's fresh login would have: no virtual environment, no Python settings."""
    env = {
        "HOME": str(home),
        "USERPROFILE": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PATH": os.pathsep.join(["/usr/bin", "/bin"])
        if os.name != "nt"
        else r"C:\Windows\System32",
    }
    for keep in ("SYSTEMROOT", "TEMP", "TMP", "WINDIR"):  # Windows cannot start without these
        if keep in os.environ:
            env[keep] = os.environ[keep]
    return env


def self_test(bundle: Path = BUNDLE) -> float:
    """Run the bundle's self-test in a clean environment; return how long it took."""
    executable = bundle / f"annotator{EXE_SUFFIX}"
    with tempfile.TemporaryDirectory(prefix="annotator-bundle-") as home:
        env = clean_environment(Path(home))
        started = time.perf_counter()
        subprocess.run([str(executable), "--version"], env=env, cwd=home, check=True)
        startup = time.perf_counter() - started
        subprocess.run([str(executable), "self-test"], env=env, cwd=home, check=True)
    return startup


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--test", action="store_true", help="only self-test dist/annotator")
    parser.add_argument(
        "--archive-only", action="store_true", help="only archive dist/annotator (after signing)"
    )
    args = parser.parse_args()
    if not args.test:
        if not args.archive_only:
            shutil.rmtree(BUNDLE, ignore_errors=True)
            build()
        out = archive()
        print(f"archive: {out} ({out.stat().st_size / 2**20:.0f} MB)")
        if args.archive_only:
            return 0
    startup = self_test()
    print(f"bundle: {BUNDLE} ({size_of(BUNDLE) / 2**20:.0f} MB unpacked)")
    print(f"start-up (annotator --version): {startup:.2f} s; self-test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
