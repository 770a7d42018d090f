"""The Windows version resource of annotator's executables, for PyInstaller's EXE(version=...).

Built from the package version at build time rather than kept as a text file, so the
"Details" tab in Explorer never shows a stale version.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PyInstaller.utils.win32.versioninfo import VSVersionInfo


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """The leading release numbers of a version, padded or cut to the four Windows expects.

    "0.1.0" gives (0, 1, 0, 0); suffixes such as ".dev3+g1234" or "rc1" are dropped, because
    a version resource holds four 16-bit numbers and nothing else.
    """
    match = re.match(r"\d+(?:\.\d+)*", version.strip().removeprefix("v"))
    numbers = [int(part) for part in match.group().split(".")] if match else []
    padded = [*numbers, 0, 0, 0, 0][:4]
    if any(n > 0xFFFF for n in padded):
        raise ValueError(f"{version!r}: each part of a Windows version must be below 65536")
    return padded[0], padded[1], padded[2], padded[3]


def version_info(version: str, filename: str = "annotator-gui.exe") -> VSVersionInfo:
    """The version resource for one executable; pass each EXE's own file name.

    PyInstaller's versioninfo module imports pefile, which PyInstaller installs only on
    Windows, hence the import here and not at module level.
    """
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = numeric_version(version)
    dotted = ".".join(str(n) for n in numbers)
    strings = {
        "CompanyName": "The annotator team",
        "FileDescription": "annotator",
        "FileVersion": dotted,
        "InternalName": filename.removesuffix(".exe"),
        "LegalCopyright": "MIT licence",
        "OriginalFilename": filename,
        "ProductName": "annotator",
        "ProductVersion": dotted,
    }
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            # 0409 = US English, 04B0 = 1200 = Unicode: the pair Windows looks up first.
            StringFileInfo(
                [StringTable("040904B0", [StringStruct(k, v) for k, v in strings.items()])]
            ),
            VarFileInfo([VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
