"""The chart's scene as an image (PNG, the clipboard) or as an SVG drawing any program shows the same.

Both draw the scene as it is on screen. The SVG comes from Qt's SVG generator and is then made plain:
every group's transform is worked into the coordinates it moves (pyqtgraph draws bars in the data's
own units, scaled by thousands, with lines that must stay one pixel wide, which renderers other than Qt's
draw wrongly), and every text becomes the outline of its glyphs, so a machine without the CJK font shows
the same shapes. The words stay in the drawing's description, for search and for screen readers.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPicture, QTransform
from PySide6.QtWidgets import QGraphicsScene

from models.export.atomic import replacing

EXPORT_SCALE = 2  # exported images have twice the chart's pixels, sharp in a document or on a slide
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
GLYPH_SIZE = 100.0  # pixels the glyphs' outlines are taken at, then scaled to the text's size
_S = f"{{{SVG_NS}}}"
_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_FONT_ATTRIBUTES = ("font-family", "font-size", "font-weight", "font-style")
_GEOMETRY = {
    "rect": ("x", "y", "width", "height", "rx", "ry"),
    "ellipse": ("cx", "cy", "rx", "ry"),
    "circle": ("cx", "cy", "r"),
    "line": ("x1", "y1", "x2", "y2"),
    "polyline": ("points",),
    "polygon": ("points",),
    "text": ("x", "y", "xml:space", "{http://www.w3.org/XML/1998/namespace}space", *_FONT_ATTRIBUTES),
}

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


def render(scene: QGraphicsScene, source: QRectF, background: str, painter: QPainter) -> None:
    """Draw the scene's `source` rectangle at the painter's origin on the chart's background."""
    # Not pyqtgraph's exporters: in 0.14.0 the SVG one fails on the closed paths Qt 6.11 writes
    # (pyqtgraph#3495) and the image one enlarges the axes' text but not the legend's.
    target = QRectF(QPointF(0, 0), source.size())
    painter.fillRect(target, QColor(background))
    scene.render(painter, target, source)


def image(scene: QGraphicsScene, source: QRectF, background: str) -> QImage:
    """The scene's `source` as an image with EXPORT_SCALE times its pixels."""
    picture = QImage((source.size() * EXPORT_SCALE).toSize(), QImage.Format.Format_ARGB32)
    picture.setDevicePixelRatio(EXPORT_SCALE)
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    render(scene, source, background, painter)
    painter.end()
    return picture


def save_png(picture: QImage, path: str | Path) -> None:
    """Save an image as PNG; OSError if it cannot be written, leaving an older file whole."""
    with replacing(path) as temp:
        if not picture.save(str(temp), "PNG"):
            raise OSError(f"无法写入图片：{path}")


def svg_bytes(scene: QGraphicsScene, source: QRectF, background: str, title: str, description: str) -> bytes:
    """The scene's `source` as SVG from Qt's generator, before it is made plain."""
    from PySide6.QtSvg import QSvgGenerator  # only exports need it

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    # pyqtgraph records its axes as QPictures and replays them scaled by the target's resolution over
    # the picture's: the generator's default of 72 dpi would shrink them by a quarter against the bars.
    generator.setResolution(QPicture().logicalDpiX())
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()))
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError("无法生成 SVG")
    render(scene, source, background, painter)
    painter.end()
    buffer.close()
    return bytes(data.data())


def save_svg(
    scene: QGraphicsScene, source: QRectF, background: str, title: str, description: str, path: str | Path
) -> None:
    """Save the scene's `source` as plain SVG (see the module); OSError if it cannot be written."""
    drawing = plain_svg(svg_bytes(scene, source, background, title, description))
    with replacing(path) as temp:  # a failed write leaves an old drawing as it was
        Path(temp).write_bytes(drawing)


def plain_svg(data: bytes) -> bytes:
    """Qt's SVG with no transforms left on groups and every text as the outline of its glyphs."""
    root = ET.fromstring(data)
    _flatten(root, QTransform(), {})
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _flatten(element: ET.Element, matrix: QTransform, inherited: dict[str, str]) -> None:
    for child in list(element):
        tag = child.tag.removeprefix(_S)
        if tag == "g":
            own = _parse_matrix(child.attrib.pop("transform", ""))
            attributes = {**inherited, **{k: v for k, v in child.attrib.items() if k not in ("transform",)}}
            _flatten(child, own * matrix, attributes)
            continue
        if tag in ("title", "desc", "defs"):
            continue
        replacement = _plain(child, tag, matrix, inherited)
        if replacement is None:
            if not matrix.isIdentity():
                child.set("transform", _matrix_text(matrix))
            continue
        index = list(element).index(child)
        element.remove(child)
        element.insert(index, replacement)


def _plain(element: ET.Element, tag: str, matrix: QTransform, inherited: dict[str, str]) -> ET.Element | None:
    """The element as a path in the drawing's own coordinates, or None to keep it with its transform."""
    if tag == "text":
        path = _text_path(element, inherited)
    elif tag in _GEOMETRY or tag == "path":
        path = _shape_path(element, tag)
    else:
        return None
    if path is None:
        return None
    attributes = {k: v for k, v in element.attrib.items() if k not in _GEOMETRY.get(tag, ()) and k != "d"}
    if tag == "text":
        attributes["stroke"] = "none"
        attributes["fill-rule"] = "nonzero" if path.fillRule().name == "WindingFill" else "evenodd"
    scaling = attributes.pop("vector-effect", "") != "non-scaling-stroke"
    width = attributes.get("stroke-width", inherited.get("stroke-width"))
    if scaling and width is not None and tag != "text":
        # A pen that is not cosmetic grows with the transform it was drawn under.
        attributes["stroke-width"] = _number(float(width) * math.sqrt(abs(matrix.determinant())))
    replacement = ET.Element(f"{_S}path", attributes)
    replacement.set("d", _path_data(matrix.map(path)))
    return replacement


