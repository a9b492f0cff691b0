"""Find the files the program ships in `resources/` (reports, fonts), or say plainly which one is missing."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "年报阅读器"
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
BUNDLED_REPORT = "reports/sanming-2017.txt"
BUNDLED_FONT = "fonts/NotoSansCJKsc-Subset.otf"


class MissingResourceError(FileNotFoundError):
    """A file the program ships with is not where it should be."""


def resource_path(relative: str) -> Path:
    """The path of `relative` inside `resources/`; raises MissingResourceError naming it when absent."""
    path = RESOURCES / relative
    if not path.is_file():
        raise MissingResourceError(f"缺少程序自带的文件：{path}（安装不完整，请重新获取 resources/{relative}）")
    return path
