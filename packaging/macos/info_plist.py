"""Info.plist entries for annotator.app, for PyInstaller's BUNDLE(info_plist=...).

PyInstaller writes the basics (CFBundleIdentifier from bundle_identifier, CFBundleExecutable,
CFBundleIconFile from icon=) and merges this dict over them. The document type and the
exported UTI are what let Finder show .annotator files with the app's icon and open them
with a double-click.

Note for the main developer: Finder does not pass a double-clicked (or dropped) document on
the command line. macOS sends an "open documents" Apple Event, which Qt delivers to the
QApplication as a QFileOpenEvent (QEvent.Type.FileOpen, path in event.file()). It can arrive
before the main window exists and again while the app runs, so annotator.ui needs an event
filter on the application that opens (or queues) the file. PyInstaller's argv_emulation
turns only the launch event into argv and misbehaves with Qt's event loop: leave it off.
"""

from __future__ import annotations

import re
from typing import Any

BUNDLE_ID = "org.annotator.annotator"
PROJECT_UTI = "org.annotator.project"
ICON_FILE = "annotator.icns"  # the name make_icons() writes; BUNDLE copies it to Resources/


def short_version(version: str) -> str:
    """The "major.minor.patch" that CFBundleShortVersionString and CFBundleVersion require.

    Apple accepts only up to three period-separated integers, so ".dev3+g1234" is dropped.
    """
    match = re.match(r"\d+(?:\.\d+)*", version.strip().removeprefix("v"))
    numbers = match.group().split(".") if match else []
    return ".".join([*numbers, "0", "0", "0"][:3])


def info_plist(version: str) -> dict[str, Any]:
    """The Info.plist entries PyInstaller does not set, for this version."""
    numeric = short_version(version)
    return {
        "CFBundleName": "annotator",
        "CFBundleDisplayName": "annotator",
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleShortVersionString": numeric,
        "CFBundleVersion": numeric,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
        # False lets the app follow the system's dark mode (Qt supports it since 5.12).
        "NSRequiresAquaSystemAppearance": False,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": "annotator project",
                "CFBundleTypeRole": "Editor",
                "LSHandlerRank": "Owner",
                "LSItemContentTypes": [PROJECT_UTI],
                "CFBundleTypeIconFile": ICON_FILE,
            }
        ],
        # Exported, not imported: annotator defines this type, so macOS trusts our declaration.
        "UTExportedTypeDeclarations": [
            {
                "UTTypeIdentifier": PROJECT_UTI,
                "UTTypeDescription": "annotator project",
                "UTTypeConformsTo": ["public.data", "public.database"],
                "UTTypeIconFile": ICON_FILE,
                "UTTypeTagSpecification": {
                    "public.filename-extension": ["annotator"],
                    "public.mime-type": ["application/x-annotator-project"],
                },
            }
        ],
    }
