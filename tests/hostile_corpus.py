"""The hostile corpus: files made to break a reader, written into a folder at test time (none is committed).

    .venv/bin/python tests/hostile_corpus.py FOLDER     writes every file into FOLDER and lists them

Families: zip bombs (a gigabyte's document.xml packed to a megabyte, as .docx and renamed .txt; a lying size;
a ratio past the limit), broken Word packages (a corrupt deflate stream, the "encrypted" flag, an unknown
compression method), spans (`w:gridSpan` of 2×10⁹, 10⁶ on 200 rows; HTML rowspan and colspan of 10⁶), a table
of 17,000 columns, 100,000 nested tags, list numbering from 10¹⁵ in Roman and from −20 in Chinese numerals,
numbers too long to be figures (5,000 digits in body text, a text, web or Word cell; a 400-digit decimal; a
40 kB run of digits in a table row), a row name with control characters, text of pathological shape (a
million lines of 一、, one line of 20 MB, four million （), truncated UTF-8 and UTF-16, an empty file, a PNG
renamed, and PDFs (a reference loop, a flate bomb, a form drawing itself, too many pages, too many ruling
lines). Each file is made in at most about a second; the whole corpus takes about 45 MB of disk.

Every entry says what the reader must do with it: refuse it (exit 2) with words its message holds, or open it
(exit 0).
"""

from __future__ import annotations

import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

if __name__ == "__main__":  # run as a script: the project's packages are beside this folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from models.core import limits
from tests import hostile_binary as binary

REPORTS = Path(__file__).resolve().parent / "reports"
WORD = REPORTS / "word"
HUGE = "9" * 5000
# A decimal of 400 digits: as a float it is inf, which JSON cannot hold.
DECIMAL = "9" * 310 + "." + "9" * 90
DIGIT_RUN = "1" * 40_000
CONTROL_NAME = "主动\x01公开\x07文\x1b[31m件\x7f数\x0b"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
OPENS, REFUSED = 0, 2


@dataclass(frozen=True)
class Hostile:
    """One file of the corpus: its name on disk, how it is made, and what the reader must do with it."""

    id: str
    filename: str
    make: Callable[[], bytes]
    exit: int  # OPENS or REFUSED
    words: str = ""  # what a refusal's message holds


@cache
def gigabyte_bomb() -> bytes:
    """A Word package whose document.xml unpacks to 1 GiB (made once, written twice)."""
    return binary.bomb(2**30)


def _text(name: str, old: str, new: str, count: int = 1) -> Callable[[], bytes]:
    """A report fixture of tests/reports/word with `old` replaced by `new` (`count` times)."""

    def make() -> bytes:
        text = (WORD / name).read_text("utf-8")
        assert old in text, (name, old)
        return text.replace(old, new, count).encode("utf-8")

    return make


def _word(name: str, old: str, new: str) -> Callable[[], bytes]:
    """A Word report of tests/reports/word whose document.xml has `old` replaced by `new` once."""

    def make() -> bytes:
        source = zipfile.ZipFile(WORD / name)
        out = BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == "word/document.xml":
                    assert old.encode() in data, (name, old)
                    data = data.replace(old.encode(), new.encode(), 1)
                target.writestr(info, data)
        return out.getvalue()

    return make


def html_spans(span: int, rows: int) -> bytes:
    cells = f'<td rowspan="{span}" colspan="{span}">12</td>' * 3
    body = "".join(f"<tr><td>第{r}行</td>{cells}</tr>" for r in range(rows))
    return f"<p>一、总体情况</p><table>{body}</table>".encode()


def html_wide(columns: int) -> bytes:
    head = "".join(f"<td>列{c}</td>" for c in range(columns))
    data = "".join(f"<td>{c}</td>" for c in range(columns))
    return f"<p>一、总体情况</p><table><tr><td>指标</td>{head}</tr><tr><td>主动公开</td>{data}</tr></table>".encode()


def html_nested(depth: int) -> bytes:
    """A page whose report stands inside `depth` nested <div>s."""
    text = "<p>一、总体情况</p><p>全年主动公开政府信息1200条。</p><p>二、其他</p>"
    return f"<html><body>{'<div>' * depth}{text}{'</div>' * depth}</body></html>".encode()


