"""The one way the program writes a file the reader names: whole or not at all, and never through a link.

Every export, the PDF and the chart images go through here. The new content goes to a temporary file next
to the target, which is renamed over the target only once it is complete, so a full disk or a failed write
leaves the old file as it was and no temporary behind. A target that is a symbolic link, a folder, a pipe or
a device is refused before anything is opened: writing through a link would change a file the reader did
not name, and opening a pipe with no reader would wait for ever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


class UnsafeTarget(OSError):
    """A target that must not be written; `strerror` says why in one Chinese sentence."""

    def __str__(self) -> str:
        return str(self.strerror)


def refusal(path: str | Path) -> str | None:
    """Why `path` must not be written (one Chinese sentence), or None when it is new or a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return None  # the write itself will say what is wrong (no permission, a missing folder)
    if stat.S_ISLNK(mode):
        return f"{path} 是符号链接，不会写入（以免改写它指向的文件），请换一个文件名"
    if stat.S_ISDIR(mode):
        return f"{path} 是文件夹，请换一个文件名"
    if not stat.S_ISREG(mode):
        return f"{path} 不是普通文件（如管道或设备），不会写入，请换一个文件名"
    return None


def write_bytes(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` whole; raises UnsafeTarget or OSError, leaving any old file untouched."""
    target = Path(path)
    _refuse(target)
    temp, handle = _create_temp(target)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        _finish(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def replacing(path: str | Path) -> Iterator[Path]:
    """A temporary path next to `path` for a writer that opens files itself (Qt's PDF, image and SVG writers).

    What was written there replaces `path` when the block ends; if the block raises, the temporary is
    removed and `path` is untouched. Raises UnsafeTarget before the block for a target `refusal` names.
    """
    target = Path(path)
    _refuse(target)
    temp, handle = _create_temp(target)
    os.close(handle)
    try:
        yield temp
        _finish(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _refuse(target: Path) -> None:
    if (reason := refusal(target)) is not None:
        raise UnsafeTarget(0, reason, str(target))


def _create_temp(target: Path) -> tuple[Path, int]:
    """A new file in the target's folder, opened for writing; a dot name so a file manager hides it."""
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
        try:
            # 0o666 less the umask, as a file the reader makes with any other program.
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"无法在 {target.parent} 中建立临时文件")


def _finish(temp: Path, target: Path) -> None:
    # A file written over keeps its permissions, as it would had it been written in place.
    with suppress(FileNotFoundError):
        os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
    os.replace(temp, target)
