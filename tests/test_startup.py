"""Start-up: PySide6's import hook no longer reads every module, and PySide6's features still work.

Each check runs in its own interpreter: a module that selects `snake_case` changes how Qt's names are
looked up, which must not leak into the test process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT


def run(code: str, tmp_path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        env={"PYTHONPATH": f"{ROOT}:{tmp_path}", "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_modules_imported_after_the_window_are_not_read(tmp_path):
    """pandas and pyqtgraph load with no module's source opened by PySide6's hook."""
    out = run(
        """
        import builtins, sys
        import gui.window.app
        opened = []
        real_open = builtins.open
        builtins.open = lambda file, *a, **k: (opened.append(str(file)), real_open(file, *a, **k))[1]
        import inspect
        inspect.getsource = lambda module: opened.append(module.__file__) or ""
        import pandas, pyqtgraph
        builtins.open = real_open
        print(sum(str(path).endswith(".py") and "site-packages" in str(path) for path in opened))
        """,
        tmp_path,
    )
    assert out.split()[-1] == "0"


def test_a_module_that_selects_snake_case_still_gets_it(tmp_path):
    """The feature is PySide6's to give: a module asking for snake_case has it, the window's modules do not."""
    (tmp_path / "snaky.py").write_text(
        "from __feature__ import snake_case  # noqa\n"
        "from PySide6.QtCore import QObject\n"
        "def name():\n"
        "    thing = QObject()\n"
        "    thing.set_object_name('蛇')\n"
        "    return thing.object_name()\n",
        encoding="utf-8",
    )
    out = run(
        """
        import gui.window.app
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        import snaky
        print(snaky.name())
        from gui.common.message_bar import MessageBar
        bar = MessageBar()
        bar.setObjectName("窗口")
        print(bar.objectName())
        """,
        tmp_path,
    )
    assert out.split() == ["蛇", "窗口"]


def test_the_import_hook_is_spared_only_on_the_pyside6_releases_it_was_checked_on(tmp_path):
    """The private hook is replaced on the installed PySide6 (pinned in pyproject.toml) and left alone on a
    release outside FEATURE_SCAN_VERSIONS, whose hook may differ."""
    out = run(
        """
        import sys
        import PySide6.QtCore
        from gui.common import first_frame
        feature = sys.modules["shibokensupport.feature"]
        original = feature._mod_uses_pyside
        print(first_frame.spare_feature_scan((6, 99)), feature._mod_uses_pyside is original)
        print(first_frame.spare_feature_scan(), feature._mod_uses_pyside is original)
        """,
        tmp_path,
    )
    assert out.split() == ["False", "True", "True", "False"]


def test_the_first_frame_is_painted_before_pythons_qt_namespace_is_built(tmp_path):
    """main.py paints the report (text and tree filled) without having built the `Qt` namespace's 95 enums,
    nor parsed a command line that names no options (argparse loads locale and looks up its translations: 5 ms),
    nor imported dataclasses (which compile each class's methods at import: the report's records took 7-10 ms),
    nor handed Python an event as a plain QEvent (PySide6 then sets up all 44 event classes to find its type),
    nor made the menus' actions (6-10 ms), though the menus' titles are in the bar from the first frame.

    The probe watches the text view's first paint as the bench does: it wraps QTextEdit.paintEvent when
    the window's own imports load PySide6.QtWidgets.
    """
    out = run(
        f"""
        import importlib.util, os, runpy, sys
        class Watch:
            def find_spec(self, name, path=None, target=None):
                if name != "PySide6.QtWidgets":
                    return None
                sys.meta_path.remove(self)
                spec = importlib.util.find_spec(name)
                load = spec.loader.exec_module
                def exec_module(widgets):
                    load(widgets)
                    original = widgets.QTextEdit.paintEvent
                    def paintEvent(view, event):
                        original(view, event)
                        core = sys.modules["PySide6.QtCore"]
                        tree = view.window().view.outline.tree
                        menus = [action.text() for action in view.window().menuBar().actions()]
                        unneeded = [name for name in ("locale", "dataclasses") if name in sys.modules]
                        unneeded += [name for name in ("QGestureEvent",) if name in vars(widgets)]
                        print("Qt" in vars(core), ",".join(unneeded) or "-", view.document().characterCount(),
                              tree.model().rowCount(), ",".join(menus), view.window().commands_made)
                        sys.stdout.flush()
                        os._exit(0)
                    widgets.QTextEdit.paintEvent = paintEvent
                spec.loader.exec_module = exec_module
                return spec
        sys.meta_path.insert(0, Watch())
        sys.argv = [{str(ROOT / "main.py")!r}]
        runpy.run_path(sys.argv[0], run_name="__main__")
        """,
        tmp_path,
    )
    built, unneeded, characters, top_sections, menus, commands_made = out.split()
    assert built == "False" and unneeded == "-"
    assert int(characters) > 20_000 and int(top_sections) == 6  # 一、 to 六、 of the Sanming report
    # The menus' titles are there (the bar has its height), their actions come after the frame.
    assert menus == "文件(&F),编辑(&E),视图(&V),帮助(&H)" and commands_made == "False"


def test_qt_values_named_as_ints_are_qts():
    """The ints the first frame's modules use for Qt's roles and alignments are Qt's own values."""
    from PySide6.QtCore import Qt

    from gui.common import first_frame

    role, align = Qt.ItemDataRole, Qt.AlignmentFlag
    qts = {
        "DISPLAY_ROLE": role.DisplayRole, "TOOLTIP_ROLE": role.ToolTipRole, "FONT_ROLE": role.FontRole,
        "FOREGROUND_ROLE": role.ForegroundRole, "USER_ROLE": role.UserRole,
        "ALIGN_RIGHT": align.AlignRight, "ALIGN_HCENTER": align.AlignHCenter,
    }  # fmt: skip
    assert {name: getattr(first_frame, name) for name in qts} == {name: value.value for name, value in qts.items()}


