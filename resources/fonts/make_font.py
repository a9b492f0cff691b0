"""Build the bundled CJK font: a subset of Noto Sans CJK SC that draws every report without system fonts.

    .venv/bin/pip install fonttools            (the project's "font" extra)
    .venv/bin/python resources/fonts/make_font.py

The source is the Simplified Chinese face of Debian's fonts-noto-cjk (`apt-get install fonts-noto-cjk`),
or any NotoSansCJK-Regular.ttc / NotoSansCJKsc-Regular.otf named with `--source`. The subset covers
GB2312, ASCII, the common full-width and CJK punctuation, and every character of the reports in
`../shared/reports` and `tests/reports`. It writes NotoSansCJKsc-Subset.otf and OFL.txt beside itself.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUTPUT = HERE / "NotoSansCJKsc-Subset.otf"
LICENCE = HERE / "OFL.txt"
DEBIAN_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FACE_NAME = "Noto Sans CJK SC"
REPORT_FOLDERS = (
    ROOT.parent / "shared" / "reports",
    ROOT / "tests" / "reports",
    ROOT / "resources" / "reports",
)
# Kerning for Latin and digits, and the CJK forms a horizontal text may ask for; the rest of the
# layout tables (vertical forms, other locales' glyphs) only add weight.
LAYOUT_FEATURES = ["kern", "palt", "halt", "liga", "ccmp"]


def gb2312_characters() -> set[str]:
    """Every character of GB2312: rows 0xA1-0xF7, cells 0xA1-0xFE, minus the code points it leaves empty."""
    characters = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                characters.add(bytes((row, cell)).decode("gb2312"))
    return characters


def punctuation_characters() -> set[str]:
    """ASCII, Latin-1 punctuation, CJK symbols and punctuation, and the full-width forms."""
    ranges = [
        (0x20, 0x7F),
        (0xA0, 0x100),
        (0x2010, 0x2070),
        (0x2190, 0x2194),
        (0x2460, 0x24A0),
        (0x3000, 0x3040),
        (0xFE30, 0xFE50),
        (0xFF00, 0xFFF0),
    ]
    return {chr(code) for start, stop in ranges for code in range(start, stop)}


def report_characters() -> set[str]:
    """Every character of the reports this project reads (UTF-8, else GB18030, as the reader tries them)."""
    characters: set[str] = set()
    for folder in REPORT_FOLDERS:
        for path in sorted(folder.glob("*")):
            if path.suffix in {".txt", ".html"}:
                data = path.read_bytes()
                try:
                    characters |= set(data.decode("utf-8-sig"))
                except UnicodeDecodeError:
                    characters |= set(data.decode("gb18030", errors="replace"))
    return {ch for ch in characters if ch.isprintable() or ch == "\u3000"}


def open_face(source: Path):
    from fontTools.ttLib import TTCollection, TTFont

    if source.suffix.lower() == ".ttc":
        for font in TTCollection(source).fonts:
            if font["name"].getDebugName(1) == FACE_NAME:
                return font
        sys.exit(f"{source} has no face named {FACE_NAME}")
    return TTFont(source)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEBIAN_FONT, help="NotoSansCJK .ttc or SC .otf")
    args = parser.parse_args()
    if not args.source.exists():
        sys.exit(
            f"找不到字体 {args.source}。请安装 Debian 软件包 fonts-noto-cjk"
            "（sudo apt-get install fonts-noto-cjk），"
            "或用 --source 指定 NotoSansCJK-Regular.ttc / NotoSansCJKsc-Regular.otf。"
        )
    from fontTools import subset

    font = open_face(args.source)
    wanted = gb2312_characters() | punctuation_characters() | report_characters()
    cmap = font.getBestCmap()
    needed = gb2312_characters() | report_characters()
    missing = sorted(ch for ch in needed if ord(ch) not in cmap and not ch.isspace())
    options = subset.Options()
    options.hinting = False
    options.desubroutinize = False
    options.layout_features = LAYOUT_FEATURES
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in wanted])
    subsetter.subset(font)
    font.save(OUTPUT)
    write_licence(font)
    print(f"{OUTPUT.name}: {len(wanted)} characters, {OUTPUT.stat().st_size / 1e6:.1f} MB")
    if missing:
        print(f"the source font lacks {len(missing)}: {''.join(missing)}")
    return 0


def write_licence(font) -> None:
    """OFL.txt: the font's own copyright notice, then the licence text as Debian ships it."""
    # Upstream's LICENSE names the reserved font name that the font's own notice leaves out.
    notice = f"{font['name'].getDebugName(0).rstrip('.')}, with Reserved Font Name 'Source'."
    lines = DEBIAN_COPYRIGHT.read_text(encoding="utf-8").splitlines()
    # The licence's own paragraph is the "License: SIL-1.1" line followed by indented text.
    start = next(
        i + 1 for i, line in enumerate(lines[:-1]) if line == "License: SIL-1.1" and lines[i + 1].startswith(" ")
    )
    body = []
    for line in lines[start:]:
        if not line.startswith(" "):
            break
        body.append("" if line == " ." else line[1:])
    preface = (
        "NotoSansCJKsc-Subset.otf is a subset of Noto Sans CJK SC (https://github.com/notofonts/noto-cjk),\n"
        "made by make_font.py in this folder. It is licensed under the SIL Open Font License, Version 1.1:"
    )
    LICENCE.write_text(
        f"{notice}\n\n{preface}\n\n" + "\n".join(body) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
