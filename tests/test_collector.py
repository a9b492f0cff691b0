"""Python's cycle collector during a parse: paused, and afterwards as it was (models.load.memory)."""

from __future__ import annotations

import gc
import sys

import pytest

from models import parse_report
from models.load import memory
from tests.conftest import SANMING


@pytest.fixture
def collections():
    """The collections that run while the test does, each as (generation, whether the parsers were at work:
    models.load.reader's `_parse` on the stack; the one that may come as `parse_report` turns collection back
    on is not inside it)."""
    seen: list[tuple[int, bool]] = []

    def on_collection(phase: str, info: dict) -> None:
        if phase == "start":
            frame, parsing = sys._getframe(), False
            while frame is not None and not parsing:
                parsing, frame = frame.f_code.co_name == "_parse", frame.f_back
            seen.append((info["generation"], parsing))

    gc.enable()
    gc.callbacks.append(on_collection)
    yield seen
    gc.callbacks.remove(on_collection)
    gc.enable()


def test_a_parse_runs_no_collection(collections):
    """Sanming's body ten times over makes far more objects than the collector's first threshold; the
    objects made meanwhile are looked at once collection is back on."""
    parse_report(SANMING.read_bytes() * 10)
    assert gc.isenabled()
    gc.collect(0)
    assert collections and not any(parsing for _, parsing in collections)


def test_a_parse_inside_another_pause_leaves_collection_off(collections):
    """The window pauses collection while it receives a big report; a small report parsed meanwhile (on
    the window's thread) must not turn it back on before the window's pause is over."""
    memory.pause()
    parse_report(SANMING.read_bytes())
    assert not gc.isenabled()
    memory.resume(freeze=False)
    assert gc.isenabled()


def test_a_parse_leaves_collection_off_when_it_was_off(collections):
    gc.disable()
    parse_report(SANMING.read_bytes())
    assert not gc.isenabled()


def test_a_pause_that_begins_during_a_parse_outlasts_it(collections, monkeypatch):
    """The window's thread begins receiving a big report (its pause) while a small one is parsed on another:
    the parse's end must not turn collection back on under the receiving."""
    import models.load.reader

    extract = models.load.reader.extract

    def extract_while_a_pause_begins(*args):
        memory.pause()
        return extract(*args)

    monkeypatch.setattr(models.load.reader, "extract", extract_while_a_pause_begins)
    parse_report(SANMING.read_bytes())
    assert not gc.isenabled()
    memory.resume(freeze=False)
    assert gc.isenabled()


def test_a_parse_freezes_nothing(collections):
    """What a parse made may be dropped by its caller: it stays where collections can free it."""
    before = gc.get_freeze_count()
    parse_report(SANMING.read_bytes())
    assert gc.get_freeze_count() == before
