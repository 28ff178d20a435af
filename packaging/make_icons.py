"""Render the app icon from resources/icons/xiaoer.svg: xiaoer.png (256 px, the desktop
entry's and the window's) and xiaoer.ico (16–256 px, the Windows executable's).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py

Run again after changing the SVG; the outputs are committed.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def render(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def main() -> None:
    _app = QGuiApplication([])
    png = render(ICONS / "xiaoer.svg", 256)
    (ICONS / "xiaoer.png").write_bytes(png)
    Image.open(io.BytesIO(png)).save(ICONS / "xiaoer.ico", sizes=ICO_SIZES)
    for name in ("xiaoer.png", "xiaoer.ico"):
        print(f"{ICONS / name}: {(ICONS / name).stat().st_size} bytes")


if __name__ == "__main__":
    main()
