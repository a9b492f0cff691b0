"""The bounds the reader puts on what a file may ask of it, each with its reason, in one place.

A report is a few hundred kB of text with figures of a few digits; a file far outside that is a
mistake or an attack, and is refused or read as text rather than allowed to take the machine.
"""

from __future__ import annotations

# A figure longer than this is text, not a number. No count in a report comes near 10^15, a float
# holds every integer up to it exactly, and Python refuses to convert strings of over 4300 digits.
FIGURE_DIGITS = 15

# A Word file is a zip. A real one unpacks to a few MB; a zip bomb declares (or hides) gigabytes.
DOCX_MEMBER_BYTES = 32 * 2**20  # one part unpacked (document.xml of the longest report is far below)
DOCX_TOTAL_BYTES = 128 * 2**20  # all parts together, pictures included
DOCX_MEMBERS = 5000  # parts in the package; a report has dozens, a few hundred with many pictures
# Deflate packs repetitive XML well but not this well; only parts big enough to matter are held to it.
DOCX_RATIO = 100
DOCX_RATIO_FROM_BYTES = 2**20

# Ways to cut one run of digits into its columns that are worth narrowing. Past this many the body text
# and the sub-rows cannot single one out anyway, so the run is kept as written rather than enumerated
# (a long run has millions of ways).
RUN_SPLITS = 10_000
# Appendix tables whose runs are narrowed by what the body text says of their rows. A report has one such table
# (a few have two); each asks about the figures of all the text before it, so a text of thousands of them would
# have the text read over for every one, in time growing with their product. Past this many, a table's runs are
# narrowed by its own rows only (their numbering, sub-rows adding up).
RUN_TABLES_HEARD = 10

# Findings of one rule that are listed, and headings one finding of repaired numbering points at. A report has a
# handful of findings; a text of a million headings that all repeat one number would have a million, which no
# reader goes through, held in more memory than the report itself. Past this many, the rest of a rule are
# counted in one more finding that points at the first of them.
FINDINGS = 1_000

# How far back from a figure the checks read its clause (the words that say what it counts), when no comma or
# stop comes first. The longest clause in the reports read is under 90 characters; a text that lost its
# punctuation would give every figure all the text before it, and reading that for each took time growing
# with the square of the text.
CLAUSE_CHARS = 200
# Figures a list of parts is read over, after its marker (`其中`), and before it for its total. The longest list
# in the reports read has 11; a sentence without end holding thousands of figures would have every marker in it
# read over all the figures after it, in time growing with their square.
LIST_FIGURES = 30

# A table rebuilt from HTML or Word markup. The national template's largest table has a few hundred cells
# and a report's widest table a few dozen columns; a span or a size far past that is read as text (its rows
# still shown, tab-separated) rather than laid out, so a `colspan` of a billion cannot ask for a grid of a
# billion positions, and the checks, which compare a table's columns with each other, stay quick.
TABLE_CELLS = 100_000  # grid positions a table covers (the layout holds each, so memory is bounded)
TABLE_COLUMNS = 1_000  # HTML itself caps a colspan at 1,000; no report table comes near it
# A cell cannot span past the table: a rowspan ends at its last row, and a colspan at the widest row's
# count of cells plus this many (a header cell may span columns the rows under it split further).
SPAN_MARGIN = 16

# Tags nested in a web page. A real page nests a few dozen deep, while libxml2 stops reading at 2,048 levels
# (dropping the rest of the page) and the reader walks the tree one call a level. Tags nested deeper than this
# are left out before the page is parsed, their text kept (a block's start and end become line breaks).
HTML_DEPTH = 100

# A PDF. A report runs to tens of pages; a file of more is not one, and reading each page's layout takes
# a noticeable part of a second, so hundreds more would keep the reader busy for minutes.
PDF_PAGES = 500
# Bytes of the streams the reader inflates (pages' contents, fonts, object streams), counted as they
# are inflated, before pdfminer inflates them whole: a report's come to a few MB, a few whole CJK fonts
# to tens of MB, while a flate bomb of a few hundred kB unpacks to gigabytes.
PDF_STREAM_BYTES = 128 * 2**20
# Crossings of a page's ruling lines (distinct horizontal times distinct vertical): finding the cells they
# make takes time growing faster than their count (100 × 100 lines, 3.5 s). A page of the template's
# largest table has a few hundred; past these, on a page or in the whole file, the lines are not read.
PDF_PAGE_CROSSINGS = 5_000
PDF_CROSSINGS = 50_000


def is_figure(digits: str) -> bool:
    """Whether a string of digits (with at most a sign and a decimal point) is short enough to be a number.

    The digits after the point count too: 400 digits are text whatever side of a point they stand, and as a
    float a long one would lose its digits or become infinite (which JSON cannot hold).
    """
    return len(digits) - (digits[:1] in ("-", "+")) - ("." in digits) <= FIGURE_DIGITS
