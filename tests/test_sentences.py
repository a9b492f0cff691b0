"""Sentence ends, bracket depths and excluded spans answer by bisection exactly what reading the text
character by character answers: the figure scanner sees the same sentences on any length of text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from models.checks.sentences import CLOSE, OPEN, SENTENCE_END, Sentences
from models.core.spans import Spans

# Text made mostly of the characters that matter, so sentences and brackets are short and many.
texts = st.text(alphabet=st.sampled_from(list(SENTENCE_END + OPEN + CLOSE + "公开12，")), max_size=60)


def read_depths(text: str, start: int, end: int) -> list[int]:
    """The depth at each offset of text[start:end], read one character at a time."""
    depths, depth = [], 0
    for char in text[start:end]:
        if char in OPEN:
            depth += 1
        depths.append(depth)
        if char in CLOSE and depth > 0:
            depth -= 1
        if char in SENTENCE_END:
            depth = 0
    return depths


def read_sentence_start(text: str, start: int, position: int) -> int:
    while position > start and text[position - 1] not in SENTENCE_END:
        position -= 1
    return position


def read_sentence_end(text: str, end: int, position: int) -> int:
    while position < end and text[position] not in SENTENCE_END:
        position += 1
    return position


@given(texts, st.integers(0, 5), st.integers(0, 5))
def test_sentences_agree_with_reading_character_by_character(text, trim_start, trim_end):
    """Every offset's bracket depth, sentence start and sentence end are those of a plain reading."""
    start, end = min(trim_start, len(text)), max(min(trim_start, len(text)), len(text) - trim_end)
    sentences = Sentences(text, start, end)
    depths = read_depths(text, start, end)
    for position in range(start, end + 1):
        expected_depth = depths[position - start] if position < end else 0
        assert sentences.depth_at(position) == expected_depth
        assert sentences.sentence_start(position) == read_sentence_start(text, start, position)
        assert sentences.sentence_end(position) == read_sentence_end(text, end, position)


@given(texts, st.integers(0, 5), st.integers(0, 5))
def test_the_bracket_that_closes_a_depth_is_the_one_a_plain_reading_finds(text, trim_start, trim_end):
    """Wherever brackets are open, the first closing bracket as deep as one of them, read one character at a
    time, is the one `closing` finds (a sentence end coming first aside: a list ends at the one or the other)."""
    start, end = min(trim_start, len(text)), max(min(trim_start, len(text)), len(text) - trim_end)
    sentences = Sentences(text, start, end)
    depths = read_depths(text, start, end)
    for position in range(start, end):
        for depth in range(1, depths[position - start] + 1):
            stop = read_sentence_end(text, end, position)
            found = next((p for p in range(position, stop) if text[p] in CLOSE and depths[p - start] == depth), None)
            closing = sentences.closing(position, depth)
            assert found == (closing if closing is not None and closing < stop else None)


def test_a_bracket_left_open_ends_with_its_sentence():
    """`（一）公开（不全。下一句` : the bracket never closed does not reach into the next sentence."""
    text = "（一）公开（不全。下一句"
    sentences = Sentences(text, 0, len(text))
    assert sentences.depth_at(0) == 1 and sentences.depth_at(3) == 0
    assert sentences.depth_at(text.index("不")) == 1
    assert sentences.depth_at(text.index("下")) == 0


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=8), st.integers(-2, 60))
def test_spans_hold_exactly_the_offsets_of_some_span(pairs, position):
    """Overlapping, touching, nested and empty spans: an offset is inside when one of them holds it."""
    spans = [(start, start + length) for start, length in pairs]
    assert (position in Spans(spans)) == any(start <= position < end for start, end in spans)
