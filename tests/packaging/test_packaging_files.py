"""The installer files are consistent with the app and with each other, without building anything.

A broken workflow, .desktop file or plist only shows up on a release otherwise, on a platform
the developer may not have.
"""

import configparser
import importlib.util
import os
import plistlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from annotator.store import ProjectStore
from annotator.store.project import PROJECT_SUFFIX
from annotator.store.schema import APPLICATION_ID

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
MIME_TYPE = "application/x-annotator-project"


def load(relative: str) -> ModuleType:
    """Import a packaging script by path: packaging/ is not a package (and the name is taken)."""
    path = PACKAGING / relative
    spec = importlib.util.spec_from_file_location(f"annotator_packaging_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- GitHub Actions ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_workflow_triggers(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as the boolean true
    assert triggers["push"]["tags"] == ["v*"]
    assert "packaging/**" in triggers["pull_request"]["paths"]
    assert "workflow_dispatch" in triggers


def test_workflow_builds_on_the_three_systems(workflow):
    (job,) = workflow["jobs"].values()
    assert set(job["strategy"]["matrix"]["os"]) == {"ubuntu-22.04", "windows-2022", "macos-14"}


def test_every_step_does_something(workflow):
    for step in steps(workflow):
        assert ("uses" in step) != ("run" in step), step


def test_actions_are_pinned_to_a_major_version(workflow):
    for step in steps(workflow):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_secrets_reach_scripts_only_through_env(workflow):
    """A secret expanded inside run: is printed with the script; through env it is not."""
    for step in steps(workflow):
        assert "secrets." not in step.get("run", ""), step.get("name")


def test_workflow_runs_the_files_it_names(workflow):
    scripts = " ".join(step.get("run", "") for step in steps(workflow))
    for path in re.findall(r"packaging[/\\][\w/\\.-]+\.(?:py|ps1|iss|plist)", scripts):
        assert (ROOT / path.replace("\\", "/")).is_file() or path.endswith("build.py"), path


# -- Linux ---------------------------------------------------------------------------------------


def test_desktop_entry():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(PACKAGING / "linux" / "annotator.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "annotator"
    assert desktop["GenericName"] == "News annotation tool"
    assert desktop["Comment"]
    assert desktop["Exec"] == "annotator-gui %f"
    assert desktop["Icon"] == "annotator"
    assert desktop["Terminal"] == "false"
    assert desktop["Categories"] == "Office;TextTools;"
    assert desktop["MimeType"] == f"{MIME_TYPE};"


def test_mime_type_matches_project_files(tmp_path):
    root = ET.parse(PACKAGING / "linux" / "annotator-mime.xml").getroot()
    mime = root.find("m:mime-type", MIME_NS)
    assert mime is not None and mime.get("type") == MIME_TYPE
    assert mime.find("m:comment", MIME_NS).text == "annotator project"
    assert mime.find("m:glob", MIME_NS).get("pattern") == f"*{PROJECT_SUFFIX}"
    header = mime.find("m:magic/m:match", MIME_NS)
    assert (header.get("type"), header.get("offset")) == ("string", "0")
    app_id = header.find("m:match", MIME_NS)  # nested: both must match
    assert (app_id.get("type"), app_id.get("offset")) == ("big32", "68")
    assert int(app_id.get("value"), 16) == APPLICATION_ID

    # The magic describes the files the app really writes.
    path = tmp_path / f"magic{PROJECT_SUFFIX}"
    with ProjectStore.create(path):
        pass
    data = path.read_bytes()
    assert data.startswith(header.get("value").encode("ascii"))
    assert int.from_bytes(data[68:72], "big") == APPLICATION_ID


@pytest.fixture
def unpacked_tarball(tmp_path) -> Path:
    """What install.sh finds beside itself, with stand-in executables."""
    top = tmp_path / "annotator-0.1.0-linux"
    (top / "annotator" / "_internal").mkdir(parents=True)
    for exe in ("annotator", "annotator-gui"):
        (top / "annotator" / exe).write_text("#!/bin/sh\necho ran\n")
        (top / "annotator" / exe).chmod(0o755)
    for name in ("install.sh", "annotator.desktop", "annotator-mime.xml"):
        shutil.copy2(PACKAGING / "linux" / name, top / name)
    (top / "annotator.png").write_bytes(b"\x89PNG stand-in")
    return top


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_install_script_installs_and_reinstalls(unpacked_tarball, tmp_path):
    prefix = tmp_path / "prefix with space"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home")}
    for _ in range(2):  # the second run upgrades in place
        done = subprocess.run(
            ["sh", str(unpacked_tarball / "install.sh"), str(prefix)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert "installed the application" in done.stdout
    app = prefix / "opt" / "annotator"
    assert not (prefix / "opt" / "annotator.new").exists()
    for exe in ("annotator", "annotator-gui"):
        link = prefix / "bin" / exe
        assert link.resolve() == (app / exe).resolve()
        assert subprocess.run([str(link)], capture_output=True, text=True).stdout == "ran\n"
    desktop = (prefix / "share" / "applications" / "annotator.desktop").read_text()
    assert f'Exec="{app}/annotator-gui" %f' in desktop.splitlines()
    share = prefix / "share"
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "annotator.png").is_file()
    assert (share / "mime" / "packages" / "annotator.xml").is_file()
    if shutil.which("update-mime-database"):  # it accepted the XML and compiled the type
        assert (share / "mime" / "application" / "x-annotator-project.xml").is_file()


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_install_script_names_the_missing_x11_packages(unpacked_tarball, tmp_path):
    """The installed program checks the window's system libraries; a missing one is named
    with its packages, and the installation (the command line works) still succeeds."""
    calls = tmp_path / "calls"
    sentence = (
        "annotator: error: the window cannot open: Qt's X11 platform plugin (xcb) needs the "
        "system library libxcb-cursor.so.0, which is not installed; install it with ..."
    )
    (unpacked_tarball / "annotator" / "annotator").write_text(
        f'#!/bin/sh\necho "$*" >> "{calls}"\necho "{sentence}" >&2\nexit 1\n'
    )
    prefix = tmp_path / "prefix"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path / "home")}
    done = subprocess.run(
        ["sh", str(unpacked_tarball / "install.sh"), str(prefix)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert calls.read_text() == "gui --check-libraries\n"
    assert sentence in done.stderr
    assert "the window needs the packages named above" in done.stdout
    assert (prefix / "bin" / "annotator").exists()


# -- macOS ---------------------------------------------------------------------------------------


def test_info_plist_registers_the_project_type():
    module = load("macos/info_plist.py")
    plist = plistlib.loads(plistlib.dumps(module.info_plist("0.1.0.dev2+gabc")))
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == "0.1.0"
    assert plist["LSMinimumSystemVersion"] == "11.0"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["NSRequiresAquaSystemAppearance"] is False
    (document,) = plist["CFBundleDocumentTypes"]
    (exported,) = plist["UTExportedTypeDeclarations"]
    assert document["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    assert document["CFBundleTypeRole"] == "Editor"
    assert document["LSHandlerRank"] == "Owner"
    assert document["CFBundleTypeIconFile"] == "annotator.icns"
    assert {"public.data", "public.database"} <= set(exported["UTTypeConformsTo"])
    tags = exported["UTTypeTagSpecification"]
    assert tags["public.filename-extension"] == [PROJECT_SUFFIX.removeprefix(".")]
    assert tags["public.mime-type"] == [MIME_TYPE]


def test_entitlements_parse():
    with (PACKAGING / "macos" / "entitlements.plist").open("rb") as file:
        assert plistlib.load(file)["com.apple.security.cs.allow-unsigned-executable-memory"]


@pytest.mark.parametrize(
    ("version", "short"), [("0.1.0", "0.1.0"), ("2", "2.0.0"), ("v1.2.3.4rc1", "1.2.3")]
)
def test_bundle_version_is_three_numbers(version, short):
    assert load("macos/info_plist.py").short_version(version) == short


# -- Windows -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)), ("0.2.0.dev3+g12ab", (0, 2, 0, 0))],
)
def test_windows_version_numbers(version, numbers):
    assert load("windows/version_info.py").numeric_version(version) == numbers


def test_windows_version_numbers_fit_in_16_bits():
    with pytest.raises(ValueError, match="65536"):
        load("windows/version_info.py").numeric_version("2024.70000")


def test_version_info_builds():
    # Its versioninfo module needs pefile and win32api, which PyInstaller has only on Windows.
    pytest.importorskip("PyInstaller.utils.win32.versioninfo", exc_type=ImportError)
    info = load("windows/version_info.py").version_info("0.1.0", "annotator.exe")
    text = str(info)
    assert "filevers=(0, 1, 0, 0)" in text
    assert "StringStruct('OriginalFilename', 'annotator.exe')" in text
    assert "StringStruct('CompanyName', 'The annotator team')" in text
    assert info.toRaw()


def test_inno_setup_script():
    script = (PACKAGING / "windows" / "annotator.iss").read_text(encoding="utf-8")
    for needed in (
        "{#AppVersion}",
        "{#SourceDir}",
        "{#OutputDir}",
        "SetupIconFile={#IconFile}",
        '#define ProgId "annotator.project"',
        '#define AppExe "annotator-gui.exe"',
        "PrivilegesRequiredOverridesAllowed=dialog",
        "DefaultDirName={autopf}",
        r"Software\Classes\.annotator",
        '"""{app}\\{#AppExe}"" ""%1"""',
        "ChangesAssociations=yes",
    ):
        assert needed in script, needed
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", script, re.MULTILINE)


# -- icons ---------------------------------------------------------------------------------------


def test_make_icons(tmp_path, qapp):
    """qapp first, or make_icons creates a QGuiApplication that widget tests cannot use."""
    image = pytest.importorskip("PIL.Image")
    pytest.importorskip("PySide6.QtSvg")
    paths = load("icons.py").make_icons(tmp_path / "icons")
    assert {p.name for p in paths.values()} == {
        "annotator.ico",
        "annotator.icns",
        "annotator-256.png",
    }
    with image.open(paths["ico"]) as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= ico.info["sizes"]
    with image.open(paths["icns"]) as icns:
        assert icns.format == "ICNS"
        assert icns.size == (1024, 1024)
    with image.open(paths["png"]) as png:
        assert (png.size, png.mode) == ((256, 256), "RGBA")
        assert png.getpixel((0, 0))[3] == 0  # the rounded corner stays transparent
        assert png.getpixel((128, 128))[3] == 255


def test_icons_script_usage():
    pytest.importorskip("PIL")
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "icons.py")], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "usage" in done.stderr
