"""年报阅读器: open a report in the reader's window, or export what it holds as JSON.

    python3 main.py [REPORT]                      the window (the bundled report when none is named)
    python3 main.py --export outline|tables|checks [--format json|md|csv|xlsx] [-o FILE] [REPORT]
    python3 main.py --install-desktop | --uninstall-desktop   the menu entry and icon, for this user

Run with any Python 3.11+: on first use it makes `.venv/` beside this file, installs what
`pyproject.toml` asks for, and starts again inside it.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
EXPORTS = ("outline", "tables", "checks")
EXPORT_FORMATS = ("json", "md", "csv", "xlsx")
# Options that run without a window, so without Qt's system libraries.
WINDOWLESS = ("--export", "--install-desktop", "--uninstall-desktop")
# Qt's platforms that draw on an X server; any other (offscreen, wayland, eglfs, …) is Qt's to judge.
X_PLATFORMS = ("", "xcb")
X_SOCKETS = "/tmp/.X11-unix/X"
WINDOWLESS_HINT = "不开窗口也可导出：python3 main.py --export outline|tables|checks 报告"
# Debian packages Qt needs to draw a window (xcb) or to run offscreen; present on most desktops.
QT_SYSTEM_PACKAGES = (
    "libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1", "libdbus-1-3",
    "libglib2.0-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-shape0",
    "libxcb-xinerama0", "libxcb-randr0", "libxcb-render-util0", "libxcb-image0",
)  # fmt: skip


def ensure_system_packages(packages: tuple[str, ...]) -> None:
    """Install the Debian packages that are missing, when we may (root with apt-get).

    Asked once per environment: when all are there, a stamp in `.venv` spares later starts the
    dpkg query at every start.
    """
    stamp = VENV / f".system-packages-{_digest(' '.join(packages).encode())}"
    if stamp.exists() or not Path("/usr/bin/dpkg-query").exists():
        return
    import subprocess

    query = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Status}\\n", *packages],
        capture_output=True,
        text=True,
    )
    installed = {line.split()[0] for line in query.stdout.splitlines() if line.endswith(" installed")}
    missing = [name for name in packages if name not in installed]
    if not missing:
        if VENV.is_dir():
            stamp.touch()
        return
    if os.geteuid() != 0:
        print(f"年报阅读器: 缺少系统软件包 {' '.join(missing)}，请用 apt-get 安装", file=sys.stderr)
        return
    print(f"年报阅读器: 正在安装系统软件包 {' '.join(missing)} …", file=sys.stderr)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=False, env=env)


def ensure_environment(extras: str = "") -> None:
    """Re-run this process inside the project's `.venv`, creating and filling it when needed."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve() and _installed(extras):
        return
    import subprocess
    import venv

    if not python.exists():
        print("年报阅读器: 首次运行，正在创建 .venv …", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    if not _installed(extras):
        print("年报阅读器: 正在安装依赖 …", file=sys.stderr)
        target = f"{ROOT}[{extras}]" if extras else str(ROOT)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", target], check=True)
        for old in VENV.glob(f".installed-{extras or 'base'}-*"):
            old.unlink()
        _stamp(extras).touch()
    os.execv(python, [str(python), *sys.argv])


def _installed(extras: str) -> bool:
    """Whether `.venv` holds what this pyproject.toml asks for (the test extras include the base)."""
    stamp = _stamp(extras)
    return stamp.exists() or (not extras and any(VENV.glob(f".installed-*-{stamp.name.rsplit('-', 1)[1]}")))


def _stamp(extras: str) -> Path:
    return VENV / f".installed-{extras or 'base'}-{_digest((ROOT / 'pyproject.toml').read_bytes())}"


def _digest(data: bytes) -> str:
    # A checksum names a stamp well enough; hashlib would load OpenSSL at every start.
    return f"{zlib.crc32(data):08x}"


def version() -> str:
    """The installed project's version (pyproject.toml's), or "未知" when it is not installed."""
    from importlib import metadata

    try:
        return metadata.version("nianbao-reader")
    except metadata.PackageNotFoundError:
        return "未知"


class _ShowVersion(argparse.Action):
    """--version: the installed version, looked up only when asked (the lookup would slow every start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help="显示版本号并退出"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"年报阅读器 {version()}")
        parser.exit()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="main.py", description="年报阅读器")
    parser.add_argument("--version", action=_ShowVersion)
    parser.add_argument("reports", nargs="*", metavar="REPORT", help="报告文件，可多个（默认：随附的三明市报告）")
    parser.add_argument("--export", choices=EXPORTS, help="导出（默认 JSON 到标准输出），不打开窗口")
    parser.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        help="导出格式：提纲 json|md|csv，表格 json|csv|xlsx，核对结果 json|csv|xlsx（默认按 -o 的扩展名，否则 json）",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="导出到文件而不是标准输出")
    desktop = parser.add_mutually_exclusive_group()
    desktop.add_argument("--install-desktop", action="store_true", help="为当前用户安装菜单项和图标")
    desktop.add_argument("--uninstall-desktop", action="store_true", help="删除菜单项和图标")
    args = parser.parse_args(argv)
    if (args.format or args.output) and not args.export:
        parser.error("--format 和 -o 只能与 --export 一起使用")
    if args.export and len(args.reports) > 1:
        parser.error("--export 一次只导出一份报告")
    return args


def export(args: argparse.Namespace) -> int:
    """`--export`: 0, or 2 with one line on stderr, also when standard output is closed or cannot be written."""
    if args.output is None and sys.stdout is None:
        print("错误：标准输出已关闭，无法导出；请用 -o 指定文件", file=sys.stderr)
        return 2
    from models.export.writing import run_export

    try:
        code = run_export(args.export, args.reports[0] if args.reports else None, args.format, args.output)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, not at exit, where a full disk would be a traceback instead of a sentence
        return code
    except OSError as error:
        # Point the dead stream at /dev/null, so that the flush at exit does not fail a second time.
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        reason = {errno.ENOSPC: "磁盘已满", errno.EPIPE: "接收输出的程序已退出"}.get(error.errno or 0, "写入出错")
        print(f"错误：无法写入标准输出（{reason}）", file=sys.stderr)
        return 2


def no_display() -> str | None:
    """Why the window cannot show here, in words for the user, or None when it may. Asked before Qt loads: Qt
    aborts (SIGABRT, a core dump) when its X platform finds no display to open."""
    if sys.platform in ("win32", "darwin"):
        return None
    # "wayland;xcb" tries the first, "vnc:size=800x600" gives options: the first platform's name decides.
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    wayland = platform == "" and bool(os.environ.get("WAYLAND_DISPLAY"))
    if platform not in X_PLATFORMS or wayland:
        return None
    display = os.environ.get("DISPLAY", "")
    if not display:
        return "没有图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY）"
    host, colon, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not colon or host not in ("", "unix") or not number.isdigit():
        return None  # a display over the network (or a path): Qt tries it
    return None if _x_server_listens(number) else f"无法连接图形显示 {display}"


def _x_server_listens(number: str) -> bool:
    """Whether a local X server listens as display `number`: its socket's file is there (the usual case, asked
    without connecting), or, on Linux, something answers at that name in the abstract namespace."""
    path = X_SOCKETS + number
    if os.path.exists(path):
        return True
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        try:
            probe.connect("\0" + path)
        except OSError:
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    reports = sys.argv[1:] if argv is None else argv
    # Reports alone (or nothing) need no parsing: argparse loads locale and looks its words up.
    if any(arg.startswith("-") for arg in reports):
        args = parse_args(reports)
        if args.install_desktop or args.uninstall_desktop:
            import desktop_entry

            return desktop_entry.install() if args.install_desktop else desktop_entry.uninstall()
        if args.export:
            return export(args)
        reports = args.reports
    reason = no_display()
    if reason is not None:
        print(f"年报阅读器: {reason}，无法打开窗口；{WINDOWLESS_HINT}", file=sys.stderr)
        return 2
    from models.load import memory, service

    memory.pause_for_start()  # gui.window.app.run_app says when the start is done
    from gui.common.resources import BUNDLED_REPORT, RESOURCES

    # The first report is read (and checked) by a child process while this one loads Qt and builds the window.
    service.prefetch(reports[0] if reports else RESOURCES / BUNDLED_REPORT)
    from gui.window.app import run_app

    return run_app(reports or None)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        import multiprocessing

        # The window parses big reports in a child process; a frozen bundle must let that child start.
        multiprocessing.freeze_support()
    if not any(option in sys.argv for option in WINDOWLESS):
        ensure_system_packages(QT_SYSTEM_PACKAGES)
    ensure_environment()
    sys.exit(main())