def _shape_path(element: ET.Element, tag: str) -> QPainterPath | None:
    get = element.get
    path = QPainterPath()
    if tag == "rect":
        path.addRect(QRectF(float(get("x", 0)), float(get("y", 0)), float(get("width", 0)), float(get("height", 0))))
    elif tag in ("ellipse", "circle"):
        rx = float(get("rx", get("r", 0)))
        ry = float(get("ry", get("r", 0)))
        path.addEllipse(QPointF(float(get("cx", 0)), float(get("cy", 0))), rx, ry)
    elif tag == "line":
        path.moveTo(float(get("x1", 0)), float(get("y1", 0)))
        path.lineTo(float(get("x2", 0)), float(get("y2", 0)))
    elif tag in ("polyline", "polygon"):
        numbers = [float(n) for n in _TOKEN.findall(get("points", "")) if not n.isalpha()]
        points = [QPointF(x, y) for x, y in zip(numbers[::2], numbers[1::2], strict=False)]
        if not points:
            return None
        path.moveTo(points[0])
        for point in points[1:]:
            path.lineTo(point)
        if tag == "polygon":
            path.closeSubpath()
    else:
        return _parse_path(get("d", ""))
    return path


def _parse_path(d: str) -> QPainterPath | None:
    """The absolute M, L, C, Q and Z commands Qt writes; None for anything else (the element is kept)."""
    tokens = _TOKEN.findall(d)
    path = QPainterPath()
    command, numbers = "", []
    for token in [*tokens, "END"]:
        if not token.isalpha():
            numbers.append(float(token))
            continue
        if command and not _add_segments(path, command, numbers):
            return None
        command, numbers = token, []
    return path


def _add_segments(path: QPainterPath, command: str, numbers: list[float]) -> bool:
    points = [QPointF(x, y) for x, y in zip(numbers[::2], numbers[1::2], strict=False)]
    if command == "Z":
        path.closeSubpath()
    elif command == "M" and points:
        path.moveTo(points[0])
        for point in points[1:]:
            path.lineTo(point)
    elif command == "L":
        for point in points:
            path.lineTo(point)
    elif command == "C" and len(points) % 3 == 0:
        for k in range(0, len(points), 3):
            path.cubicTo(points[k], points[k + 1], points[k + 2])
    elif command == "Q" and len(points) % 2 == 0:
        for k in range(0, len(points), 2):
            path.quadTo(points[k], points[k + 1])
    else:
        return False
    return True


def _text_path(element: ET.Element, inherited: dict[str, str]) -> QPainterPath | None:
    text = "".join(element.itertext())
    if not text.strip():
        return QPainterPath()

    def attribute(name: str, default: str) -> str:
        return element.get(name, inherited.get(name, default))

    font = QFont(QGuiApplication.font())
    family = attribute("font-family", font.family()).strip("'\"")
    if family not in font.families():
        font.setFamilies([family, *font.families()])
    font.setPixelSize(round(GLYPH_SIZE))
    weight = attribute("font-weight", "400")
    if weight.isdigit():
        font.setWeight(QFont.Weight(min(900, max(100, round(int(weight) / 100) * 100))))
    else:
        font.setWeight(_NAMED_WEIGHTS.get(weight, QFont.Weight.Normal))
    font.setItalic(attribute("font-style", "normal") in ("italic", "oblique"))
    path = QPainterPath()
    path.addText(QPointF(0, 0), font, text)
    size = float(attribute("font-size", str(GLYPH_SIZE)).removesuffix("px"))
    scale = QTransform.fromScale(size / GLYPH_SIZE, size / GLYPH_SIZE)
    place = QTransform.fromTranslate(float(element.get("x", 0)), float(element.get("y", 0)))
    return (scale * place).map(path)


_NAMED_WEIGHTS = {"normal": QFont.Weight.Normal, "bold": QFont.Weight.Bold}


def _parse_matrix(text: str) -> QTransform:
    numbers = [float(n) for n in _TOKEN.findall(text.removeprefix("matrix")) if not n.isalpha()]
    if text.startswith("matrix") and len(numbers) == 6:
        return QTransform(*numbers)
    if text.startswith("translate") and numbers:
        return QTransform.fromTranslate(numbers[0], numbers[1] if len(numbers) > 1 else 0.0)
    return QTransform()


def _matrix_text(matrix: QTransform) -> str:
    values = (matrix.m11(), matrix.m12(), matrix.m21(), matrix.m22(), matrix.dx(), matrix.dy())
    return "matrix(" + ",".join(_number(v) for v in values) + ")"


def _path_data(path: QPainterPath) -> str:
    parts: list[str] = []
    start = end = (0.0, 0.0)
    i = 0
    while i < path.elementCount():
        element = path.elementAt(i)
        if element.isMoveTo():
            if parts and end == start:
                parts.append("Z")
            parts.append(f"M{_number(element.x)},{_number(element.y)}")
            start = end = (element.x, element.y)
        elif element.isLineTo():
            parts.append(f"L{_number(element.x)},{_number(element.y)}")
            end = (element.x, element.y)
        else:  # a curve: this control point, the next, and the end point
            points = [path.elementAt(i + k) for k in range(3)]
            parts.append("C" + " ".join(f"{_number(p.x)},{_number(p.y)}" for p in points))
            end = (points[2].x, points[2].y)
            i += 2
        i += 1
    if parts and end == start:
        parts.append("Z")
    return " ".join(parts)


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"
