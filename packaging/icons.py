"""Render the application icon for each platform's installer from the one SVG in resources/.

The spec calls make_icons() at build time, so the .ico, .icns and .png are never committed and
cannot drift from the SVG. Usage: python packaging/icons.py OUT_DIR
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "annotator.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Explorer asks for, up to its 256 px limit
ICNS_SIZES = (32, 64, 128, 256, 512, 1024)  # the sizes Pillow's ICNS writer stores
LINUX_SIZE = 256  # hicolor/256x256/apps

_app: object = None  # the QGuiApplication created here, kept alive for later calls


def _ensure_gui_application() -> None:
    """QPainter needs a Q(Gui)Application for its font and raster setup; reuse one if present.

    Build machines have no display, so a new one is created on the offscreen platform.
    """
    global _app
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([sys.argv[0] if sys.argv else "icons"])


def render(size: int, svg: Path = SVG) -> Image.Image:
    """The SVG drawn at size x size pixels, with a transparent background.

    Each size is rendered from the vector source: downscaling a large bitmap blurs the
    thin lines of the 16 and 24 px icons.
    """
    _ensure_gui_application()
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"cannot render {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    # A PNG round trip hands Pillow straight (not premultiplied) RGBA without stride fiddling.
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    with Image.open(io.BytesIO(data.data())) as png:
        return png.convert("RGBA")


def make_icons(out_dir: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write annotator.ico, annotator.icns and annotator-256.png into out_dir.

    Returns their paths keyed "ico", "icns" and "png".
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    images = {size: render(size, svg) for size in sorted({*ICO_SIZES, *ICNS_SIZES})}
    paths = {
        "ico": out_dir / "annotator.ico",
        "icns": out_dir / "annotator.icns",
        "png": out_dir / f"annotator-{LINUX_SIZE}.png",
    }
    largest_ico = images[max(ICO_SIZES)]
    largest_ico.save(
        paths["ico"],
        format="ICO",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    images[max(ICNS_SIZES)].save(
        paths["icns"],
        format="ICNS",
        append_images=[images[s] for s in ICNS_SIZES if s != max(ICNS_SIZES)],
    )
    images[LINUX_SIZE].save(paths["png"], format="PNG")
    return paths


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python packaging/icons.py OUT_DIR", file=sys.stderr)
        return 2
    for path in make_icons(Path(args[0])).values():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
