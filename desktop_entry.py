"""Install the reader into the user's application menu: `main.py --install-desktop` / `--uninstall-desktop`.

Writes a freedesktop desktop entry (from the template `resources/nianbao.desktop`) to
`$XDG_DATA_HOME/applications` and the SVG icon to the hicolor theme's `scalable/apps`
(`$XDG_DATA_HOME` defaults to `~/.local/share`). The entry's `Exec` is absolute: this project's
`.venv` Python and `main.py` from source, or the executable itself when run from the bundle, so that
a file manager's "Open with 年报阅读器" passes the report's path as `%f`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TEMPLATE = ROOT / "resources" / "nianbao.desktop"
ICON = ROOT / "resources" / "icons" / "nianbao.svg"
APP_ID = "nianbao-reader"
# Characters that make an Exec argument need quoting (Desktop Entry Specification, "The Exec key").
_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def data_home() -> Path:
    """Where user data lives: $XDG_DATA_HOME, or ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def entry_path() -> Path:
    """Where the desktop entry is installed."""
    return data_home() / "applications" / f"{APP_ID}.desktop"


def icon_path() -> Path:
    """Where the icon is installed, in the hicolor theme that every desktop falls back to."""
    return data_home() / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"


def command() -> list[str]:
    """The program and arguments that start the reader, before the report's path."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).resolve())]
    return [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "main.py")]


def exec_quote(argument: str) -> str:
    """One argument as the Exec key's own quoting wants it (before the value's escaping)."""
    argument = argument.replace("%", "%%")
    if not _RESERVED.search(argument):
        return argument
    return '"' + re.sub(r'(["`$\\])', r"\\\1", argument) + '"'


def escape_value(value: str) -> str:
    """A string as a desktop entry value: backslashes doubled, control characters escaped."""
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def entry_text() -> str:
    """The desktop entry for this copy of the reader."""
    program = command()
    return (
        TEMPLATE.read_text(encoding="utf-8")
        .replace("@TRYEXEC@", escape_value(program[0]))
        .replace("@EXEC@", escape_value(" ".join(exec_quote(part) for part in program)))
        .replace("@ICON@", APP_ID)
    )


def install() -> int:
    """Write the entry and the icon; 0, or 1 with one line on stderr when they cannot be written."""
    try:
        icon_path().parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICON, icon_path())
        entry_path().parent.mkdir(parents=True, exist_ok=True)
        entry_path().write_text(entry_text(), encoding="utf-8")
    except OSError as error:
        print(f"年报阅读器: 无法安装菜单项：{error}", file=sys.stderr)
        return 1
    _refresh_caches()
    print(f"已安装菜单项：{entry_path()}")
    print(f"已安装图标：{icon_path()}")
    return 0


def uninstall() -> int:
    """Remove the entry and the icon (what is already gone is fine); 0, or 1 when one cannot be removed."""
    removed = []
    for path in (entry_path(), icon_path()):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            print(f"年报阅读器: 无法删除 {path}：{error}", file=sys.stderr)
            return 1
        removed.append(path)
    _refresh_caches()
    for path in removed:
        print(f"已删除：{path}")
    if not removed:
        print("菜单项未安装，无需删除")
    return 0


def _refresh_caches() -> None:
    # Menus that read these caches pick the change up at once; the others rescan on their own.
    tools = (
        ("update-desktop-database", "-q", entry_path().parent),
        ("gtk-update-icon-cache", "-q", "-t", "-f", data_home() / "icons" / "hicolor"),
    )
    for tool, *arguments in tools:
        if shutil.which(tool) and Path(arguments[-1]).is_dir():
            subprocess.run([tool, *map(str, arguments)], capture_output=True, check=False)
