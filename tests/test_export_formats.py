"""`--export … --format md|csv|xlsx -o FILE`: each file is opened again and compared with the JSON export."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from main import main

ROOT = Path(__file__).resolve().parent.parent
SANMING = ROOT / "resources" / "reports" / "sanming-2017.txt"
# A report on the national template: three tables with grouped columns, and findings.
PINGTAN = ROOT / "tests" / "reports" / "pingtan-2020.txt"


def export(kind: str, report: Path, tmp_path: Path, fmt: str | None = None, name: str = "") -> Path:
    """Run `main.py --export` in this process into a file under tmp_path; returns the file."""
    output = tmp_path / (name or f"{kind}.{fmt}")
    argv = ["--export", kind, "-o", str(output), str(report)]
    assert main([*argv, "--format", fmt] if fmt else argv) == 0
    return output


def json_export(kind: str, report: Path, capsysbinary) -> dict:
    assert main(["--export", kind, str(report)]) == 0
    return json.loads(capsysbinary.readouterr().out)


def walk(sections: list[dict], depth: int = 0):
    for section in sections:
        yield depth, section
        yield from walk(section["children"], depth + 1)


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a CSV file starts with a BOM so that Excel reads it as UTF-8"
    return list(csv.reader(data.decode("utf-8-sig").splitlines()))


def number(text: str) -> float | None:
    return float(text) if text else None


def test_outline_markdown_holds_every_heading_at_its_depth(tmp_path, capsysbinary):
    """The Markdown outline has the title, `##` top sections and nested list items in report order."""
    path = export("outline", SANMING, tmp_path, "md")
    data = json_export("outline", SANMING, capsysbinary)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# 三明市2017年政府信息公开工作年度报告"
    assert "发布日期：2018-01-16 11:14" in lines
    read_back = []
    for line in lines:
        if line.startswith("## "):
            read_back.append((0, line[3:]))
        elif item := re.match(r"( *)- (.*)", line):
            read_back.append((len(item[1]) // 2 + 1, item[2]))
    unescaped = [(depth, re.sub(r"\\(.)", r"\1", text)) for depth, text in read_back]
    expected = [(depth, section["marker"] + section["title"]) for depth, section in walk(data["sections"])]
    assert unescaped == expected
    assert (0, "一、概述") in unescaped
    assert (2, "1.加强预期引导") in unescaped


def test_outline_markdown_on_stdout_is_the_file(tmp_path, capsysbinary):
    """Without -o, `--format md` prints what the file would hold."""
    path = export("outline", SANMING, tmp_path, "md")
    assert main(["--export", "outline", "--format", "md", str(SANMING)]) == 0
    assert capsysbinary.readouterr().out == path.read_bytes()


def test_outline_csv_has_one_line_per_section(tmp_path, capsysbinary):
    """The outline CSV lists every section depth first with level, numbering, title and line."""
    rows = read_csv(export("outline", SANMING, tmp_path, "csv"))
    data = json_export("outline", SANMING, capsysbinary)
    assert rows[0] == ["层级", "编号", "标题", "行号", "已修复"]
    expected = [
        [str(s["level"]), s["marker"], s["title"], str(s["line"]), "是" if s["repaired"] else ""]
        for _, s in walk(data["sections"])
    ]
    assert rows[1:] == expected
    assert rows[1] == ["1", "一、", "概述", "8", ""]


def test_tables_csv_has_every_figure_of_every_table(tmp_path, capsysbinary):
    """The long tables CSV gives each table row's figure in each column, as the JSON export has it."""
    rows = read_csv(export("tables", PINGTAN, tmp_path, "csv"))
    data = json_export("tables", PINGTAN, capsysbinary)
    assert rows[0] == ["表格", "指标", "上级", "单位", "列", "数值", "行号", "备注"]
    read_back = {(r[0], r[1], r[4]): (number(r[5]), int(r[6])) for r in rows[1:]}
    expected = {
        (table["title"], row["name"], column): (row["values"][column], row["line"])
        for table in data["tables"]
        for row in table["rows"]
        for column in table["columns"]
        if column in row["values"]
    }
    assert read_back == expected
    assert len(rows) - 1 == len(expected), "no figure twice"
    assert {r[0] for r in rows[1:]} == {table["title"] for table in data["tables"]}