def huge_text() -> bytes:
    return f"一、总体情况\n全年主动公开政府信息{HUGE}条，其中网站公开{HUGE}条。\n二、其他\n".encode()


def huge_run_table() -> bytes:
    return f"附表\n指标名称计量单位2017年历年累计\n主动公开文件数条{HUGE}\n".encode()


def huge_html_cell() -> bytes:
    return (
        f"<p>一、总体情况</p><table><tr><td>指标</td><td>2017年</td></tr>"
        f"<tr><td>主动公开</td><td>{HUGE}</td></tr></table>".encode()
    )


def huge_docx_cell() -> bytes:
    return binary.docx(["一、总体情况"], [["指标", "2017年", "累计"], ["主动公开文件数", HUGE, "12"]])


def _cut(name: str, encoding: str) -> Callable[[], bytes]:
    def make() -> bytes:
        data = (WORD / name).read_text("utf-8").rstrip().encode(encoding)
        return data[:-1]

    return make


SANMING, PINGTAN = "sanming-2017-word", "pingtan-2023-word"
# The Sanming appendix's first row, its name and first figure, and two cells of the national template (a count
# and an amount).
APPENDIX_ROW, ROW_NAME, FIGURE = "主动公开文件数\t条\t34073\t364686", "主动公开文件数", "34073"
PERMITS, FEES = "2629", "5949.088667"