def test_the_cycle_collector_is_off_while_the_window_starts_and_back_once_it_is_up(tmp_path):
    """main.py starts the window with Python's cycle collector off, and turns it on (start-up objects frozen)."""
    out = run(
        f"""
        import gc, sys
        sys.path.insert(0, {str(ROOT)!r})
        import main, gui.window.app
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        gui.window.app.COLLECTOR_DELAY_MILLISECONDS = 200
        seen = []
        show = gui.window.app.MainWindow.show
        def watched_show(window):
            seen.append(gc.isenabled())
            show(window)
            def later():
                seen.extend([gc.isenabled(), gc.get_freeze_count() > 0])
                QApplication.instance().quit()
            QTimer.singleShot(600, later)
        gui.window.app.MainWindow.show = watched_show
        main.main([])
        print(seen)
        """,
        tmp_path,
    )
    assert out.split("\n")[-2] == "[False, True, True]"


def test_the_collector_comes_back_only_when_the_start_and_every_report_received_are_done(tmp_path):
    """A report received while the window starts does not turn collection on early, nor the start's end
    while a report is still coming; a window started without main.py's pause is left collecting."""
    out = run(
        """
        import gc
        from models.load import memory
        seen = []
        memory.start_done()  # no pause for the start was made: nothing to end
        seen.append(gc.isenabled())
        memory.pause_for_start()
        memory.pause()  # a report being received
        memory.resume()
        seen.append(gc.isenabled())
        memory.pause()
        memory.start_done()
        seen.append(gc.isenabled())
        memory.resume()
        seen.append(gc.isenabled())
        seen.append(gc.get_freeze_count() > 0)
        memory.start_done()
        seen.append(gc.isenabled())
        print(seen)
        """,
        tmp_path,
    )
    assert out.strip() == "[True, False, False, True, True, True]"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")
def test_big_blocks_stay_mapped_after_big_ones_were_freed(tmp_path):
    """Freeing a 30 MB block makes glibc keep later blocks up to 30 MB in its heap, where growing one copies
    it; after `map_big_blocks` a 4 MB block is still mapped on its own (as glibc's mallinfo2 counts)."""
    script = """
        import ctypes
        from models.load import memory

        class MallInfo2(ctypes.Structure):
            _fields_ = [(name, ctypes.c_size_t) for name in
                        ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                         "fordblks", "keepcost")]

        libc = ctypes.CDLL(None)
        libc.malloc.restype = ctypes.c_void_p
        libc.free.argtypes = [ctypes.c_void_p]
        libc.mallinfo2.restype = MallInfo2
        if MAP:
            memory.map_big_blocks()
        libc.free(libc.malloc(30_000_000))
        before = libc.mallinfo2().hblkhd
        block = libc.malloc(4_000_000)
        print(libc.mallinfo2().hblkhd - before >= 4_000_000)
        """
    assert run(script.replace("MAP", "True"), tmp_path).strip() == "True"
    assert run(script.replace("MAP", "False"), tmp_path).strip() == "False"