def test_sanming_appendix_in_csv(tmp_path):
    """The Sanming appendix's first figures, as printed in the report, come out of the CSV."""
    rows = read_csv(export("tables", SANMING, tmp_path, "csv"))
    assert rows[1][:6] == ["附表", "主动公开文件数", "", "", "2017", "34073"]
    assert rows[2][:6] == ["附表", "主动公开文件数", "", "", "历年累计", "364686"]


def test_tables_excel_has_a_sheet_per_table(tmp_path, capsysbinary):
    """The workbook has one sheet per table, named after it, its columns holding the figures as numbers."""
    path = export("tables", PINGTAN, tmp_path, "xlsx")
    data = json_export("tables", PINGTAN, capsysbinary)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == [table["title"][:31] for table in data["tables"]]
    for sheet, table in zip(workbook.worksheets, data["tables"], strict=True):
        header, *rows = sheet.iter_rows(values_only=True)
        assert list(header) == ["指标", "上级", "单位", *table["columns"], "行号", "备注"]
        assert len(rows) == len(table["rows"])
        for cells, row in zip(rows, table["rows"], strict=True):
            assert cells[0] == row["name"]
            assert cells[1] == row["parent"]
            values = dict(zip(table["columns"], cells[3 : 3 + len(table["columns"])], strict=True))
            assert values == {column: row["values"].get(column) for column in table["columns"]}
            assert cells[-2] == row["line"]


def test_sanming_excel_read_with_pandas(tmp_path):
    """pandas reads the Sanming appendix sheet back with the report's numbers."""
    frame = pd.read_excel(export("tables", SANMING, tmp_path, "xlsx"), sheet_name="附表")
    first = frame.iloc[0]
    assert (first["指标"], first["2017"], first["历年累计"]) == ("主动公开文件数", 34073, 364686)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_findings_as_csv_and_excel(tmp_path, capsysbinary, fmt):
    """Each finding comes out as rule, severity, message, numbers and lines, in the JSON export's order."""
    path = export("checks", PINGTAN, tmp_path, fmt)
    findings = json_export("checks", PINGTAN, capsysbinary)["findings"]
    assert findings, "the Pingtan 2020 report has findings"
    if fmt == "csv":
        rows = read_csv(path)
    else:
        sheet = openpyxl.load_workbook(path).active
        rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["规则", "级别", "说明", "数字", "行号"]
    expected = [
        [f["rule"], f["severity"], f["message"], "、".join(map(str, f["numbers"])), "、".join(map(str, f["lines"]))]
        for f in findings
    ]
    assert rows[1:] == expected


@pytest.mark.parametrize(("kind", "name", "first"), [("outline", "提纲.md", b"# "), ("tables", "表格.xlsx", b"PK")])
def test_format_follows_the_output_suffix(tmp_path, kind, name, first):
    """Without --format, `-o 提纲.md` writes Markdown and `-o 表格.xlsx` an Excel workbook."""
    assert export(kind, SANMING, tmp_path, name=name).read_bytes().startswith(first)


def test_json_to_a_file_is_the_json_on_stdout(tmp_path, capsysbinary):
    """`--format json -o FILE` writes exactly what `--export` alone prints."""
    path = export("tables", SANMING, tmp_path, "json")
    assert main(["--export", "tables", str(SANMING)]) == 0
    assert path.read_bytes() == capsysbinary.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--export", "tables", "--format", "md"], "不能导出为 Markdown"),
        (["--export", "outline", "--format", "xlsx", "-o", "{tmp}/o.xlsx"], "不能导出为 Excel"),
        (["--export", "tables", "--format", "xlsx"], "-o"),
        (["--export", "tables", "--format", "csv", "-o", "{tmp}/no/such/folder/t.csv"], "无法写入"),
        (["--export", "tables", "--format", "csv", "-o", "{tmp}/t.csv", "{tmp}/missing.txt"], "找不到文件"),
    ],
)
def test_bad_export_gives_one_line_and_exit_2(tmp_path, args, message):
    """A format the export lacks, Excel to a terminal, an unwritable file or a missing report: one line, exit 2."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    argv = [arg.format(tmp=tmp_path) for arg in args]
    result = subprocess.run([sys.executable, "main.py", *argv], cwd=ROOT, capture_output=True, env=env, timeout=60)
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert result.stdout == b""
    assert not (tmp_path / "t.csv").exists()


def test_version_is_the_projects(capsys):
    """`main.py --version` prints the version pyproject.toml gives."""
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"年报阅读器 {version}"