CORPUS: list[Hostile] = [
    # Zip: bombs, and packages a zip library would choke on.
    Hostile("word-bomb-1gib", "bomb.docx", gigabyte_bomb, REFUSED, "压缩炸弹"),
    Hostile("word-bomb-1gib-as-txt", "bomb.txt", gigabyte_bomb, REFUSED, "压缩炸弹"),
    Hostile("word-bomb-lying-size", "lying.docx", binary.lying_bomb, REFUSED, "Word"),
    Hostile("word-bomb-ratio", "ratio.docx", lambda: binary.bomb(limits.DOCX_MEMBER_BYTES // 2), REFUSED, "压缩比"),
    Hostile("word-broken-deflate", "broken.docx", binary.broken_deflate, REFUSED, "Word"),
    Hostile("word-encrypted-flag", "locked.docx", binary.encrypted, REFUSED, "密码"),
    Hostile("word-unknown-method", "method.docx", binary.unknown_method, REFUSED, "压缩方式"),
    # Word: spans, numbering, figures too long to be figures.
    Hostile("word-gridspan-2e9", "span.docx", lambda: binary.docx_spans(2 * 10**9, 3), OPENS),
    Hostile("word-gridspan-1e6-200-rows", "spans.docx", lambda: binary.docx_spans(10**6, 200), OPENS),
    Hostile("word-numbering-1e15-roman", "roman.docx", lambda: binary.numbered(10**15, "upperRoman"), OPENS),
    Hostile("word-numbering-negative-chinese", "minus.docx", lambda: binary.numbered(-20, "chineseCounting"), OPENS),
    Hostile("word-5000-digit-cell", "huge.docx", huge_docx_cell, OPENS),
    Hostile("word-template-5000-digit-count", "count.docx", _word(f"{PINGTAN}.docx", PERMITS, HUGE), OPENS),
    Hostile("word-template-400-digit-decimal", "decimal.docx", _word(f"{PINGTAN}.docx", FEES, DECIMAL), OPENS),
    # Web pages.
    Hostile("html-span-1e6", "span.html", lambda: html_spans(10**6, 1000), OPENS),
    Hostile("html-17000-columns", "wide.html", lambda: html_wide(17_000), OPENS),
    Hostile("html-100000-nested-divs", "nested.html", lambda: html_nested(100_000), OPENS),
    Hostile("html-5000-digit-cell", "huge.html", huge_html_cell, OPENS),
    Hostile("html-template-400-digit-decimal", "decimal.html", _text(f"{PINGTAN}.html", FEES, DECIMAL), OPENS),
    Hostile("html-template-40kb-digit-run", "run.html", _text(f"{PINGTAN}.html", PERMITS, DIGIT_RUN), OPENS),
    Hostile(
        "html-control-characters-row-name", "control.html", _text(f"{SANMING}.html", ROW_NAME, CONTROL_NAME), OPENS
    ),
    # Text: long numbers.
    Hostile("text-5000-digit-body", "huge.txt", huge_text, OPENS),
    Hostile("text-5000-digit-run-table", "runs.txt", huge_run_table, OPENS),
    Hostile("text-appendix-5000-digit-cell", "cell.txt", _text(f"{SANMING}.txt", FIGURE, HUGE), OPENS),
    Hostile("text-appendix-400-digit-decimal", "cell-decimal.txt", _text(f"{SANMING}.txt", FIGURE, DECIMAL), OPENS),
    Hostile("text-template-5000-digit-count", "count.txt", _text(f"{PINGTAN}.txt", PERMITS, HUGE), OPENS),
    Hostile("text-template-400-digit-decimal", "decimal.txt", _text(f"{PINGTAN}.txt", FEES, DECIMAL), OPENS),
    Hostile(
        "text-appendix-40kb-digit-run",
        "appendix-run.txt",
        _text(f"{SANMING}.txt", APPENDIX_ROW, "主动公开文件数条" + DIGIT_RUN),
        OPENS,
    ),
    Hostile("text-template-40kb-digit-run", "template-run.txt", _text(f"{PINGTAN}.txt", PERMITS, DIGIT_RUN), OPENS),
    Hostile("text-control-characters-row-name", "control.txt", _text(f"{SANMING}.txt", ROW_NAME, CONTROL_NAME), OPENS),
    # Text: pathological shapes and encodings.
    Hostile("text-million-headings", "headings.txt", lambda: "一、\n".encode() * 1_000_000, OPENS),
    # One line of 20 MB rather than 50: the same shape (not one line break), while 50 MB takes 7 s to read and
    # check on an idle core, three times that on a busy one, past an export's 20 s.
    Hostile("text-20mb-line", "line.txt", lambda: "一、总体情况".encode() + "公开".encode() * (20 * 2**20 // 6), OPENS),
    # Four million （ rather than ten, the same shape: ten million take the checks 13 s and 830 MB.
    Hostile("text-four-million-parens", "parens.txt", lambda: "（".encode() * 4_000_000, OPENS),
    Hostile("text-truncated-utf8", "cut-utf8.txt", _cut(f"{SANMING}.txt", "utf-8"), OPENS),
    Hostile("text-truncated-utf16", "cut-utf16.txt", _cut(f"{SANMING}.txt", "utf-16"), OPENS),
    Hostile("empty", "empty.txt", lambda: b"", REFUSED, "空"),
    Hostile("png-as-txt", "image.txt", lambda: PNG, REFUSED, "不是文本"),
    Hostile("png-as-html", "image.html", lambda: PNG, REFUSED, "不是文本"),
    # PDF.
    Hostile("pdf-reference-loop", "loop.pdf", binary.pdf_loop, REFUSED, "死循环"),
    Hostile("pdf-self-reference", "self.pdf", binary.pdf_self_loop, REFUSED, "死循环"),
    Hostile("pdf-form-drawing-itself", "form.pdf", binary.pdf_form_drawing_itself, REFUSED, "没有可提取的文字"),
    Hostile("pdf-flate-bomb", "bomb.pdf", binary.pdf_flate_bomb, REFUSED, "压缩炸弹"),
    Hostile("pdf-too-many-pages", "pages.pdf", lambda: binary.pdf_pages(limits.PDF_PAGES + 1), REFUSED, "页数太多"),
    Hostile("pdf-dense-ruling", "grid.pdf", lambda: binary.pdf_dense_grid(400), OPENS),
]


def write_corpus(folder: Path) -> dict[str, Path]:
    """Every file of the corpus written into `folder` (one subfolder each, so names may repeat): id -> path."""
    paths = {}
    for hostile in CORPUS:
        path = folder / hostile.id / hostile.filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(hostile.make())
        paths[hostile.id] = path
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    for key, written in write_corpus(Path(sys.argv[1])).items():
        print(f"{written.stat().st_size:>12,}  {key}  {written}")
