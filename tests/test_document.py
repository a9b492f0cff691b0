"""The report's records: compared by value, copied with changes, sent between processes whole."""

from __future__ import annotations

import pickle
import weakref

import pytest

from models import parse_report
from models.core.document import Row, Section
from tests.conftest import SANMING


def section(**changes) -> Section:
    return Section(level=1, ordinal=4, marker="四、", title="存在的问题", line=9, start=120, title_end=129).replace(
        **changes
    )


def test_records_compare_by_value_and_are_not_hashable():
    assert section() == section()
    assert section() != section(title="别的")
    assert section(children=[section(level=2)]) != section(children=[section(level=3)])
    assert section() != Row("a", None, None, {}, 1, 0, 1)
    with pytest.raises(TypeError):
        hash(section())


def test_defaults_are_fresh_for_each_record():
    first, second = section(), section()
    first.children.append(section(level=2))
    assert second.children == []
    row = Row("主动公开", None, "条", {"2017": 3}, 1, 0, 10)
    assert row.inferred == {} and row.raw == {} and row.inferred is not Row("b", None, None, {}, 1, 0, 1).inferred


def test_replace_copies_with_changes_and_refuses_unknown_fields():
    original = section()
    copy = original.replace(title="新的")
    assert copy.title == "新的" and original.title == "存在的问题" and copy.marker == original.marker
    with pytest.raises(TypeError, match="colour"):
        original.replace(colour="red")


def test_repr_names_the_fields():
    assert repr(section()).startswith("Section(") and "title='存在的问题'" in repr(section())


def test_a_parsed_report_survives_pickling_whole():
    """The early read and the loader send reports between processes pickled."""
    report = parse_report(SANMING.read_bytes(), SANMING.name)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert [s.heading for s in again.walk()] == [s.heading for s in report.walk()]
    assert again.tables[0].rows[0] == report.tables[0].rows[0]
    weakref.ref(again.sections[0])  # sections can be watched without being kept
